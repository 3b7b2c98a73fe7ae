import { LOCALES } from '@ish/shared';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { reencodeImage } from '../../platform/files/images.ts';
import { IMAGE_TYPES, sniffType } from '../../platform/files/sniff.ts';
import { readUpload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { notFound, versionConflict } from '../../platform/http/errors.ts';
import { idParams, noContent, timeZone } from '../../platform/http/schemas.ts';
import { loadActor } from './actor.loader.ts';
import { meResponse } from './identity.schemas.ts';
import { users } from './identity.tables.ts';
import { presentMe } from './me.presenter.ts';

const tags = ['profile'];

const profileBody = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(120).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  locale: z.enum(LOCALES).optional(),
  /** null = the organisation's default zone. */
  timeZone: timeZone.nullable().optional(),
});

/** The signed-in user's own profile: name, phone, language, time zone and photo. */
export function profileRoutes(app: App, ctx: AppContext) {
  app.patch('/me', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Update my name, phone, language or time zone (carries `version`)',
      body: profileBody,
      response: { 200: meResponse },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const { version, ...changes } = req.body;
      await ctx.db.transaction(async (tx) => {
        const [before] = await tx.select().from(users).where(eq(users.id, actor.userId)).for('update');
        if (!before) throw notFound();
        if (before.version !== version) throw versionConflict();
        await tx
          .update(users)
          .set({ ...changes, version: before.version + 1, updatedAt: new Date() })
          .where(eq(users.id, actor.userId));
        await recordAudit(tx, auditSourceOf(req), {
          action: 'profile.updated',
          targetType: 'user',
          targetId: actor.userId,
          before: { name: before.name, phone: before.phone, locale: before.locale, timeZone: before.timeZone },
          after: changes,
        });
      });
      const fresh = await loadActor(ctx.db, actor.userId, actor.sessionId);
      if (!fresh) throw notFound();
      req.locale = fresh.locale;
      return presentMe(ctx.db, fresh);
    },
  });

  app.post('/me/photo', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Upload my photo (PNG, JPEG, WebP or GIF; stored as a 256×256 WebP)',
      consumes: ['multipart/form-data'],
      response: { 200: meResponse },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const upload = await readUpload(req);
      await sniffType(upload.data, IMAGE_TYPES);
      const webp = await reencodeImage(upload.data, (image) => image.rotate().resize(256, 256, { fit: 'cover' }).webp({ quality: 82 }));
      await ctx.db.transaction(async (tx) => {
        const [previous] = await tx.select({ photoFileId: users.photoFileId }).from(users).where(eq(users.id, actor.userId)).for('update');
        const fileId = await postgresFileStore.put(tx, {
          purpose: 'photo',
          contentType: 'image/webp',
          data: webp,
          createdBy: actor.userId,
        });
        await tx
          .update(users)
          .set({ photoFileId: fileId, version: sql`${users.version} + 1`, updatedAt: new Date() })
          .where(eq(users.id, actor.userId));
        // A replaced photo is personal data nobody sees any more: it goes.
        if (previous?.photoFileId) await postgresFileStore.remove(tx, [previous.photoFileId]);
        await recordAudit(tx, auditSourceOf(req), { action: 'profile.photo_changed', targetType: 'user', targetId: actor.userId });
      });
      return presentMe(ctx.db, actor);
    },
  });

  app.delete('/me/photo', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'Remove my photo', response: { 204: noContent } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      await ctx.db.transaction(async (tx) => {
        const [previous] = await tx.select({ photoFileId: users.photoFileId }).from(users).where(eq(users.id, actor.userId)).for('update');
        await tx
          .update(users)
          .set({ photoFileId: null, version: sql`${users.version} + 1`, updatedAt: new Date() })
          .where(eq(users.id, actor.userId));
        if (previous?.photoFileId) await postgresFileStore.remove(tx, [previous.photoFileId]);
      });
      return reply.status(204).send(null);
    },
  });

  app.get('/users/:id/photo', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'A user’s photo (any signed-in user)', params: idParams },
    handler: async (req, reply) => {
      actorOf(req);
      const [user] = await ctx.db.select({ photoFileId: users.photoFileId }).from(users).where(eq(users.id, req.params.id));
      const file = user?.photoFileId ? await postgresFileStore.get(ctx.db, user.photoFileId) : null;
      if (!file) throw notFound();
      return reply
        .header('content-type', file.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400')
        .send(file.data);
    },
  });
}
