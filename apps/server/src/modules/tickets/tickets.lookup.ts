import { type AnyColumn, and, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { Tx } from '../../platform/db/client.ts';
import { loadVisible } from './tickets.access.ts';
import { OPEN_STATUSES } from './tickets.lifecycle.ts';
import { allowedActions, canWork, visibleTickets } from './tickets.policy.ts';
import { businessServices, ticketCategories, tickets } from './tickets.tables.ts';
import { recordEvent } from './tickets.timeline.ts';

// What other modules may read of a ticket, and how they add to its timeline.

export async function findTicketFacts(tx: Tx, id: number) {
  const [row] = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      type: tickets.type,
      priority: tickets.priority,
      categoryId: tickets.categoryId,
      serviceId: tickets.serviceId,
      companyId: tickets.companyId,
      unitId: tickets.unitId,
      unitPath: tickets.unitPath,
      teamId: tickets.teamId,
      assigneeId: tickets.assigneeId,
      requesterId: tickets.requesterId,
      status: tickets.status,
      hierarchicalLevel: tickets.hierarchicalLevel,
      escalationLevel: tickets.escalationLevel,
      updatedAt: tickets.updatedAt,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .where(eq(tickets.id, id));
  return row ?? null;
}

/** A system entry on a ticket's timeline (SLA warnings and breaches are visible to the service desk only). */
export const recordSystemEvent = (tx: Tx, ticketId: number, kind: 'sla_warning' | 'sla_breached', data: Record<string, unknown>) =>
  recordEvent(tx, ticketId, null, kind, data, false);

/** What the actor may do with a ticket now (`allowedActions` of its presenter); none when they may not see it. */
export async function ticketActionsFor(tx: Tx, actor: Actor, ticketId: number): Promise<string[]> {
  try {
    const loaded = await loadVisible(tx, actor, String(ticketId));
    return allowedActions(actor, loaded.facts, loaded.me);
  } catch {
    return [];
  }
}

/** Another module's note on a ticket's timeline, for the service desk (a problem linked or resolved with it). */
export const recordLinkedEvent = (
  tx: Tx,
  ticketId: number,
  actorId: number,
  kind: 'problem_linked' | 'problem_unlinked' | 'problem_resolved',
  data: Record<string, unknown>,
) => recordEvent(tx, ticketId, actorId, kind, data, false);

/** Is there an active ticket category or business service with this id (for records that classify like tickets)? */
export async function referenceExists(tx: Tx, kind: 'category' | 'service', id: number): Promise<boolean> {
  const table = kind === 'category' ? ticketCategories : businessServices;
  const rows = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.active, true)));
  return rows.length > 0;
}

/** May the actor work this ticket (record fulfilment details, resolve it)? */
export async function canWorkTicket(tx: Tx, actor: Actor, ticketId: number): Promise<boolean> {
  try {
    const loaded = await loadVisible(tx, actor, String(ticketId));
    return canWork(actor, loaded.facts, loaded.me);
  } catch {
    return false;
  }
}

/** The ids of the tickets the actor may see, as a subquery for other modules' list conditions. */
export const visibleTicketIds = (actor: Actor) => sql`SELECT ${tickets.id} FROM ${tickets} WHERE ${visibleTickets(actor)}`;

/**
 * The places whose tickets the actor may count in reports, as a condition over
 * a read model's placement columns: the place part of `visibleTickets`, for the
 * grants that carry `report:read`. Aggregates have no requester or watcher, so
 * only places count.
 */
export const countableTickets = (actor: Actor, cols: { companyId: AnyColumn | SQL; unitPath: AnyColumn | SQL }) =>
  scopeCondition(actor, 'report:read', cols);

/** Open tickets per person among `userIds` (automatic assignment balances on this). */
export async function openTicketCounts(tx: Tx, userIds: number[]): Promise<Map<number, number>> {
  if (!userIds.length) return new Map();
  const rows = await tx
    .select({ userId: tickets.assigneeId, n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(sql`${inArray(tickets.assigneeId, userIds)} AND ${inArray(tickets.status, [...OPEN_STATUSES])}`)
    .groupBy(tickets.assigneeId);
  return new Map(rows.map((r) => [Number(r.userId), Number(r.n)]));
}

/** A ticket the actor may see, by id or number (for links from other records), or null. */
export async function findVisibleTicket(tx: Tx, actor: Actor, ref: string) {
  const [row] = await tx
    .select({ id: tickets.id, number: tickets.number, title: tickets.title, type: tickets.type, status: tickets.status })
    .from(tickets)
    .where(and(/^\d+$/.test(ref) ? eq(tickets.id, Number(ref)) : eq(tickets.number, ref), visibleTickets(actor)));
  return row ?? null;
}

/**
 * Incidents of a company raised on any of these business services within [from, to), newest first: what a
 * change on those services may have caused (the change module shows their number and title to its participants).
 */
export async function findIncidentsOnServices(tx: Tx, where: { companyId: number; serviceIds: number[]; from: Date; to: Date }) {
  const { companyId, serviceIds, from, to } = where;
  if (!serviceIds.length) return [];
  return tx
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      status: tickets.status,
      serviceId: tickets.serviceId,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.type, 'incident'),
        inArray(tickets.serviceId, serviceIds),
        gte(tickets.createdAt, from),
        lt(tickets.createdAt, to),
        eq(tickets.companyId, companyId),
      ),
    )
    .orderBy(desc(tickets.createdAt))
    .limit(50);
}

/** The active business services among these ids (other modules name services by id). */
export async function findActiveServiceIds(tx: Tx, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: businessServices.id })
    .from(businessServices)
    .where(and(inArray(businessServices.id, ids), eq(businessServices.active, true)));
  return rows.map((r) => r.id);
}

export { OPEN_STATUSES } from './tickets.lifecycle.ts';
export { statusLabels } from './tickets.queries.ts';
