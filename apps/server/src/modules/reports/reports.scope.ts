import { and, inArray, type SQL, sql } from 'drizzle-orm';
import { type Actor, can, scopesFor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { dayOf, lastDayOf, shiftPeriod } from '../../platform/time/zoned.ts';
import { findUnitPlacement } from '../org/index.ts';
import { readerTimeZone } from '../settings/index.ts';
import { countableTickets } from '../tickets/index.ts';
import type { Dimension, ReportFilters } from './reports.schemas.ts';

export interface Period {
  from: string;
  to: string;
}

/** The days asked for, or the reader's current month up to its last day. */
export async function periodOf(tx: Tx, actor: Actor, filters: Pick<ReportFilters, 'from' | 'to'>, now: Date): Promise<Period> {
  const today = dayOf(now, await readerTimeZone(tx, actor));
  const month = today.slice(0, 7);
  const from = filters.from ?? `${month}-01`;
  const to = filters.to ?? lastDayOf(month);
  if (from > to) throw new AppError(400, 'PERIOD_REVERSED');
  if (daysBetween(from, to) > 366 * 5) throw new AppError(400, 'PERIOD_TOO_LONG');
  return { from, to };
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * Refuses (404, as for any record out of reach) a filter naming a unit, team
 * or company outside the places the reader may report on.
 */
export async function assertFiltersInScope(tx: Tx, actor: Actor, filters: ReportFilters): Promise<void> {
  for (const unitId of filters.unitId ?? []) {
    const placement = await findUnitPlacement(tx, unitId);
    if (!placement || !can(actor, 'report:read', placement)) throw notFound();
  }
  const companies = new Set(filters.companyId ?? []);
  if (filters.teamId?.length) {
    const { rows } = await tx.execute<{ company_id: number }>(sql`SELECT company_id FROM teams WHERE id IN ${filters.teamId}`);
    if (rows.length !== new Set(filters.teamId).size) throw notFound();
    for (const r of rows) companies.add(Number(r.company_id));
  }
  const scopes = scopesFor(actor, 'report:read');
  for (const companyId of companies) {
    const touches = scopes.some((s) => s.kind === 'organisation' || s.companyId === companyId);
    if (!touches) throw notFound();
  }
}

/** A read model (aliased `d`) and how it counts tickets. */
export interface Source {
  /** The relation over a period; it may bound itself to the period. */
  from: (period: Period) => SQL;
  day: string;
  count: SQL;
}

const COLUMN: Record<Dimension, string> = {
  unit: 'unit_id',
  company: 'company_id',
  team: 'team_id',
  status: 'status',
  priority: 'priority',
  category: 'category_id',
  type: 'type',
  channel: 'channel',
  assignee: 'assignee_id',
};
export const columnOf = (dimension: Dimension) => sql.raw(`d.${COLUMN[dimension]}`);

const FILTER_DIMENSION: Record<string, Dimension> = {
  companyId: 'company',
  unitId: 'unit',
  teamId: 'team',
  assigneeId: 'assignee',
  categoryId: 'category',
  status: 'status',
  priority: 'priority',
  type: 'type',
  channel: 'channel',
};

/** The dimensions a query filters on. */
export function filteredDimensions(filters: ReportFilters): Dimension[] {
  return Object.entries(FILTER_DIMENSION)
    .filter(([key]) => (filters[key as keyof ReportFilters] as unknown[] | undefined)?.length)
    .map(([, dimension]) => dimension);
}

/** What the day summary holds; anything else is counted from the per-ticket keys. */
const SUMMARY_DIMENSIONS = new Set<Dimension>(['unit', 'company', 'team', 'status', 'priority']);

export const DAY_SUMMARY: Source = { from: () => sql`report_ticket_days d`, day: 'day', count: sql`sum(d.tickets)` };
export const TICKET_KEYS: Source = { from: () => sql`report_ticket_keys d`, day: 'created_day', count: sql`count(*)` };

const SUMMARY_COLUMNS = sql.raw('company_id, unit_id, unit_path, team_id, status, priority, tickets');

/**
 * The day summary over a period with its whole months read from the month
 * summary (a few thousand rows each) and only the days before and after them
 * day by day. The months' rows carry their first day as `day`.
 */
export const PERIOD_SUMMARY: Source = {
  from: ({ from, to }) => {
    const wholeFrom = from.endsWith('-01') ? from : `${shiftPeriod(from.slice(0, 7), 1)}-01`;
    const wholeTo = to === lastDayOf(to.slice(0, 7)) ? to : lastDayOf(shiftPeriod(to.slice(0, 7), -1));
    if (wholeFrom > wholeTo) return DAY_SUMMARY.from({ from, to });
    return sql`(SELECT month AS day, ${SUMMARY_COLUMNS} FROM report_ticket_months WHERE month BETWEEN ${wholeFrom}::date AND ${wholeTo}::date
      UNION ALL SELECT day, ${SUMMARY_COLUMNS} FROM report_ticket_days
      WHERE day BETWEEN ${from}::date AND ${to}::date AND day NOT BETWEEN ${wholeFrom}::date AND ${wholeTo}::date) d`;
  },
  day: 'day',
  count: sql`sum(d.tickets)`,
};

/** The period summary when it holds every dimension used, else the per-ticket keys: both count the same tickets. */
export function sourceFor(dimensions: Dimension[]): Source {
  return dimensions.every((d) => SUMMARY_DIMENSIONS.has(d)) ? PERIOD_SUMMARY : TICKET_KEYS;
}

/** Filters, the period on `dayColumn` (none: the caller bounds it) and the reader's scope, over a read model aliased `d`. */
export function conditionsOf(actor: Actor, filters: ReportFilters, period: Period, dayColumn: string | null): SQL {
  const parts: (SQL | undefined)[] = [
    countableTickets(actor, { companyId: sql`d.company_id`, unitPath: sql`d.unit_path` }),
    dayColumn ? sql`${sql.raw(`d.${dayColumn}`)} BETWEEN ${period.from}::date AND ${period.to}::date` : undefined,
  ];
  for (const [key, dimension] of Object.entries(FILTER_DIMENSION)) {
    const values = filters[key as keyof ReportFilters] as (string | number)[] | undefined;
    if (values?.length) parts.push(inArray(columnOf(dimension), values));
  }
  return and(...parts) as SQL;
}
