import type { Locale } from '@ish/shared';
import type { AppContext } from '../../platform/context.ts';
import type { Upload } from '../../platform/files/upload.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { escapeHtml } from '../../platform/security/html.ts';
import { assertNotLocked, hit } from '../../platform/security/rate-limit.ts';
import { peopleByIds } from '../identity/index.ts';
import type { TicketStatus } from '../tickets/index.ts';
import {
  acceptAttachment,
  addChannelReply,
  type ChannelAuthor,
  type ChannelFile,
  decideResolution,
  FINAL_STATUSES,
  findPublicAttachment,
  findPublicTicket,
  findTicketFacts,
  findTicketIdByNumber,
  listPublicEntries,
  statusLabels,
} from '../tickets/index.ts';
import { findTicketContact } from './contacts.service.ts';
import { codeMatches } from './contacts.tracking-code.ts';
import type { TrackedEntry } from './tracking.schemas.ts';

// The public tracking page (004 Figure 12): a contact follows their ticket with
// its number and secret code, without signing in. A wrong code and an unknown
// number answer the same 404, and every miss counts against the caller's IP.

/** Misses per IP and hour before tracking answers 429 for an hour. */
export const TRACK_MISSES_PER_HOUR = 10;
/** Replies and files per IP and hour. */
const REPLIES_PER_HOUR = 30;

const firstName = (name: string | null | undefined) => name?.trim().split(/\s+/)[0] ?? null;

async function openTracked(ctx: AppContext, number: string, code: string, ip: string) {
  const key = `track:ip:${ip}`;
  await assertNotLocked(ctx.db, key);
  const ticketId = await findTicketIdByNumber(ctx.db, number);
  const found = ticketId === null ? null : await findTicketContact(ctx, ctx.db, ticketId);
  // An unknown number is compared with a code no ticket has, so both misses take the same path.
  if (!codeMatches(code, found?.trackingCode ?? '----') || !found || ticketId === null) {
    await hit(ctx.db, key, TRACK_MISSES_PER_HOUR, 60);
    throw notFound();
  }
  const facts = await findTicketFacts(ctx.db, ticketId);
  if (!facts) throw notFound();
  const author: ChannelAuthor = { userId: facts.requesterId, via: 'web_form', contactName: found.contact.name };
  return { ticketId, contact: found.contact, author, status: facts.status };
}

type TrackedAction = 'attach' | 'confirm' | 'reopen' | 'reply';
/** The ticket a number and code name (404 like an unknown number otherwise; misses count against the address). */
export async function trackedTicketId(ctx: AppContext, number: string, code: string, ip: string): Promise<number> {
  return (await openTracked(ctx, number, code, ip)).ticketId;
}

const actionsFor = (status: TicketStatus): TrackedAction[] =>
  FINAL_STATUSES.includes(status) ? [] : status === 'resolved' ? ['attach', 'confirm', 'reopen', 'reply'] : ['attach', 'reply'];

/** The ticket as its contact sees it: status, public timeline (no internal notes; staff by first name), files, what they may do. */
export async function viewTracked(ctx: AppContext, number: string, code: string, ip: string, locale: Locale) {
  const { ticketId, contact } = await openTracked(ctx, number, code, ip);
  const ticket = await findPublicTicket(ctx.db, ticketId, locale);
  if (!ticket) throw notFound();
  const entries = await listPublicEntries(ctx.db, ticketId);
  const label = await statusLabels(ctx.db, locale);
  const assigneeIds = entries.flatMap((e) =>
    e.kind === 'assigned' && Array.isArray(e.data.assigneeId) ? [Number(e.data.assigneeId[1])] : [],
  );
  const people = await peopleByIds(
    ctx.db,
    assigneeIds.filter((id) => id > 0),
  );
  const fileUrl = (id: number) => `/api/v1/public/tickets/${encodeURIComponent(number)}/attachments/${id}?code=${encodeURIComponent(code)}`;
  const timeline = entries.flatMap((e): TrackedEntry[] => {
    const author = e.byRequester
      ? { kind: 'you' as const, name: contact.name }
      : e.actorName
        ? { kind: 'staff' as const, name: firstName(e.actorName) ?? '' }
        : { kind: 'system' as const, name: null };
    const base = { id: e.id, at: e.at.toISOString(), author };
    switch (e.kind) {
      case 'created':
        return [{ ...base, kind: 'created' as const }];
      case 'comment':
        return e.bodyHtml ? [{ ...base, kind: 'comment' as const, bodyHtml: e.bodyHtml }] : [];
      case 'attachment':
        return [
          {
            ...base,
            kind: 'attachment' as const,
            file: { name: String(e.data.name ?? ''), size: Number(e.data.size ?? 0), url: fileUrl(Number(e.data.attachmentId)) },
          },
        ];
      case 'status_changed': {
        const [from, to] = (e.data.status as [TicketStatus, TicketStatus] | undefined) ?? [];
        if (!from || !to) return [];
        return [
          {
            ...base,
            kind: 'status_changed' as const,
            status: { from: label(from), to: label(to), code: to },
            reason: typeof e.data.reason === 'string' ? e.data.reason : null,
            solutionSummary: typeof e.data.solutionSummary === 'string' ? e.data.solutionSummary : null,
          },
        ];
      }
      case 'assigned': {
        const to = Array.isArray(e.data.assigneeId) ? Number(e.data.assigneeId[1]) : 0;
        const person = people.get(to);
        return person ? [{ ...base, kind: 'assigned' as const, handler: firstName(person.name) }] : [];
      }
      case 'escalated':
        return [{ ...base, kind: 'escalated' as const }];
      default:
        return [];
    }
  });
  return {
    number: ticket.number,
    title: ticket.title,
    status: ticket.status,
    statusLabel: ticket.statusLabel,
    service: ticket.serviceName,
    descriptionHtml: ticket.descriptionHtml,
    solutionSummary: ticket.solutionSummary,
    handledBy: firstName(ticket.assigneeName),
    reporter: contact.name,
    createdAt: ticket.createdAt.toISOString(),
    resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
    closedAt: ticket.closedAt?.toISOString() ?? null,
    timeline,
    allowedActions: actionsFor(ticket.status),
  };
}

/** Plain text from a form as the HTML of a reply. */
export const textToHtml = (text: string) =>
  text
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** What a contact sends: a reply and/or files. */
type TrackedReply = { body: string; files: Upload[] };

/** A reply and/or files from the contact (the number and code hold before it is read); files pass the attachment policy on their bytes. */
export async function replyTracked(
  ctx: AppContext,
  number: string,
  code: string,
  ip: string,
  sent: TrackedReply | (() => Promise<TrackedReply>),
) {
  const tracked = await openTracked(ctx, number, code, ip);
  await hit(ctx.db, `track:reply:${ip}`, REPLIES_PER_HOUR, 60);
  // Read only now: a wrong code or a throttled address never gets to upload its files.
  const input = typeof sent === 'function' ? await sent() : sent;
  const body = input.body.trim().slice(0, 10_000);
  if (!body && input.files.length === 0)
    throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body', message: 'validation.required' }]);
  const files: ChannelFile[] = [];
  for (const f of input.files) files.push({ name: f.filename, contentType: await acceptAttachment(ctx.db, f.data), data: f.data });
  await ctx.db.transaction((tx) =>
    addChannelReply(ctx, tx, tracked.ticketId, tracked.author, { bodyHtml: body ? textToHtml(body) : '', files }),
  );
}

/** The contact confirms the resolution (the ticket closes) or reopens it with a reason. */
export async function decideTracked(
  ctx: AppContext,
  number: string,
  code: string,
  ip: string,
  input: { action: 'confirm' | 'reopen'; reason?: string },
  locale: Locale,
) {
  const tracked = await openTracked(ctx, number, code, ip);
  await ctx.db.transaction((tx) => decideResolution(ctx, tx, tracked.ticketId, tracked.author, { ...input, locale, now: ctx.clock.now() }));
}

/** A file of the ticket that is not internal. */
export async function downloadTracked(ctx: AppContext, number: string, code: string, ip: string, attachmentId: number) {
  const { ticketId } = await openTracked(ctx, number, code, ip);
  const file = await findPublicAttachment(ctx.db, ticketId, attachmentId);
  if (!file) throw notFound();
  return file;
}
