import { z } from 'zod';
import { csv, ids, pageOf, pageQuery, version } from '../../platform/http/schemas.ts';
import { CHANNELS, PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../tickets/index.ts';

/** What a recap can be broken down by, as rows or columns. */
export const DIMENSIONS = ['unit', 'company', 'team', 'status', 'priority', 'category', 'type', 'channel', 'assignee'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * Filters every ticket report takes, named as the ticket list names them, so a
 * number drills down into the list with the same query. Days are inclusive and
 * read in each ticket's company calendar; the default is the reader's current month.
 */
export const reportFilters = {
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  companyId: ids.optional(),
  unitId: ids.optional(),
  teamId: ids.optional(),
  assigneeId: ids.optional(),
  categoryId: ids.optional(),
  status: csv.pipe(z.array(z.enum(TICKET_STATUSES))).optional(),
  priority: csv.pipe(z.array(z.enum(PRIORITIES))).optional(),
  type: csv.pipe(z.array(z.enum(TICKET_TYPES))).optional(),
  channel: csv.pipe(z.array(z.enum(CHANNELS))).optional(),
  format: z.enum(FORMATS).default('json'),
};
const filtersObject = z.object(reportFilters);
export type ReportFilters = z.infer<typeof filtersObject>;

export const recapQuery = z.strictObject({
  ...reportFilters,
  rows: z.enum(DIMENSIONS).default('unit'),
  columns: z.enum(DIMENSIONS).optional(),
});
export type RecapQuery = z.infer<typeof recapQuery>;

export const SLA_GROUPS = ['priority', 'team', 'category', 'month', 'unit', 'company'] as const;
export const slaQuery = z.strictObject({ ...reportFilters, by: z.enum(SLA_GROUPS).default('priority') });
export type SlaQuery = z.infer<typeof slaQuery>;

export const workloadQuery = z.strictObject({ ...reportFilters, by: z.enum(['assignee', 'team']).default('assignee') });
export type WorkloadQuery = z.infer<typeof workloadQuery>;

export const trendQuery = z.strictObject({ ...reportFilters, interval: z.enum(['day', 'week', 'month']).default('day') });
export type TrendQuery = z.infer<typeof trendQuery>;

export const completedQuery = z.strictObject({ ...reportFilters, ...pageQuery });
export type CompletedQuery = z.infer<typeof completedQuery>;

export const catalogQuery = z.strictObject({
  from: reportFilters.from,
  to: reportFilters.to,
  companyId: reportFilters.companyId,
  unitId: reportFilters.unitId,
  format: reportFilters.format,
});
export type CatalogQuery = z.infer<typeof catalogQuery>;

export const REPORT_KINDS = ['tickets', 'sla', 'workload', 'trends', 'completed', 'catalog'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Each report's query schema: requests and stored subscriptions parse through the same one. */
export const REPORT_QUERIES = {
  tickets: recapQuery,
  sla: slaQuery,
  workload: workloadQuery,
  trends: trendQuery,
  completed: completedQuery,
  catalog: catalogQuery,
} as const;

const period = { from: z.iso.date(), to: z.iso.date() };
/** A row or column of a breakdown: the raw value the ticket list filters by (null: none), and its label. */
const header = z.object({ value: z.string().nullable(), label: z.string() });

export const recapOut = z.object({
  ...period,
  rowDimension: z.enum(DIMENSIONS),
  columnDimension: z.enum(DIMENSIONS).nullable(),
  rows: z.array(header),
  columns: z.array(header),
  /** `cells[r][c]`: tickets of row r and column c. */
  cells: z.array(z.array(z.number().int())),
  totals: z.object({ rows: z.array(z.number().int()), columns: z.array(z.number().int()), all: z.number().int() }),
});
export type RecapOut = z.infer<typeof recapOut>;

const outcome = z.object({
  met: z.number().int(),
  breached: z.number().int(),
  /** Met as a share of decided (met + breached), 0–100 with one decimal; null when nothing was decided. */
  rate: z.number().nullable(),
});
export const slaOut = z.object({
  ...period,
  by: z.enum(SLA_GROUPS),
  rows: z.array(header.extend({ response: outcome, resolution: outcome })),
  total: z.object({ response: outcome, resolution: outcome }),
});
export type SlaOut = z.infer<typeof slaOut>;

const minutes = z.number().nullable();
export const workloadOut = z.object({
  ...period,
  by: z.enum(['assignee', 'team']),
  rows: z.array(
    header.extend({
      assigned: z.number().int(),
      open: z.number().int(),
      resolved: z.number().int(),
      reopened: z.number().int(),
      /** Business minutes. */
      responseAvg: minutes,
      responseMedian: minutes,
      resolutionAvg: minutes,
      resolutionMedian: minutes,
      /** Open now, by age: under a day, 1–3 days, 3–7 days, older. */
      backlog: z.object({ day: z.number().int(), days3: z.number().int(), week: z.number().int(), older: z.number().int() }),
      /** Days checked in during the period (people only), and resolved tickets per such day. */
      presentDays: z.number().int().nullable(),
      resolvedPerPresentDay: z.number().nullable(),
    }),
  ),
  /** Resolved per day over the period, for the trend line. */
  trend: z.array(z.object({ day: z.iso.date(), resolved: z.number().int() })),
});
export type WorkloadOut = z.infer<typeof workloadOut>;

export const trendOut = z.object({
  ...period,
  interval: z.enum(['day', 'week', 'month']),
  points: z.array(z.object({ period: z.iso.date(), created: z.number().int(), resolved: z.number().int(), backlog: z.number().int() })),
});
export type TrendOut = z.infer<typeof trendOut>;

const named = z.object({ id: z.number().int(), name: z.string() }).nullable();
export const completedItem = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  status: z.enum(TICKET_STATUSES),
  category: named,
  unit: named,
  team: named,
  assignee: named,
  createdAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  /** Business minutes the resolution clock ran (pauses excluded); null without an SLA clock. */
  resolutionMinutes: minutes,
  solutionSummary: z.string().nullable(),
});
export const completedOut = pageOf(completedItem).extend(period);
export type CompletedItem = z.infer<typeof completedItem>;

export const catalogOut = z.object({
  ...period,
  items: z.array(
    z.object({
      itemId: z.number().int(),
      item: z.string(),
      provider: z.string(),
      requests: z.number().int(),
      approved: z.number().int(),
      rejected: z.number().int(),
      /** Hours from a step waiting to its decision, on average. */
      approvalHours: z.number().nullable(),
      /** Hours from the fulfilment ticket's creation to its resolution, on average. */
      fulfilmentHours: z.number().nullable(),
    }),
  ),
  divisions: z.array(z.object({ unitId: z.number().int(), unit: z.string(), requests: z.number().int(), estimate: z.string() })),
});
export type CatalogOut = z.infer<typeof catalogOut>;

export const dashboardOut = z.object({
  today: z.iso.date(),
  ...period,
  todayNew: z.number().int(),
  todayResolved: z.number().int(),
  monthNew: z.number().int(),
  monthResolved: z.number().int(),
  open: z.number().int(),
  breachingSoon: z.number().int(),
  breached: z.number().int(),
  /** Resolution targets met this month, percent; null when none was decided. */
  slaAchievement: z.number().nullable(),
  topCategories: z.array(header.extend({ count: z.number().int() })),
  busiestUnits: z.array(header.extend({ count: z.number().int() })),
  trend: z.array(z.object({ day: z.iso.date(), created: z.number().int(), resolved: z.number().int() })),
  /** The same days of the previous month, for comparison. */
  previousMonthNew: z.number().int(),
});
export type DashboardOut = z.infer<typeof dashboardOut>;

const subscriptionQuery = z.record(z.string(), z.string().max(500)).default({});
export const subscriptionBody = z
  .strictObject({
    kind: z.enum(REPORT_KINDS),
    /** The report's filters as in its URL (without from, to and format: each run reports on the period just ended). */
    query: subscriptionQuery,
    frequency: z.enum(['daily', 'weekly', 'monthly']),
    format: z.enum(['pdf', 'xlsx']).default('pdf'),
    recipientIds: z.array(z.number().int().positive()).max(20).default([]),
  })
  .superRefine((body, issues) => {
    const { from: _f, to: _t, format: _x, ...filters } = body.query;
    const parsed = REPORT_QUERIES[body.kind].safeParse(filters);
    if (!parsed.success) issues.addIssue({ code: 'custom', path: ['query'], message: parsed.error.issues[0]?.message ?? 'invalid' });
    body.query = filters;
  });
export const subscriptionOut = z.object({
  id: z.number().int(),
  kind: z.enum(REPORT_KINDS),
  query: z.record(z.string(), z.unknown()),
  frequency: z.enum(['daily', 'weekly', 'monthly']),
  format: z.enum(['pdf', 'xlsx']),
  recipientIds: z.array(z.number().int()),
  active: z.boolean(),
  nextRunAt: z.iso.datetime(),
  version: z.number().int(),
});
export const subscriptionList = z.object({ items: z.array(subscriptionOut) });
export const subscriptionPatch = z.strictObject({
  query: subscriptionQuery.optional(),
  frequency: z.enum(['daily', 'weekly', 'monthly']).optional(),
  format: z.enum(['pdf', 'xlsx']).optional(),
  recipientIds: z.array(z.number().int().positive()).max(20).optional(),
  active: z.boolean().optional(),
  version,
});
