import { and, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { dayOf, lastDayOf, shiftPeriod } from '../../platform/time/zoned.ts';
import { presentDaysOf } from '../attendance/index.ts';
import { companyDaysCondition } from '../org/index.ts';
import { readerTimeZone } from '../settings/index.ts';
import { countableTickets } from '../tickets/index.ts';
import { labelsOf, orderValues } from './reports.labels.ts';
import type {
  CatalogOut,
  CatalogQuery,
  CompletedItem,
  CompletedQuery,
  DashboardOut,
  Dimension,
  RecapOut,
  RecapQuery,
  ReportFilters,
  SlaOut,
  SlaQuery,
  TrendOut,
  TrendQuery,
  WorkloadOut,
  WorkloadQuery,
} from './reports.schemas.ts';
import {
  assertFiltersInScope,
  columnOf,
  conditionsOf,
  DAY_SUMMARY,
  daysBetween,
  filteredDimensions,
  PERIOD_SUMMARY,
  type Period,
  periodOf,
  type Source,
  sourceFor,
  TICKET_KEYS,
} from './reports.scope.ts';

const OPEN = sql`('new', 'assigned', 'in_progress', 'pending', 'resolved')`;
const DONE = sql`('resolved', 'closed')`;
const between = (column: string, p: Period) => sql`${sql.raw(`d.${column}`)} BETWEEN ${p.from}::date AND ${p.to}::date`;

/** Checks the filters against the reader's scope and settles the period. */
async function prepare(tx: Tx, actor: Actor, filters: ReportFilters, now: Date): Promise<Period> {
  await assertFiltersInScope(tx, actor, filters);
  return periodOf(tx, actor, filters, now);
}

/** Ticket recap: tickets created in the period by one or two dimensions, with totals (a pivot). */
export async function recapTickets(tx: Tx, actor: Actor, query: RecapQuery, now: Date): Promise<RecapOut> {
  const period = await prepare(tx, actor, query, now);
  const source = sourceFor([query.rows, ...(query.columns ? [query.columns] : []), ...filteredDimensions(query)]);
  const column = query.columns ? columnOf(query.columns) : sql`NULL::text`;
  // Grouped on the raw columns, turned into text for the answer afterwards.
  const { rows } = await tx.execute<{ r: string | null; c: string | null; n: number }>(sql`
    SELECT g.r::text AS r, g.c::text AS c, g.n::int AS n FROM (
      SELECT ${columnOf(query.rows)} AS r, ${column} AS c, ${source.count} AS n
      FROM ${source.from(period)} WHERE ${conditionsOf(actor, query, period, source.day)}
      GROUP BY 1, 2 HAVING ${source.count} <> 0) g`);
  const rowTotals = new Map<string | null, number>();
  const columnTotals = new Map<string | null, number>();
  for (const r of rows) {
    rowTotals.set(r.r, (rowTotals.get(r.r) ?? 0) + r.n);
    columnTotals.set(r.c, (columnTotals.get(r.c) ?? 0) + r.n);
  }
  const [rowLabels, columnLabels] = await Promise.all([
    labelsOf(tx, actor.locale, query.rows, [...rowTotals.keys()]),
    query.columns ? labelsOf(tx, actor.locale, query.columns, [...columnTotals.keys()]) : new Map<string | null, string>([[null, '']]),
  ]);
  const rowValues = orderValues(query.rows, [...rowTotals.keys()], (v) => rowTotals.get(v) ?? 0, rowLabels);
  const columnValues = query.columns
    ? orderValues(query.columns, [...columnTotals.keys()], (v) => columnTotals.get(v) ?? 0, columnLabels)
    : [null];
  const cell = new Map(rows.map((r) => [`${r.r}\u0000${r.c}`, r.n]));
  const cells = rowValues.map((rv) => columnValues.map((cv) => cell.get(`${rv}\u0000${cv}`) ?? 0));
  return {
    ...period,
    rowDimension: query.rows,
    columnDimension: query.columns ?? null,
    rows: rowValues.map((value) => ({ value, label: rowLabels.get(value) ?? '' })),
    columns: query.columns ? columnValues.map((value) => ({ value, label: columnLabels.get(value) ?? '' })) : [],
    cells,
    totals: {
      rows: rowValues.map((v) => rowTotals.get(v) ?? 0),
      columns: query.columns ? columnValues.map((v) => columnTotals.get(v) ?? 0) : [],
      all: rows.reduce((sum, r) => sum + r.n, 0),
    },
  };
}

const rate = (met: number, breached: number) => (met + breached ? Math.round((met * 1000) / (met + breached)) / 10 : null);
const SLA_SUMMARY = new Set<Dimension>(['unit', 'company', 'team', 'priority', 'category']);

/**
 * SLA achievement: response and resolution targets met and breached, by
 * priority, team, category, unit, company or month of creation. A target
 * counts as breached once its clock passed the target, even before the
 * ticket is resolved.
 */
export async function slaAchievement(tx: Tx, actor: Actor, query: SlaQuery, now: Date): Promise<SlaOut> {
  const period = await prepare(tx, actor, query, now);
  const fromSummary = filteredDimensions(query).every((d) => SLA_SUMMARY.has(d));
  const day = fromSummary ? 'day' : 'created_day';
  const group = query.by === 'month' ? sql.raw(`to_char(d.${day}, 'YYYY-MM')`) : sql`${columnOf(query.by as Dimension)}::text`;
  const sums = fromSummary
    ? sql`sum(d.response_met)::int AS rm, sum(d.response_breached)::int AS rb, sum(d.resolution_met)::int AS sm, sum(d.resolution_breached)::int AS sb`
    : sql`count(*) FILTER (WHERE d.response_state = 'met')::int AS rm, count(*) FILTER (WHERE d.response_state = 'breached')::int AS rb,
          count(*) FILTER (WHERE d.resolution_state = 'met')::int AS sm, count(*) FILTER (WHERE d.resolution_state = 'breached')::int AS sb`;
  const { rows } = await tx.execute<{ k: string | null; rm: number; rb: number; sm: number; sb: number }>(sql`
    SELECT ${group} AS k, ${sums} FROM ${sql.raw(fromSummary ? 'report_sla_days' : 'report_ticket_keys')} d
    WHERE ${conditionsOf(actor, query, period, day)} GROUP BY 1`);
  const decided = rows.filter((r) => r.rm + r.rb + r.sm + r.sb > 0);
  const labels =
    query.by === 'month'
      ? new Map(decided.map((r) => [r.k, r.k ?? '']))
      : await labelsOf(
          tx,
          actor.locale,
          query.by as Dimension,
          decided.map((r) => r.k),
        );
  const byKey = new Map(decided.map((r) => [r.k, r]));
  const weight = (k: string | null) => {
    const r = byKey.get(k);
    return r ? r.rb + r.sb : 0;
  };
  const keys =
    query.by === 'month'
      ? decided.map((r) => r.k).sort()
      : orderValues(
          query.by as Dimension,
          decided.map((r) => r.k),
          weight,
          labels,
        );
  const outcome = (met: number, breached: number) => ({ met, breached, rate: rate(met, breached) });
  const sum = (pick: (r: (typeof rows)[number]) => number) => decided.reduce((s, r) => s + pick(r), 0);
  return {
    ...period,
    by: query.by,
    rows: keys.map((k) => {
      const r = byKey.get(k) as (typeof rows)[number];
      return { value: k, label: labels.get(k) ?? '', response: outcome(r.rm, r.rb), resolution: outcome(r.sm, r.sb) };
    }),
    total: {
      response: outcome(
        sum((r) => r.rm),
        sum((r) => r.rb),
      ),
      resolution: outcome(
        sum((r) => r.sm),
        sum((r) => r.sb),
      ),
    },
  };
}

const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/**
 * Workload and performance per agent or team: of the tickets created in the
 * period, assigned, still open and reopened; resolved in the period; first
 * response and resolution in business minutes (average and median); the open
 * backlog by age today; and, per person, the days they were present.
 */
export async function workload(tx: Tx, actor: Actor, query: WorkloadQuery, now: Date): Promise<WorkloadOut> {
  const period = await prepare(tx, actor, query, now);
  const today = dayOf(now, await readerTimeZone(tx, actor));
  const key = query.by === 'assignee' ? sql`d.assignee_id` : sql`d.team_id`;
  const created = between('created_day', period);
  const resolved = sql`${between('finished_day', period)} AND d.status IN ${DONE}`;
  const open = sql`d.finished_day IS NULL`;
  const age = sql`(${today}::date - d.created_day)`;
  const { rows } = await tx.execute<{
    k: string;
    assigned: number;
    open: number;
    resolved: number;
    reopened: number;
    ra: number | null;
    rm: number | null;
    sa: number | null;
    sm: number | null;
    b0: number;
    b1: number;
    b2: number;
    b3: number;
  }>(sql`
    SELECT ${key}::text AS k,
      count(*) FILTER (WHERE ${created})::int AS assigned,
      count(*) FILTER (WHERE ${created} AND ${open})::int AS open,
      count(*) FILTER (WHERE ${resolved})::int AS resolved,
      count(*) FILTER (WHERE ${created} AND d.reopened > 0)::int AS reopened,
      avg(d.response_minutes) FILTER (WHERE ${created}) AS ra,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY d.response_minutes) FILTER (WHERE ${created}) AS rm,
      avg(d.resolution_minutes) FILTER (WHERE ${resolved}) AS sa,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY d.resolution_minutes) FILTER (WHERE ${resolved}) AS sm,
      count(*) FILTER (WHERE ${open} AND ${age} < 1)::int AS b0,
      count(*) FILTER (WHERE ${open} AND ${age} BETWEEN 1 AND 2)::int AS b1,
      count(*) FILTER (WHERE ${open} AND ${age} BETWEEN 3 AND 6)::int AS b2,
      count(*) FILTER (WHERE ${open} AND ${age} >= 7)::int AS b3
    FROM report_ticket_keys d
    WHERE ${key} IS NOT NULL AND ${conditionsOf(actor, query, period, null)} AND (${created} OR ${between('finished_day', period)} OR ${open})
    GROUP BY 1`);
  const dimension: Dimension = query.by;
  const labels = await labelsOf(
    tx,
    actor.locale,
    dimension,
    rows.map((r) => r.k),
  );
  const presence =
    query.by === 'assignee'
      ? await presentDaysOf(
          tx,
          rows.map((r) => Number(r.k)),
          period.from,
          period.to,
        )
      : null;
  const trend = await tx.execute<{ day: string; n: number }>(sql`
    SELECT d.finished_day::text AS day, count(*)::int AS n FROM report_ticket_keys d
    WHERE ${key} IS NOT NULL AND ${resolved} AND ${conditionsOf(actor, query, period, null)} GROUP BY 1 ORDER BY 1`);
  return {
    ...period,
    by: query.by,
    rows: rows
      .sort((a, b) => b.resolved + b.assigned - (a.resolved + a.assigned) || (labels.get(a.k) ?? '').localeCompare(labels.get(b.k) ?? ''))
      .map((r) => {
        const present = presence ? (presence.get(Number(r.k)) ?? 0) : null;
        return {
          value: r.k,
          label: labels.get(r.k) ?? '',
          assigned: r.assigned,
          open: r.open,
          resolved: r.resolved,
          reopened: r.reopened,
          responseAvg: round(r.ra),
          responseMedian: round(r.rm),
          resolutionAvg: round(r.sa),
          resolutionMedian: round(r.sm),
          backlog: { day: r.b0, days3: r.b1, week: r.b2, older: r.b3 },
          presentDays: present,
          resolvedPerPresentDay: present ? Math.round((r.resolved / present) * 10) / 10 : null,
        };
      }),
    trend: trend.rows.map((r) => ({ day: r.day, resolved: r.n })),
  };
}

/** The first day of each bucket from `from` to `to`. */
function buckets(period: Period, interval: TrendQuery['interval']): string[] {
  const starts: string[] = [];
  const start = new Date(`${period.from}T00:00:00Z`);
  if (interval === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (interval === 'month') start.setUTCDate(1);
  for (let d = start; d.toISOString().slice(0, 10) <= period.to; ) {
    starts.push(d.toISOString().slice(0, 10));
    d = new Date(d);
    if (interval === 'day') d.setUTCDate(d.getUTCDate() + 1);
    else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return starts;
}

/** Created vs resolved per day, week or month, and the open backlog at the end of each. */
export async function ticketTrend(tx: Tx, actor: Actor, query: TrendQuery, now: Date): Promise<TrendOut> {
  const asked = await prepare(tx, actor, query, now);
  // Nothing happens after today: the series stops there.
  const today = dayOf(now, await readerTimeZone(tx, actor));
  const period = { from: asked.from, to: [asked.to, today].sort()[0] as string };
  if (period.to < period.from) return { ...asked, interval: query.interval, points: [] };
  if (query.interval === 'day' && daysBetween(period.from, period.to) > 400) query = { ...query, interval: 'week' };
  const bucket = (column: string) => sql.raw(`date_trunc('${query.interval}', d.${column})::date::text`);
  // Day by day (the month summary would put a month's tickets on its first day).
  const source = sourceFor(filteredDimensions(query)) === TICKET_KEYS ? TICKET_KEYS : DAY_SUMMARY;
  const scope = conditionsOf(actor, query, period, null);
  const [created, finished, before] = await Promise.all([
    tx.execute<{ b: string; n: number }>(sql`
      SELECT ${bucket(source.day)} AS b, ${source.count}::int AS n FROM ${source.from(period)}
      WHERE ${conditionsOf(actor, query, period, source.day)} GROUP BY 1`),
    tx.execute<{ b: string; resolved: number; finished: number }>(sql`
      SELECT ${bucket('finished_day')} AS b, count(*) FILTER (WHERE d.status IN ${DONE})::int AS resolved, count(*)::int AS finished
      FROM report_ticket_keys d WHERE ${scope} AND ${between('finished_day', period)} GROUP BY 1`),
    // Open when the period began: created before it, finished in it or not at all.
    tx.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM report_ticket_keys d WHERE ${scope} AND d.created_day < ${period.from}::date
        AND (d.finished_day IS NULL OR d.finished_day >= ${period.from}::date)`),
  ]);
  const createdBy = new Map(created.rows.map((r) => [r.b, r.n]));
  const finishedBy = new Map(finished.rows.map((r) => [r.b, r]));
  let backlog = before.rows[0]?.n ?? 0;
  return {
    ...asked,
    interval: query.interval,
    points: buckets(period, query.interval).map((b) => {
      const c = createdBy.get(b) ?? 0;
      const f = finishedBy.get(b);
      backlog += c - (f?.finished ?? 0);
      return { period: b, created: c, resolved: f?.resolved ?? 0, backlog };
    }),
  };
}

/** The completed-work query: tickets resolved or closed in the period, oldest resolution first. */
export async function completedWorkSql(
  tx: Tx,
  actor: Actor,
  query: ReportFilters,
  now: Date,
): Promise<{ period: Period; select: SQL; where: SQL }> {
  const period = await prepare(tx, actor, query, now);
  const name = (table: string, id: string, column = 'name') => sql.raw(`(SELECT ${column} FROM ${table} WHERE id = ${id})`);
  const select = sql`t.id, t.number, t.title, t.status, t.category_id, ${name('ticket_categories', 't.category_id', actor.locale === 'en' ? 'name_en' : 'name_id')} AS category_name,
    t.unit_id, ${name('units', 't.unit_id')} AS unit_name, t.team_id, ${name('teams', 't.team_id')} AS team_name,
    t.assignee_id, ${name('users', 't.assignee_id')} AS assignee_name, t.created_at, t.resolved_at, d.resolution_minutes, t.solution_summary`;
  const where = sql`${conditionsOf(actor, query, period, 'finished_day')} AND d.status IN ${DONE}`;
  return { period, select, where };
}

export const COMPLETED_FROM = sql`report_ticket_keys d JOIN tickets t ON t.id = d.ticket_id`;
export const COMPLETED_ORDER = sql`d.finished_day, t.resolved_at, t.id`;

export type CompletedRow = Record<string, unknown>;
const named = (id: unknown, name: unknown) => (id == null ? null : { id: Number(id), name: String(name ?? '') });

export function presentCompleted(r: CompletedRow): CompletedItem {
  return {
    id: Number(r.id),
    number: String(r.number),
    title: String(r.title),
    status: r.status as CompletedItem['status'],
    category: named(r.category_id, r.category_name),
    unit: named(r.unit_id, r.unit_name),
    team: named(r.team_id, r.team_name),
    assignee: named(r.assignee_id, r.assignee_name),
    createdAt: new Date(r.created_at as string).toISOString(),
    resolvedAt: r.resolved_at ? new Date(r.resolved_at as string).toISOString() : null,
    resolutionMinutes: round(r.resolution_minutes),
    solutionSummary: (r.solution_summary as string | null) ?? null,
  };
}

/** Completed work (*rekap pekerjaan selesai*), one page. */
export async function completedWork(tx: Tx, actor: Actor, query: CompletedQuery, now: Date) {
  const { period, select, where } = await completedWorkSql(tx, actor, query, now);
  const [page, total] = await Promise.all([
    tx.execute<CompletedRow>(
      sql`SELECT ${select} FROM ${COMPLETED_FROM} WHERE ${where} ORDER BY ${COMPLETED_ORDER} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    ),
    tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM report_ticket_keys d WHERE ${where}`),
  ]);
  return { ...period, items: page.rows.map(presentCompleted), total: total.rows[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/**
 * The service catalog: requests per item and per requesting division made in
 * the period, decisions, and how long approval steps and fulfilment took.
 */
export async function catalogReport(tx: Tx, actor: Actor, query: CatalogQuery, now: Date): Promise<CatalogOut> {
  const period = await prepare(tx, actor, query, now);
  const inPeriod = await companyDaysCondition(tx, { companyId: sql`r.company_id`, at: sql`r.created_at` }, period.from, period.to);
  const where = and(
    countableTickets(actor, { companyId: sql`r.company_id`, unitPath: sql`r.unit_path` }),
    inPeriod,
    query.companyId?.length ? sql`r.company_id IN ${query.companyId}` : undefined,
    query.unitId?.length ? sql`r.unit_id IN ${query.unitId}` : undefined,
  ) as SQL;
  const name = actor.locale === 'en' ? sql`v.name_en` : sql`v.name_id`;
  const [items, divisions] = await Promise.all([
    tx.execute<{
      item_id: number;
      item: string;
      provider: string;
      requests: number;
      approved: number;
      rejected: number;
      approval_hours: number | null;
      fulfilment_hours: number | null;
    }>(sql`
      SELECT r.item_id, (array_agg(${name} ORDER BY v.id DESC))[1] AS item, (SELECT name FROM units WHERE id = min(r.provider_unit_id)) AS provider,
        count(*)::int AS requests,
        count(*) FILTER (WHERE r.status IN ('approved', 'in_fulfilment', 'done', 'closed'))::int AS approved,
        count(*) FILTER (WHERE r.status = 'rejected')::int AS rejected,
        avg((SELECT avg(extract(epoch FROM a.decided_at - coalesce(a.due_at - a.expiry_days * interval '1 day', a.created_at)) / 3600)
             FROM approvals a WHERE a.request_id = r.id AND a.decided_at IS NOT NULL)) AS approval_hours,
        avg((SELECT extract(epoch FROM t.resolved_at - t.created_at) / 3600 FROM tickets t WHERE t.id = r.ticket_id AND t.resolved_at IS NOT NULL)) AS fulfilment_hours
      FROM service_requests r JOIN catalog_item_versions v ON v.id = r.version_id
      WHERE ${where} GROUP BY r.item_id ORDER BY requests DESC, item`),
    tx.execute<{ unit_id: number; unit: string; requests: number; estimate: string }>(sql`
      SELECT r.unit_id, (SELECT name FROM units WHERE id = r.unit_id) AS unit, count(*)::int AS requests, sum(r.estimate)::text AS estimate
      FROM service_requests r WHERE ${where} GROUP BY r.unit_id ORDER BY requests DESC, unit`),
  ]);
  return {
    ...period,
    items: items.rows.map((r) => ({
      itemId: Number(r.item_id),
      item: r.item,
      provider: r.provider ?? '',
      requests: r.requests,
      approved: r.approved,
      rejected: r.rejected,
      approvalHours: round(r.approval_hours),
      fulfilmentHours: round(r.fulfilment_hours),
    })),
    divisions: divisions.rows.map((r) => ({ unitId: Number(r.unit_id), unit: r.unit ?? '', requests: r.requests, estimate: r.estimate })),
  };
}

/**
 * The Executive dashboard: today's and this month's figures in the reader's
 * calendar, each the same number the report it links to shows.
 */
export async function dashboard(tx: Tx, actor: Actor, now: Date): Promise<DashboardOut> {
  const today = dayOf(now, await readerTimeZone(tx, actor));
  const month = today.slice(0, 7);
  const period = { from: `${month}-01`, to: lastDayOf(month) };
  const sofar = { from: period.from, to: today };
  const previous = shiftPeriod(month, -1);
  const previousSofar = { from: `${previous}-01`, to: [`${previous}-${today.slice(8)}`, lastDayOf(previous)].sort()[0] as string };
  const scope = countableTickets(actor, { companyId: sql`d.company_id`, unitPath: sql`d.unit_path` });
  const newIn = (p: Period) =>
    sql`SELECT coalesce(sum(d.tickets), 0)::int FROM report_ticket_days d WHERE ${scope} AND ${between('day', p)}`;
  const resolvedIn = (p: Period) =>
    sql`SELECT count(*)::int FROM report_ticket_keys d WHERE ${scope} AND ${between('finished_day', p)} AND d.status IN ${DONE}`;
  const ticketScope = countableTickets(actor, { companyId: sql`t.company_id`, unitPath: sql`t.unit_path` });
  const { rows } = await tx.execute<Record<string, number | null>>(sql`
    SELECT (${newIn({ from: today, to: today })}) AS today_new, (${resolvedIn({ from: today, to: today })}) AS today_resolved,
      (${newIn(period)}) AS month_new, (${resolvedIn(period)}) AS month_resolved, (${newIn(previousSofar)}) AS previous_new,
      (SELECT count(*)::int FROM report_ticket_keys d WHERE ${scope} AND d.finished_day IS NULL) AS open,
      (SELECT count(*)::int FROM report_ticket_keys d WHERE ${scope} AND ${between('created_day', period)}
        AND (d.response_state = 'breached' OR d.resolution_state = 'breached')) AS breached,
      (SELECT count(*)::int FROM ticket_slas s JOIN tickets t ON t.id = s.ticket_id WHERE ${ticketScope} AND s.resolution_outcome IS NULL
        AND s.warned_percent > 0 AND NOT s.response_breached AND NOT s.resolution_breached AND t.status IN ${OPEN} AND t.status <> 'resolved') AS breaching_soon,
      (SELECT sum(d.resolution_met)::int FROM report_sla_days d WHERE ${scope} AND ${between('day', period)}) AS sla_met,
      (SELECT sum(d.resolution_breached)::int FROM report_sla_days d WHERE ${scope} AND ${between('day', period)}) AS sla_breached`);
  const f = rows[0] ?? {};
  const top = async (dimension: Dimension, source: Source) => {
    const { rows: groups } = await tx.execute<{ k: string | null; n: number }>(sql`
      SELECT ${columnOf(dimension)}::text AS k, ${source.count}::int AS n FROM ${source.from(period)}
      WHERE ${scope} AND ${between(source.day, period)} GROUP BY 1 HAVING ${source.count} > 0 ORDER BY 2 DESC, 1 LIMIT 5`);
    const labels = await labelsOf(
      tx,
      actor.locale,
      dimension,
      groups.map((g) => g.k),
    );
    return groups.map((g) => ({ value: g.k, label: labels.get(g.k) ?? '', count: g.n }));
  };
  const [topCategories, busiestUnits, trend] = await Promise.all([
    top('category', TICKET_KEYS),
    top('unit', PERIOD_SUMMARY),
    ticketTrend(tx, actor, { ...sofar, interval: 'day', format: 'json' }, now),
  ]);
  return {
    today,
    ...period,
    todayNew: f.today_new ?? 0,
    todayResolved: f.today_resolved ?? 0,
    monthNew: f.month_new ?? 0,
    monthResolved: f.month_resolved ?? 0,
    previousMonthNew: f.previous_new ?? 0,
    open: f.open ?? 0,
    breached: f.breached ?? 0,
    breachingSoon: f.breaching_soon ?? 0,
    slaAchievement: rate(f.sla_met ?? 0, f.sla_breached ?? 0),
    topCategories,
    busiestUnits,
    trend: trend.points.map((p) => ({ day: p.period, created: p.created, resolved: p.resolved })),
  };
}
