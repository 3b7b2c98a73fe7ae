import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { approvalChainRoutes } from './modules/approvals/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { billingRoutes } from './modules/billing/index.ts';
import { calendarRoutes } from './modules/calendars/index.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { changesRoutes } from './modules/changes/index.ts';
import { chargeRoutes } from './modules/charges/index.ts';
import { apiTokenRoutes, authRoutes, profileRoutes, resolveApiToken, resolveSession, userRoutes } from './modules/identity/index.ts';
import { notificationRoutes, RealtimeHub } from './modules/notifications/index.ts';
import { orgRoutes } from './modules/org/index.ts';
import { requestRoutes } from './modules/requests/index.ts';
import { settingsRoutes } from './modules/settings/index.ts';
import { escalationRuleRoutes, slaRoutes } from './modules/sla/index.ts';
import { referenceRoutes, savedViewRoutes, ticketRoutes } from './modules/tickets/index.ts';
import type { AppContext } from './platform/context.ts';
import { access } from './platform/http/access.ts';
import { type App, createHttpApp } from './platform/http/app.ts';

/** Every module's routes, mounted under /api/v1. */
const modules: ((app: App, ctx: AppContext) => void)[] = [
  authRoutes,
  profileRoutes,
  apiTokenRoutes,
  userRoutes,
  settingsRoutes,
  auditRoutes,
  orgRoutes,
  ticketRoutes,
  savedViewRoutes,
  referenceRoutes,
  calendarRoutes,
  slaRoutes,
  escalationRuleRoutes,
  catalogRoutes,
  requestRoutes,
  approvalChainRoutes,
  chargeRoutes,
  billingRoutes,
  changesRoutes,
];

/** The HTTP app: platform, module routes, health and the built web UI. */
export async function buildServer(ctx: AppContext): Promise<App> {
  const app = await createHttpApp({
    logLevel: ctx.env.LOG_LEVEL,
    publicUrl: ctx.env.PUBLIC_URL,
    authenticate: (token) => resolveSession(ctx.db, ctx.env, token),
    authenticateBearer: (token) => resolveApiToken(ctx.db, token),
  });

  app.get('/api/health', {
    config: { access: access.public() },
    schema: {
      tags: ['health'],
      summary: 'Liveness and database state',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.literal('up') }),
        503: z.object({ status: z.literal('degraded'), database: z.literal('down') }),
      },
    },
    handler: async (_req, reply) => {
      try {
        await ctx.db.execute(sql`SELECT 1`);
        return { status: 'ok' as const, database: 'up' as const };
      } catch {
        return reply.status(503).send({ status: 'degraded' as const, database: 'down' as const });
      }
    },
  });
  app.get('/api/v1/openapi.json', { config: { access: access.public() }, schema: { hide: true } }, async () => app.swagger());

  const hub = new RealtimeHub(ctx.pool);
  app.addHook('onClose', () => hub.stop());
  await app.register(
    async (api) => {
      for (const register of modules) register(api as App, ctx);
      notificationRoutes(api as App, ctx, hub);
    },
    { prefix: '/api/v1' },
  );

  const webDist = resolve(import.meta.dirname, '..', ctx.env.WEB_DIST);
  if (ctx.env.WEB_DIST && existsSync(resolve(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    // Client-side routes: anything that is not the API or a file gets the app shell.
    app.get('/*', { config: { access: access.public() }, schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
