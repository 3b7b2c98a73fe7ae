import type { Locale } from '@ish/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { cleanFileName } from '../../platform/files/upload.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { htmlToText } from '../../platform/security/html.ts';
import { findUnitPlacement } from '../org/index.ts';
import { saveTicket, type TicketRow } from './tickets.access.ts';
import { insertTicket } from './tickets.insert.ts';
import { FINAL_STATUSES } from './tickets.lifecycle.ts';
import { statusLabels } from './tickets.queries.ts';
import type { CreateTicketInput } from './tickets.schemas.ts';
import { ticketAttachments, ticketComments, tickets } from './tickets.tables.ts';
import { recordEvent } from './tickets.timeline.ts';

// Tickets that arrive through channels where the person is not signed in (the
// public report form, email) and what those people may do on them: reply,
// attach, confirm or reopen. The calling module has established who they are
// (a tracking code, an authenticated message from a participant); these
// functions apply the ticket's own rules and record everything on its timeline.

/** How the person came in, and their name when they are a contact rather than a user. */
export interface ChannelAuthor {
  /** The user, or the stand-in requester of a contact. */
  userId: number;
  via: 'web_form' | 'email';
  contactName?: string | null;
}

export interface ChannelFile {
  name: string;
  /** Decided from the bytes by the caller (attachment policy); an .eml original is message/rfc822. */
  contentType: string;
  data: Buffer;
  internal?: boolean;
}

/**
 * Opens a ticket for a requester (a user, or the stand-in of a contact) placed
 * in `unitId`, and announces it. `before` runs between the two, so that what
 * hangs on the ticket (its contact, its first files) exists when others react.
 */
export async function openChannelTicket(
  ctx: AppContext,
  tx: Tx,
  p: {
    requester: { id: number; name: string; email: string; phone: string | null };
    unitId: number;
    createdBy: number;
    teamId: number | null;
    input: Omit<CreateTicketInput, 'requesterId' | 'watcherIds'>;
    at?: Date;
    before?: (ticket: TicketRow) => Promise<void>;
    /** The contact the ticket is for, named on its creation entry. */
    contactName?: string | null;
  },
): Promise<TicketRow> {
  const placement = await findUnitPlacement(tx, p.unitId);
  if (!placement) throw new Error(`unit ${p.unitId} vanished`);
  const ticket = await insertTicket(tx, {
    placement,
    requester: p.requester,
    createdBy: p.createdBy,
    teamId: p.teamId,
    input: p.input,
    at: p.at ?? ctx.clock.now(),
    ...(p.contactName ? { createdData: { contactName: p.contactName } } : {}),
  });
  await p.before?.(ticket);
  await ctx.events.emit(tx, 'ticket.created', { ticketId: ticket.id, actorId: p.createdBy });
  // Numbered from the start: nothing runs between its creation and its number.
  await ctx.events.emit(tx, 'ticket.numbered', { ticketId: ticket.id });
  return ticket;
}

async function lockOpen(tx: Tx, ticketId: number): Promise<TicketRow> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
  if (!ticket) throw notFound();
  if (ticket.locked || FINAL_STATUSES.includes(ticket.status)) throw new AppError(409, 'TICKET_LOCKED');
  return ticket;
}

/** Stores files on a ticket (optionally under a reply), each a timeline entry; internal ones for the service desk only. */
export async function attachChannelFiles(
  tx: Tx,
  ticketId: number,
  author: ChannelAuthor,
  files: ChannelFile[],
  commentId: number | null = null,
) {
  const ids: number[] = [];
  for (const file of files) {
    const fileId = await postgresFileStore.put(tx, {
      purpose: 'ticket_attachment',
      contentType: file.contentType,
      data: file.data,
      createdBy: author.userId,
    });
    const [attachment] = await tx
      .insert(ticketAttachments)
      .values({
        ticketId,
        commentId,
        fileId,
        displayName: cleanFileName(file.name),
        contentType: file.contentType,
        size: file.data.length,
        internal: file.internal ?? false,
        uploadedBy: author.userId,
      })
      .returning();
    if (!attachment) throw new Error('attachment insert failed');
    ids.push(attachment.id);
    await recordEvent(
      tx,
      ticketId,
      author.userId,
      'attachment',
      {
        attachmentId: attachment.id,
        name: attachment.displayName,
        size: attachment.size,
        via: author.via,
        contactName: author.contactName ?? null,
      },
      !attachment.internal,
    );
  }
  return ids;
}

/**
 * A public reply from the requester's side (or a participant writing by email),
 * with its files. It becomes searchable and is announced like any reply.
 */
export async function addChannelReply(
  ctx: AppContext,
  tx: Tx,
  ticketId: number,
  author: ChannelAuthor,
  p: { bodyHtml: string; files?: ChannelFile[] },
): Promise<{ commentId: number | null }> {
  const ticket = await lockOpen(tx, ticketId);
  const text = htmlToText(p.bodyHtml);
  let commentId: number | null = null;
  if (text) {
    const [comment] = await tx.insert(ticketComments).values({ ticketId, authorId: author.userId, bodyHtml: p.bodyHtml }).returning();
    if (!comment) throw new Error('comment insert failed');
    commentId = comment.id;
    await recordEvent(tx, ticketId, author.userId, 'comment', { commentId, via: author.via, contactName: author.contactName ?? null });
  }
  if (p.files?.length) await attachChannelFiles(tx, ticketId, author, p.files, commentId);
  await saveTicket(ctx, tx, ticketId, text ? { repliesText: `${ticket.repliesText}\n${text}`.slice(-100_000) } : {});
  if (commentId !== null) await ctx.events.emit(tx, 'ticket.commented', { ticketId, commentId, authorId: author.userId, internal: false });
  return { commentId };
}

/** The requester's side confirms a resolution (the ticket closes and locks) or reopens it with a reason. */
export async function decideResolution(
  ctx: AppContext,
  tx: Tx,
  ticketId: number,
  author: ChannelAuthor,
  p: { action: 'confirm' | 'reopen'; reason?: string; locale: Locale; now?: Date },
): Promise<TicketRow> {
  const ticket = await lockOpen(tx, ticketId);
  const to = p.action === 'confirm' ? 'closed' : 'in_progress';
  if (ticket.status !== 'resolved') {
    const label = await statusLabels(tx, p.locale);
    throw new AppError(409, 'TRANSITION_NOT_ALLOWED', { from: label(ticket.status), to: label(to) });
  }
  if (p.action === 'reopen' && !p.reason?.trim())
    throw new AppError(400, 'REASON_REQUIRED', {}, [{ path: 'reason', message: 'REASON_REQUIRED' }]);
  const now = p.now ?? ctx.clock.now();
  await recordEvent(tx, ticketId, author.userId, 'status_changed', {
    status: [ticket.status, to],
    action: p.action,
    via: author.via,
    contactName: author.contactName ?? null,
    ...(p.reason ? { reason: p.reason.trim() } : {}),
  });
  const saved = await saveTicket(
    ctx,
    tx,
    ticketId,
    p.action === 'confirm' ? { status: 'closed', closedAt: now, locked: true } : { status: 'in_progress', resolvedAt: null },
  );
  await ctx.events.emit(tx, 'ticket.status_changed', {
    ticketId,
    from: ticket.status,
    to,
    actorId: author.userId,
    version: saved.version,
  });
  return saved;
}

/** Files of an incoming message that the attachment policy refused, noted for the service desk. */
export const noteRefusedFiles = (tx: Tx, ticketId: number, names: string[]) =>
  names.length ? recordEvent(tx, ticketId, null, 'attachment_refused', { names }, false) : Promise.resolve();

/** A ticket's id by its number, or null. */
export async function findTicketIdByNumber(tx: Tx, number: string): Promise<number | null> {
  const [row] = await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number));
  return row?.id ?? null;
}

/** What a person outside (a reporter tracking their report) may know of a ticket. */
export async function findPublicTicket(tx: Tx, ticketId: number, locale: Locale) {
  const { rows } = await tx.execute<{
    id: number;
    number: string;
    title: string;
    status: TicketRow['status'];
    priority: string;
    created_at: Date;
    resolved_at: Date | null;
    closed_at: Date | null;
    solution_summary: string | null;
    description_html: string;
    service_name: string | null;
    assignee_name: string | null;
  }>(sql`
    SELECT t.id, t.number, t.title, t.status, t.priority, t.created_at, t.resolved_at, t.closed_at, t.solution_summary,
      t.description_html, s.name AS service_name, u.name AS assignee_name
    FROM tickets t LEFT JOIN business_services s ON s.id = t.service_id LEFT JOIN users u ON u.id = t.assignee_id
    WHERE t.id = ${ticketId}`);
  const row = rows[0];
  if (!row) return null;
  const label = await statusLabels(tx, locale);
  return {
    id: Number(row.id),
    number: row.number,
    title: row.title,
    status: row.status,
    statusLabel: label(row.status),
    createdAt: new Date(row.created_at),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at) : null,
    closedAt: row.closed_at ? new Date(row.closed_at) : null,
    solutionSummary: row.solution_summary,
    descriptionHtml: row.description_html,
    serviceName: row.service_name,
    assigneeName: row.assignee_name,
  };
}

/** The public entries of a ticket's timeline (never internal notes or internal changes), oldest first. */
export async function listPublicEntries(tx: Tx, ticketId: number) {
  const { rows } = await tx.execute<{
    id: number;
    at: Date;
    kind: string;
    actor_id: number | null;
    actor_name: string | null;
    actor_is_requester: boolean;
    data: Record<string, unknown>;
    body_html: string | null;
  }>(sql`
    SELECT e.id, e.at, e.kind, e.actor_id, u.name AS actor_name, e.actor_id = t.requester_id AS actor_is_requester, e.data,
      c.body_html
    FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
    LEFT JOIN users u ON u.id = e.actor_id
    LEFT JOIN ticket_comments c ON c.id = (e.data->>'commentId')::bigint AND NOT c.internal
    WHERE e.ticket_id = ${ticketId} AND e.public
    ORDER BY e.at, e.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at),
    kind: r.kind,
    actorName: r.actor_name,
    byRequester: r.actor_is_requester === true,
    data: r.data,
    bodyHtml: r.body_html,
  }));
}

/** A file of the ticket that is not internal, or null. */
export async function findPublicAttachment(tx: Tx, ticketId: number, attachmentId: number) {
  const [attachment] = await tx
    .select()
    .from(ticketAttachments)
    .where(and(eq(ticketAttachments.id, attachmentId), eq(ticketAttachments.ticketId, ticketId), eq(ticketAttachments.internal, false)));
  if (!attachment) return null;
  const file = await postgresFileStore.get(tx, attachment.fileId);
  return file ? { name: attachment.displayName, contentType: attachment.contentType, data: file.data } : null;
}

/**
 * The users' addresses that take part in a ticket: its requester, the
 * assignee, watchers and the members of its team (the contact module adds a
 * contact's). A reply by email from anyone else is not added to the ticket.
 */
export async function ticketParticipantEmails(tx: Tx, ticketId: number): Promise<string[]> {
  const { rows } = await tx.execute<{ email: string }>(sql`
    SELECT lower(u.email) AS email FROM tickets t JOIN users u ON u.id IN (t.requester_id, t.assignee_id) WHERE t.id = ${ticketId}
    UNION SELECT lower(u.email) FROM ticket_watchers w JOIN users u ON u.id = w.user_id WHERE w.ticket_id = ${ticketId}
    UNION SELECT lower(u.email) FROM tickets t JOIN team_members m ON m.team_id = t.team_id JOIN users u ON u.id = m.user_id
      WHERE t.id = ${ticketId}`);
  return rows.map((r) => r.email);
}

/** Active business services among `ids`, in the order given (what a public form offers). */
export async function findActiveServices(tx: Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  const { rows } = await tx.execute<{ id: number; name: string; description: string | null }>(
    sql`SELECT id, name, description FROM business_services WHERE active AND id IN ${[...ids]}`,
  );
  const byId = new Map(rows.map((r) => [Number(r.id), { id: Number(r.id), name: r.name, description: r.description }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
