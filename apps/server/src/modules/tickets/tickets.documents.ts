import type { Locale } from '@ish/shared';
import PDFDocument from 'pdfkit';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { htmlToText } from '../../platform/security/html.ts';
import { findActiveUser } from '../identity/index.ts';
import { findTeam } from '../org/index.ts';
import { readSetting } from '../settings/index.ts';
import { loadVisible } from './tickets.access.ts';
import { organisationTimeZone } from './tickets.config.ts';
import { presentTicket, presentTimeline } from './tickets.presenter.ts';
import { statusLabels } from './tickets.queries.ts';
import type { TicketStatus } from './tickets.tables.ts';

type Ticket = Awaited<ReturnType<typeof presentTicket>>;
type Doc = InstanceType<typeof PDFDocument>;
export type DocumentKind = 'ticket' | 'berita-acara';

const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };
const MARGIN = 50;

/** `25 November 2026 14.05 WIB` in the reader's language and the organisation's zone. */
function dateFormatter(locale: Locale, timeZone: string) {
  const format = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const zone = ZONE_NAMES[timeZone] ?? timeZone;
  return (iso: string | null) => (iso ? `${format.format(new Date(iso))} ${zone}` : t(locale, 'documents.none'));
}

function heading(doc: Doc, organisation: string, title: string, number: string) {
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#555').text(organisation, { align: 'left' });
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(16).fillColor('#000').text(title.toUpperCase(), { align: 'center' });
  doc.font('Helvetica').fontSize(11).text(number, { align: 'center' });
  doc
    .moveDown(0.5)
    .moveTo(MARGIN, doc.y)
    .lineTo(doc.page.width - MARGIN, doc.y)
    .strokeColor('#999')
    .stroke()
    .moveDown(0.8);
}

function section(doc: Doc, title: string) {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).fillColor('#000').text(title);
  doc.moveDown(0.2).font('Helvetica').fontSize(10);
}

/** Label and value rows in two columns. */
function fields(doc: Doc, rows: [string, string][]) {
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

function paragraph(doc: Doc, text: string) {
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor('#000')
    .text(text || '-', MARGIN, doc.y, { width: doc.page.width - MARGIN * 2 });
}

function checklist(doc: Doc, ticket: Ticket, locale: Locale) {
  if (!ticket.checklist.length) return paragraph(doc, t(locale, 'documents.none'));
  for (const [i, item] of ticket.checklist.entries()) paragraph(doc, `${i + 1}. [${item.done ? 'x' : ' '}] ${item.text}`);
}

/** Signature blocks side by side: title, blank line for the signature, name. */
function signatures(doc: Doc, blocks: [string, string][]) {
  if (doc.y > doc.page.height - 200) doc.addPage();
  const width = (doc.page.width - MARGIN * 2) / blocks.length;
  const top = doc.y + 20;
  blocks.forEach(([role, name], i) => {
    const x = MARGIN + i * width;
    doc.font('Helvetica').fontSize(10).text(role, x, top, { width, align: 'center' });
    doc
      .moveTo(x + 15, top + 70)
      .lineTo(x + width - 15, top + 70)
      .strokeColor('#000')
      .stroke();
    doc.font('Helvetica-Bold').text(name || '-', x, top + 76, { width, align: 'center' });
  });
  doc.x = MARGIN;
}

function footer(doc: Doc, locale: Locale, printed: string) {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 10;
    doc.font('Helvetica').fontSize(8).fillColor('#777');
    doc.text(t(locale, 'documents.generated', { date: printed }), MARGIN, y, { width: 250, lineBreak: false });
    doc.text(t(locale, 'documents.page', { page: i + 1, pages: range.count }), doc.page.width - MARGIN - 150, y, {
      width: 150,
      align: 'right',
      lineBreak: false,
    });
  }
}

/**
 * The printable ticket form or the Berita Acara (001 §3.7) as PDF, in the
 * reader's language; requesters get the public timeline only.
 */
export async function renderTicketDocument(
  ctx: AppContext,
  actor: Actor,
  idOrNumber: string,
  kind: DocumentKind,
): Promise<{ filename: string; pdf: Buffer }> {
  const loaded = await loadVisible(ctx.db, actor, idOrNumber);
  const ticket = await presentTicket(ctx.db, actor, loaded);
  if (kind === 'berita-acara' && !['resolved', 'closed'].includes(ticket.status)) throw new AppError(409, 'DOCUMENT_NOT_READY');
  const locale = actor.locale;
  const L = (key: string, params?: Record<string, string | number>) => t(locale, `documents.${key}`, params);
  const [identity, zone] = await Promise.all([readSetting(ctx.db, 'identity'), organisationTimeZone(ctx.db)]);
  const when = dateFormatter(locale, zone);
  const organisation = identity.value.organisationName;

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${ticket.number} ${kind}`, Author: organisation },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const level = (l: string) => L(`level.${l}`);
  if (kind === 'ticket') {
    heading(doc, organisation, L('ticket.title'), ticket.number);
    fields(doc, [
      [L('field.title'), ticket.title],
      [L('field.type'), t(locale, `tickets.type.${ticket.type}`)],
      [L('field.status'), ticket.statusLabel],
      [L('field.priority'), `${L(`priority.${ticket.priority}`)} (${ticket.stars}/5)`],
      [L('field.urgencyImpact'), `${level(ticket.urgency)} / ${level(ticket.impact)}`],
      [L('field.category'), ticket.category?.name ?? ''],
      [L('field.service'), ticket.service?.name ?? ''],
      [L('field.company'), ticket.company?.name ?? ''],
      [L('field.unit'), ticket.unit?.name ?? ''],
      [L('field.requester'), ticket.requester?.name ?? ''],
      [L('field.contact'), [ticket.contactName, ticket.contactPhone, ticket.contactEmail].filter(Boolean).join(' · ')],
      [L('field.channel'), ticket.channel],
      [L('field.team'), ticket.team?.name ?? ''],
      [L('field.assignee'), ticket.assignee?.name ?? ''],
      [L('field.escalation'), `L${ticket.escalationLevel}${ticket.vendorRef ? ` (${ticket.vendor?.name ?? ''} ${ticket.vendorRef})` : ''}`],
      [L('field.tags'), ticket.tags.join(', ')],
      [L('field.created'), when(ticket.createdAt)],
      [L('field.firstResponse'), when(ticket.firstResponseAt)],
      [L('field.started'), when(ticket.startedAt)],
      [L('field.resolved'), when(ticket.resolvedAt)],
      [L('field.closed'), when(ticket.closedAt)],
    ]);
    section(doc, L('section.description'));
    paragraph(doc, htmlToText(ticket.descriptionHtml));
    section(doc, L('section.solution'));
    paragraph(doc, ticket.solutionSummary ?? '');
    section(doc, L('section.checklist'));
    checklist(doc, ticket, locale);
    section(doc, L('section.timeline'));
    const timeline = await presentTimeline(ctx.db, actor, loaded);
    const label = await statusLabels(ctx.db, locale);
    for (const entry of timeline.items) {
      // Helvetica's character set has no arrow: » reads the same on paper.
      const status =
        entry.kind === 'status_changed' ? (entry.data.status as TicketStatus[] | undefined)?.map(label).join(' » ') : undefined;
      const what = [L(`event.${entry.kind}`), status ?? (entry.bodyHtml ? htmlToText(entry.bodyHtml) : '')].filter(Boolean).join(': ');
      paragraph(doc, `${when(entry.at)} · ${entry.actor?.name ?? organisation} · ${what}`);
    }
  } else {
    const team = ticket.team ? await findTeam(ctx.db, ticket.team.id) : null;
    const lead = team?.leadUserId ? await findActiveUser(ctx.db, team.leadUserId) : null;
    heading(doc, organisation, L('ba.title'), ticket.number);
    const completed = ticket.resolvedAt ?? ticket.closedAt;
    paragraph(doc, L('ba.opening', { date: when(completed), team: ticket.team?.name ?? organisation, unit: ticket.unit?.name ?? '' }));
    doc.moveDown(0.5);
    fields(doc, [
      [L('field.number'), ticket.number],
      [L('field.job'), ticket.title],
      [L('field.requester'), `${ticket.requester?.name ?? ''} — ${ticket.unit?.name ?? ''}`],
      [L('field.created'), when(ticket.createdAt)],
      [L('field.completion'), when(completed)],
      [L('field.responsible'), `${ticket.assignee?.name ?? '-'}${ticket.team ? ` (${ticket.team.name})` : ''}`],
    ]);
    section(doc, L('section.actions'));
    checklist(doc, ticket, locale);
    section(doc, L('section.result'));
    paragraph(doc, ticket.solutionSummary ?? '');
    doc.moveDown(1);
    paragraph(doc, L('ba.closing'));
    doc.moveDown(1);
    signatures(doc, [
      [L('sign.requester'), ticket.requester?.name ?? ''],
      [L('sign.agent'), ticket.assignee?.name ?? ''],
      [L('sign.acknowledged'), lead?.name ?? ''],
    ]);
  }
  footer(doc, locale, when(new Date().toISOString()));
  doc.end();
  await done;
  return { filename: `${ticket.number}-${kind}.pdf`, pdf: Buffer.concat(chunks) };
}
