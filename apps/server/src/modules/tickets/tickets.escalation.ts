import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { findTeam, findVendor } from '../org/index.ts';
import { assertWorker, loadForChange, saveTicket, type TicketRow } from './tickets.access.ts';
import { announceHandover } from './tickets.announce.ts';
import { type ServiceDeskSettings, serviceDeskSettings } from './tickets.config.ts';
import { statusAfterHandOver } from './tickets.lifecycle.ts';
import type { EscalationInput } from './tickets.schemas.ts';
import { recordEvent } from './tickets.timeline.ts';

const invalid = (locale: Actor['locale'], reasonKey: string) => new AppError(400, 'ESCALATION_INVALID', { reason: t(locale, reasonKey) });

/** SOP 002 §4.h: a security ticket goes to the head of IT and the IT director as soon as it is logged. */
export async function escalateForSecurity(ctx: AppContext, tx: Tx, ticket: TicketRow, settings: ServiceDeskSettings): Promise<TicketRow> {
  const targets = [...new Set([settings.headOfItUserId, settings.directorUserId].filter((id): id is number => id !== null))];
  await recordEvent(tx, ticket.id, null, 'escalated', {
    kind: 'hierarchical',
    level: [ticket.hierarchicalLevel, 2],
    targetUserId: settings.headOfItUserId,
    targetUserIds: targets,
    reason: 'security_category',
    automatic: true,
  });
  const saved = await saveTicket(ctx, tx, ticket.id, { hierarchicalLevel: 2 });
  for (const target of targets) {
    await ctx.events.emit(tx, 'ticket.escalated', {
      ticketId: ticket.id,
      targetUserId: target,
      reason: 'code:security_category',
      actorId: null,
      version: saved.version,
    });
  }
  return saved;
}

/**
 * The escalation form (004 Figure 14): functional to an L2 team or an L3
 * vendor (with the vendor's reference), or hierarchical to the team lead, the
 * head of IT or the director. Each is a timeline entry with level, target and
 * reason, and the person it reaches is notified.
 */
export async function escalateTicket(ctx: AppContext, actor: Actor, id: number, input: EscalationInput): Promise<TicketRow> {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, id, input.version);
    assertWorker(actor, loaded);
    const { ticket } = loaded;
    const announce = async (saved: TicketRow, target: number | null) => {
      if (target)
        await ctx.events.emit(tx, 'ticket.escalated', {
          ticketId: id,
          targetUserId: target,
          reason: input.reason,
          actorId: actor.userId,
          version: saved.version,
        });
      return saved;
    };

    if (input.kind === 'functional') {
      if (input.level <= ticket.escalationLevel) throw invalid(actor.locale, 'tickets.escalation.alreadyThere');
      if (input.level === 2) {
        const team = input.teamId ? await findTeam(tx, input.teamId) : null;
        if (team?.level !== 2) throw invalid(actor.locale, 'tickets.escalation.needsLevel2Team');
        const status = statusAfterHandOver(ticket.status);
        await recordEvent(tx, id, actor.userId, 'escalated', {
          kind: 'functional',
          level: [ticket.escalationLevel, 2],
          teamId: [ticket.teamId, team.id],
          ...(status !== ticket.status ? { status: [ticket.status, status] } : {}),
          reason: input.reason,
        });
        const saved = await saveTicket(ctx, tx, id, { escalationLevel: 2, teamId: team.id, assigneeId: null, status });
        await announceHandover(ctx, tx, ticket, saved, actor.userId);
        return announce(saved, team.leadUserId);
      }
      const vendor = input.vendorId ? await findVendor(tx, input.vendorId) : null;
      if (!vendor || !input.vendorRef?.trim()) throw invalid(actor.locale, 'tickets.escalation.needsVendor');
      await recordEvent(tx, id, actor.userId, 'escalated', {
        kind: 'functional',
        level: [ticket.escalationLevel, 3],
        vendorId: vendor.id,
        vendorName: vendor.name,
        vendorRef: input.vendorRef,
        reason: input.reason,
      });
      return saveTicket(ctx, tx, id, { escalationLevel: 3, vendorId: vendor.id, vendorRef: input.vendorRef.trim() });
    }

    if (input.level <= ticket.hierarchicalLevel) throw invalid(actor.locale, 'tickets.escalation.alreadyThere');
    const settings = await serviceDeskSettings(tx);
    const team = ticket.teamId ? await findTeam(tx, ticket.teamId) : null;
    const target = input.level === 1 ? (team?.leadUserId ?? null) : input.level === 2 ? settings.headOfItUserId : settings.directorUserId;
    if (!target) throw invalid(actor.locale, 'tickets.escalation.needsTarget');
    await recordEvent(tx, id, actor.userId, 'escalated', {
      kind: 'hierarchical',
      level: [ticket.hierarchicalLevel, input.level],
      targetUserId: target,
      reason: input.reason,
    });
    return announce(await saveTicket(ctx, tx, id, { hierarchicalLevel: input.level }), target);
  });
}
