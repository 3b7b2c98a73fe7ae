import { formatRupiah, type Locale, rupiahInWords } from '@ish/shared';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { dateFormatter, fields, footer, heading, paragraph, section, signatures, startPdf, table } from '../../platform/documents/pdf.ts';
import { loadExcel } from '../../platform/files/excel.ts';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { dayOf } from '../../platform/time/zoned.ts';
import { companyTimeZone } from '../org/index.ts';
import { readSetting } from '../settings/index.ts';
import { type InvoiceRow, type LineRow, linesOf, loadInvoice, providerOf } from './billing.invoices.ts';
import { dayLabel, periodLabel } from './billing.notify.ts';
import { ownsLine, visibleInvoices } from './billing.policy.ts';
import { readBillingSettings } from './billing.settings.ts';
import { invoiceLines, invoicePayments, invoices } from './billing.tables.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `INV/2026/11/7` → `INV-2026-11-7`: a number as a file name. */
const fileNameOf = (invoice: InvoiceRow, ext: string) => `${(invoice.number ?? `DRAFT-${invoice.id}`).replace(/[^\w.-]+/g, '-')}.${ext}`;

async function unitName(ctx: AppContext, id: number) {
  const { rows } = await ctx.db.execute<{ name: string; company: string }>(
    sql`SELECT u.name, c.name AS company FROM units u JOIN companies c ON c.id = u.company_id WHERE u.id = ${id}`,
  );
  return rows[0] ?? { name: '-', company: '-' };
}

/** "3 jam", "7 VM", "sekali": a line's quantity as the reader says it. */
function quantityText(line: LineRow, locale: Locale) {
  if (line.kind === 'adjustment') return '';
  if (line.costModel === 'fixed') return t(locale, 'invoice.once');
  const value = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(
    line.quantityHundredths / 100,
  );
  return `${value} ${line.unitLabel ?? t(locale, line.costModel === 'per_hour' ? 'invoice.hours' : 'invoice.units')}`;
}

/** What a line is: its service and version, with carried-over, correction and adjustment marks. */
function serviceText(line: LineRow, locale: Locale) {
  const name = `${locale === 'en' ? line.itemNameEn : line.itemNameId} v${line.itemVersion}`;
  const marks = [
    line.carriedOver ? t(locale, 'invoice.carriedOver') : null,
    line.kind === 'reversal' ? t(locale, 'invoice.reversal') : null,
    line.kind === 'adjustment' ? t(locale, 'invoice.adjustment') : null,
  ].filter(Boolean);
  return marks.length ? `${name} (${marks.join(', ')})${line.reason ? `\n${line.reason}` : ''}` : name;
}

/** Lines grouped by providing division, in the order they appear. */
function groupByProvider(lines: LineRow[]) {
  const groups = new Map<number, { name: string; lines: LineRow[]; subtotal: bigint }>();
  for (const line of lines) {
    const group = groups.get(line.providingUnitId) ?? { name: line.providerName, lines: [], subtotal: 0n };
    group.lines.push(line);
    group.subtotal += line.amount;
    groups.set(line.providingUnitId, group);
  }
  return [...groups.values()];
}

/**
 * The invoice as a printable PDF in `locale`: the organisation's identity,
 * who is billed for which period, the lines grouped by providing division
 * with subtotals, the total and the amount in words, the signatory and page
 * numbers. `lines` narrows it to a provider's own lines (no grand total then).
 */
export async function renderInvoicePdf(ctx: AppContext, invoice: InvoiceRow, locale: Locale, only?: LineRow[]) {
  const all = only ?? (await linesOf(ctx.db, invoice.id));
  const L = (key: string, params?: Record<string, string | number>) => t(locale, `invoice.${key}`, params);
  const money = (amount: bigint) => formatRupiah(amount, locale);
  const [identity, zone, settings, billed] = [
    await readSetting(ctx.db, 'identity'),
    await companyTimeZone(ctx.db, invoice.companyId),
    await readBillingSettings(ctx.db, invoice.companyId),
    await unitName(ctx, invoice.unitId),
  ];
  const [payment] = await ctx.db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoice.id));
  const organisation = identity.value.organisationName;
  const number = invoice.number ?? t(locale, 'billing.draftNumber');
  const { doc, bytes } = await startPdf({ Title: `${L('title')} ${number}`, Author: organisation });
  heading(doc, organisation, L('title'), number);
  fields(doc, [
    [L('billTo'), `${billed.name} — ${billed.company}`],
    [L('period'), periodLabel(invoice.period, locale)],
    [L('issued'), invoice.issuedAt ? dayLabel(dayOf(invoice.issuedAt, zone), locale) : '-'],
    [L('due'), dayLabel(invoice.dueDate, locale)],
    [L('status'), t(locale, `billing.status.${invoice.status}`)],
  ]);
  const columns = [
    { header: L('service'), weight: 34 },
    { header: L('request'), weight: 24 },
    { header: L('quantity'), weight: 12, align: 'right' as const },
    { header: L('rate'), weight: 14, align: 'right' as const },
    { header: L('amount'), weight: 16, align: 'right' as const },
  ];
  for (const group of groupByProvider(all)) {
    section(doc, `${L('provider')}: ${group.name}`);
    table(doc, columns, [
      ...group.lines.map((l) => ({
        cells: [
          serviceText(l, locale),
          [l.requestNumber, l.ticketNumber].filter(Boolean).join('\n'),
          quantityText(l, locale),
          l.kind === 'adjustment' ? '' : money(l.rate),
          money(l.amount),
        ],
        muted: l.kind !== 'charge',
      })),
      { cells: [L('subtotal', { provider: group.name }), '', '', '', money(group.subtotal)], bold: true },
    ]);
  }
  if (!only) {
    const total = all.reduce((sum, l) => sum + l.amount, 0n);
    table(
      doc,
      [
        { header: L('total'), weight: 84 },
        { header: money(total), weight: 16, align: 'right' },
      ],
      [],
    );
    paragraph(doc, `${L('inWords')}: ${rupiahInWords(total, locale)}`);
  }
  if (payment) {
    doc.moveDown(0.5);
    paragraph(doc, L('payment', { reference: payment.reference, date: dayLabel(payment.paidOn, locale) }));
  }
  doc.moveDown(1);
  signatures(doc, [[`${L('signed')}\n${settings.signatoryTitle}`, settings.signatoryName]], 'right');
  const when = dateFormatter(locale, zone, '-');
  footer(doc, L('generated', { date: when(ctx.clock.now().toISOString()) }), (page, pages) => L('page', { page, pages }));
  doc.end();
  return { filename: fileNameOf(invoice, 'pdf'), pdf: await bytes };
}

/** The PDF of an invoice for the actor: in full, or a provider's own lines. */
export async function invoicePdfFor(ctx: AppContext, actor: Actor, id: number) {
  const { invoice, lines, view } = await loadInvoice(ctx.db, actor, id);
  return renderInvoicePdf(ctx, invoice, actor.locale, view === 'full' ? undefined : lines.filter((l) => ownsLine(actor, providerOf(l))));
}

/** Renders the attachment of an invoice email (every line: it goes to the paying division). */
export function invoiceAttachment(ctx: AppContext) {
  return async (id: number, locale: Locale) => {
    const [invoice] = await ctx.db.select().from(invoices).where(eq(invoices.id, id));
    if (!invoice) return null;
    const { filename, pdf } = await renderInvoicePdf(ctx, invoice, locale);
    return { filename, content: pdf, contentType: 'application/pdf' };
  };
}

const LINE_HEADERS = [
  'number',
  'division',
  'period',
  'status',
  'provider',
  'service',
  'version',
  'request',
  'line',
  'charged',
  'quantity',
  'rate',
  'amount',
];

function lineRow(locale: Locale, zone: string, invoice: InvoiceRow, division: string, line: LineRow) {
  return [
    invoice.number ?? t(locale, 'billing.draftNumber'),
    division,
    invoice.period,
    t(locale, `billing.status.${invoice.status}`),
    line.providerName,
    locale === 'en' ? line.itemNameEn : line.itemNameId,
    line.itemVersion,
    [line.requestNumber, line.ticketNumber].filter(Boolean).join(' / '),
    [t(locale, `invoice.${line.kind}`), line.carriedOver ? t(locale, 'invoice.carriedOver') : ''].filter(Boolean).join(', '),
    dayOf(line.chargedAt, zone),
    line.quantityHundredths / 100,
    Number(line.rate),
    Number(line.amount),
  ];
}

/** A sheet of lines with a bold header; text cells are neutralised (no formula runs), money stays numeric. */
function addLineSheet(workbook: ExcelJS.Workbook, name: string, locale: Locale, rows: unknown[][], totalLabel?: string) {
  const sheet = workbook.addWorksheet(name.slice(0, 31).replace(/[\\/?*[\]:]/g, '-'));
  sheet.addRow(LINE_HEADERS.map((h) => neutraliseCell(t(locale, `invoice.${h}`)))).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'number' ? v : neutraliseCell(v))));
  if (totalLabel) {
    const total = rows.reduce((sum, r) => sum + Number(r[r.length - 1]), 0);
    const last = sheet.addRow([neutraliseCell(totalLabel), ...Array(LINE_HEADERS.length - 2).fill(''), total]);
    last.font = { bold: true };
  }
  for (const key of [12, 13]) sheet.getColumn(key).numFmt = '#,##0';
  sheet.columns.forEach((c) => {
    c.width = 18;
  });
  return sheet;
}

/** One invoice as XLSX: its lines (as the actor sees them) and the total. */
export async function invoiceXlsxFor(ctx: AppContext, actor: Actor, id: number) {
  const { invoice, lines, view } = await loadInvoice(ctx.db, actor, id);
  const shown = view === 'full' ? lines : lines.filter((l) => ownsLine(actor, providerOf(l)));
  const division = (await unitName(ctx, invoice.unitId)).name;
  const zone = await companyTimeZone(ctx.db, invoice.companyId);
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  addLineSheet(
    workbook,
    t(actor.locale, 'invoice.sheet'),
    actor.locale,
    shown.map((l) => lineRow(actor.locale, zone, invoice, division, l)),
    t(actor.locale, 'invoice.total'),
  );
  return { name: fileNameOf(invoice, 'xlsx'), contentType: XLSX_TYPE, data: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** Every invoice of a period the actor sees, line by line (a provider: their own lines), as XLSX. */
export async function periodXlsxFor(ctx: AppContext, actor: Actor, period: string, companyId?: number) {
  const conditions: SQL[] = [visibleInvoices(actor), eq(invoices.period, period)];
  if (companyId) conditions.push(eq(invoices.companyId, companyId));
  const found = await ctx.db
    .select({ invoice: invoices, division: sql<string>`(SELECT name FROM units WHERE id = ${invoices.unitId})` })
    .from(invoices)
    .where(and(...conditions))
    .orderBy(asc(invoices.unitPath));
  const lines = found.length
    ? await ctx.db
        .select()
        .from(invoiceLines)
        .where(
          inArray(
            invoiceLines.invoiceId,
            found.map((f) => f.invoice.id),
          ),
        )
        .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.id))
    : [];
  const rows: unknown[][] = [];
  for (const { invoice, division } of found) {
    const { view } = await loadInvoice(ctx.db, actor, invoice.id);
    const zone = await companyTimeZone(ctx.db, invoice.companyId);
    for (const line of lines.filter((l) => l.invoiceId === invoice.id))
      if (view === 'full' || ownsLine(actor, providerOf(line))) rows.push(lineRow(actor.locale, zone, invoice, division, line));
  }
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  addLineSheet(workbook, t(actor.locale, 'invoice.periodSheet', { period }), actor.locale, rows, t(actor.locale, 'invoice.total'));
  return { name: `tagihan-${period}.xlsx`, contentType: XLSX_TYPE, data: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
