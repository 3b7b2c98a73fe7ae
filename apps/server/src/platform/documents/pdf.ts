import { type Locale, TIME_ZONE_ABBREVIATIONS } from '@ish/shared';
import type PDFDocument from 'pdfkit';
import { onFirstUse } from '../lazy.ts';

/**
 * Printable A4 documents (ticket forms, Berita Acara, invoices) share one
 * look: the organisation's name above a centred title and number, label and
 * value rows, signature blocks, and a footer with the print date and page
 * numbers on every page. Texts arrive translated; nothing here knows a domain.
 */
export type Doc = InstanceType<typeof PDFDocument>;

export const MARGIN = 50;

const ZONE_NAMES: Record<string, string> = TIME_ZONE_ABBREVIATIONS;

/** `25 November 2026 14.05 WIB` in the reader's language and the given zone; `none` for a missing date. */
export function dateFormatter(locale: Locale, timeZone: string, none: string) {
  const format = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const zone = ZONE_NAMES[timeZone] ?? timeZone;
  return (iso: string | null) => (iso ? `${format.format(new Date(iso))} ${zone}` : none);
}

/** pdfkit, loaded with the first document printed (not at the server's start). */
const loadPdfKit = onFirstUse(async () => (await import('pdfkit')).default);

/** A buffered A4 document (landscape for wide tables) and a promise of its bytes once `end()` is called. */
export async function startPdf(
  info: { Title: string; Author: string },
  layout: 'portrait' | 'landscape' = 'portrait',
): Promise<{ doc: Doc; bytes: Promise<Buffer> }> {
  const PDFKit = await loadPdfKit();
  const doc = new PDFKit({ size: 'A4', layout, margin: MARGIN, bufferPages: true, info });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, bytes };
}

export function heading(doc: Doc, organisation: string, title: string, number: string) {
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#555').text(organisation, { align: 'left' });
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(16).fillColor('#000').text(title.toUpperCase(), { align: 'center' });
  doc.font('Helvetica').fontSize(11).text(number, { align: 'center' });
  rule(doc);
}

/** A thin line across the page. */
export function rule(doc: Doc) {
  doc
    .moveDown(0.5)
    .moveTo(MARGIN, doc.y)
    .lineTo(doc.page.width - MARGIN, doc.y)
    .strokeColor('#999')
    .stroke()
    .moveDown(0.8);
}

export function section(doc: Doc, title: string) {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).fillColor('#000').text(title, MARGIN, doc.y);
  doc.moveDown(0.2).font('Helvetica').fontSize(10);
}

/** Label and value rows in two columns. */
export function fields(doc: Doc, rows: [string, string][]) {
  const labelWidth = 150;
  const valueWidth = doc.page.width - MARGIN * 2 - labelWidth;
  doc.font('Helvetica').fontSize(10);
  for (const [label, value] of rows) {
    const y = doc.y;
    const height = Math.max(doc.heightOfString(label, { width: labelWidth - 10 }), doc.heightOfString(value || '-', { width: valueWidth }));
    if (y + height > doc.page.height - MARGIN - 30) doc.addPage();
    const top = doc.y;
    doc.fillColor('#555').text(label, MARGIN, top, { width: labelWidth - 10 });
    doc.fillColor('#000').text(value || '-', MARGIN + labelWidth, top, { width: valueWidth });
    doc.x = MARGIN;
    doc.y = top + height + 4;
  }
}

export function paragraph(doc: Doc, text: string) {
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#000')
    .text(text || '-', MARGIN, doc.y, { width: doc.page.width - MARGIN * 2 });
}

/** Signature blocks side by side: title, blank line for the signature, name (and an optional line under it). */
export function signatures(doc: Doc, blocks: ([string, string] | [string, string, string])[], align: 'center' | 'right' = 'center') {
  if (doc.y > doc.page.height - 200) doc.addPage();
  const count = align === 'right' ? Math.max(blocks.length, 2) : blocks.length;
  const width = (doc.page.width - MARGIN * 2) / count;
  const top = doc.y + 20;
  blocks.forEach(([role, name, below], i) => {
    const x = MARGIN + (count - blocks.length + i) * width;
    doc.font('Helvetica').fontSize(10).fillColor('#000').text(role, x, top, { width, align: 'center' });
    doc
      .moveTo(x + 15, top + 70)
      .lineTo(x + width - 15, top + 70)
      .strokeColor('#000')
      .stroke();
    doc.font('Helvetica-Bold').text(name || '-', x, top + 76, { width, align: 'center' });
    if (below) doc.font('Helvetica').text(below, x, doc.y, { width, align: 'center' });
  });
  doc.x = MARGIN;
}

/** The print date on the left and "page N of M" on the right of every page; call once, before `end()`. */
export function footer(doc: Doc, printed: string, pageLabel: (page: number, pages: number) => string) {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 10;
    doc.font('Helvetica').fontSize(8).fillColor('#777');
    doc.text(printed, MARGIN, y, { width: 250, lineBreak: false });
    doc.text(pageLabel(i + 1, range.count), doc.page.width - MARGIN - 150, y, { width: 150, align: 'right', lineBreak: false });
  }
}

export interface PdfColumn {
  header: string;
  /** Share of the line's width. */
  weight: number;
  align?: 'left' | 'right';
}

/**
 * A table across the page: a header row, then rows that break onto new pages
 * with the header repeated. `bold` rows (subtotals, totals) are set in bold
 * with a line above.
 */
export function table(doc: Doc, columns: PdfColumn[], rows: { cells: string[]; bold?: boolean; muted?: boolean }[]) {
  const width = doc.page.width - MARGIN * 2;
  const weights = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => (c.weight / weights) * width);
  const pad = 4;
  const bottom = () => doc.page.height - MARGIN - 30;
  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(9);
    return Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: (widths[i] ?? 0) - pad * 2 }))) + pad * 2;
  };
  const draw = (cells: string[], font: string, color: string, fill?: string, lineAbove = false) => {
    const height = heightOf(cells, font);
    if (doc.y + height > bottom()) {
      doc.addPage();
      header();
    }
    const top = doc.y;
    if (fill) doc.rect(MARGIN, top, width, height).fill(fill);
    if (lineAbove)
      doc
        .moveTo(MARGIN, top)
        .lineTo(MARGIN + width, top)
        .strokeColor('#999')
        .stroke();
    let x = MARGIN;
    cells.forEach((text, i) => {
      const w = widths[i] ?? 0;
      doc
        .font(font)
        .fontSize(9)
        .fillColor(color)
        .text(text, x + pad, top + pad, { width: w - pad * 2, align: columns[i]?.align ?? 'left' });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };
  const header = () =>
    draw(
      columns.map((c) => c.header),
      'Helvetica-Bold',
      '#000',
      '#eeeeee',
    );
  header();
  for (const row of rows) draw(row.cells, row.bold ? 'Helvetica-Bold' : 'Helvetica', row.muted ? '#555' : '#000', undefined, row.bold);
  doc.moveDown(0.5);
}
