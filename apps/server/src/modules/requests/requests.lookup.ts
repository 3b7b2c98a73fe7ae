import type { Locale } from '@ish/shared';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { usersWithRoleOver } from '../identity/identity.lookup.ts';
import { approvals, serviceRequests } from './requests.tables.ts';

// Read-only lookups other modules (notifications) use instead of reading request tables themselves.

/** Where people act on requests in the web app. */
export const REQUEST_PATHS = {
  approvals: '/catalog/approvals',
  request: (number: string) => `/catalog/requests/${number}`,
};

/** A request's facts for messages: number, the item's name in the reader's language, requester, status. */
export async function findRequestFacts(tx: Tx, requestId: number, locale: Locale) {
  const { rows } = await tx.execute<{ number: string; name: string; requester_id: number; status: string; estimate: string }>(sql`
    SELECT r.number, ${locale === 'en' ? sql`v.name_en` : sql`v.name_id`} AS name, r.requester_id, r.status, r.estimate::text
    FROM service_requests r JOIN catalog_item_versions v ON v.id = r.version_id WHERE r.id = ${requestId}`);
  const r = rows[0];
  return r
    ? { number: r.number, itemName: r.name, requesterId: Number(r.requester_id), status: r.status, estimate: BigInt(r.estimate) }
    : null;
}

/** Who may decide an approval step: its named people and the holders of its role over the requesting division. */
export async function approversOf(tx: Tx, approvalId: number): Promise<{ requestId: number; userIds: number[] } | null> {
  const [row] = await tx
    .select({ approval: approvals, request: serviceRequests })
    .from(approvals)
    .innerJoin(serviceRequests, eq(serviceRequests.id, approvals.requestId))
    .where(eq(approvals.id, approvalId));
  if (!row) return null;
  const byRole = row.approval.role
    ? await usersWithRoleOver(tx, row.approval.role, { companyId: row.request.companyId, unitPath: row.request.unitPath })
    : [];
  return { requestId: row.request.id, userIds: [...new Set([...row.approval.userIds, ...byRole])] };
}
