import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type Calendar, loadCalendar } from '../calendars/index.ts';
import { findTicketFacts, recordSystemEvent, SLA_CLOCK, type TicketStatus } from '../tickets/index.ts';
import { dueAt, elapsedPercent, pauseClock, resumeClock, retargetClock, type SlaClock, spentAt, startClock } from './sla.clock.ts';
import { matchPolicy, refuseCalendarInUse } from './sla.policies.ts';
import { ticketSlas } from './sla.tables.ts';

type Row = typeof ticketSlas.$inferSelect;

const clocksOf = (row: Row): { response: SlaClock; resolution: SlaClock } => ({
  response: { targetMinutes: row.responseTarget, spentMinutes: row.responseSpent, runningSince: row.responseSince?.getTime() ?? null },
  resolution: {
    targetMinutes: row.resolutionTarget,
    spentMinutes: row.resolutionSpent,
    runningSince: row.resolutionSince?.getTime() ?? null,
  },
});

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The next instant the checker must look: the next rule threshold or a due date, whichever comes first. */
function nextCheck(
  row: Pick<Row, 'warnedPercent' | 'responseOutcome' | 'resolutionOutcome' | 'responseBreached' | 'resolutionBreached'>,
  response: SlaClock,
  resolution: SlaClock,
  cal: Calendar,
  levels: number[],
): number | null {
  const candidates: number[] = [];
  if (row.responseOutcome === null && !row.responseBreached) {
    const due = dueAt(response, cal);
    if (due !== null) candidates.push(due);
  }
  if (row.resolutionOutcome === null) {
    const next = levels.find((p) => p > row.warnedPercent);
    if (next !== undefined) {
      const warn = dueAt({ ...resolution, targetMinutes: (resolution.targetMinutes * next) / 100 }, cal);
      if (warn !== null) candidates.push(warn);
    }
    if (!row.resolutionBreached) {
      const due = dueAt(resolution, cal);
      if (due !== null) candidates.push(due);
    }
  }
  return candidates.length ? Math.min(...candidates) : null;
}

async function save(
  tx: Tx,
  row: Row,
  response: SlaClock,
  resolution: SlaClock,
  cal: Calendar,
  now: number,
  changes: Partial<Row> = {},
  levels?: number[],
) {
  const next = { ...row, ...changes };
  await tx
    .update(ticketSlas)
    .set({
      ...changes,
      responseTarget: response.targetMinutes,
      responseSpent: response.spentMinutes,
      responseSince: date(response.runningSince),
      responseDueAt: next.responseOutcome ? row.responseDueAt : (date(dueAt(response, cal)) ?? row.responseDueAt),
      resolutionTarget: resolution.targetMinutes,
      resolutionSpent: resolution.spentMinutes,
      resolutionSince: date(resolution.runningSince),
      resolutionDueAt: next.resolutionOutcome ? row.resolutionDueAt : (date(dueAt(resolution, cal)) ?? row.resolutionDueAt),
      elapsedPercent: elapsedPercent(resolution, now, cal),
      nextCheckAt: date(nextCheck(next, response, resolution, cal, levels ?? (await thresholds(tx)))),
      updatedAt: new Date(now),
    })
    .where(eq(ticketSlas.ticketId, row.ticketId));
}

async function load(tx: Tx, ticketId: number) {
  const [row] = await tx.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticketId)).for('update');
  if (!row) return null;
  return { row, cal: await loadCalendar(tx, row.calendarId), ...clocksOf(row) };
}

const outcome = (clock: SlaClock, now: number, cal: Calendar) => (spentAt(clock, now, cal) <= clock.targetMinutes ? 'met' : 'breached');

/** A ticket's own targets (a catalog item's) instead of its policy's. */
export interface OwnTargets {
  responseMinutes: number;
  resolutionMinutes: number;
}

/**
 * Starts a ticket's clocks at its creation time under the policy that matches
 * it (its calendar, and its targets unless the ticket brings its own).
 */
export async function startSla(tx: Tx, ticketId: number, own?: OwnTargets) {
  const t = await findTicketFacts(tx, ticketId);
  if (!t) return;
  const policy = await matchPolicy(tx, t);
  if (!policy) return;
  const now = t.createdAt.getTime();
  const cal = await loadCalendar(tx, policy.calendarId);
  const targets = own ?? policy;
  const response = startClock(targets.responseMinutes, now);
  const resolution = startClock(targets.resolutionMinutes, now);
  await tx.insert(ticketSlas).values({
    ticketId,
    policyId: own ? null : policy.id,
    calendarId: policy.calendarId,
    responseTarget: targets.responseMinutes,
    resolutionTarget: targets.resolutionMinutes,
  });
  const [row] = await tx.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticketId));
  if (row) await save(tx, row, response, resolution, cal, now);
}

async function onFirstResponse(tx: Tx, ticketId: number, now: number) {
  const s = await load(tx, ticketId);
  if (!s || s.row.responseOutcome) return;
  await save(tx, s.row, pauseClock(s.response, now, s.cal), s.resolution, s.cal, now, { responseOutcome: outcome(s.response, now, s.cal) });
}

/**
 * Applies what the ticket's statuses declare for its clocks (tickets'
 * `SLA_CLOCK`): entering a paused status pauses both clocks, entering a stopped
 * one stops them (recording met or breached where it is measured), entering a
 * running status from a paused or stopped one resumes them with the time
 * already spent kept; a reopened ticket's resolution is open again.
 */
async function onStatusChanged(tx: Tx, ticketId: number, from: TicketStatus, to: TicketStatus, now: number) {
  const before = SLA_CLOCK[from];
  const after = SLA_CLOCK[to];
  if (!before || !after || before.clock === after.clock) return;
  const s = await load(tx, ticketId);
  if (!s) return;
  let { response, resolution } = s;
  const changes: Partial<Row> = { paused: after.clock === 'paused' };
  if (after.clock === 'runs') {
    if (s.row.responseOutcome === null) response = resumeClock(response, now);
    resolution = resumeClock(resolution, now);
    if (before.measured) changes.resolutionOutcome = null;
  } else {
    if (after.measured && s.row.resolutionOutcome === null) changes.resolutionOutcome = outcome(resolution, now, s.cal);
    if (after.measured && s.row.responseOutcome === null) changes.responseOutcome = outcome(response, now, s.cal);
    response = pauseClock(response, now, s.cal);
    resolution = pauseClock(resolution, now, s.cal);
  }
  await save(tx, s.row, response, resolution, s.cal, now, changes);
}

/** A new priority may match another policy: new targets, the time already spent stays. */
async function onPriorityChanged(tx: Tx, ticketId: number, now: number) {
  const s = await load(tx, ticketId);
  const t = await findTicketFacts(tx, ticketId);
  if (!s || !t) return;
  const policy = await matchPolicy(tx, t);
  if (!policy || policy.id === s.row.policyId) return;
  const cal = await loadCalendar(tx, policy.calendarId);
  const response = s.row.responseOutcome ? s.response : retargetClock(s.response, now, policy.responseMinutes, s.cal);
  const resolution = retargetClock(s.resolution, now, policy.resolutionMinutes, s.cal);
  await save(tx, { ...s.row, calendarId: policy.calendarId }, response, resolution, cal, now, {
    policyId: policy.id,
    calendarId: policy.calendarId,
  });
}

/** Shares of the resolution target (percent) at which active escalation rules act. */
async function thresholds(tx: Tx): Promise<number[]> {
  const { rows } = await tx.execute<{ percent: number }>(
    sql`SELECT DISTINCT percent FROM escalation_rules WHERE active AND trigger = 'percent' AND target = 'resolution' ORDER BY percent`,
  );
  return rows.map((r) => Number(r.percent));
}

/**
 * Acts on every ticket whose next threshold or due date has passed. Each row
 * is re-read under a row lock and its flags updated in the same transaction,
 * so with several server processes (or a retried job) each threshold and
 * breach is announced exactly once.
 */
export async function checkSlas(ctx: AppContext, now = ctx.clock.now().getTime()): Promise<{ warned: number[]; breached: number[] }> {
  const due = await ctx.db
    .select({ ticketId: ticketSlas.ticketId })
    .from(ticketSlas)
    .where(sql`${ticketSlas.nextCheckAt} <= ${new Date(now)}`)
    .limit(500);
  const warned: number[] = [];
  const breached: number[] = [];
  for (const { ticketId } of due) {
    await ctx.db.transaction(async (tx) => {
      const s = await load(tx, ticketId);
      if (!s) return;
      const levels = await thresholds(tx);
      const pct = elapsedPercent(s.resolution, now, s.cal);
      const open = s.row.resolutionOutcome === null;
      const responseLate =
        s.row.responseOutcome === null && !s.row.responseBreached && spentAt(s.response, now, s.cal) >= s.response.targetMinutes;
      const resolutionLate = open && !s.row.resolutionBreached && pct >= 100;
      const crossed = open ? levels.filter((p) => p > s.row.warnedPercent && p <= pct) : [];
      const changes: Partial<Row> = {};
      if (crossed.length) changes.warnedPercent = Math.max(...crossed);
      if (responseLate) changes.responseBreached = true;
      if (resolutionLate) changes.resolutionBreached = true;
      await save(tx, s.row, s.response, s.resolution, s.cal, now, changes, levels);
      // Announce after saving: rules may change the ticket (priority, level), which re-targets this row.
      for (const percent of crossed) {
        await recordSystemEvent(tx, ticketId, 'sla_warning', { percent, target: 'resolution' });
        await ctx.events.emit(tx, 'sla.warning', { ticketId, percent });
      }
      if (crossed.length) warned.push(ticketId);
      for (const [late, target] of [
        [responseLate, 'response'],
        [resolutionLate, 'resolution'],
      ] as const) {
        if (!late) continue;
        await recordSystemEvent(tx, ticketId, 'sla_breached', { target });
        await ctx.events.emit(tx, 'sla.breached', { ticketId, target });
      }
      if (responseLate || resolutionLate) breached.push(ticketId);
    });
  }
  return { warned, breached };
}

export const SLA_CHECK = 'sla.check';

/** Wires the SLA clocks to ticket events and the periodic checker to the job queue. */
export function registerSla(ctx: AppContext): void {
  const now = () => ctx.clock.now().getTime();
  ctx.events.on('ticket.created', (tx, e) => startSla(tx, e.ticketId, e.slaTargets));
  ctx.events.on('ticket.first_response', (tx, e) => onFirstResponse(tx, e.ticketId, now()));
  ctx.events.on('ticket.status_changed', (tx, e) => onStatusChanged(tx, e.ticketId, e.from as TicketStatus, e.to as TicketStatus, now()));
  ctx.events.on('ticket.priority_changed', (tx, e) => onPriorityChanged(tx, e.ticketId, now()));
  ctx.events.on('calendar.deactivating', (tx, e) => refuseCalendarInUse(tx, e.calendarId));
  ctx.jobs.define({ name: SLA_CHECK, retryLimit: 2, schedule: '* * * * *', handle: async () => void (await checkSlas(ctx)) });
}
