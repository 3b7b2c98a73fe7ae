import type { Locale } from '@ish/shared';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import {
  type Doc,
  dateFormatter,
  fields,
  footer,
  heading,
  paragraph,
  section,
  signatures,
  startPdf,
} from '../../platform/documents/pdf.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { htmlToText } from '../../platform/security/html.ts';
import { findActiveUser } from '../identity/index.ts';
import { companyTimeZone, findTeam } from '../org/index.ts';
import { readSetting } from '../settings/index.ts';
import { loadVisible } from './tickets.access.ts';
import { presentTicket, presentTimeline } from './tickets.presenter.ts';
import { statusLabels } from './tickets.queries.ts';
import type { TicketStatus } from './tickets.tables.ts';

type Ticket = Awaited<ReturnType<typeof presentTicket>>;
export type DocumentKind = 'ticket' | 'berita-acara';

function checklist(doc: Doc, ticket: Ticket, locale: Locale) {
  if (!ticket.checklist.length) return paragraph(doc, t(locale, 'documents.none'));
  for (const [i, item] of ticket.checklist.entries()) paragraph(doc, `${i + 1}. [${item.done ? 'x' : ' '}] ${item.text}`);
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
  const [identity, zone] = await Promise.all([readSetting(ctx.db, 'identity'), companyTimeZone(ctx.db, loaded.ticket.companyId)]);
  const when = dateFormatter(locale, zone, t(locale, 'documents.none'));
  const organisation = identity.value.organisationName;
  const { doc, bytes } = await startPdf({ Title: `${ticket.number} ${kind}`, Author: organisation });

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
  footer(doc, L('generated', { date: when(ctx.clock.now().toISOString()) }), (page, pages) => L('page', { page, pages }));
  doc.end();
  return { filename: `${ticket.number}-${kind}.pdf`, pdf: await bytes };
}
