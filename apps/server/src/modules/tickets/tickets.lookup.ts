import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { loadVisible } from './tickets.access.ts';
import { canWork, visibleTickets } from './tickets.policy.ts';
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
