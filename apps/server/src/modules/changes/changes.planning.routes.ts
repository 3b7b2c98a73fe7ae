import { z } from 'zod';
import { can } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { idParams, noContent, patchOf, timeZone, version } from '../../platform/http/schemas.ts';
import { loadActor } from '../identity/index.ts';
import { feedOwner, listCalendar, renderFeed, renewFeedToken, revokeFeedToken } from './changes.calendar.ts';
import {
  createFreeze,
  createTemplate,
  createWindow,
  deactivateWindow,
  type FreezeRow,
  listFreezes,
  listTemplates,
  listWindows,
  type TemplateRow,
  updateFreeze,
  updateTemplate,
  type WindowRow,
} from './changes.planning.ts';
import { CHANGE_PERMISSIONS, CHANGE_READERS } from './changes.routes.ts';
import { calendarQuery, calendarResponse } from './changes.schemas.ts';

const tags = ['change calendar'];
const manage = access.permission('change:manage');
const id = z.number().int().positive();
const instant = z.iso.datetime({ offset: true });
const plain = (max: number) => z.string().trim().max(max);

const templateFields = {
  name: z.string().trim().min(1).max(200),
  description: plain(20_000).default(''),
  category: plain(100).default(''),
  // A standard change carries everything a submission needs from its template.
  reason: z.string().trim().min(1).max(20_000),
  impact: z.string().trim().min(1).max(20_000),
  implementationPlan: z.string().trim().min(1).max(20_000),
  testPlan: z.string().trim().min(1).max(20_000),
  rollbackPlan: z.string().trim().min(1).max(20_000),
  tasks: z.array(z.string().trim().min(1).max(300)).max(50).default([]),
  serviceIds: z.array(id).max(20).default([]),
  teamId: id.nullable().default(null),
  durationMinutes: z.number().int().min(5).max(10_080).default(60),
  active: z.boolean().default(true),
};
const templateOut = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  reason: z.string(),
  impact: z.string(),
  implementationPlan: z.string(),
  testPlan: z.string(),
  rollbackPlan: z.string(),
  tasks: z.array(z.string()),
  serviceIds: z.array(z.number().int()),
  teamId: z.number().int().nullable(),
  durationMinutes: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
const presentTemplate = (r: TemplateRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  category: r.category,
  reason: r.reason,
  impact: r.impact,
  implementationPlan: r.implementationPlan,
  testPlan: r.testPlan,
  rollbackPlan: r.rollbackPlan,
  tasks: r.tasks,
  serviceIds: r.serviceIds,
  teamId: r.teamId,
  durationMinutes: r.durationMinutes,
  active: r.active,
  version: r.version,
});

const freezeOut = z.object({
  id: z.number().int(),
  name: z.string(),
  reason: z.string(),
  companyId: z.number().int().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
const presentFreeze = (f: FreezeRow) => ({
  id: f.id,
  name: f.name,
  reason: f.reason,
  companyId: f.companyId,
  startsAt: f.startsAt.toISOString(),
  endsAt: f.endsAt.toISOString(),
  active: f.active,
  version: f.version,
});

const windowOut = z.object({
  id: z.number().int(),
  serviceId: z.number().int(),
  weekday: z.number().int().describe('ISO day of week of the start: 1 Monday … 7 Sunday'),
  startTime: z.string().describe('Local time HH:MM'),
  durationMinutes: z.number().int(),
  timeZone: z.string(),
  version: z.number().int(),
});
const presentWindow = (w: WindowRow) => ({
  id: w.id,
  serviceId: w.serviceId,
  weekday: w.weekday,
  startTime: w.startTime.slice(0, 5),
  durationMinutes: w.durationMinutes,
  timeZone: w.timeZone,
  version: w.version,
});

/** The change calendar, its iCalendar feed, and what the Change Manager plans with: templates, freezes, maintenance windows. */
export function changePlanningRoutes(app: App, ctx: AppContext) {
  app.get('/changes/calendar', {
    config: { access: access.permission(CHANGE_READERS, 'change') },
    schema: {
      tags,
      summary: 'Approved, scheduled and in-progress changes meeting [from, to), each with its conflicts, and the freezes in the period',
      querystring: calendarQuery,
      response: { 200: calendarResponse },
    },
    handler: async (req) => listCalendar(ctx.db, actorOf(req), req.query),
  });

  app.get('/changes/calendar.ics', {
    // Calendar apps cannot sign in: the feed authenticates with the personal secret in its URL (or a session).
    config: { access: access.public() },
    schema: {
      tags,
      summary:
        'iCalendar feed (RFC 5545) for Outlook or Google Calendar: `?token=` (from POST /changes/calendar-feed), `mine=true` for my changes, `team=` for a team',
      querystring: z.strictObject({
        token: z.string().max(100).optional(),
        mine: z.enum(['true', 'false']).default('false'),
        team: z.coerce.number().int().positive().optional(),
      }),
      security: [],
    },
    handler: async (req, reply) => {
      // A signed-in caller (session or API token, as narrowed) reads their own feed; a calendar app brings the feed secret.
      const owner = req.actor ? null : req.query.token ? await feedOwner(ctx.db, req.query.token) : null;
      const actor = req.actor ?? (owner ? await loadActor(ctx.db, owner) : null);
      if (!actor) throw new AppError(401, 'UNAUTHENTICATED');
      if (!CHANGE_READERS.some((p) => can(actor, p))) throw forbidden();
      const body = await renderFeed(ctx.db, actor, {
        mine: req.query.mine === 'true',
        teamId: req.query.team,
        publicUrl: ctx.env.PUBLIC_URL,
      });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="perubahan.ics"')
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  });

  app.post('/changes/calendar-feed', {
    config: { access: access.permission(CHANGE_READERS) },
    schema: {
      tags,
      summary: 'A new personal feed URL (shown once; an earlier one stops working)',
      response: { 201: z.object({ url: z.string(), token: z.string() }) },
    },
    handler: async (req, reply) => {
      const token = await renewFeedToken(ctx.db, actorOf(req));
      return reply.status(201).send({ url: `${ctx.env.PUBLIC_URL}/api/v1/changes/calendar.ics?token=${token}`, token });
    },
  });

  app.delete('/changes/calendar-feed', {
    config: { access: access.permission(CHANGE_READERS) },
    schema: { tags, summary: 'Stop my feed URL from working', response: { 204: noContent } },
    handler: async (req, reply) => {
      await revokeFeedToken(ctx.db, actorOf(req));
      return reply.status(204).send(null);
    },
  });

  app.get('/change-templates', {
    config: { access: access.permission(CHANGE_PERMISSIONS) },
    schema: {
      tags,
      summary: 'Templates of standard changes (pre-approved models); `all=true` includes retired ones',
      querystring: z.strictObject({ all: z.enum(['true', 'false']).default('false') }),
      response: { 200: z.object({ items: z.array(templateOut) }) },
    },
    handler: async (req) => ({ items: (await listTemplates(ctx.db, req.query.all === 'true')).map(presentTemplate) }),
  });
  app.post('/change-templates', {
    config: { access: manage },
    schema: { tags, summary: 'Add a template of a standard change', body: z.strictObject(templateFields), response: { 201: templateOut } },
    handler: async (req, reply) =>
      reply.status(201).send(presentTemplate(await createTemplate(ctx, actorOf(req), req.body, auditSourceOf(req)))),
  });
  app.patch('/change-templates/:id', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Edit or retire a template (carries `version`)',
      params: idParams,
      body: patchOf(templateFields).extend({ version }),
      response: { 200: templateOut },
    },
    handler: async (req) => presentTemplate(await updateTemplate(ctx, req.params.id, req.body, auditSourceOf(req))),
  });

  app.get('/change-freezes', {
    config: { access: access.permission(CHANGE_READERS) },
    schema: {
      tags,
      summary: 'Freeze windows (blackouts), latest first; with from and to only those meeting the period',
      querystring: z.strictObject({ from: instant.optional(), to: instant.optional(), all: z.enum(['true', 'false']).default('false') }),
      response: { 200: z.object({ items: z.array(freezeOut) }) },
    },
    handler: async (req) => ({
      items: (await listFreezes(ctx.db, actorOf(req), { ...req.query, includeInactive: req.query.all === 'true' })).map(presentFreeze),
    }),
  });
  app.post('/change-freezes', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Declare a freeze window: only emergency changes with a justification may be scheduled in it',
      body: z.strictObject({
        name: z.string().trim().min(1).max(200),
        reason: plain(2000).default(''),
        /** null: every company (organisation-wide Change Managers only). */
        companyId: id.nullable().default(null),
        startsAt: instant,
        endsAt: instant,
      }),
      response: { 201: freezeOut },
    },
    handler: async (req, reply) =>
      reply.status(201).send(presentFreeze(await createFreeze(ctx, actorOf(req), req.body, auditSourceOf(req)))),
  });
  app.patch('/change-freezes/:id', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Edit or end a freeze window (carries `version`)',
      params: idParams,
      body: z.strictObject({
        version,
        name: z.string().trim().min(1).max(200).optional(),
        reason: plain(2000).optional(),
        startsAt: instant.optional(),
        endsAt: instant.optional(),
        active: z.boolean().optional(),
      }),
      response: { 200: freezeOut },
    },
    handler: async (req) => presentFreeze(await updateFreeze(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req))),
  });

  app.get('/change-maintenance-windows', {
    config: { access: access.permission(CHANGE_READERS) },
    schema: {
      tags,
      summary: 'Weekly maintenance windows of business services (a change outside them is warned about)',
      querystring: z.strictObject({ serviceId: z.coerce.number().int().positive().optional() }),
      response: { 200: z.object({ items: z.array(windowOut) }) },
    },
    handler: async (req) => ({ items: (await listWindows(ctx.db, req.query.serviceId)).map(presentWindow) }),
  });
  app.post('/change-maintenance-windows', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Add a weekly maintenance window to a service (it may run across midnight)',
      body: z.strictObject({
        serviceId: id,
        weekday: z.number().int().min(1).max(7),
        startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        durationMinutes: z.number().int().min(15).max(10_080),
        timeZone,
      }),
      response: { 201: windowOut },
    },
    handler: async (req, reply) =>
      reply.status(201).send(presentWindow(await createWindow(ctx, actorOf(req), req.body, auditSourceOf(req)))),
  });
  app.delete('/change-maintenance-windows/:id', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Remove a maintenance window (`version` in the query)',
      params: idParams,
      querystring: z.strictObject({ version: z.coerce.number().int().positive() }),
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await deactivateWindow(ctx, req.params.id, req.query.version, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });
}
