import { eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { findTeam, memberIdsOf } from '../org/index.ts';
import { findTicketFacts, OPEN_STATUSES, openTicketCounts, reassign } from '../tickets/index.ts';
import { presentNow } from './attendance.service.ts';
import { type AssignmentMode, teamAssignment } from './attendance.tables.ts';

/** A team the actor leads (or administers): others get 404, as for any record out of reach. */
async function ledTeam(tx: Tx, actor: Actor, teamId: number) {
  const team = await findTeam(tx, teamId);
  const at = team ? { companyId: team.companyId, unitPath: '' } : null;
  if (!team || !at || !(can(actor, 'ticket:lead', at) || can(actor, 'org:manage', at) || can(actor, 'ticket:work', at))) throw notFound();
  if (!(can(actor, 'ticket:lead', at) || can(actor, 'org:manage', at))) throw forbidden();
  return team;
}

export async function getAssignment(tx: Tx, actor: Actor, teamId: number) {
  await ledTeam(tx, actor, teamId);
  const [row] = await tx.select().from(teamAssignment).where(eq(teamAssignment.teamId, teamId));
  return { teamId, mode: row?.mode ?? ('off' as AssignmentMode), version: row?.version ?? 0 };
}

/** A team lead turns automatic assignment on (round-robin or least loaded) or off for their team. */
export async function setAssignment(
  ctx: AppContext,
  actor: Actor,
  teamId: number,
  input: { mode: AssignmentMode; version?: number | undefined },
  source: AuditSource,
) {
  return ctx.db.transaction(async (tx) => {
    await ledTeam(tx, actor, teamId);
    const [before] = await tx.select().from(teamAssignment).where(eq(teamAssignment.teamId, teamId)).for('update');
    if (before && input.version !== undefined && input.version !== before.version) throw versionConflict();
    const [row] = await tx
      .insert(teamAssignment)
      .values({ teamId, mode: input.mode, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: teamAssignment.teamId,
        set: { mode: input.mode, updatedBy: actor.userId, updatedAt: ctx.clock.now(), version: sql`${teamAssignment.version} + 1` },
      })
      .returning();
    await recordAudit(tx, source, {
      action: 'team.assignment',
      targetType: 'team',
      targetId: teamId,
      before: before?.mode ?? 'off',
      after: input.mode,
    });
    return { teamId, mode: input.mode, version: row?.version ?? 1 };
  });
}

/**
 * Picks among the members present now: round-robin continues after the last
 * one chosen; least-loaded takes the fewest open tickets (then round-robin order).
 */
export function pickAssignee(
  mode: Exclude<AssignmentMode, 'off'>,
  present: number[],
  last: number | null,
  load: Map<number, number>,
): number | null {
  if (!present.length) return null;
  const ring = [...present].sort((a, b) => a - b);
  const start = last === null ? 0 : ring.findIndex((id) => id > last);
  const order = start < 0 ? ring : [...ring.slice(start), ...ring.slice(0, start)];
  if (mode === 'round_robin') return order[0] ?? null;
  return order.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), order[0] as number);
}

/**
 * A ticket that lands in a team without a person goes to one of the members
 * at work now (checked in, not on leave), when the team asked for it. The
 * team's row lock makes two tickets arriving at once take turns.
 */
async function autoAssign(ctx: AppContext, tx: Tx, ticketId: number): Promise<void> {
  const ticket = await findTicketFacts(tx, ticketId);
  if (!ticket?.teamId || ticket.assigneeId !== null || !OPEN_STATUSES.includes(ticket.status) || ticket.status === 'resolved') return;
  const [rule] = await tx.select().from(teamAssignment).where(eq(teamAssignment.teamId, ticket.teamId)).for('update');
  if (!rule || rule.mode === 'off') return;
  const present = await presentNow(tx, await memberIdsOf(tx, ticket.teamId), ctx.clock.now());
  const load = rule.mode === 'least_loaded' ? await openTicketCounts(tx, present) : new Map<number, number>();
  const chosen = pickAssignee(rule.mode, present, rule.lastAssigneeId, load);
  if (chosen === null) return;
  await tx.update(teamAssignment).set({ lastAssigneeId: chosen }).where(eq(teamAssignment.teamId, ticket.teamId));
  await reassign(ctx, tx, ticketId, { ruleId: ticket.teamId, rule: `auto:${rule.mode}` }, ticket.teamId, chosen);
}

/** New tickets, and tickets moved to another team, are offered to automatic assignment. */
export function registerAutoAssignment(ctx: AppContext): void {
  ctx.events.on('ticket.created', (tx, e) => autoAssign(ctx, tx, e.ticketId));
  ctx.events.on('ticket.updated', async (tx, e) => {
    if (e.changed.includes('teamId')) await autoAssign(ctx, tx, e.ticketId);
  });
}
