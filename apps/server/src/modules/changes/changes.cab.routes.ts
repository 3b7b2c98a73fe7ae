import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { idParams, pageOf, pageQuery, version } from '../../platform/http/schemas.ts';
import { isValidPattern } from '../../platform/numbering/numbering.ts';
import { createMeeting, decideAtMeeting, getMeeting, listMeetings, updateMeeting } from './changes.meetings.ts';
import { readChangeSettings, writeChangeSettings } from './changes.planning.ts';
import { changeSummary } from './changes.schemas.ts';

const tags = ['CAB'];
const manage = access.permission('change:manage');
const cab = access.permission(['change:manage', 'change:vote'], 'meeting');
const instant = z.iso.datetime({ offset: true });

const meetingHead = z.object({
  id: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  companyId: z.number().int().nullable(),
  status: z.enum(['planned', 'held', 'cancelled']),
  minutes: z.string(),
  version: z.number().int(),
  /** May the caller record decisions and minutes? */
  canRun: z.boolean(),
});
const meetingOut = meetingHead.extend({
  agenda: z.array(
    z.object({
      change: changeSummary,
      decision: z.enum(['approve', 'reject', 'defer']).nullable(),
      notes: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
});

const settingsBody = z.strictObject({
  version: z.number().int().min(0),
  numberPattern: z.string().trim().max(60).refine(isValidPattern, 'one {seq} or {seq:N} and only {yyyy} {yy} {mm} {dd} {unit}'),
  cabRule: z.enum(['majority', 'any_reject_blocks']),
  quorum: z.number().int().min(1).max(50),
  emergencyCabUserIds: z.array(z.number().int().positive()).max(50),
  emergencyQuorum: z.number().int().min(1).max(50),
});

/** CAB meetings, the CAB's rule and emergency CAB. */
export function changeCabRoutes(app: App, ctx: AppContext) {
  app.get('/cab-meetings', {
    config: { access: cab },
    schema: {
      tags,
      summary: 'CAB meetings, latest first',
      querystring: z.strictObject(pageQuery),
      response: { 200: pageOf(meetingHead.extend({ agendaCount: z.number().int(), decidedCount: z.number().int() })) },
    },
    handler: async (req) => listMeetings(ctx.db, actorOf(req), req.query),
  });
  app.post('/cab-meetings', {
    config: { access: access.permission('change:manage') },
    schema: {
      tags,
      summary: 'Schedule a CAB meeting; the agenda is every change waiting for the CAB unless `changeIds` names them; members are told',
      body: z.strictObject({
        title: z.string().trim().min(1).max(200),
        startsAt: instant,
        endsAt: instant,
        location: z.string().trim().max(200).default(''),
        companyId: z.number().int().positive().nullable().default(null),
        changeIds: z.array(z.number().int().positive()).max(100).optional(),
      }),
      response: { 201: meetingOut },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const meeting = await createMeeting(ctx, actor, req.body);
      return reply.status(201).send(await getMeeting(ctx.db, actor, meeting.id));
    },
  });
  app.get('/cab-meetings/:id', {
    config: { access: cab },
    schema: { tags, summary: 'A meeting with its agenda and decisions', params: idParams, response: { 200: meetingOut } },
    handler: async (req) => getMeeting(ctx.db, actorOf(req), req.params.id),
  });
  app.patch('/cab-meetings/:id', {
    config: { access: access.permission('change:manage', 'meeting') },
    schema: {
      tags,
      summary: 'Minutes, status (held, cancelled), title or place of a meeting (carries `version`)',
      params: idParams,
      body: z.strictObject({
        version,
        minutes: z.string().max(50_000).optional(),
        status: z.enum(['planned', 'held', 'cancelled']).optional(),
        title: z.string().trim().min(1).max(200).optional(),
        location: z.string().trim().max(200).optional(),
      }),
      response: { 200: meetingOut },
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
      body: z.strictObject({
        changeId: z.number().int().positive(),
        decision: z.enum(['approve', 'reject', 'defer']),
        notes: z.string().trim().max(5000).optional(),
        version: version.optional().describe('The change’s version'),
      }),
      response: { 200: meetingOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      if (req.body.decision === 'reject' && !req.body.notes)
        throw new AppError(400, 'COMMENT_REQUIRED', {}, [{ path: 'notes', message: 'COMMENT_REQUIRED' }]);
      await decideAtMeeting(ctx, actor, req.params.id, req.body);
      return getMeeting(ctx.db, actor, req.params.id);
    },
  });

  const settingsOut = settingsBody.extend({ version: z.number().int() });
  app.get('/change-settings', {
    config: { access: access.permission(['change:manage', 'change:vote']) },
    schema: { tags, summary: 'The CAB rule, quorums, emergency CAB and number pattern', response: { 200: settingsOut } },
    handler: async () => {
      const { value, version: v } = await readChangeSettings(ctx.db);
      return { ...value, version: v };
    },
  });
  app.put('/change-settings', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Set the CAB rule (majority with a quorum, or any reject blocks), the emergency CAB and the number pattern',
      body: settingsBody,
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      const { value, version: v } = await writeChangeSettings(ctx, actorOf(req), req.body, auditSourceOf(req));
      return { ...value, version: v };
    },
  });
}
