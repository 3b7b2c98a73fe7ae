import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import {
  calendarBody,
  calendarList,
  calendarOut,
  calendarPatch,
  holidayBody,
  holidayList,
  holidayOut,
  holidayQuery,
} from './calendars.schemas.ts';
import {
  addHoliday,
  createCalendar,
  getCalendar,
  listCalendars,
  listHolidays,
  presentNamed,
  removeHoliday,
  updateCalendar,
} from './calendars.service.ts';

const tags = ['sla'];

/** Administrators edit business calendars and holidays; every signed-in user may read them. */
export function calendarRoutes(app: App, ctx: AppContext) {
  app.get('/calendars', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'Business calendars', response: { 200: calendarList } },
    handler: async (req) => ({ items: (await listCalendars(ctx.db)).map((c) => presentNamed(c, actorOf(req).locale)) }),
  });
  app.post('/calendars', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'Create a calendar (working hours per weekday, or 24×7)', body: calendarBody, response: { 201: calendarOut } },
    handler: async (req, reply) =>
      reply.status(201).send(presentNamed(await createCalendar(ctx, actorOf(req), req.body, auditSourceOf(req)), actorOf(req).locale)),
  });
  app.patch('/calendars/:id', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'Edit or deactivate a calendar', params: idParams, body: calendarPatch, response: { 200: calendarOut } },
    handler: async (req) => {
      await updateCalendar(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req));
      return presentNamed(await getCalendar(ctx.db, req.params.id), actorOf(req).locale);
    },
  });

  app.get('/holidays', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Holidays (national, cuti bersama, local) in a date range',
      querystring: holidayQuery,
      response: { 200: holidayList },
    },
    handler: async (req) => ({ items: (await listHolidays(ctx.db, req.query)).map((h) => presentNamed(h, actorOf(req).locale)) }),
  });
  app.post('/holidays', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Add a day off (cuti bersama or local; national ones are preloaded)',
      body: holidayBody,
      response: { 201: holidayOut },
    },
    handler: async (req, reply) =>
      reply.status(201).send(presentNamed(await addHoliday(ctx, actorOf(req), req.body, auditSourceOf(req)), actorOf(req).locale)),
  });
  app.delete('/holidays/:id', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'Remove a day off', params: idParams, response: { 204: noContent } },
    handler: async (req, reply) => {
      await removeHoliday(ctx, actorOf(req), req.params.id, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });
}
