import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { type ReportQuery, reportTable, sendTable } from './reports.export.ts';
import { catalogReport, completedWork, dashboard, recapTickets, slaAchievement, ticketTrend, workload } from './reports.queries.ts';
import {
  catalogOut,
  catalogQuery,
  completedOut,
  completedQuery,
  dashboardOut,
  type REPORT_QUERIES,
  type ReportKind,
  recapOut,
  recapQuery,
  slaOut,
  slaQuery,
  subscriptionBody,
  subscriptionList,
  subscriptionOut,
  subscriptionPatch,
  trendOut,
  trendQuery,
  workloadOut,
  workloadQuery,
} from './reports.schemas.ts';
import { createSubscription, deleteSubscription, listSubscriptions, updateSubscription } from './reports.subscriptions.ts';

const tags = ['reports'];
const readers = access.permission('report:read');
const formats = 'With `format=csv|xlsx|pdf` the same report as a download (CSV and XLSX streamed).';

/** Reports & Analytics: read-only, always within the reader's `report:read` scope. */
export function reportRoutes(app: App, ctx: AppContext) {
  const report = <K extends ReportKind>(
    kind: K,
    path: string,
    summary: string,
    querystring: (typeof REPORT_QUERIES)[K],
    response: z.ZodType,
    run: (actor: ReturnType<typeof actorOf>, query: never, now: Date) => Promise<unknown>,
  ) =>
    app.get(path, {
      config: { access: readers },
      schema: { tags, summary, description: formats, querystring, response: { 200: response } },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        const query = req.query as ReportQuery & { format: 'json' | 'csv' | 'xlsx' | 'pdf' };
        const now = ctx.clock.now();
        if (query.format === 'json') return run(actor, query as never, now);
        return sendTable(ctx, actor, reply, await reportTable(ctx, actor, kind, query, now), query.format, now);
      },
    });

  report(
    'tickets',
    '/reports/tickets',
    'Ticket recap: tickets created in a period by one or two dimensions (a pivot) with totals',
    recapQuery,
    recapOut,
    (actor, query, now) => recapTickets(ctx.db, actor, query, now),
  );
  report(
    'sla',
    '/reports/sla',
    'SLA achievement: response and resolution targets met and breached, by priority, team, category, unit, company or month',
    slaQuery,
    slaOut,
    (actor, query, now) => slaAchievement(ctx.db, actor, query, now),
  );
  report(
    'workload',
    '/reports/workload',
    'Workload and performance per agent or team, with attendance',
    workloadQuery,
    workloadOut,
    (actor, query, now) => workload(ctx.db, actor, query, now),
  );
  report(
    'trends',
    '/reports/trends',
    'Created vs resolved per day, week or month, and the backlog',
    trendQuery,
    trendOut,
    (actor, query, now) => ticketTrend(ctx.db, actor, query, now),
  );
  report(
    'completed',
    '/reports/completed',
    'Completed work (rekap pekerjaan selesai): tickets resolved in the period, paged',
    completedQuery,
    completedOut,
    (actor, query, now) => completedWork(ctx.db, actor, query, now),
  );
  report(
    'catalog',
    '/reports/catalog',
    'Service catalog: requests per item and division, approval and fulfilment times',
    catalogQuery,
    catalogOut,
    (actor, query, now) => catalogReport(ctx.db, actor, query, now),
  );

  app.get('/reports/dashboard', {
    config: { access: readers },
    schema: {
      tags,
      summary: 'Executive dashboard: today’s and this month’s figures in the reader’s scope',
      response: { 200: dashboardOut },
    },
    handler: async (req) => dashboard(ctx.db, actorOf(req), ctx.clock.now()),
  });

  app.get('/report-subscriptions', {
    config: { access: readers },
    schema: { tags, summary: 'My report subscriptions', response: { 200: subscriptionList } },
    handler: async (req) => listSubscriptions(ctx.db, actorOf(req)),
  });
  app.post('/report-subscriptions', {
    config: { access: readers },
    schema: {
      tags,
      summary: 'Subscribe to a report by email: daily, weekly (Monday 07:00) or monthly (the 1st), as PDF or XLSX',
      body: subscriptionBody,
      response: { 201: subscriptionOut },
    },
    handler: async (req, reply) => reply.status(201).send(await createSubscription(ctx, actorOf(req), req.body)),
  });
  app.patch('/report-subscriptions/:id', {
    config: { access: access.permission('report:read', 'own subscription') },
    schema: {
      tags,
      summary: 'Change or pause a subscription',
      params: idParams,
      body: subscriptionPatch,
      response: { 200: subscriptionOut },
    },
    handler: async (req) => updateSubscription(ctx, actorOf(req), req.params.id, req.body),
  });
  app.delete('/report-subscriptions/:id', {
    config: { access: access.permission('report:read', 'own subscription') },
    schema: { tags, summary: 'Unsubscribe', params: idParams, response: { 204: noContent } },
    handler: async (req, reply) => {
      await deleteSubscription(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
