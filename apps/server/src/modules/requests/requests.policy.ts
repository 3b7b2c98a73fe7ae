import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { Tx } from '../../platform/db/client.ts';
import { approverSees } from '../approvals/index.ts';
import { visibleTicketIds } from '../tickets/index.ts';
import { serviceRequests } from './requests.tables.ts';

type Request = typeof serviceRequests.$inferSelect;

/**
 * Who sees a request: its requester; those who read tickets or charges of the
 * requesting division, and charges of the providing one; the approvers of its
 * steps; and whoever sees its fulfilment ticket (the provider team, its
 * watchers). Lists and single reads share it.
 */
export function visibleRequests(actor: Actor): SQL {
  const at = { companyId: serviceRequests.companyId, unitPath: serviceRequests.unitPath };
  return sql`(${serviceRequests.requesterId} = ${actor.userId}
    OR ${scopeCondition(actor, 'ticket:read', at)}
    OR ${scopeCondition(actor, 'charge:read', at)}
    OR EXISTS (SELECT 1 FROM units pu WHERE pu.id = ${serviceRequests.providerUnitId}
      AND ${scopeCondition(actor, 'charge:read', { companyId: sql`pu.company_id`, unitPath: sql`pu.path` })})
    OR ${approverSees(actor, serviceRequests.id)}
    OR ${serviceRequests.ticketId} IN (${visibleTicketIds(actor)}))`;
}

export async function canSeeRequest(tx: Tx, actor: Actor, r: Pick<Request, 'id' | 'requesterId'>): Promise<boolean> {
  if (r.requesterId === actor.userId) return true;
  const [row] = await tx
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.id, r.id), visibleRequests(actor)));
  return row !== undefined;
}
