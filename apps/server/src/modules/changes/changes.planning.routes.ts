import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { feedFor, listCalendar, renewFeedToken, revokeFeedToken } from './changes.calendar.ts';
import {
  createFreeze,
  createTemplate,
  createWindow,
  deactivateWindow,
  listFreezes,
  listTemplates,
  listWindows,
  updateFreeze,
  updateTemplate,
} from './changes.planning.ts';
import { CHANGE_PERMISSIONS, CHANGE_READERS } from './changes.policy.ts';
import { presentFreeze, presentTemplate, presentWindow } from './changes.presenter.ts';
import {
  allQuery,
  calendarQuery,
  calendarResponse,
  changeFreeze,
  changeTemplate,
  changeWindow,
  feedQuery,
  feedUrlResponse,
  freezeBody,
  freezeList,
  freezeQuery,
  freezeUpdateBody,
  templateBody,
  templateList,
  templateUpdateBody,
  versionQuery,
  windowBody,
  windowList,
  windowQuery,
} from './changes.schemas.ts';

const tags = ['change calendar'];
const manage = access.permission('change:manage');

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
      querystring: feedQuery,
      security: [],
    },
    handler: async (req, reply) => {
      const body = await feedFor(ctx, req.actor, req.query);
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
      response: { 201: feedUrlResponse },
    },
    handler: async (req, reply) => reply.status(201).send(await renewFeedToken(ctx, actorOf(req))),
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
      querystring: allQuery,
      response: { 200: templateList },
    },
    handler: async (req) => ({ items: (await listTemplates(ctx.db, req.query.all === 'true')).map(presentTemplate) }),
  });
  app.post('/change-templates', {
    config: { access: manage },
    schema: { tags, summary: 'Add a template of a standard change', body: templateBody, response: { 201: changeTemplate } },
    handler: async (req, reply) =>
      reply.status(201).send(presentTemplate(await createTemplate(ctx, actorOf(req), req.body, auditSourceOf(req)))),
  });
  app.patch('/change-templates/:id', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Edit or retire a template (carries `version`)',
      params: idParams,
      body: templateUpdateBody,
      response: { 200: changeTemplate },
    },
    handler: async (req) => presentTemplate(await updateTemplate(ctx, req.params.id, req.body, auditSourceOf(req))),
  });

  app.get('/change-freezes', {
    config: { access: access.permission(CHANGE_READERS) },
    schema: {
      tags,
      summary: 'Freeze windows (blackouts), latest first; with from and to only those meeting the period',
      querystring: freezeQuery,
      response: { 200: freezeList },
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
      body: freezeBody,
      response: { 201: changeFreeze },
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
      body: freezeUpdateBody,
      response: { 200: changeFreeze },
    },
    handler: async (req) => presentFreeze(await updateFreeze(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req))),
  });

  app.get('/change-maintenance-windows', {
    config: { access: access.permission(CHANGE_READERS) },
    schema: {
      tags,
      summary: 'Weekly maintenance windows of business services (a change outside them is warned about)',
      querystring: windowQuery,
      response: { 200: windowList },
    },
    handler: async (req) => ({ items: (await listWindows(ctx.db, req.query.serviceId)).map(presentWindow) }),
  });
  app.post('/change-maintenance-windows', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Add a weekly maintenance window to a service (it may run across midnight)',
      body: windowBody,
      response: { 201: changeWindow },
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
      querystring: versionQuery,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await deactivateWindow(ctx, req.params.id, req.query.version, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });
}
