import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { readUpload, sendDownload } from '../../platform/files/upload.ts';
import { type Access, access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';
import { loadVisibleChange } from './changes.access.ts';
import { castVote } from './changes.approval.ts';
import { windowConflicts } from './changes.conflicts.ts';
import { gateOf } from './changes.gate.ts';
import { CHANGE_PERMISSIONS, CHANGE_READERS } from './changes.policy.ts';
import { presentChange, presentTimeline } from './changes.presenter.ts';
import { changePeople, listChanges } from './changes.queries.ts';
import {
  attachmentParams,
  changeDetail,
  changePage,
  changeParams,
  changeRefParams,
  commentBody,
  conflictQuery,
  conflictsResponse,
  createChangeBody,
  gateResponse,
  incidentSuggestionsResponse,
  linkBody,
  linkParams,
  listQuery,
  peopleQuery,
  peopleResponse,
  reviewBody,
  taskBody,
  taskParams,
  timelineResponse,
  transitionBody,
  updateChangeBody,
  voteBody,
} from './changes.schemas.ts';
import { createChange, transitionChange, updateChange } from './changes.service.ts';
import {
  addAttachment,
  addComment,
  addLink,
  incidentSuggestions,
  readAttachment,
  removeLink,
  saveReview,
  tickTask,
} from './changes.work.ts';

const tags = ['changes'];
const read = access.permission(CHANGE_READERS, 'change');
const work = access.permission(CHANGE_PERMISSIONS, 'change');

/** Change requests, their lifecycle, votes, implementation and review (issue 13). */
export function changeRoutes(app: App, ctx: AppContext) {
  const detail = async (req: FastifyRequest, ref: number | string) => {
    const actor = actorOf(req);
    return presentChange(ctx.db, actor, await loadVisibleChange(ctx.db, actor, String(ref)), ctx.clock.now());
  };

  /** A write to one change, answered with the change as the caller now sees it. */
  const write = <B extends z.ZodType>(
    method: 'POST' | 'PATCH',
    url: string,
    declared: Access,
    summary: string,
    body: B,
    act: (actor: Actor, id: number, input: z.infer<B>) => Promise<unknown>,
    status: 200 | 201 = 200,
  ) =>
    app.route({
      method,
      url,
      config: { access: declared },
      schema: { tags, summary, params: changeParams, body, response: { [status]: changeDetail } },
      handler: async (req, reply) => {
        const params = req.params as z.infer<typeof changeParams>;
        await act(actorOf(req), params.id, req.body as z.infer<B>);
        return reply.status(status).send(await detail(req, params.id));
      },
    });

  app.get('/changes', {
    config: { access: read },
    schema: {
      tags,
      summary: 'Changes I may see: my changes, the review queue, my voting queue, my implementation queue, or all; filters and pages',
      querystring: listQuery,
      response: { 200: changePage },
    },
    handler: async (req) => listChanges(ctx.db, actorOf(req), req.query),
  });

  app.post('/changes', {
    config: { access: access.permission('change:request') },
    schema: {
      tags,
      summary: 'Raise a request for change (with `templateId`: a standard change; with `submit`: submitted at once)',
      body: createChangeBody,
      response: { 201: changeDetail },
    },
    handler: async (req, reply) => {
      const change = await createChange(ctx, actorOf(req), req.body);
      return reply.status(201).send(await detail(req, change.id));
    },
  });

  app.get('/changes/:id', {
    config: { access: read },
    schema: { tags, summary: 'One change by id or number (CHG-2026-000012)', params: changeRefParams, response: { 200: changeDetail } },
    handler: async (req) => detail(req, req.params.id),
  });

  write(
    'PATCH',
    '/changes/:id',
    work,
    'Edit a change (carries `version`); assign; override the risk level with a reason',
    updateChangeBody,
    (a, id, b) => updateChange(ctx, a, id, b),
  );

  write(
    'POST',
    '/changes/:id/transitions',
    work,
    'Move the change: {"to": "submitted" | "under_review" | "draft" | "pending_approval" | "approved" | "rejected" | "scheduled" | "in_progress" | "completed" | "failed" | "closed" | "cancelled", …}',
    transitionBody,
    (a, id, b) => transitionChange(ctx, a, id, b),
  );

  write(
    'POST',
    '/changes/:id/votes',
    access.permission('change:vote', 'change'),
    'A CAB member’s vote: {"vote": "approve" | "reject" | "abstain", "comment"}; the CAB rule may decide the change',
    voteBody,
    (a, id, b) => castVote(ctx, a, id, b),
    201,
  );

  write('POST', '/changes/:id/comments', work, 'A comment on the change’s timeline', commentBody, (a, id, b) =>
    addComment(ctx, a, id, b.body),
  );

  write(
    'POST',
    '/changes/:id/links',
    work,
    'Link a ticket or service request that triggered it, or an incident it caused',
    linkBody,
    (a, id, b) => addLink(ctx, a, id, b),
  );

  app.delete('/changes/:id/links/:linkId', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Remove a link',
      params: linkParams,
      response: { 200: changeDetail },
    },
    handler: async (req) => {
      await removeLink(ctx, actorOf(req), req.params.id, req.params.linkId);
      return detail(req, req.params.id);
    },
  });

  app.post('/changes/:id/tasks/:taskId', {
    config: { access: access.permission('change:implement', 'change') },
    schema: {
      tags,
      summary: 'Tick or untick an implementation task (the implementer)',
      params: taskParams,
      body: taskBody,
      response: { 200: changeDetail },
    },
    handler: async (req) => {
      await tickTask(ctx, actorOf(req), req.params.id, req.params.taskId, req.body.done);
      return detail(req, req.params.id);
    },
  });

  app.put('/changes/:id/review', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Write or edit the post-implementation review (send the review’s `version` when editing)',
      params: changeParams,
      body: reviewBody,
      response: { 200: changeDetail },
    },
    handler: async (req) => {
      await saveReview(ctx, actorOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  });

  app.post('/changes/:id/attachments', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Attach a file (multipart field `file`), checked on its bytes against the attachment policy',
      params: changeParams,
      consumes: ['multipart/form-data'],
      response: { 201: changeDetail },
    },
    handler: async (req, reply) => {
      await addAttachment(ctx, actorOf(req), req.params.id, await readUpload(req));
      return reply.status(201).send(await detail(req, req.params.id));
    },
  });

  app.get('/changes/:id/attachments/:attachmentId', {
    config: { access: read },
    schema: {
      tags,
      summary: 'Download an attachment',
      params: attachmentParams,
    },
    handler: async (req, reply) => sendDownload(reply, await readAttachment(ctx.db, actorOf(req), req.params.id, req.params.attachmentId)),
  });

  app.get('/changes/:id/timeline', {
    config: { access: read },
    schema: { tags, summary: 'Every step of the change, oldest first', params: changeRefParams, response: { 200: timelineResponse } },
    handler: async (req) => presentTimeline(ctx.db, await loadVisibleChange(ctx.db, actorOf(req), req.params.id)),
  });

  app.get('/changes/:id/gate', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Deployment gate for CI/CD: may this change be implemented now? (approved or scheduled, inside its window, not in a freeze)',
      params: changeRefParams,
      response: { 200: gateResponse },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      return gateOf(ctx.db, actor, await loadVisibleChange(ctx.db, actor, req.params.id), ctx.clock.now());
    },
  });

  app.get('/changes/:id/conflicts', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Conflicts a window would have for this change (before scheduling it): overlaps, freezes, maintenance windows',
      params: changeParams,
      querystring: conflictQuery,
      response: { 200: conflictsResponse },
    },
    handler: async (req) => ({ items: await windowConflicts(ctx.db, actorOf(req), req.params.id, req.query) }),
  });

  app.get('/change-people', {
    config: { access: read },
    schema: {
      tags,
      summary: 'Implementers or CAB members over my place, for choosing an implementer or the emergency CAB',
      querystring: peopleQuery,
      response: { 200: peopleResponse },
    },
    handler: async (req) => ({ items: await changePeople(ctx.db, actorOf(req), req.query.role) }),
  });

  app.get('/changes/:id/incident-suggestions', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Incidents on the affected services during the change or within 24 hours after it, not linked yet',
      params: changeParams,
      response: { 200: incidentSuggestionsResponse },
    },
    handler: async (req) => ({ items: await incidentSuggestions(ctx, actorOf(req), req.params.id) }),
  });
}
