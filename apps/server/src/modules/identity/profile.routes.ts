import type { AppContext } from '../../platform/context.ts';
import { readUpload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { notFound } from '../../platform/http/errors.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { loadActor } from './actor.loader.ts';
import { meResponse, profileBody } from './identity.schemas.ts';
import { presentMe } from './me.presenter.ts';
import { readPhoto, removePhoto, setPhoto, updateProfile } from './profile.service.ts';

const tags = ['profile'];

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
      await updateProfile(ctx, actor, req.body, auditSourceOf(req));
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
      await setPhoto(ctx, actor, await readUpload(req), auditSourceOf(req));
      return presentMe(ctx.db, actor);
    },
  });
  app.delete('/me/photo', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'Remove my photo', response: { 204: noContent } },
    handler: async (req, reply) => {
      await removePhoto(ctx, actorOf(req));
      return reply.status(204).send(null);
    },
  });
  app.get('/users/:id/photo', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'A person’s photo (colleagues of their company, and whoever manages them)', params: idParams },
    handler: async (req, reply) => {
      const file = await readPhoto(ctx.db, actorOf(req), req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400')
        .send(file.data);
    },
  });
}
