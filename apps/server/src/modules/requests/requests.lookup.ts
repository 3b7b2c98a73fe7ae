import type { Locale } from '@ish/shared';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { findItemVersion } from '../catalog/index.ts';
import { visibleRequests } from './requests.policy.ts';
import { serviceRequests } from './requests.tables.ts';

// Read-only lookups other modules (notifications) use instead of reading request tables themselves.

/** Where people act on requests in the web app. */
export const REQUEST_PATHS = {
  approvals: '/catalog/approvals',
  request: (number: string) => `/catalog/requests/${number}`,
};

/** A request's facts for messages: number, the item's name in the reader's language, requester, status. */
export async function findRequestFacts(tx: Tx, requestId: number, locale: Locale) {
  const [r] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, requestId));
  if (!r) return null;
  const version = await findItemVersion(tx, r.versionId);
  const itemName = (locale === 'en' ? version?.nameEn : version?.nameId) ?? '';
  return { number: r.number, itemName, requesterId: r.requesterId, status: r.status, estimate: r.estimate };
}

/** A service request the actor may see, by id or number (for links from other records), or null. */
export async function findVisibleRequest(tx: Tx, actor: Actor, ref: string) {
  const [row] = await tx
    .select({ id: serviceRequests.id, number: serviceRequests.number, status: serviceRequests.status })
    .from(serviceRequests)
    .where(and(/^\d+$/.test(ref) ? eq(serviceRequests.id, Number(ref)) : eq(serviceRequests.number, ref), visibleRequests(actor)));
  return row ?? null;
}

/** A service request by its number, for email intake (a reply to a request's notice): where it stands and its fulfilment ticket. */
export async function findRequestByNumber(tx: Tx, number: string) {
  const [row] = await tx
    .select({
      id: serviceRequests.id,
      number: serviceRequests.number,
      companyId: serviceRequests.companyId,
      ticketId: serviceRequests.ticketId,
    })
    .from(serviceRequests)
    .where(eq(serviceRequests.number, number));
  return row ?? null;
}
