import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { createMeeting, decideAtMeeting, getMeeting, listMeetings, updateMeeting } from './changes.meetings.ts';
import { readChangeSettings, writeChangeSettings } from './changes.planning.ts';
import { presentSettings } from './changes.presenter.ts';
import {
  decisionBody,
  meetingBody,
  meetingDetail,
  meetingListQuery,
  meetingPage,
  meetingUpdateBody,
  settingsBody,
  settingsResponse,
} from './changes.schemas.ts';

const tags = ['CAB'];
const manage = access.permission('change:manage');
const cab = access.permission(['change:manage', 'change:vote'], 'meeting');

/** CAB meetings, the CAB's rule and emergency CAB. */
export function changeCabRoutes(app: App, ctx: AppContext) {
  app.get('/cab-meetings', {
    config: { access: cab },
    schema: {
      tags,
      summary: 'CAB meetings, latest first',
      querystring: meetingListQuery,
      response: { 200: meetingPage },
    },
    handler: async (req) => listMeetings(ctx.db, actorOf(req), req.query),
  });
  app.post('/cab-meetings', {
    config: { access: access.permission('change:manage') },
    schema: {
      tags,
      summary: 'Schedule a CAB meeting; the agenda is every change waiting for the CAB unless `changeIds` names them; members are told',
      body: meetingBody,
      response: { 201: meetingDetail },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const meeting = await createMeeting(ctx, actor, req.body);
      return reply.status(201).send(await getMeeting(ctx.db, actor, meeting.id));
    },
  });
  app.get('/cab-meetings/:id', {
    config: { access: cab },
    schema: { tags, summary: 'A meeting with its agenda and decisions', params: idParams, response: { 200: meetingDetail } },
    handler: async (req) => getMeeting(ctx.db, actorOf(req), req.params.id),
  });
  app.patch('/cab-meetings/:id', {
    config: { access: access.permission('change:manage', 'meeting') },
    schema: {
      tags,
      summary: 'Minutes, status (held, cancelled), title or place of a meeting (carries `version`)',
      params: idParams,
      body: meetingUpdateBody,
      response: { 200: meetingDetail },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await updateMeeting(ctx, actor, req.params.id, req.body);
      return getMeeting(ctx.db, actor, req.params.id);
    },
  });
  app.post('/cab-meetings/:id/decisions', {
    config: { access: access.permission('change:manage', 'meeting') },
    schema: {
      tags,
      summary: 'Record the meeting’s decision on an agenda item: approve or reject decides the change, defer keeps it waiting',
      params: idParams,
      body: decisionBody,
      response: { 200: meetingDetail },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await decideAtMeeting(ctx, actor, req.params.id, req.body);
      return getMeeting(ctx.db, actor, req.params.id);
    },
  });

  app.get('/change-settings', {
    config: { access: access.permission(['change:manage', 'change:vote']) },
    schema: { tags, summary: 'The CAB rule, quorums, emergency CAB and number pattern', response: { 200: settingsResponse } },
    handler: async () => presentSettings(await readChangeSettings(ctx.db)),
  });
  app.put('/change-settings', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Set the CAB rule (majority with a quorum, or any reject blocks), the emergency CAB and the number pattern',
      body: settingsBody,
      response: { 200: settingsResponse },
    },
    handler: async (req) => presentSettings(await writeChangeSettings(ctx, actorOf(req), req.body, auditSourceOf(req))),
  });
}
