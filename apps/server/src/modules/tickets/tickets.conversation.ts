import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { inTransaction, type Tx } from '../../platform/db/client.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { cleanFileName, type Upload } from '../../platform/files/upload.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { htmlToText, sanitizeRichText } from '../../platform/security/html.ts';
import { type Loaded, loadForChange, loadVisible, saveTicket } from './tickets.access.ts';
import { acceptAttachment } from './tickets.config.ts';
import { allowedActions, canDeleteAttachment, canWork, seesInternal } from './tickets.policy.ts';
import { seenAfter } from './tickets.seen.ts';
import { ticketAttachments, ticketComments } from './tickets.tables.ts';
import { recordEvent } from './tickets.timeline.ts';

function assertAction(actor: Actor, loaded: Loaded, action: string) {
  if (!allowedActions(actor, loaded.facts, loaded.me).includes(action)) throw forbidden();
}

/**
 * A public reply or an internal note. An agent's first public reply is the
 * ticket's first response; public replies become searchable.
 */
export async function addComment(ctx: AppContext, actor: Actor, id: number, input: { body: string; internal: boolean }, outer?: Tx) {
  return inTransaction(ctx.db, outer, async (tx) => {
    const loaded = await loadForChange(tx, actor, id);
    assertAction(actor, loaded, input.internal ? 'internal_note' : 'comment');
    const bodyHtml = sanitizeRichText(input.body);
    if (!htmlToText(bodyHtml)) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'body', message: 'validation.required' }]);
    // The comment and its timeline entry in one round trip.
    const createdAt = ctx.clock.now();
    const { rows } = await tx.execute<{ id: string }>(sql`
      WITH comment AS (INSERT INTO ticket_comments (ticket_id, author_id, body_html, internal, created_at)
        VALUES (${id}, ${actor.userId}, ${bodyHtml}, ${input.internal}, ${createdAt}) RETURNING id),
      entry AS (INSERT INTO ticket_events (ticket_id, actor_id, kind, public, data)
        SELECT ${id}, ${actor.userId}, ${input.internal ? 'internal_note' : 'comment'}, ${!input.internal}, jsonb_build_object('commentId', comment.id)
        FROM comment)
      SELECT id FROM comment`);
    if (!rows[0]) throw new Error('comment insert failed');
    const comment = { id: Number(rows[0].id), ticketId: id, authorId: actor.userId, bodyHtml, internal: input.internal, createdAt };
    const changes: Parameters<typeof saveTicket>[3] = {};
    if (!input.internal) {
      changes.repliesText = `${loaded.ticket.repliesText}\n${htmlToText(bodyHtml)}`.slice(-100_000);
      if (!loaded.ticket.firstResponseAt && canWork(actor, loaded.facts, loaded.me) && actor.userId !== loaded.ticket.requesterId)
        changes.firstResponseAt = ctx.clock.now();
    }
    const ticket = await saveTicket(ctx, tx, id, changes);
    if (changes.firstResponseAt) await ctx.events.emit(tx, 'ticket.first_response', { ticketId: id });
    await ctx.events.emit(tx, 'ticket.commented', {
      ticketId: id,
      commentId: comment.id,
      authorId: actor.userId,
      internal: input.internal,
    });
    // An internal note is work on the ticket; a public reply is not.
    return { comment, ticket, seen: seenAfter(actor, loaded, ticket, input.internal) };
  });
}

/** Attaches a file under the admin's attachment policy. */
export async function addAttachment(ctx: AppContext, actor: Actor, id: number, upload: Upload) {
  const internal = upload.fields.internal === 'true';
  const commentId = upload.fields.commentId ? Number(upload.fields.commentId) : null;
  const contentType = await acceptAttachment(ctx.db, upload.data);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, id);
    assertAction(actor, loaded, internal ? 'internal_note' : 'attach');
    if (commentId !== null) {
      const [comment] = await tx
        .select({ id: ticketComments.id })
        .from(ticketComments)
        .where(and(eq(ticketComments.id, commentId), eq(ticketComments.ticketId, id)));
      if (!comment) throw notFound();
    }
    const fileId = await postgresFileStore.put(tx, {
      purpose: 'ticket_attachment',
      contentType,
      data: upload.data,
      createdBy: actor.userId,
    });
    const [attachment] = await tx
      .insert(ticketAttachments)
      .values({
        ticketId: id,
        commentId,
        fileId,
        displayName: cleanFileName(upload.filename),
        contentType,
        size: upload.data.length,
        internal,
        uploadedBy: actor.userId,
      })
      .returning();
    if (!attachment) throw new Error('attachment insert failed');
    await recordEvent(
      tx,
      id,
      actor.userId,
      'attachment',
      { attachmentId: attachment.id, name: attachment.displayName, size: attachment.size },
      !internal,
    );
    await saveTicket(ctx, tx, id, {});
    return attachment;
  });
}

/** An attachment of the loaded ticket the actor may see: not removed, and internal ones for the service desk only. */
const visibleAttachment = (actor: Actor, loaded: Loaded, attachmentId: number) =>
  and(
    eq(ticketAttachments.id, attachmentId),
    eq(ticketAttachments.ticketId, loaded.ticket.id),
    isNull(ticketAttachments.deletedAt),
    seesInternal(actor, loaded.facts) ? undefined : eq(ticketAttachments.internal, false),
  );

/** The bytes of an attachment, for people who may see the ticket (internal files for the service desk only). */
export async function readAttachment(ctx: AppContext, actor: Actor, ticketId: number, attachmentId: number) {
  const loaded = await loadVisible(ctx.db, actor, String(ticketId));
  const [attachment] = await ctx.db
    .select()
    .from(ticketAttachments)
    .where(visibleAttachment(actor, loaded, attachmentId));
  if (!attachment) throw notFound();
  const file = await postgresFileStore.get(ctx.db, attachment.fileId);
  if (!file) throw notFound();
  return { name: attachment.displayName, contentType: attachment.contentType, data: file.data };
}

/**
 * Removes an attachment from the ticket: its uploader may until work starts, a
 * lead afterwards (001 §3.7). The row stays, marked with who removed it and
 * when, and the timeline records it; nobody can download it any more.
 */
export async function deleteAttachment(ctx: AppContext, actor: Actor, ticketId: number, attachmentId: number) {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, ticketId);
    const [attachment] = await tx
      .select()
      .from(ticketAttachments)
      .where(visibleAttachment(actor, loaded, attachmentId))
      .for('update');
    if (!attachment) throw notFound();
    if (!canDeleteAttachment(actor, loaded.facts, attachment.uploadedBy)) throw forbidden();
    await tx
      .update(ticketAttachments)
      .set({ deletedAt: ctx.clock.now(), deletedBy: actor.userId })
      .where(eq(ticketAttachments.id, attachmentId));
    await recordEvent(
      tx,
      ticketId,
      actor.userId,
      'attachment_deleted',
      { attachmentId, name: attachment.displayName },
      !attachment.internal,
    );
    return saveTicket(ctx, tx, ticketId, {});
  });
}
