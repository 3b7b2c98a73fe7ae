import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { getProblem, listProblems, problemHints } from './problems.queries.ts';
import {
  createProblemBody,
  hintsQuery,
  hintsResponse,
  incidentLinkParams,
  linkIncidentBody,
  listProblemsQuery,
  problemDetail,
  problemPage,
  stepProblemBody,
  stepResult,
  updateProblemBody,
} from './problems.schemas.ts';
import { createProblem, linkIncident, stepProblem, unlinkIncident, updateProblem } from './problems.service.ts';

const tags = ['problems'];
/** The service desk and report readers see problems; the problem policy narrows them to their companies. */
const read = access.permission(['ticket:work', 'report:read'], 'problem');
const manage = access.permission('problem:manage', 'problem');

/** Problem records: the causes behind incidents, their known errors and permanent fixes. */
export function problemRoutes(app: App, ctx: AppContext) {
  const detail = (req: Parameters<typeof actorOf>[0], id: number) => getProblem(ctx.db, actorOf(req), id);

  app.get('/problems', {
    config: { access: read },
    schema: {
      tags,
      summary: 'Problems of my companies, newest change first',
      querystring: listProblemsQuery,
      response: { 200: problemPage },
    },
    handler: async (req) => listProblems(ctx.db, actorOf(req), req.query),
  });

  app.get('/problems/hints', {
    config: { access: access.permission('ticket:work', 'ticket') },
    schema: {
      tags,
      summary: 'Known errors of the same service and category as a ticket I work, with their workaround',
      querystring: hintsQuery,
      response: { 200: hintsResponse },
    },
    handler: async (req) => problemHints(ctx.db, actorOf(req), req.query.ticketId),
  });

  app.post('/problems', {
    config: { access: access.permission('problem:manage') },
    schema: {
      tags,
      summary: 'Record a problem, optionally with the incidents behind it',
      body: createProblemBody,
      response: { 201: problemDetail },
    },
    handler: async (req, reply) => reply.status(201).send(await detail(req, await createProblem(ctx, actorOf(req), req.body))),
  });

  app.get('/problems/:id', {
    config: { access: read },
    schema: { tags, summary: 'One problem with its incidents, article and timeline', params: idParams, response: { 200: problemDetail } },
    handler: async (req) => detail(req, req.params.id),
  });

  app.patch('/problems/:id', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Edit a problem (root cause, workaround, permanent fix…); a known error republishes its article; carries `version`',
      params: idParams,
      body: updateProblemBody,
      response: { 200: problemDetail },
    },
    handler: async (req) => {
      await updateProblem(ctx, actorOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  });

  app.post('/problems/:id/transitions', {
    config: { access: manage },
    schema: {
      tags,
      summary:
        'investigate, known_error (publishes the workaround as an article), resolve (optionally resolving the linked incidents being worked), close, reopen',
      params: idParams,
      body: stepProblemBody,
      response: { 200: stepResult },
    },
    handler: async (req) => {
      const incidents = await stepProblem(ctx, actorOf(req), req.params.id, req.body);
      return { problem: await detail(req, req.params.id), incidents };
    },
  });

  app.post('/problems/:id/incidents', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Link an incident (id or number) to the problem',
      params: idParams,
      body: linkIncidentBody,
      response: { 200: problemDetail },
    },
    handler: async (req) => {
      await linkIncident(ctx, actorOf(req), req.params.id, req.body.ticket);
      return detail(req, req.params.id);
    },
  });

  app.delete('/problems/:id/incidents/:ticketId', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Unlink an incident from the problem',
      params: incidentLinkParams,
      response: { 200: problemDetail },
    },
    handler: async (req) => {
      await unlinkIncident(ctx, actorOf(req), req.params.id, req.params.ticketId);
      return detail(req, req.params.id);
    },
  });
}
