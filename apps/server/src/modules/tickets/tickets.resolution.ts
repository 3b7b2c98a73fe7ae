import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { escapeHtml } from '../../platform/security/html.ts';
import { findTeam, findUnitPlacement } from '../org/index.ts';
import { loadForChange, saveTicket, type TicketRow } from './tickets.access.ts';
import { insertTicket } from './tickets.insert.ts';
import { allowedActions } from './tickets.policy.ts';
import type { ValidationInput } from './tickets.schemas.ts';
import { ticketLinks, tickets } from './tickets.tables.ts';
import { recordEvent } from './tickets.timeline.ts';

// What happens around a solution: the lead's validation (003 §6) and the
// follow-up a temporary fix leaves behind (SOP 002 §6.f).

/** Does the team require its lead to validate solutions before the requester confirms? */
export async function teamValidatesSolutions(tx: Tx, teamId: number | null): Promise<boolean> {
  return teamId !== null && ((await findTeam(tx, teamId))?.validatesSolutions ?? false);
}

/**
 * The lead's decision on a solution waiting for validation: approved, the
 * requester is asked to confirm (and the auto-close clock starts); rejected
 * with a reason, work resumes. Either is on the timeline.
 */
export async function validateSolution(ctx: AppContext, actor: Actor, id: number, input: ValidationInput): Promise<TicketRow> {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, id, input.version);
    if (!allowedActions(actor, loaded.facts, loaded.me).includes('validate')) throw forbidden();
    if (input.approve) {
      await recordEvent(tx, id, actor.userId, 'solution_validated', {}, false);
      const saved = await saveTicket(ctx, tx, id, { awaitingValidation: false, solutionValidatedAt: ctx.clock.now() });
      await ctx.events.emit(tx, 'ticket.solution_validated', { ticketId: id, actorId: actor.userId, version: saved.version });
      return saved;
    }
    if (!input.reason?.trim()) throw new AppError(400, 'REASON_REQUIRED', {}, [{ path: 'reason', message: 'REASON_REQUIRED' }]);
    await recordEvent(tx, id, actor.userId, 'solution_rejected', { reason: input.reason, status: ['resolved', 'in_progress'] }, false);
    const saved = await saveTicket(ctx, tx, id, { status: 'in_progress', awaitingValidation: false, resolvedAt: null });
    await ctx.events.emit(tx, 'ticket.status_changed', {
      ticketId: id,
      from: 'resolved',
      to: 'in_progress',
      actorId: actor.userId,
      version: saved.version,
      validation: 'rejected',
    });
    return saved;
  });
}

/**
 * A temporary fix opens a follow-up ticket for the permanent solution, for the
 * same team and in the hands of whoever applied the fix, linked to the
 * original (follow_up); it stays in the "permanent pending" queue filter until
 * the follow-up is resolved permanently.
 */
export async function openFollowUp(ctx: AppContext, tx: Tx, actor: Actor, original: TicketRow): Promise<TicketRow> {
  const placement = await findUnitPlacement(tx, original.unitId);
  if (!placement) throw new Error('unit vanished');
  const locale = 'id';
  const followUp = await insertTicket(tx, {
    placement,
    requester: { id: actor.userId, name: actor.name, email: actor.email, phone: null },
    createdBy: actor.userId,
    teamId: original.teamId,
    input: {
      type: original.type,
      title: t(locale, 'tickets.followUp.title', { title: original.title }).slice(0, 200),
      description: `<p>${escapeHtml(t(locale, 'tickets.followUp.description', { number: original.number }))}</p><p>${escapeHtml(original.solutionSummary ?? '')}</p>`,
      categoryId: original.categoryId,
      serviceId: original.serviceId,
      urgency: original.urgency,
      impact: original.impact,
      channel: 'web',
    },
    at: ctx.clock.now(),
  });
  const saved = await saveTicket(ctx, tx, followUp.id, { assigneeId: actor.userId, status: 'assigned' });
  await tx.insert(ticketLinks).values({ ticketId: original.id, otherId: followUp.id, kind: 'follow_up', createdBy: actor.userId });
  await recordEvent(tx, original.id, actor.userId, 'follow_up_opened', { otherId: followUp.id, otherNumber: followUp.number });
  await recordEvent(
    tx,
    followUp.id,
    actor.userId,
    'linked',
    { kind: 'follow_up_of', otherId: original.id, otherNumber: original.number },
    false,
  );
  await ctx.events.emit(tx, 'ticket.created', { ticketId: followUp.id, actorId: actor.userId });
  // Numbered from the start: nothing runs between its creation and its number.
  await ctx.events.emit(tx, 'ticket.numbered', { ticketId: followUp.id });
  return saved;
}

/** A follow-up resolved permanently records the permanent solution on the ticket(s) it follows up (public: 002 §6.i). */
export async function recordPermanentSolution(tx: Tx, actorId: number, followUp: TicketRow): Promise<void> {
  const originals = await tx
    .select({ id: ticketLinks.ticketId })
    .from(ticketLinks)
    .where(and(eq(ticketLinks.otherId, followUp.id), eq(ticketLinks.kind, 'follow_up')));
  for (const { id } of originals)
    await recordEvent(tx, id, actorId, 'permanent_solution', {
      otherId: followUp.id,
      otherNumber: followUp.number,
      solutionSummary: followUp.solutionSummary,
    });
}

/** "Temporary fix, permanent pending": fixed for now, and no follow-up has been resolved permanently yet. */
export function permanentPendingCondition(): SQL {
  return sql`(${tickets.fulfilment} = 'temporary' AND ${tickets.status} IN ('resolved', 'closed') AND NOT EXISTS (
    SELECT 1 FROM ticket_links l JOIN tickets f ON f.id = l.other_id
    WHERE l.ticket_id = ${tickets.id} AND l.kind = 'follow_up' AND f.status IN ('resolved', 'closed') AND f.fulfilment = 'permanent'))`;
}
