import { PassThrough, Readable } from 'node:stream';
import type { Locale } from '@ish/shared';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { loadExcel } from '../files/excel.ts';
import { neutraliseCell } from '../files/spreadsheet.ts';
import { t } from '../i18n/i18n.ts';
import { footer, heading, MARGIN, table as pdfTable, startPdf } from './pdf.ts';

/**
 * A report as a table, ready to leave as CSV, XLSX or PDF. Rows arrive in
 * batches (a cursor for long lists), so CSV and XLSX stream to the client as
 * they are read; a PDF is a printable document and stops after `PDF_ROW_LIMIT`
 * rows with a note pointing to the spreadsheet formats.
 */
export interface TableExport {
  title: string;
  /** Lines under the title in XLSX and PDF: period, filters, when it was made. */
  meta: string[];
  columns: { header: string /** Relative width in the PDF. */; width?: number; numeric?: boolean }[];
  rows: AsyncIterable<unknown[][]> | Iterable<unknown[][]>;
  /** A last, bold row. */
  totals?: unknown[] | null;
}

export const PDF_ROW_LIMIT = 2_000;

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** Numbers stay numbers; text that could run as a formula is neutralised. */
const cell = (v: unknown) => (typeof v === 'number' ? v : neutraliseCell(v));

/** CSV (UTF-8 with BOM, for Excel) streamed batch by batch. */
export function csvStream(table: TableExport): Readable {
  const out = stringify();
  const source = Readable.from(
    (async function* () {
      yield table.columns.map((c) => cell(c.header));
      for await (const batch of table.rows) for (const row of batch) yield row.map(cell);
      if (table.totals) yield table.totals.map(cell);
    })(),
    { objectMode: true },
  );
  const body = new PassThrough();
  body.write('\uFEFF');
  source.on('error', (e) => body.destroy(e));
  source.pipe(out).pipe(body);
  return body;
}

/** XLSX written row by row (the streaming workbook writer): title and filters first, then the table. */
export function xlsxStream(table: TableExport): Readable {
  const body = new PassThrough();
  void (async () => {
    const ExcelJS = await loadExcel();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: body, useStyles: true });
    const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[[\]*?/\\:]/g, ' '));
    sheet.addRow([neutraliseCell(table.title)]).font = { bold: true, size: 14 };
    for (const line of table.meta) sheet.addRow([neutraliseCell(line)]).commit();
    sheet.addRow([]).commit();
    const header = sheet.addRow(table.columns.map((c) => neutraliseCell(c.header)));
    header.font = { bold: true };
    header.commit();
    table.columns.forEach((c, i) => {
      sheet.getColumn(i + 1).width = Math.max(10, Math.min(60, (c.width ?? 1) * 14));
    });
    for await (const batch of table.rows) for (const row of batch) sheet.addRow(row.map(cell)).commit();
    if (table.totals) {
      const totals = sheet.addRow(table.totals.map(cell));
      totals.font = { bold: true };
      totals.commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => body.destroy(error as Error));
  return body;
}

/** Who prints a document, in which language and when (texts already translated). */
export interface PdfContext {
  organisation: string;
  locale: Locale;
  /** "Printed …" for the footer. */
  printed: string;
  pageLabel: (page: number, pages: number) => string;
}

/**
 * The table as a printable PDF in the shared document look: the
 * organisation's name, title, period and filters, the table with its header
 * repeated on every page, "printed at" and "page n of m". Wide tables turn the page.
 */
export async function tablePdf(table: TableExport, context: PdfContext): Promise<Buffer> {
  const { doc, bytes } = await startPdf(
    { Title: table.title, Author: context.organisation },
    table.columns.length > 6 ? 'landscape' : 'portrait',
  );
  heading(doc, context.organisation, table.title, table.meta[0] ?? '');
  doc.font('Helvetica').fontSize(9).fillColor('#333');
  for (const line of table.meta.slice(1)) doc.text(line, MARGIN, doc.y);
  doc.moveDown(0.5);
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const rows: { cells: string[]; bold?: boolean }[] = [];
  let truncated = false;
  outer: for await (const batch of table.rows) {
    for (const row of batch) {
      if (rows.length >= PDF_ROW_LIMIT) {
        truncated = true;
        break outer;
      }
      rows.push({ cells: row.map(text) });
    }
  }
  if (table.totals) rows.push({ cells: table.totals.map(text), bold: true });
  pdfTable(
    doc,
    table.columns.map((c) => ({ header: c.header, weight: c.width ?? 1, align: c.numeric ? ('right' as const) : ('left' as const) })),
    rows,
  );
  if (truncated)
    doc
      .font('Helvetica-Oblique')
      .fontSize(9)
      .text(t(context.locale, 'documents.truncated', { rows: PDF_ROW_LIMIT }), MARGIN, doc.y);
  footer(doc, context.printed, context.pageLabel);
  doc.end();
  return bytes;
}

export type ExportFormat = keyof typeof CONTENT_TYPES;

/** The table in `format`: CSV and XLSX as streams, PDF as bytes. */
export async function renderTable(
  table: TableExport,
  format: ExportFormat,
  context: () => Promise<PdfContext>,
): Promise<Readable | Buffer> {
  if (format === 'csv') return csvStream(table);
  if (format === 'xlsx') return xlsxStream(table);
  return tablePdf(table, await context());
}

/** Sends a rendered table as a download named `filename.format`. */
export function sendDownload(reply: FastifyReply, filename: string, format: ExportFormat, body: Readable | Buffer) {
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${filename}.${format}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}
