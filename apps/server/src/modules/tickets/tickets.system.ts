import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { findActiveUser } from '../identity/index.ts';
import { findTeam, findUnitPlacement } from '../org/index.ts';
import { saveTicket } from './tickets.access.ts';
import { announceHandover } from './tickets.announce.ts';
import { serviceDeskSettings } from './tickets.config.ts';
import { insertTicket } from './tickets.insert.ts';
import { FINAL_STATUSES, statusAfterHandOver } from './tickets.lifecycle.ts';
import { findTicketFacts } from './tickets.lookup.ts';
import { PRIORITIES, type TicketOrigin } from './tickets.tables.ts';
import { recordEvent } from './tickets.timeline.ts';

// Changes made by the system on behalf of a rule (escalation rules, automation),
// with the rule named on the timeline. Other modules call these instead of
// writing tickets themselves.

export interface RuleRef {
  ruleId: number;
  rule: string;
}

async function open(tx: Tx, ticketId: number) {
  const ticket = await findTicketFacts(tx, ticketId);
  return ticket && !FINAL_STATUSES.includes(ticket.status) ? ticket : null;
}

/** One step up: L1 → the rule's (or the first) level-2 team; beyond that, up the hierarchy. */
export async function escalateOneLevel(ctx: AppContext, tx: Tx, ticketId: number, by: RuleRef, teamId: number | null) {
  const ticket = await open(tx, ticketId);
  if (!ticket) return;
  const current = await findTeam(tx, ticket.teamId ?? 0);
  if ((current?.level ?? 1) < 2) {
    const { rows } = await tx.execute<{ id: number; lead_user_id: number | null }>(
      sql`SELECT id, lead_user_id FROM teams WHERE active AND level = 2 AND company_id = ${ticket.companyId} ORDER BY (id = ${teamId ?? 0}) DESC, id LIMIT 1`,
    );
    const team = rows[0];
    if (!team) return;
    const status = statusAfterHandOver(ticket.status);
    await recordEvent(tx, ticketId, null, 'escalated', {
      kind: 'functional',
      level: [1, 2],
      teamId: [ticket.teamId, Number(team.id)],
      ...(status !== ticket.status ? { status: [ticket.status, status] } : {}),
      ...by,
      automatic: true,
    });
    const saved = await saveTicket(ctx, tx, ticketId, { escalationLevel: 2, teamId: Number(team.id), assigneeId: null, status });
    await announceHandover(ctx, tx, ticket, saved, null);
    if (team.lead_user_id)
      await ctx.events.emit(tx, 'ticket.escalated', {
        ticketId,
        targetUserId: Number(team.lead_user_id),
        reason: by.rule,
        actorId: null,
        version: saved.version,
      });
    return;
  }
  const settings = await serviceDeskSettings(tx);
  const level = Math.min(3, ticket.hierarchicalLevel + 1);
  if (level === ticket.hierarchicalLevel) return;
  const target = level === 1 ? (current?.leadUserId ?? null) : level === 2 ? settings.headOfItUserId : settings.directorUserId;
  await recordEvent(tx, ticketId, null, 'escalated', {
    kind: 'hierarchical',
    level: [ticket.hierarchicalLevel, level],
    targetUserId: target,
    ...by,
    automatic: true,
  });
  const saved = await saveTicket(ctx, tx, ticketId, { hierarchicalLevel: level });
  if (target)
    await ctx.events.emit(tx, 'ticket.escalated', {
      ticketId,
      targetUserId: target,
      reason: by.rule,
      actorId: null,
      version: saved.version,
    });
}

export async function reassign(ctx: AppContext, tx: Tx, ticketId: number, by: RuleRef, teamId: number | null, assigneeId: number | null) {
  const ticket = await open(tx, ticketId);
  if (!ticket || (teamId === ticket.teamId && assigneeId === ticket.assigneeId)) return;
  await recordEvent(tx, ticketId, null, 'assigned', {
    teamId: [ticket.teamId, teamId ?? ticket.teamId],
    assigneeId: [ticket.assigneeId, assigneeId],
    ...by,
    automatic: true,
  });
  const saved = await saveTicket(ctx, tx, ticketId, { teamId: teamId ?? ticket.teamId, assigneeId });
  await announceHandover(ctx, tx, ticket, saved, null);
}

export async function raisePriority(ctx: AppContext, tx: Tx, ticketId: number, by: RuleRef) {
  const ticket = await open(tx, ticketId);
  if (!ticket || ticket.priority === 'P1') return;
  const raised = PRIORITIES[PRIORITIES.indexOf(ticket.priority) - 1] ?? 'P1';
  await recordEvent(tx, ticketId, null, 'priority_overridden', {
    priority: [ticket.priority, raised],
    reason: by.rule,
    ...by,
    automatic: true,
  });
  await saveTicket(ctx, tx, ticketId, { priority: raised, priorityOverridden: true });
  await ctx.events.emit(tx, 'ticket.priority_changed', { ticketId });
}

/** Opens the ticket that fulfils a service request, for the provider's team, on behalf of the requester. */
export async function openFulfilmentTicket(
  ctx: AppContext,
  tx: Tx,
  p: {
    requesterId: number;
    teamId: number | null;
    title: string;
    description: string;
    /** The request it fulfils, shown on the ticket with its service's name. */
    origin: TicketOrigin;
    /** The catalog item's own SLA targets, which replace the matching policy's. */
    slaTargets?: { responseMinutes: number; resolutionMinutes: number };
  },
) {
  const requester = await findActiveUser(tx, p.requesterId);
  const placement = requester ? await findUnitPlacement(tx, requester.unitId) : null;
  if (!requester || !placement) throw new Error('requester vanished');
  const ticket = await insertTicket(tx, {
    placement,
    requester,
    createdBy: requester.id,
    teamId: p.teamId,
    origin: p.origin,
    input: { type: 'request', title: p.title, description: p.description, urgency: 'medium', impact: 'medium', channel: 'web' },
    at: ctx.clock.now(),
  });
  await ctx.events.emit(tx, 'ticket.created', {
    ticketId: ticket.id,
    actorId: requester.id,
    ...(p.slaTargets ? { slaTargets: p.slaTargets } : {}),
  });
  // Numbered from the start: nothing runs between its creation and its number.
  await ctx.events.emit(tx, 'ticket.numbered', { ticketId: ticket.id });
  return ticket;
}
