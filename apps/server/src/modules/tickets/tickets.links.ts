import { and, eq, or } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { loadForChange, loadVisible, saveTicket } from './tickets.access.ts';
import { allowedActions } from './tickets.policy.ts';
import { ticketLinks, tickets } from './tickets.tables.ts';
import { recordEvent } from './tickets.timeline.ts';

/**
 * Links two tickets: related, duplicate-of, parent/child. A ticket marked as
 * a duplicate tells its requester (publicly) which ticket is the original.
 */
export async function linkTickets(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { other: string; kind: 'related' | 'duplicate_of' | 'parent_of' | 'child_of' },
) {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, id);
    if (!allowedActions(actor, loaded.facts, loaded.me).includes('link')) throw forbidden();
    const other = await loadVisible(tx, actor, input.other);
    if (other.ticket.id === id) throw new AppError(400, 'LINK_INVALID');
    // child_of is stored as the other ticket's parent_of, so each pair has one row.
    const [from, to, kind] = input.kind === 'child_of' ? [other.ticket.id, id, 'parent_of' as const] : [id, other.ticket.id, input.kind];
    const existing = await tx
      .select({ id: ticketLinks.id })
      .from(ticketLinks)
      .where(
        or(
          and(eq(ticketLinks.ticketId, from), eq(ticketLinks.otherId, to)),
          and(eq(ticketLinks.ticketId, to), eq(ticketLinks.otherId, from)),
        ),
      );
    if (existing.length) throw new AppError(409, 'LINK_INVALID');
    await tx.insert(ticketLinks).values({ ticketId: from, otherId: to, kind, createdBy: actor.userId });
    await recordEvent(
      tx,
      id,
      actor.userId,
      'linked',
      { kind: input.kind, otherId: other.ticket.id, otherNumber: other.ticket.number },
      input.kind === 'duplicate_of',
    );
    await recordEvent(
      tx,
      other.ticket.id,
      actor.userId,
      'linked',
      { kind: `inverse_${input.kind}`, otherId: id, otherNumber: loaded.ticket.number },
      false,
    );
    return saveTicket(ctx, tx, id, {});
  });
}

/** Removes a link between two tickets, seen from either side; both timelines record it. */
export async function unlinkTickets(ctx: AppContext, actor: Actor, id: number, linkId: number) {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, id);
    if (!allowedActions(actor, loaded.facts, loaded.me).includes('link')) throw forbidden();
    const [link] = await tx
      .delete(ticketLinks)
      .where(and(eq(ticketLinks.id, linkId), or(eq(ticketLinks.ticketId, id), eq(ticketLinks.otherId, id))))
      .returning();
    if (!link) throw notFound();
    const otherId = link.ticketId === id ? link.otherId : link.ticketId;
    const [other] = await tx.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, otherId));
    await recordEvent(tx, id, actor.userId, 'unlinked', { kind: link.kind, otherId, otherNumber: other?.number ?? null }, false);
    await recordEvent(tx, otherId, actor.userId, 'unlinked', { kind: link.kind, otherId: id, otherNumber: loaded.ticket.number }, false);
    return saveTicket(ctx, tx, id, {});
  });
}
