import type { AppContext } from '../../platform/context.ts';
import { renderTable, sendDownload } from '../../platform/documents/table-export.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { documentContext } from '../settings/index.ts';
import { getAssignment, setAssignment } from './attendance.assignment.ts';
import { attendanceOfDay, attendanceRecap, recapTable } from './attendance.recap.ts';
import { createSchedule, listSchedules, setPersonSchedule, teamPresence, updateSchedule } from './attendance.schedules.ts';
import {
  assignmentBody,
  assignmentOut,
  cancelLeaveBody,
  checkBody,
  correctionBody,
  dayOut,
  dayQuery,
  decisionBody,
  leaveBody,
  leaveCreated,
  leavePage,
  leaveQuery,
  monthQuery,
  myMonthOut,
  personScheduleBody,
  presenceOut,
  recapOut,
  recapQuery,
  scheduleBody,
  scheduleList,
  scheduleOut,
  scheduleUpdateBody,
  todayOut,
} from './attendance.schemas.ts';
import {
  cancelLeave,
  checkIn,
  checkOut,
  correctRecord,
  decideLeave,
  listLeave,
  myMonth,
  requestLeave,
  today,
} from './attendance.service.ts';

const tags = ['attendance'];
const record = todayOut.shape.record.unwrap();
const self = access.permission('attendance:record');

/** Attendance (absensi): check-in and out, leave, schedules, recaps and team presence. */
export function attendanceRoutes(app: App, ctx: AppContext) {
  app.get('/attendance/today', {
    config: { access: self },
    schema: { tags, summary: 'My attendance today: schedule, record and approved leave', response: { 200: todayOut } },
    handler: async (req) => today(ctx.db, actorOf(req), ctx.clock.now()),
  });
  app.post('/attendance/check-in', {
    config: { access: self },
    schema: {
      tags,
      summary: 'Check in for today (once a day), with an optional location note',
      body: checkBody,
      response: { 201: record },
    },
    handler: async (req, reply) => reply.status(201).send(await checkIn(ctx, actorOf(req), req.body.note)),
  });
  app.post('/attendance/check-out', {
    config: { access: self },
    schema: { tags, summary: 'Check out of today', body: checkBody, response: { 200: record } },
    handler: async (req) => checkOut(ctx, actorOf(req), req.body.note),
  });
  app.get('/attendance/mine', {
    config: { access: self },
    schema: { tags, summary: 'My records of a month', querystring: monthQuery, response: { 200: myMonthOut } },
    handler: async (req) => myMonth(ctx.db, actorOf(req), req.query.month, ctx.clock.now()),
  });
  app.get('/attendance', {
    config: { access: access.permission('attendance:read') },
    schema: {
      tags,
      summary: 'Who was present on a day, per person in my scope (optionally one unit and its sub-units)',
      querystring: dayQuery,
      response: { 200: dayOut },
    },
    handler: async (req) => attendanceOfDay(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  });
  app.put('/attendance/records', {
    config: { access: access.permission('attendance:manage', 'person in scope') },
    schema: { tags, summary: 'Correct or record a person’s day, with a reason (audited)', body: correctionBody, response: { 200: record } },
    handler: async (req) => correctRecord(ctx, actorOf(req), req.body, auditSourceOf(req)),
  });
  app.get('/attendance/recap', {
    config: { access: access.permission('attendance:read') },
    schema: {
      tags,
      summary: 'Attendance recap per person for a month: working days, present, late, absent, leave',
      description: 'With `format=csv|xlsx|pdf` the recap as a download.',
      querystring: recapQuery,
      response: { 200: recapOut },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const now = ctx.clock.now();
      const recap = await attendanceRecap(ctx.db, actor, req.query, now);
      if (req.query.format === 'json') return recap;
      const body = await renderTable(recapTable(recap, actor.locale), req.query.format, () => documentContext(ctx.db, actor, now));
      return sendDownload(reply, `attendance-${recap.month}`, req.query.format, body);
    },
  });

  app.get('/leave-requests', {
    config: { access: self },
    schema: { tags, summary: 'Leave requests: mine, or those I decide on or read', querystring: leaveQuery, response: { 200: leavePage } },
    handler: async (req) => listLeave(ctx.db, actorOf(req), req.query),
  });
  app.post('/leave-requests', {
    config: { access: self },
    schema: {
      tags,
      summary: 'Ask for leave (cuti, sakit, dinas luar, izin)',
      body: leaveBody,
      response: { 201: leaveCreated },
    },
    handler: async (req, reply) => reply.status(201).send({ id: await requestLeave(ctx, actorOf(req), req.body) }),
  });
  app.post('/leave-requests/:id/decision', {
    config: { access: access.permission('leave:approve', 'leave request') },
    schema: {
      tags,
      summary: 'Approve or reject a pending request (Division Admin or Approver of the person’s unit)',
      params: idParams,
      body: decisionBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await decideLeave(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });
  app.post('/leave-requests/:id/cancel', {
    config: { access: access.signedIn('own leave request') },
    schema: {
      tags,
      summary: 'Withdraw my request before it starts',
      params: idParams,
      body: cancelLeaveBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await cancelLeave(ctx, actorOf(req), req.params.id, req.body.version);
      return reply.status(204).send(null);
    },
  });

  app.get('/work-schedules', {
    config: { access: access.permission(['attendance:read', 'attendance:manage']) },
    schema: { tags, summary: 'Work schedules of the units in my scope', response: { 200: scheduleList } },
    handler: async (req) => ({ items: await listSchedules(ctx.db, actorOf(req)) }),
  });
  app.post('/work-schedules', {
    config: { access: access.permission('attendance:manage') },
    schema: {
      tags,
      summary: 'A unit’s working days and hours (one active schedule per unit)',
      body: scheduleBody,
      response: { 201: scheduleOut },
    },
    handler: async (req, reply) => reply.status(201).send(await createSchedule(ctx, actorOf(req), req.body, auditSourceOf(req))),
  });
  app.patch('/work-schedules/:id', {
    config: { access: access.permission('attendance:manage', 'work schedule') },
    schema: { tags, summary: 'Change or retire a schedule', params: idParams, body: scheduleUpdateBody, response: { 200: scheduleOut } },
    handler: async (req) => updateSchedule(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req)),
  });
  app.put('/attendance/people/:id/schedule', {
    config: { access: access.permission('attendance:manage', 'person in scope') },
    schema: {
      tags,
      summary: 'Give a person another schedule than their unit’s (null: their unit’s again)',
      params: idParams,
      body: personScheduleBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await setPersonSchedule(ctx, actorOf(req), req.params.id, req.body.scheduleId, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });

  app.get('/teams/:id/presence', {
    config: { access: access.signedIn('team member or service desk') },
    schema: { tags, summary: 'Who of a team is at work today (for its queue)', params: idParams, response: { 200: presenceOut } },
    handler: async (req) => teamPresence(ctx.db, actorOf(req), req.params.id, ctx.clock.now()),
  });
  app.get('/teams/:id/assignment', {
    config: { access: access.permission(['ticket:lead', 'org:manage'], 'team') },
    schema: { tags, summary: 'The team’s automatic assignment', params: idParams, response: { 200: assignmentOut } },
    handler: async (req) => getAssignment(ctx.db, actorOf(req), req.params.id),
  });
  app.put('/teams/:id/assignment', {
    config: { access: access.permission(['ticket:lead', 'org:manage'], 'team') },
    schema: {
      tags,
      summary: 'Assign new tickets of the team automatically (round-robin or least loaded) among members present today, or not',
      params: idParams,
      body: assignmentBody,
      response: { 200: assignmentOut },
    },
    handler: async (req) => setAssignment(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req)),
  });
}
