import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { teamIdsOf } from '../org/index.ts';
import { FINAL_STATUSES } from './tickets.lifecycle.ts';
import { type ActorFacts, canSee, canWork, type TicketFacts } from './tickets.policy.ts';
import { tickets, ticketWatchers } from './tickets.tables.ts';

export type TicketRow = typeof tickets.$inferSelect;

export interface Loaded {
  ticket: TicketRow;
  facts: TicketFacts;
  me: ActorFacts;
}

/** `123` or a ticket number such as `INC-2026-000123`. */
export function idOrNumberCondition(idOrNumber: string) {
  return /^\d+$/.test(idOrNumber) ? eq(tickets.id, Number(idOrNumber)) : eq(tickets.number, idOrNumber);
}

/** Timeline kinds that mean the actor worked the ticket (not merely replied to it). */
const WORK_KINDS = ['assigned', 'status_changed', 'escalated', 'internal_note', 'checklist_changed', 'time_logged'];

async function facts(tx: Tx, actor: Actor, ticket: TicketRow): Promise<Loaded> {
  const watcher = await tx
    .select({ one: sql`1` })
    .from(ticketWatchers)
    .where(and(eq(ticketWatchers.ticketId, ticket.id), eq(ticketWatchers.userId, actor.userId)));
  const { rows: worked } = await tx.execute(sql`SELECT 1 FROM ticket_events
    WHERE ticket_id = ${ticket.id} AND actor_id = ${actor.userId} AND kind IN ${WORK_KINDS} LIMIT 1`);
  return {
    ticket,
    facts: { ...ticket, watcher: watcher.length > 0 },
    me: { teamIds: await teamIdsOf(tx, actor.userId), worked: ticket.assigneeId === actor.userId || worked.length > 0 },
  };
}

/** Loads a ticket the actor may see, or answers 404 (never 403: its existence stays hidden). */
export async function loadVisible(tx: Tx, actor: Actor, idOrNumber: string): Promise<Loaded> {
  const [ticket] = await tx.select().from(tickets).where(idOrNumberCondition(idOrNumber));
  if (!ticket) throw notFound();
  const loaded = await facts(tx, actor, ticket);
  if (!canSee(actor, loaded.facts, loaded.me)) throw notFound();
  return loaded;
}

/**
 * Loads a ticket for a change: locks the row, hides it (404) from those who
 * may not see it, refuses a closed ticket (409 TICKET_LOCKED) and a stale
 * version (409 VERSION_CONFLICT).
 */
export async function loadForChange(tx: Tx, actor: Actor, id: number, version?: number): Promise<Loaded> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
  if (!ticket) throw notFound();
  const loaded = await facts(tx, actor, ticket);
  if (!canSee(actor, loaded.facts, loaded.me)) throw notFound();
  if (ticket.locked || FINAL_STATUSES.includes(ticket.status)) throw new AppError(409, 'TICKET_LOCKED');
  if (version !== undefined && version !== ticket.version) throw versionConflict();
  return loaded;
}

export function assertWorker(actor: Actor, loaded: Loaded): void {
  if (!canWork(actor, loaded.facts, loaded.me)) throw forbidden();
}

/** Fields whose change other modules follow (reports count by them, assignment reacts to a new team). */
const ANNOUNCED: readonly (keyof TicketRow)[] = [
  'status',
  'teamId',
  'assigneeId',
  'priority',
  'categoryId',
  'type',
  'channel',
  'resolvedAt',
  'cancelledAt',
];

/**
 * Bumps the version and updated_at along with `changes`. Every update of a
 * ticket goes through here, so `ticket.updated` names what may have changed
 * whichever use case changed it.
 */
export async function saveTicket(ctx: AppContext, tx: Tx, id: number, changes: Partial<TicketRow>): Promise<TicketRow> {
  const [row] = await tx
    .update(tickets)
    .set({ ...changes, updatedAt: ctx.clock.now(), version: sql`${tickets.version} + 1` })
    .where(eq(tickets.id, id))
    .returning();
  if (!row) throw notFound();
  const changed = ANNOUNCED.filter((key) => key in changes);
  if (changed.length) await ctx.events.emit(tx, 'ticket.updated', { ticketId: id, changed, version: row.version });
  return row;
}
