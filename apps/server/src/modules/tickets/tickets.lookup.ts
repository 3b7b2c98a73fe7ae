import { type AnyColumn, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { Tx } from '../../platform/db/client.ts';
import { loadVisible } from './tickets.access.ts';
import { OPEN_STATUSES } from './tickets.lifecycle.ts';
import { canWork, visibleTickets } from './tickets.policy.ts';
import { tickets } from './tickets.tables.ts';
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

export { OPEN_STATUSES } from './tickets.lifecycle.ts';
export { statusLabels } from './tickets.queries.ts';
