import { and, count, eq, inArray, isNull, lt } from 'drizzle-orm';
import { type Actor, assertCan } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { cleanFileName, type Upload } from '../../platform/files/upload.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { acceptAttachment } from '../tickets/index.ts';
import { canSeeRequest } from './requests.policy.ts';
import { requestFiles, serviceRequests } from './requests.tables.ts';

/** How a file answer is kept in a request's answers (and shown by the API). */
export interface FileAnswer {
  fileId: number;
  name: string;
  size: number;
  contentType: string;
}

/** An upload nobody ordered with is removed after this long. */
const UNCLAIMED_HOURS = 24;
/** Uploads one person may hold before ordering: enough for any form, not a free file store. */
const UNCLAIMED_MAX = 20;

const answerOf = (row: typeof requestFiles.$inferSelect): FileAnswer => ({
  fileId: row.id,
  name: row.displayName,
  size: row.size,
  contentType: row.contentType,
});

/**
 * A file for a "file" question of an order form, uploaded before ordering
 * under the attachment policy. It belongs to its uploader until one of their
 * requests claims it.
 */
export async function uploadAnswerFile(ctx: AppContext, actor: Actor, upload: Upload): Promise<FileAnswer> {
  assertCan(actor, 'catalog:browse');
  const contentType = await acceptAttachment(ctx.db, upload.data);
  return ctx.db.transaction(async (tx) => {
    const [held] = await tx
      .select({ n: count() })
      .from(requestFiles)
      .where(and(eq(requestFiles.uploadedBy, actor.userId), isNull(requestFiles.requestId)));
    if ((held?.n ?? 0) >= UNCLAIMED_MAX) throw new AppError(429, 'ANSWER_FILES_LIMIT', { max: UNCLAIMED_MAX });
    const fileId = await postgresFileStore.put(tx, { purpose: 'request_answer', contentType, data: upload.data, createdBy: actor.userId });
    const [row] = await tx
      .insert(requestFiles)
      .values({ fileId, displayName: cleanFileName(upload.filename), contentType, size: upload.data.length, uploadedBy: actor.userId })
      .returning();
    if (!row) throw new Error('request file insert failed');
    return answerOf(row);
  });
}

/** The actor's unclaimed uploads among `ids`, locked until the request claims them; others are simply absent. */
export async function unclaimedFiles(tx: Tx, actor: Actor, ids: number[]): Promise<Map<number, FileAnswer>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select()
    .from(requestFiles)
    .where(and(inArray(requestFiles.id, ids), eq(requestFiles.uploadedBy, actor.userId), isNull(requestFiles.requestId)))
    // Always locked in id order, so two orders naming the same files wait for each other instead of deadlocking.
    .orderBy(requestFiles.id)
    .for('update');
  return new Map(rows.map((r) => [r.id, answerOf(r)]));
}

export async function claimFiles(tx: Tx, requestId: number, ids: number[]) {
  if (ids.length) await tx.update(requestFiles).set({ requestId }).where(inArray(requestFiles.id, ids));
}

/** The bytes of a request's answer file, for whoever may see the request. */
export async function readAnswerFile(tx: Tx, actor: Actor, requestId: number, fileId: number) {
  const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, requestId));
  const [row] = await tx
    .select()
    .from(requestFiles)
    .where(and(eq(requestFiles.id, fileId), eq(requestFiles.requestId, requestId)));
  if (!request || !row || !(await canSeeRequest(tx, actor, request))) throw notFound();
  const file = await postgresFileStore.get(tx, row.fileId);
  if (!file) throw notFound();
  return { name: row.displayName, contentType: row.contentType, data: file.data };
}

/** Removes uploads no request claimed within a day (an abandoned order form leaves nothing behind). */
export async function dropUnclaimedFiles(ctx: AppContext, now = ctx.clock.now()): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(requestFiles)
      .where(and(isNull(requestFiles.requestId), lt(requestFiles.createdAt, new Date(now.getTime() - UNCLAIMED_HOURS * 3_600_000))))
      .returning({ fileId: requestFiles.fileId });
    await postgresFileStore.remove(
      tx,
      gone.map((g) => g.fileId),
    );
    return gone.length;
  });
}
