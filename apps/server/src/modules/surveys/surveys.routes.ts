import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';
import { noContent } from '../../platform/http/schemas.ts';
import { ticketRefParams } from '../tickets/index.ts';
import { csatReport } from './surveys.queries.ts';
import {
  answerBody,
  csatOut,
  csatQuery,
  publicSurveyOut,
  ticketSurveyOut,
  tokenParams,
  trackedParams,
  trackedQuery,
  trackedSurveyOut,
} from './surveys.schemas.ts';
import { answerSurvey, surveyOfTicket, surveyOfTracked, viewSurvey } from './surveys.service.ts';

export function surveyRoutes(app: App, ctx: AppContext) {
  app.get('/public/surveys/:token', {
    config: { access: access.public() },
    schema: {
      tags: ['public'],
      summary: 'A satisfaction survey from its link (no sign-in): the ticket, and whether it can still be answered',
      params: tokenParams,
      response: { 200: publicSurveyOut },
    },
    handler: async (req) => viewSurvey(ctx, req.params.token, req.ip),
  });

  app.post('/public/surveys/:token', {
    config: { access: access.public() },
    schema: {
      tags: ['public'],
      summary: 'Answer a survey once, within 14 days: {"answers": [1-5, 1-5, 1-5], "suggestion": "…"}',
      params: tokenParams,
      body: answerBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await answerSurvey(ctx, req.params.token, req.ip, req.body);
      return reply.status(204).send(null);
    },
  });

  app.get('/public/tickets/:number/survey', {
    config: { access: access.public() },
    schema: {
      tags: ['public'],
      summary: 'The satisfaction survey of a report, for its contact (number + tracking code): its link while it is open',
      params: trackedParams,
      querystring: trackedQuery,
      response: { 200: trackedSurveyOut },
    },
    handler: async (req) => surveyOfTracked(ctx, req.params.number, req.query.code, req.ip),
  });

  app.get('/tickets/:id/survey', {
    config: { access: access.signedIn('ticket') },
    schema: {
      tags: ['surveys'],
      summary: 'The satisfaction survey of a ticket: not sent, waiting, answered (with the scores) or expired',
      params: ticketRefParams,
      response: { 200: ticketSurveyOut },
    },
    handler: async (req) => surveyOfTicket(ctx, actorOf(req), req.params.id),
  });

  app.get('/reports/csat', {
    config: { access: access.permission('report:read') },
    schema: {
      tags: ['reports'],
      summary: 'Satisfaction (CSAT) by team, agent, category or month over a period, within my report scope',
      querystring: csatQuery,
      response: { 200: csatOut },
    },
    handler: async (req) => csatReport(ctx.db, actorOf(req), req.query),
  });
}
