import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { type Doc, dateFormatter, footer, heading, MARGIN, section, startPdf, table } from '../../platform/documents/pdf.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { organisationTimeZone, readSetting } from '../settings/index.ts';
import { visibleTickets } from './tickets.policy.ts';
import type { ClosedReportQuery } from './tickets.schemas.ts';

/** The report's columns: label key and share of the page width. */
const COLUMNS = [
  ['number', 13],
  ['title', 25],
  ['unit', 13],
  ['category', 12],
  ['priority', 6],
  ['assignee', 12],
  ['closed', 19],
] as const;

/**
 * 004 §D.10 ("mencetak laporan"): the incidents closed in a period of whole
 * days in the organisation's zone, that the reader may see, as a printable
 * PDF with totals by category and priority.
 */
export async function renderClosedIncidentsReport(ctx: AppContext, actor: Actor, query: ClosedReportQuery) {
  if (query.from > query.to) throw new AppError(400, 'PERIOD_REVERSED');
  const zone = await organisationTimeZone(ctx.db);
  const locale = actor.locale;
  const { rows } = await ctx.db.execute<{
    number: string;
    title: string;
    unit: string;
    category: string | null;
    priority: string;
    assignee: string | null;
    closed_at: Date;
    solution_summary: string | null;
  }>(sql`
    SELECT tickets.number, tickets.title, u.name AS unit, ${locale === 'en' ? sql`c.name_en` : sql`c.name_id`} AS category,
      tickets.priority, a.name AS assignee, tickets.closed_at, tickets.solution_summary
    FROM tickets JOIN units u ON u.id = tickets.unit_id
    LEFT JOIN ticket_categories c ON c.id = tickets.category_id LEFT JOIN users a ON a.id = tickets.assignee_id
    WHERE ${visibleTickets(actor)} AND tickets.type = 'incident' AND tickets.status = 'closed'
      AND tickets.closed_at >= (${query.from}::date::timestamp AT TIME ZONE ${zone})
      AND tickets.closed_at < ((${query.to}::date + 1)::timestamp AT TIME ZONE ${zone})
    ORDER BY tickets.closed_at, tickets.id
    LIMIT 5000`);

  const L = (key: string, params?: Record<string, string | number>) => t(locale, `documents.${key}`, params);
  const when = dateFormatter(locale, zone, L('none'));
  const day = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
  const period = `${day.format(new Date(`${query.from}T00:00:00Z`))} – ${day.format(new Date(`${query.to}T00:00:00Z`))}`;
  const organisation = (await readSetting(ctx.db, 'identity')).value.organisationName;
  const { doc, bytes } = await startPdf({ Title: L('closed.title'), Author: organisation }, 'landscape');

  heading(doc, organisation, L('closed.title'), period);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(L('closed.count', { count: rows.length }));
  doc.moveDown(0.5);
  table(
    doc,
    COLUMNS.map(([key, weight]) => ({ header: L(`closed.column.${key}`), weight })),
    rows.map((r) => ({
      cells: [r.number, r.title, r.unit, r.category ?? '', r.priority, r.assignee ?? '', when(new Date(r.closed_at).toISOString())],
    })),
  );
  if (!rows.length) doc.font('Helvetica').fontSize(10).text(L('closed.none'));
  totals(
    doc,
    L('closed.byCategory'),
    rows.map((r) => r.category ?? L('none')),
  );
  totals(
    doc,
    L('closed.byPriority'),
    rows.map((r) => L(`priority.${r.priority}`)),
  );
  footer(doc, L('generated', { date: when(ctx.clock.now().toISOString()) }), (page, pages) => L('page', { page, pages }));
  doc.end();
  return { filename: `closed-incidents-${query.from}-${query.to}.pdf`, pdf: await bytes };
}

function totals(doc: Doc, title: string, values: string[]) {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (doc.y > doc.page.height - 150) doc.addPage();
  section(doc, title);
  for (const [label, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
    doc.text(`${label}: ${count}`, MARGIN, doc.y);
}
