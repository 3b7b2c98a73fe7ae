import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { approvalChainRoutes } from './modules/approvals/index.ts';
import { attendanceRoutes } from './modules/attendance/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { backupRoutes, lastBackupAgeSeconds } from './modules/backups/index.ts';
import { billingRoutes } from './modules/billing/index.ts';
import { calendarRoutes } from './modules/calendars/index.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { changesRoutes } from './modules/changes/index.ts';
import { chargeRoutes } from './modules/charges/index.ts';
import { contactRoutes, trackingRoutes } from './modules/contacts/index.ts';
import {
  apiTokenRoutes,
  authRoutes,
  oidcRoutes,
  profileRoutes,
  resolveApiToken,
  resolveSession,
  userRoutes,
} from './modules/identity/index.ts';
import { intakeRoutes } from './modules/intake/index.ts';
import { knowledgeRoutes } from './modules/knowledge/index.ts';
import { mailIntakeRoutes } from './modules/mail-intake/index.ts';
import { notificationRoutes, RealtimeHub } from './modules/notifications/index.ts';
import { orgRoutes } from './modules/org/index.ts';
import { problemRoutes } from './modules/problems/index.ts';
import { reportRoutes } from './modules/reports/index.ts';
import { requestRoutes } from './modules/requests/index.ts';
import { searchRoutes } from './modules/search/index.ts';
import { settingsRoutes } from './modules/settings/index.ts';
import { escalationRuleRoutes, slaRoutes } from './modules/sla/index.ts';
import { surveyRoutes } from './modules/surveys/index.ts';
import { referenceRoutes, savedViewRoutes, ticketRoutes } from './modules/tickets/index.ts';
import { webhookRoutes } from './modules/webhooks/index.ts';
import type { AppContext } from './platform/context.ts';
import { pendingMigrations } from './platform/db/migrate.ts';
import { access } from './platform/http/access.ts';
import { type App, createHttpApp } from './platform/http/app.ts';
import { metricsRoute } from './platform/http/metrics.ts';

/** Every module's routes, mounted under /api/v1. */
const modules: ((app: App, ctx: AppContext) => void)[] = [
  authRoutes,
  profileRoutes,
  apiTokenRoutes,
  oidcRoutes,
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
  contactRoutes,
  trackingRoutes,
  intakeRoutes,
  surveyRoutes,
  mailIntakeRoutes,
  reportRoutes,
  attendanceRoutes,
  changesRoutes,
  backupRoutes,
  webhookRoutes,
  knowledgeRoutes,
  problemRoutes,
  searchRoutes,
];

/** The HTTP app: platform, module routes, health and the built web UI. */
export async function buildServer(ctx: AppContext): Promise<App> {
  const app = await createHttpApp({
    logLevel: ctx.env.LOG_LEVEL,
    publicUrl: ctx.env.PUBLIC_URL,
    trustProxy: ctx.env.TRUST_PROXY,
    production: ctx.env.NODE_ENV === 'production',
    db: ctx.db,
    authenticate: (token) => resolveSession(ctx.db, ctx.env, token),
    authenticateBearer: (token, req) => resolveApiToken(ctx.db, token, { method: req.method, ip: req.ip }, ctx.clock.now()),
  });

  app.get('/api/health', {
    config: { access: access.public() },
    schema: {
      tags: ['health'],
      summary: 'Liveness: the process answers (it does not touch the database; see /api/ready)',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: async () => ({ status: 'ok' as const }),
  });

  const hub = new RealtimeHub(ctx.pool, (m) => app.log.warn(m));
  metricsRoute(app, ctx.env.METRICS_TOKEN, {
    pool: ctx.pool,
    jobs: ctx.jobs,
    streams: () => hub.streams,
    backupAgeSeconds: () => lastBackupAgeSeconds(ctx.db),
  });
  const check = z.enum(['up', 'down']);
  const readiness = z.object({
    status: z.enum(['ready', 'unavailable']),
    database: check,
    migrations: z.enum(['current', 'pending', 'unknown']),
    jobs: check,
  });
  app.get('/api/ready', {
    config: { access: access.public() },
    schema: {
      tags: ['health'],
      summary: 'Readiness for traffic: the database answers, every migration is applied and the job workers run',
      response: { 200: readiness, 503: readiness },
    },
    handler: async (_req, reply) => {
      let database: 'up' | 'down' = 'down';
      let migrations: 'current' | 'pending' | 'unknown' = 'unknown';
      try {
        migrations = (await pendingMigrations(ctx.pool)).length === 0 ? 'current' : 'pending';
        database = 'up';
      } catch {}
      const jobs = ctx.jobs.state.started ? ('up' as const) : ('down' as const);
      const ready = database === 'up' && migrations === 'current' && jobs === 'up';
      if (!ready) reply.header('retry-after', '5');
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', database, migrations, jobs });
    },
  });
  app.get('/api/v1/openapi.json', { config: { access: access.public() }, schema: { hide: true } }, async () => app.swagger());

  // Open event streams would keep the server from closing: end them first (browsers reconnect elsewhere).
  app.addHook('preClose', () => hub.stop());
  await app.register(
    async (api) => {
      for (const register of modules) register(api as App, ctx);
      notificationRoutes(api as App, ctx, hub);
    },
    { prefix: '/api/v1' },
  );

  const webDist = resolve(import.meta.dirname, '..', ctx.env.WEB_DIST);
  if (ctx.env.WEB_DIST && existsSync(resolve(webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // Built chunks carry a content hash in their name: browsers keep them (vendor chunks survive app releases).
      // The shell (index.html) names the current chunks, so it is checked with the server every time.
      setHeaders: (reply, path) => {
        const hashed = path.startsWith(resolve(webDist, 'assets'));
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // Client-side routes: anything that is not the API or a file gets the app shell.
    app.get('/*', { config: { access: access.public() }, schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
