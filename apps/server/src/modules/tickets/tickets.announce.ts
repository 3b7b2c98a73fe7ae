import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';

interface Handler {
  teamId: number | null;
  assigneeId: number | null;
}

/**
 * Announces a change of who handles a ticket: the new assignee is told it is
 * theirs, and the requester that the person or team in charge changed
 * (SOP 002 §4.k) — whoever moved it, a person or a rule.
 */
export async function announceHandover(
  ctx: AppContext,
  tx: Tx,
  before: Handler,
  after: Handler & { id: number; version: number },
  actorId: number | null,
) {
  if (after.assigneeId !== null && after.assigneeId !== before.assigneeId) {
    await ctx.events.emit(tx, 'ticket.assigned', { ticketId: after.id, assigneeId: after.assigneeId, actorId, version: after.version });
  }
  if (after.teamId !== before.teamId || after.assigneeId !== before.assigneeId) {
    await ctx.events.emit(tx, 'ticket.handler_changed', { ticketId: after.id, actorId, version: after.version });
  }
}
