import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { periodOf } from '../../platform/time/zoned.ts';
import { unitsWith } from '../org/index.ts';

/**
 * The divisions (top-level units) the billing screens offer the caller: `paying` where they read the division's
 * invoices in full (its charge readers and Approvers), `providing` where they read what it earns (its
 * receivables and the dashboard), each with this month in its company's calendar. The web offers exactly these.
 */
export async function listBillingDivisions(tx: Tx, actor: Actor, now: Date) {
  const [paying, providing] = await Promise.all([
    unitsWith(tx, actor, ['charge:read', 'request:approve']),
    unitsWith(tx, actor, ['charge:read']),
  ]);
  const reads = new Set(providing.map((u) => u.id));
  const items = paying
    .filter((u) => u.parentId === null)
    .map((u) => ({
      id: u.id,
      name: u.name,
      companyId: u.companyId,
      providing: reads.has(u.id),
      currentPeriod: periodOf(now, u.timeZone),
    }));
  return { items };
}
