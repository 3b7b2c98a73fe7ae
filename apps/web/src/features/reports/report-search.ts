import dayjs from 'dayjs';
import type { paths } from '../../lib/api.d.ts';
import { todayIn } from '../../lib/dates.ts';

/** The recap's dimensions, as the server names them. */
export const DIMENSIONS = ['unit', 'company', 'team', 'status', 'priority', 'category', 'type', 'channel', 'assignee'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Filters every ticket report takes; named as the ticket list names them, so a number opens the list with the same query. */
export const FILTER_KEYS = ['companyId', 'unitId', 'teamId', 'assigneeId', 'categoryId', 'status', 'priority', 'type', 'channel'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const PRESETS = ['day', 'week', 'month', 'quarter', 'year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** Everything a report screen keeps in its URL: period, filters and the report's own choices. */
export type ReportSearch = Partial<Record<FilterKey | 'from' | 'to' | 'rows' | 'columns' | 'by' | 'interval', string>> & {
  period?: Preset;
  page?: number;
};

const TEXT_KEYS = [...FILTER_KEYS, 'from', 'to', 'rows', 'columns', 'by', 'interval'] as const;

/** The router parses `?unitId=4` as a number; reports want strings throughout. */
export function parseReportSearch(raw: Record<string, unknown>): ReportSearch {
  const search: ReportSearch = {};
  for (const key of TEXT_KEYS) {
    const value = raw[key];
    if (value !== undefined && value !== null && value !== '') search[key] = String(value);
  }
  const period = PRESETS.find((p) => p === raw.period);
  if (period) search.period = period;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1) search.page = page;
  return search;
}

/** The days a preset covers around `today`: this day, week (Monday first), month, quarter or year. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  const d = dayjs(today);
  const f = (x: dayjs.Dayjs) => x.format('YYYY-MM-DD');
  switch (preset) {
    case 'day':
      return { from: today, to: today };
    case 'week': {
      const monday = d.subtract((d.day() + 6) % 7, 'day');
      return { from: f(monday), to: f(monday.add(6, 'day')) };
    }
    case 'month':
      return { from: f(d.startOf('month')), to: f(d.endOf('month')) };
    case 'quarter': {
      const start = d.month(Math.floor(d.month() / 3) * 3).startOf('month');
      return { from: f(start), to: f(start.add(2, 'month').endOf('month')) };
    }
    case 'year':
      return { from: f(d.startOf('year')), to: f(d.endOf('year')) };
  }
}

/** The period a screen shows: the URL's, else this month in the reader's calendar. */
export function periodOf(search: ReportSearch, timeZone: string): { from: string; to: string } {
  if (search.from && search.to) return { from: search.from, to: search.to };
  return presetRange('month', todayIn(timeZone));
}

/** The query a report endpoint takes for a screen's URL. */
export function reportQuery(search: ReportSearch, timeZone: string, extra: Record<string, string | number | undefined> = {}) {
  const query: Record<string, string | number> = { ...periodOf(search, timeZone) };
  for (const key of FILTER_KEYS) if (search[key]) query[key] = search[key] as string;
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') query[key] = value;
  return query;
}

type ListSearch = NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>;
const LIST_KEY: Record<Dimension, keyof ListSearch> = {
  unit: 'unitId',
  company: 'companyId',
  team: 'teamId',
  status: 'status',
  priority: 'priority',
  category: 'categoryId',
  type: 'type',
  channel: 'channel',
  assignee: 'assigneeId',
};

/**
 * The ticket list behind a number: the report's period and filters, narrowed
 * by the cell's values (a dimension's value, or a list filter such as the SLA
 * outcome). Null when a value cannot be expressed as a list filter ("no team").
 */
export function ticketsSearch(
  search: ReportSearch,
  timeZone: string,
  cell: Partial<Record<Dimension, string | null>> = {},
  extra: Partial<Record<keyof ListSearch, string>> = {},
  dates: 'created' | 'resolved' = 'created',
): Record<string, string> | null {
  const { from, to } = periodOf(search, timeZone);
  const out: Record<string, string> = { queue: 'all', [`${dates}From`]: from, [`${dates}To`]: to };
  for (const key of FILTER_KEYS) if (search[key]) out[key] = search[key] as string;
  for (const [dimension, value] of Object.entries(cell) as [Dimension, string | null][]) {
    if (value === null) return null;
    out[LIST_KEY[dimension]] = value;
  }
  // The list takes one type; several chosen types cannot be expressed there.
  if (out.type?.includes(',')) return null;
  return { ...out, ...extra };
}

/** Minutes as hours with one decimal. */
export const hoursOf = (minutes: number | null | undefined) => (minutes == null ? null : Math.round((minutes / 60) * 10) / 10);
