import { and, eq, ne } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { cleanFileName, type Upload } from '../../platform/files/upload.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { acceptAttachment, findIncidentsOnServices } from '../tickets/index.ts';
import { type LoadedChange, loadChangeForUpdate, loadVisibleChange, saveChange } from './changes.access.ts';
import { allowedActions } from './changes.policy.ts';
import type { ReviewInput } from './changes.schemas.ts';
import { insertLink } from './changes.service.ts';
import { changeAttachments, changeLinks, changeReviews, changeServices, changeTasks } from './changes.tables.ts';
import { recordChangeEvent } from './changes.timeline.ts';

/** Loads a change for one of the caller's allowed actions, or refuses (404 unseen, 403 not theirs, 409 ended or stale). */
async function loadFor(tx: Tx, actor: Actor, id: number, action: string, version?: number): Promise<LoadedChange> {
  const loaded = await loadChangeForUpdate(tx, actor, id, version);
  if (!allowedActions(actor, loaded.facts, loaded.me).includes(action)) throw forbidden();
  return loaded;
}

/** The implementer ticks (or unticks) one implementation task. */
export async function tickTask(ctx: AppContext, actor: Actor, id: number, taskId: number, done: boolean, now = ctx.clock.now()) {
  return ctx.db.transaction(async (tx) => {
    await loadFor(tx, actor, id, 'tick_tasks');
    const [task] = await tx
      .update(changeTasks)
      .set({ done, doneBy: done ? actor.userId : null, doneAt: done ? now : null })
      .where(and(eq(changeTasks.id, taskId), eq(changeTasks.changeId, id)))
      .returning();
    if (!task) throw notFound();
    await recordChangeEvent(tx, id, actor.userId, 'task', { task: task.text, done }, now);
    return saveChange(tx, id, { updatedAt: now });
  });
}

/**
 * Writes (or edits) the post-implementation review of a finished change:
 * objectives met, side effects, incidents caused, lessons learned, follow-up
 * actions. A change that requires one closes only once it is written.
 */
export async function saveReview(ctx: AppContext, actor: Actor, id: number, input: ReviewInput, now = ctx.clock.now()) {
  return ctx.db.transaction(async (tx) => {
    await loadFor(tx, actor, id, 'review');
    const [existing] = await tx.select().from(changeReviews).where(eq(changeReviews.changeId, id)).for('update');
    if (existing && input.version !== existing.version) throw versionConflict();
    const { version: _version, ...fields } = input;
    if (existing)
      await tx
        .update(changeReviews)
        .set({ ...fields, reviewedBy: actor.userId, reviewedAt: now, version: existing.version + 1 })
        .where(eq(changeReviews.changeId, id));
    else await tx.insert(changeReviews).values({ changeId: id, ...fields, reviewedBy: actor.userId, reviewedAt: now });
    await recordChangeEvent(tx, id, actor.userId, 'review', { objectivesMet: input.objectivesMet, edited: Boolean(existing) }, now);
    return saveChange(tx, id, { updatedAt: now });
  });
}

/**
 * Links a ticket or service request the caller may see (what triggered the
 * change), or an incident it caused: one of the incidents suggested for it,
 * which marks the change "caused incident".
 */
export async function addLink(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { kind: 'ticket' | 'request'; ref: string; caused: boolean },
  now = ctx.clock.now(),
) {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadFor(tx, actor, id, 'link');
    if (!input.caused) {
      const linked = await insertLink(tx, actor, id, input, 'trigger');
      await recordChangeEvent(tx, id, actor.userId, 'linked', { ...linked, caused: false }, now);
      return saveChange(tx, id, { updatedAt: now });
    }
    const incident = (await suggestCausedIncidents(tx, loaded, now)).find((i) => i.number === input.ref || String(i.id) === input.ref);
    if (input.kind !== 'ticket' || !incident)
      throw new AppError(400, 'NOT_A_SUGGESTED_INCIDENT', {}, [{ path: 'ref', message: 'NOT_A_SUGGESTED_INCIDENT' }]);
    await tx.insert(changeLinks).values({ changeId: id, ticketId: incident.id, kind: 'caused', createdBy: actor.userId });
    await recordChangeEvent(tx, id, actor.userId, 'linked', { ticket: incident.number, caused: true }, now);
    return saveChange(tx, id, { updatedAt: now, causedIncident: true });
  });
}

export async function removeLink(ctx: AppContext, actor: Actor, id: number, linkId: number, now = ctx.clock.now()) {
  return ctx.db.transaction(async (tx) => {
    await loadFor(tx, actor, id, 'link');
    const [link] = await tx
      .delete(changeLinks)
      .where(and(eq(changeLinks.id, linkId), eq(changeLinks.changeId, id)))
      .returning();
    if (!link) throw notFound();
    const stillCaused = await tx
      .select({ id: changeLinks.id })
      .from(changeLinks)
      .where(and(eq(changeLinks.changeId, id), eq(changeLinks.kind, 'caused'), ne(changeLinks.id, linkId)));
    await recordChangeEvent(tx, id, actor.userId, 'unlinked', { ticketId: link.ticketId, requestId: link.requestId, kind: link.kind }, now);
    return saveChange(tx, id, { updatedAt: now, causedIncident: stillCaused.length > 0 });
  });
}

/** A comment on the change's timeline (plain text). */
export async function addComment(ctx: AppContext, actor: Actor, id: number, body: string, now = ctx.clock.now()) {
  return ctx.db.transaction(async (tx) => {
    await loadFor(tx, actor, id, 'comment');
    await recordChangeEvent(tx, id, actor.userId, 'comment', { body }, now);
    return saveChange(tx, id, { updatedAt: now });
  });
}

/** Attaches a file under the attachment policy shared with tickets (type decided by its bytes). */
export async function addAttachment(ctx: AppContext, actor: Actor, id: number, upload: Upload, now = ctx.clock.now()) {
  const contentType = await acceptAttachment(ctx.db, upload.data);
  return ctx.db.transaction(async (tx) => {
    await loadFor(tx, actor, id, 'attach');
    const fileId = await postgresFileStore.put(tx, {
      purpose: 'change_attachment',
      contentType,
      data: upload.data,
      createdBy: actor.userId,
    });
    const [attachment] = await tx
      .insert(changeAttachments)
      .values({
        changeId: id,
        fileId,
        displayName: cleanFileName(upload.filename),
        contentType,
        size: upload.data.length,
        uploadedBy: actor.userId,
      })
      .returning();
    if (!attachment) throw new Error('attachment insert failed');
    await recordChangeEvent(tx, id, actor.userId, 'attachment', { name: attachment.displayName, size: attachment.size }, now);
    return saveChange(tx, id, { updatedAt: now });
  });
}

/** The bytes of an attachment, for whoever may see the change. */
export async function readAttachment(tx: Tx, actor: Actor, id: number, attachmentId: number) {
  await loadVisibleChange(tx, actor, String(id));
  const [attachment] = await tx
    .select()
    .from(changeAttachments)
    .where(and(eq(changeAttachments.id, attachmentId), eq(changeAttachments.changeId, id)));
  if (!attachment) throw notFound();
  const file = await postgresFileStore.get(tx, attachment.fileId);
  if (!file) throw notFound();
  return { name: attachment.displayName, contentType: attachment.contentType, data: file.data };
}

/** Incidents may be caused by a change when raised on an affected service during it or within 24 hours after it. */
const AFTERMATH_MS = 24 * 3600_000;

/**
 * Incidents of the change's company raised on its services from its start until
 * 24 hours after it finished (or now), not linked to it yet. Participants of the
 * change see their number and title even when the ticket itself is not theirs.
 */
export async function suggestCausedIncidents(tx: Tx, loaded: LoadedChange, now: Date) {
  const { change } = loaded;
  if (!change.startedAt) return [];
  const services = (await tx.select().from(changeServices).where(eq(changeServices.changeId, change.id))).map((s) => s.serviceId);
  const until = new Date(Math.min((change.finishedAt ?? now).getTime() + AFTERMATH_MS, now.getTime() + 1));
  const linked = new Set(
    (await tx.select({ ticketId: changeLinks.ticketId }).from(changeLinks).where(eq(changeLinks.changeId, change.id))).map(
      (l) => l.ticketId,
    ),
  );
  const incidents = await findIncidentsOnServices(tx, {
    companyId: change.companyId,
    serviceIds: services,
    from: change.startedAt,
    to: until,
  });
  return incidents.filter((i) => !linked.has(i.id));
}

/** Incidents the change may have caused, for the people who may link them (its participants); others 403. */
export async function incidentSuggestions(ctx: AppContext, actor: Actor, id: number, now = ctx.clock.now()) {
  const loaded = await loadVisibleChange(ctx.db, actor, String(id));
  if (!allowedActions(actor, loaded.facts, loaded.me).includes('link')) throw forbidden();
  const items = await suggestCausedIncidents(ctx.db, loaded, now);
  return items.map((i) => ({ id: i.id, number: i.number, title: i.title, status: i.status, createdAt: i.createdAt.toISOString() }));
}
