import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { viewBody, viewOut } from './tickets.schemas.ts';
import { savedViews } from './tickets.tables.ts';

async function listViews(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db.select().from(savedViews).where(eq(savedViews.userId, actor.userId)).orderBy(asc(savedViews.name));
  return rows.map((r) => ({ id: r.id, name: r.name, filters: r.filters as Record<string, string> }));
}

/** Per-user saved views of the ticket workspace; nobody sees another user's views. */
export function savedViewRoutes(app: App, ctx: AppContext) {
  const tags = ['tickets'];
  app.get('/saved-views', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'My saved ticket views', response: { 200: z.object({ items: z.array(viewOut) }) } },
    handler: async (req) => ({ items: await listViews(ctx, actorOf(req)) }),
  });
  app.post('/saved-views', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'Save the current filters under a name (same name replaces)', body: viewBody, response: { 201: viewOut } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const [row] = await ctx.db
        .insert(savedViews)
        .values({ userId: actor.userId, name: req.body.name, filters: req.body.filters })
        .onConflictDoUpdate({ target: [savedViews.userId, savedViews.name], set: { filters: req.body.filters } })
        .returning();
      if (!row) throw new AppError(500, 'INTERNAL');
      return reply.status(201).send({ id: row.id, name: row.name, filters: row.filters as Record<string, string> });
    },
  });
  app.delete('/saved-views/:id', {
    config: { access: access.signedIn('saved-view') },
    schema: { tags, summary: 'Delete one of my saved views', params: idParams, response: { 204: noContent } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const deleted = await ctx.db
        .delete(savedViews)
        .where(and(eq(savedViews.id, req.params.id), eq(savedViews.userId, actor.userId)))
        .returning({ id: savedViews.id });
      if (!deleted.length) throw notFound();
      return reply.status(204).send(null);
    },
  });
}
