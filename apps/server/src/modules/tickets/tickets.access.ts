import { eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { preparedName } from '../../platform/db/prepared.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { teamIdsColumn } from '../org/index.ts';
import { FINAL_STATUSES } from './tickets.lifecycle.ts';
import { type ActorFacts, canSee, canWork, type TicketFacts } from './tickets.policy.ts';
import { tickets, ticketWatchers } from './tickets.tables.ts';

export type TicketRow = typeof tickets.$inferSelect;

export interface Loaded {
  ticket: TicketRow;
  facts: TicketFacts;
  me: ActorFacts;
}

/**
 * The ticket as a facts statement reads it. Subqueries that show it (names, timeline) may
 * read `tickets` again under its own name without being confused with this row.
 */
export const ticketRow = alias(tickets, 'ticket');
/** Its id inside those subqueries, spelled out: drizzle leaves columns unqualified in a one-table select. */
export const ticketRowId = sql.raw('"ticket"."id"');

/** `123` or a ticket number such as `INC-2026-000123`. */
export function idOrNumberCondition(idOrNumber: string, table: typeof tickets | typeof ticketRow = tickets) {
  return /^\d+$/.test(idOrNumber) ? eq(table.id, Number(idOrNumber)) : eq(table.number, idOrNumber);
}

/** Timeline kinds that mean the actor worked the ticket (not merely replied to it). */
const WORK_KINDS = ['assigned', 'status_changed', 'escalated', 'internal_note', 'checklist_changed', 'time_logged'];

/** What the policy needs beyond the row (watcher? worked? which teams?), as columns of the statement reading the row. */
const factColumns = (actor: Actor) => ({
  watcher: sql<boolean>`EXISTS (SELECT 1 FROM ${ticketWatchers} w WHERE w.ticket_id = ${ticketRowId} AND w.user_id = ${actor.userId})`,
  worked: sql<boolean>`EXISTS (SELECT 1 FROM ticket_events e
    WHERE e.ticket_id = ${ticketRowId} AND e.actor_id = ${actor.userId} AND e.kind IN ${WORK_KINDS})`,
  teamIds: teamIdsColumn(actor.userId),
});

/**
 * Reads a ticket with everything the policy needs and the caller's `extra`
 * columns (which refer to the ticket as `ticketRow`) in ONE statement, so a
 * page costs one round trip. Null when there is no such ticket; visibility is
 * the caller's to check (the policy stays in `tickets.policy.ts`).
 */
export async function readTicket<X extends Record<string, SQL>>(
  tx: Tx,
  actor: Actor,
  where: SQL | undefined,
  extra: X,
  lock = false,
): Promise<(Loaded & { extra: { [K in keyof X]: X[K] extends SQL<infer T> ? T : unknown } }) | null> {
  const query = tx
    .select({ ticket: ticketRow, ...factColumns(actor), extra: extra as Record<string, SQL> })
    .from(ticketRow)
    .where(where);
  // The lock takes the newest version of the row (version and status are current); the facts beside it are
  // read in the same statement, as they stood when it began.
  // Named prepared statements: the page's statement is planned once per connection (see platform/db/prepared.ts).
  const [row] = await (lock ? query.for('update', { of: ticketRow }) : query).prepare(preparedName(tx)).execute();
  if (!row) return null;
  const { ticket, watcher, worked, teamIds } = row;
  return {
    ticket,
    facts: { ...ticket, watcher },
    me: { teamIds, worked: ticket.assigneeId === actor.userId || worked },
    extra: row.extra as never,
  };
}

/** Reads a ticket the actor may see with `extra` columns, or answers 404 (never 403: its existence stays hidden). */
export async function readVisible<X extends Record<string, SQL>>(tx: Tx, actor: Actor, idOrNumber: string, extra: X) {
  const loaded = await readTicket(tx, actor, idOrNumberCondition(idOrNumber, ticketRow), extra);
  if (!loaded || !canSee(actor, loaded.facts, loaded.me)) throw notFound();
  return loaded;
}

/** Loads a ticket the actor may see, or answers 404 (never 403: its existence stays hidden). */
export async function loadVisible(tx: Tx, actor: Actor, idOrNumber: string): Promise<Loaded> {
  const { extra: _, ...loaded } = await readVisible(tx, actor, idOrNumber, {});
  return loaded;
}

/**
 * Loads a ticket for a change: locks the row, hides it (404) from those who
 * may not see it, refuses a closed ticket (409 TICKET_LOCKED) and a stale
 * version (409 VERSION_CONFLICT).
 */
export async function loadForChange(tx: Tx, actor: Actor, id: number, version?: number): Promise<Loaded> {
  const read = await readTicket(tx, actor, eq(ticketRow.id, id), {}, true);
  if (!read || !canSee(actor, read.facts, read.me)) throw notFound();
  const { extra: _, ...loaded } = read;
  const { ticket } = loaded;
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
