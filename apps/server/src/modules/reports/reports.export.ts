import type { Locale } from '@ish/shared';
import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { cursorRows } from '../../platform/db/cursor.ts';
import { dateFormatter } from '../../platform/documents/pdf.ts';
import { type ExportFormat, renderTable, sendDownload, type TableExport } from '../../platform/documents/table-export.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { documentContext, readerTimeZone } from '../settings/index.ts';
import { labelsOf } from './reports.labels.ts';
import {
  COMPLETED_FROM,
  COMPLETED_ORDER,
  type CompletedRow,
  catalogReport,
  completedWorkSql,
  presentCompleted,
  recapTickets,
  slaAchievement,
  ticketTrend,
  workload,
} from './reports.queries.ts';
import type {
  CatalogQuery,
  Dimension,
  RecapQuery,
  ReportFilters,
  ReportKind,
  SlaQuery,
  TrendQuery,
  WorkloadQuery,
} from './reports.schemas.ts';

/** The query each report kind takes (what a subscription stores). */
export type ReportQuery = RecapQuery | SlaQuery | WorkloadQuery | TrendQuery | CatalogQuery | ReportFilters;

const FILTER_NAMES: [keyof ReportFilters, Dimension][] = [
  ['companyId', 'company'],
  ['unitId', 'unit'],
  ['teamId', 'team'],
  ['assigneeId', 'assignee'],
  ['categoryId', 'category'],
  ['status', 'status'],
  ['priority', 'priority'],
  ['type', 'type'],
  ['channel', 'channel'],
];

const longDate = (locale: Locale, day: string) =>
  new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** "Period: …", one line naming the filters used (by their labels), and when it was made. */
async function metaOf(tx: Tx, actor: Actor, filters: Partial<ReportFilters>, period: { from: string; to: string }, now: Date) {
  const L = (key: string, params?: Record<string, string | number>) => t(actor.locale, `reports.${key}`, params);
  const used: string[] = [];
  for (const [key, dimension] of FILTER_NAMES) {
    const values = filters[key] as (string | number)[] | undefined;
    if (!values?.length) continue;
    const labels = await labelsOf(tx, actor.locale, dimension, values.map(String));
    used.push(`${L(`dimension.${dimension}`)}: ${values.map((v) => labels.get(String(v)) ?? v).join(', ')}`);
  }
  const when = dateFormatter(actor.locale, await readerTimeZone(tx, actor), t(actor.locale, 'documents.none'));
  return [
    L('meta.period', { from: longDate(actor.locale, period.from), to: longDate(actor.locale, period.to) }),
    L('meta.filters', { filters: used.length ? used.join(' · ') : L('meta.noFilters') }),
    L('meta.generated', { date: when(now.toISOString()) }),
  ];
}

const hours = (minutes: number | null) => (minutes === null ? '' : Math.round((minutes / 60) * 10) / 10);

/** The report of `kind` for `query` as a table, its rows streamed from a cursor where the list is long. */
export async function reportTable(
  ctx: AppContext,
  actor: Actor,
  kind: ReportKind,
  query: ReportQuery,
  now: Date,
): Promise<TableExport & { filename: string }> {
  const tx = ctx.db;
  const L = (key: string, params?: Record<string, string | number>) => t(actor.locale, `reports.${key}`, params);
  const title = L(`title.${kind}`);
  const table = async (
    period: { from: string; to: string },
    columns: TableExport['columns'],
    rows: unknown[][] | AsyncIterable<unknown[][]>,
    totals?: unknown[] | null,
  ) => ({
    title,
    meta: await metaOf(tx, actor, query as ReportFilters, period, now),
    columns,
    rows: Array.isArray(rows) ? [rows] : rows,
    totals: totals ?? null,
    filename: `${kind}-${period.from}-${period.to}`,
  });
  const n = (header: string, width = 1) => ({ header, width, numeric: true });
  switch (kind) {
    case 'tickets': {
      const r = await recapTickets(tx, actor, query as RecapQuery, now);
      const columns = r.columnDimension ? r.columns.map((c) => n(c.label)) : [];
      return table(
        r,
        [{ header: L(`dimension.${r.rowDimension}`), width: 2.5 }, ...columns, n(L('total'))],
        r.rows.map((row, i) => [row.label, ...(r.columnDimension ? (r.cells[i] ?? []) : []), r.totals.rows[i] ?? 0]),
        [L('total'), ...(r.columnDimension ? r.totals.columns : []), r.totals.all],
      );
    }
    case 'sla': {
      const r = await slaAchievement(tx, actor, query as SlaQuery, now);
      const cells = (o: {
        response: { met: number; breached: number; rate: number | null };
        resolution: { met: number; breached: number; rate: number | null };
      }) => [o.response.met, o.response.breached, o.response.rate ?? '', o.resolution.met, o.resolution.breached, o.resolution.rate ?? ''];
      return table(
        r,
        [
          { header: L(`group.${r.by}`), width: 2.5 },
          n(L('sla.responseMet')),
          n(L('sla.responseBreached')),
          n(L('sla.responseRate')),
          n(L('sla.resolutionMet')),
          n(L('sla.resolutionBreached')),
          n(L('sla.resolutionRate')),
        ],
        r.rows.map((row) => [row.label, ...cells(row)]),
        [L('total'), ...cells(r.total)],
      );
    }
    case 'workload': {
      const r = await workload(tx, actor, query as WorkloadQuery, now);
      return table(
        r,
        [
          { header: L(`dimension.${r.by}`), width: 2.5 },
          n(L('workload.assigned')),
          n(L('workload.open')),
          n(L('workload.resolved')),
          n(L('workload.reopened')),
          n(L('workload.responseAvg')),
          n(L('workload.responseMedian')),
          n(L('workload.resolutionAvg')),
          n(L('workload.resolutionMedian')),
          n(L('workload.backlog')),
          n(L('workload.presentDays')),
          n(L('workload.perPresentDay')),
        ],
        r.rows.map((row) => [
          row.label,
          row.assigned,
          row.open,
          row.resolved,
          row.reopened,
          hours(row.responseAvg),
          hours(row.responseMedian),
          hours(row.resolutionAvg),
          hours(row.resolutionMedian),
          row.backlog.day + row.backlog.days3 + row.backlog.week + row.backlog.older,
          row.presentDays ?? '',
          row.resolvedPerPresentDay ?? '',
        ]),
      );
    }
    case 'trends': {
      const r = await ticketTrend(tx, actor, query as TrendQuery, now);
      return table(
        r,
        [{ header: L(`interval.${r.interval}`), width: 1.5 }, n(L('trend.created')), n(L('trend.resolved')), n(L('trend.backlog'))],
        r.points.map((p) => [p.period, p.created, p.resolved, p.backlog]),
      );
    }
    case 'catalog': {
      const r = await catalogReport(tx, actor, query as CatalogQuery, now);
      return table(
        r,
        [
          { header: L('catalog.item'), width: 2.5 },
          { header: L('catalog.provider'), width: 1.5 },
          n(L('catalog.requests')),
          n(L('catalog.approved')),
          n(L('catalog.rejected')),
          n(L('catalog.approvalHours')),
          n(L('catalog.fulfilmentHours')),
        ],
        r.items.map((i) => [i.item, i.provider, i.requests, i.approved, i.rejected, i.approvalHours ?? '', i.fulfilmentHours ?? '']),
      );
    }
    case 'completed': {
      const { period, select, where } = await completedWorkSql(tx, actor, query as ReportFilters, now);
      const when = dateFormatter(actor.locale, await readerTimeZone(tx, actor), t(actor.locale, 'documents.none'));
      const rows = (async function* () {
        for await (const batch of cursorRows<CompletedRow>(
          ctx.pool,
          sql`SELECT ${select} FROM ${COMPLETED_FROM} WHERE ${where} ORDER BY ${COMPLETED_ORDER}`,
        ))
          yield batch.map((raw) => {
            const c = presentCompleted(raw);
            return [
              c.number,
              c.title,
              c.unit?.name ?? '',
              c.category?.name ?? '',
              c.assignee?.name ?? '',
              when(c.createdAt),
              when(c.resolvedAt),
              hours(c.resolutionMinutes),
              c.solutionSummary ?? '',
            ];
          });
      })();
      return table(
        period,
        [
          { header: L('completed.number'), width: 1.4 },
          { header: L('completed.title'), width: 2.5 },
          { header: L('dimension.unit'), width: 1.3 },
          { header: L('dimension.category'), width: 1.3 },
          { header: L('completed.responsible'), width: 1.3 },
          { header: L('completed.created'), width: 1.4 },
          { header: L('completed.resolved'), width: 1.4 },
          n(L('completed.hours')),
          { header: L('completed.solution'), width: 3 },
        ],
        rows,
      );
    }
  }
}

/** Sends a report table as a download; CSV and XLSX stream. */
export async function sendTable(
  ctx: AppContext,
  actor: Actor,
  reply: FastifyReply,
  table: TableExport & { filename: string },
  format: ExportFormat,
  now: Date,
) {
  return sendDownload(reply, table.filename, format, await renderTable(table, format, () => documentContext(ctx.db, actor, now)));
}
