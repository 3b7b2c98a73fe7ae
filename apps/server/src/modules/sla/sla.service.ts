import { eq, sql } from 'drizzle-orm';
import { referenceCacheThrough } from '../../platform/cache/reference.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type Calendar, loadCalendar } from '../calendars/index.ts';
import { findTicketFacts, recordSystemEvent, SLA_CLOCK, type TicketStatus } from '../tickets/index.ts';
import { dueAt, elapsedPercent, pauseClock, resumeClock, retargetClock, type SlaClock, spentAt, startClock } from './sla.clock.ts';
import { matchPolicy, type PolicyCriteria, refuseCalendarInUse } from './sla.policies.ts';
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

/**
 * Calendars, holidays, policies and escalation thresholds change rarely: a clock change reads them
 * from the process cache (`cache`: the database, whose cache it is), loaded through the clock's
 * own transaction on a miss; migration 0118 announces their changes. Without `cache` it reads them.
 */
const slaReference = referenceCacheThrough<unknown>('sla_reference');
const calendarOf = (tx: Tx, cache: Tx | undefined, id: number) =>
  slaReference(cache, `calendar:${id}`, () => loadCalendar(tx, id)) as Promise<Calendar>;
const policyFor = (tx: Tx, cache: Tx | undefined, t: PolicyCriteria) =>
  slaReference(cache, `policy:${t.type}:${t.priority}:${t.categoryId}:${t.serviceId}`, () => matchPolicy(tx, t)) as ReturnType<
    typeof matchPolicy
  >;
const thresholdsOf = (tx: Tx, cache: Tx | undefined) => slaReference(cache, 'thresholds', () => thresholds(tx)) as Promise<number[]>;

/** The stored form of a row's clocks after a change. */
function clockColumns(
  row: Row,
  response: SlaClock,
  resolution: SlaClock,
  cal: Calendar,
  now: number,
  changes: Partial<Row>,
  levels: number[],
) {
  const next = { ...row, ...changes };
  return {
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
    nextCheckAt: date(nextCheck(next, response, resolution, cal, levels)),
    updatedAt: new Date(now),
  };
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
  cache?: Tx,
) {
  const columns = clockColumns(row, response, resolution, cal, now, changes, levels ?? (await thresholdsOf(tx, cache)));
  await tx.update(ticketSlas).set(columns).where(eq(ticketSlas.ticketId, row.ticketId));
}

async function load(tx: Tx, ticketId: number, cache?: Tx) {
  const [row] = await tx.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticketId)).for('update');
  if (!row) return null;
  return { row, cal: await calendarOf(tx, cache, row.calendarId), ...clocksOf(row) };
}

const outcome = (clock: SlaClock, now: number, cal: Calendar) => (spentAt(clock, now, cal) <= clock.targetMinutes ? 'met' : 'breached');

/** A ticket's own targets (a catalog item's) instead of its policy's. */
export interface OwnTargets {
  responseMinutes: number;
  resolutionMinutes: number;
}

/**
 * Starts a ticket's clocks at its creation time under the policy that matches
 * it (its calendar, and its targets unless the ticket brings its own), in one
 * insert with its due dates and first check. `cache`: see `slaReference`.
 */
export async function startSla(tx: Tx, ticketId: number, own?: OwnTargets, cache?: Tx) {
  const t = await findTicketFacts(tx, ticketId);
  if (!t) return;
  const policy = await policyFor(tx, cache, t);
  if (!policy) return;
  const now = t.createdAt.getTime();
  const cal = await calendarOf(tx, cache, policy.calendarId);
  const targets = own ?? policy;
  const response = startClock(targets.responseMinutes, now);
  const resolution = startClock(targets.resolutionMinutes, now);
  // The row as the table's defaults make it, before its clocks are set.
  const fresh: Row = {
    ticketId,
    policyId: own ? null : policy.id,
    calendarId: policy.calendarId,
    responseTarget: targets.responseMinutes,
    responseSpent: 0,
    responseSince: null,
    responseDueAt: null,
    responseOutcome: null,
    resolutionTarget: targets.resolutionMinutes,
    resolutionSpent: 0,
    resolutionSince: null,
    resolutionDueAt: null,
    resolutionOutcome: null,
    paused: false,
    responseBreached: false,
    resolutionBreached: false,
    warnedPercent: 0,
    elapsedPercent: 0,
    nextCheckAt: null,
    updatedAt: new Date(now),
  };
  const columns = clockColumns(fresh, response, resolution, cal, now, {}, await thresholdsOf(tx, cache));
  await tx.insert(ticketSlas).values({ ...fresh, ...columns });
}

async function onFirstResponse(tx: Tx, ticketId: number, now: number, cache?: Tx) {
  const s = await load(tx, ticketId, cache);
  if (!s || s.row.responseOutcome) return;
  const changes: Partial<Row> = { responseOutcome: outcome(s.response, now, s.cal) };
  await save(tx, s.row, pauseClock(s.response, now, s.cal), s.resolution, s.cal, now, changes, undefined, cache);
}

/**
 * Applies what the ticket's statuses declare for its clocks (tickets'
 * `SLA_CLOCK`): entering a paused status pauses both clocks, entering a stopped
 * one stops them (recording met or breached where it is measured), entering a
 * running status from a paused or stopped one resumes them with the time
 * already spent kept; a reopened ticket's resolution is open again.
 */
async function onStatusChanged(tx: Tx, ticketId: number, from: TicketStatus, to: TicketStatus, now: number, cache?: Tx) {
  const before = SLA_CLOCK[from];
  const after = SLA_CLOCK[to];
  if (!before || !after || before.clock === after.clock) return;
  const s = await load(tx, ticketId, cache);
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
  await save(tx, s.row, response, resolution, s.cal, now, changes, undefined, cache);
}

/** A new priority may match another policy: new targets, the time already spent stays. */
async function onPriorityChanged(tx: Tx, ticketId: number, now: number, cache?: Tx) {
  const s = await load(tx, ticketId, cache);
  const t = await findTicketFacts(tx, ticketId);
  if (!s || !t) return;
  const policy = await policyFor(tx, cache, t);
  if (!policy || policy.id === s.row.policyId) return;
  const cal = await calendarOf(tx, cache, policy.calendarId);
  const response = s.row.responseOutcome ? s.response : retargetClock(s.response, now, policy.responseMinutes, s.cal);
  const resolution = retargetClock(s.resolution, now, policy.resolutionMinutes, s.cal);
  const changes = { policyId: policy.id, calendarId: policy.calendarId };
  await save(tx, { ...s.row, calendarId: policy.calendarId }, response, resolution, cal, now, changes, undefined, cache);
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
      const s = await load(tx, ticketId, ctx.db);
      if (!s) return;
      const levels = await thresholdsOf(tx, ctx.db);
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
  const cache = ctx.db;
  ctx.events.on('ticket.created', (tx, e) => startSla(tx, e.ticketId, e.slaTargets, cache));
  ctx.events.on('ticket.first_response', (tx, e) => onFirstResponse(tx, e.ticketId, now(), cache));
  ctx.events.on('ticket.status_changed', (tx, e) =>
    onStatusChanged(tx, e.ticketId, e.from as TicketStatus, e.to as TicketStatus, now(), cache),
  );
  ctx.events.on('ticket.priority_changed', (tx, e) => onPriorityChanged(tx, e.ticketId, now(), cache));
  ctx.events.on('calendar.deactivating', (tx, e) => refuseCalendarInUse(tx, e.calendarId));
  ctx.jobs.define({ name: SLA_CHECK, retryLimit: 2, schedule: '* * * * *', handle: async () => void (await checkSlas(ctx)) });
}
