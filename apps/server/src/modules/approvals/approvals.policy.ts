import { type AnyColumn, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, can, type Placement, scopeCovers } from '../../platform/authz/actor.ts';
import { scopeSql } from '../../platform/authz/scope-sql.ts';
import { approvals } from './approvals.tables.ts';

/** What deciding a step depends on. */
export type StepFacts = Pick<typeof approvals.$inferSelect, 'requesterId' | 'companyId' | 'unitPath' | 'userIds' | 'role'>;

const placementOf = (s: StepFacts): Placement => ({ companyId: s.companyId, unitPath: s.unitPath });

/**
 * May the actor decide this step: one of its named approvers, or a holder of
 * its role over the requester's division? Never their own request: separation
 * of duties.
 */
export function mayDecide(actor: Actor, step: StepFacts): boolean {
  if (step.requesterId === actor.userId) return false;
  if (step.userIds.includes(actor.userId)) return true;
  return step.role !== null && actor.grants.some((g) => g.role === step.role && scopeCovers(g.scope, placementOf(step)));
}

/** The SQL twin of `mayDecide` over the approvals table (tested to agree on generated cases). */
export function decidableBy(actor: Actor): SQL {
  const at = { companyId: approvals.companyId, unitPath: approvals.unitPath };
  const byRole = actor.grants.map((g) => sql`(${approvals.role} = ${g.role} AND ${scopeSql(g.scope, at)})`);
  return sql`(${approvals.requesterId} <> ${actor.userId} AND ${or(sql`${actor.userId} = ANY(${approvals.userIds})`, ...byRole)})`;
}

/** Requests (by their id column) with a step the actor may decide: approvers see what they are asked to approve. */
export const approverSees = (actor: Actor, requestId: AnyColumn | SQL): SQL =>
  sql`EXISTS (SELECT 1 FROM ${approvals} WHERE ${approvals.requestId} = ${requestId} AND ${decidableBy(actor)})`;

/** Who may configure a division's chain: Administrators, or the Division Admin of that division. */
export function mayConfigureChain(actor: Actor, at: Placement): boolean {
  return can(actor, 'settings:manage') || can(actor, 'user:manage', at);
}
