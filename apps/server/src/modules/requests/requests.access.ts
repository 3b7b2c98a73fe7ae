import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, scopeCovers } from '../../platform/authz/actor.ts';
import { scopeCondition, scopeSql } from '../../platform/authz/scope-sql.ts';
import type { Tx } from '../../platform/db/client.ts';
import { visibleTicketIds } from '../tickets/tickets.lookup.ts';
import { approvals, serviceRequests } from './requests.tables.ts';

type Request = typeof serviceRequests.$inferSelect;
type Approval = typeof approvals.$inferSelect;

const placementOf = (r: Pick<Request, 'companyId' | 'unitPath'>) => ({ companyId: r.companyId, unitPath: r.unitPath });

/**
 * May the actor decide this approval step (a named approver, or the role within
 * the requesting division)? Never their own request: separation of duties.
 */
export function eligible(actor: Actor, approval: Approval, request: Request): boolean {
  if (request.requesterId === actor.userId) return false;
  if (approval.userIds.includes(actor.userId)) return true;
  return approval.role !== null && actor.grants.some((g) => g.role === approval.role && scopeCovers(g.scope, placementOf(request)));
}

/** The SQL twin of `eligible`, for the approvals joined to their requests. */
export function eligibleApprovals(actor: Actor): SQL {
  const at = { companyId: serviceRequests.companyId, unitPath: serviceRequests.unitPath };
  const byRole = actor.grants.map((g) => sql`(${approvals.role} = ${g.role} AND ${scopeSql(g.scope, at)})`);
  return sql`(${serviceRequests.requesterId} <> ${actor.userId} AND ${or(sql`${actor.userId} = ANY(${approvals.userIds})`, ...byRole)})`;
}

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
    OR EXISTS (SELECT 1 FROM ${approvals} WHERE ${approvals.requestId} = ${serviceRequests.id} AND ${eligibleApprovals(actor)})
    OR ${serviceRequests.ticketId} IN (${visibleTicketIds(actor)}))`;
}

export async function canSeeRequest(tx: Tx, actor: Actor, r: Request): Promise<boolean> {
  if (r.requesterId === actor.userId) return true;
  const [row] = await tx
    .select({ id: serviceRequests.id })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.id, r.id), visibleRequests(actor)));
  return row !== undefined;
}
