import { REQUEST_STATUSES, ROLES } from '@ish/shared';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { readUpload, sendDownload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { idParams, noContent, pageOf, pageQuery } from '../../platform/http/schemas.ts';
import { findUnitPlacement } from '../org/org.lookup.ts';
import { catalogGapRoutes } from './catalog-gaps.routes.ts';
import { readAnswerFile, uploadAnswerFile } from './requests.files.ts';
import { getRequest, listApprovals, listRequests } from './requests.present.ts';
import { chainFor, completeRequest, createRequest, decideApproval, recordActualQuantity, requestIdOf } from './requests.service.ts';
import { approvalSteps } from './requests.tables.ts';

const tags = ['service requests'];
const money = z.number().int().describe('Whole Rupiah');
const person = z.object({ id: z.number().int(), name: z.string() });
const fileAnswer = z.object({ fileId: z.number().int(), name: z.string(), size: z.number().int(), contentType: z.string() });
const requestOut = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.string(),
  requester: person.extend({ unit: z.object({ id: z.number().int(), name: z.string() }) }),
  item: z.object({
    id: z.number().int(),
    version: z.number().int(),
    name: z.string(),
    costModel: z.string(),
    unitLabel: z.string().nullable(),
    fields: z.array(
      z.object({
        key: z.string(),
        type: z.string(),
        label: z.string(),
        options: z.array(z.object({ value: z.string(), label: z.string() })),
      }),
    ),
  }),
  quantity: z.number(),
  actualQuantity: z.number().nullable(),
  rate: money,
  estimate: money,
  answers: z
    .record(z.string(), z.unknown())
    .describe('By question key; a person answer reads { id, name }, a file answer { fileId, name, size, contentType }'),
  ticket: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  approvals: z.array(
    z.object({
      id: z.number().int(),
      position: z.number().int(),
      threshold: money,
      role: z.string().nullable(),
      state: z.string(),
      decidedBy: person.nullable(),
      comment: z.string().nullable(),
      decidedAt: z.string().nullable(),
      dueAt: z.string().nullable(),
      canDecide: z.boolean(),
    }),
  ),
  charge: z.object({ id: z.number().int(), amount: money, quantity: z.number() }).nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
const quantity = z.number().positive().max(1_000_000).multipleOf(0.01);
const step = z.strictObject({
  position: z.number().int().min(1).max(10),
  threshold: money.min(0),
  role: z.enum(ROLES).nullable(),
  userIds: z.array(z.number().int().positive()).max(20),
  expiryDays: z.number().int().min(1).max(30).default(3).describe('Days a step may stay undecided before the request expires'),
});

/** Who may configure a division's chain: Administrators, or the Division Admin of that division. */
const mayConfigure = (actor: Actor, at: { companyId: number; unitPath: string }) =>
  can(actor, 'settings:manage') || can(actor, 'user:manage', at);

export function requestRoutes(app: App, ctx: AppContext) {
  catalogGapRoutes(app, ctx);
  app.get('/service-requests', {
    config: { access: access.signedIn('request') },
    schema: {
      tags,
      summary: 'Service requests I may see, newest first (mine=true: only my own)',
      querystring: z.strictObject({
        ...pageQuery,
        mine: z.enum(['true', 'false']).default('false'),
        status: z.enum(REQUEST_STATUSES).optional(),
      }),
      response: { 200: pageOf(requestOut) },
    },
    handler: async (req) => listRequests(ctx.db, actorOf(req), { ...req.query, mine: req.query.mine === 'true' }),
  });
  app.post('/service-requests/answer-files', {
    config: { access: access.permission('catalog:browse') },
    schema: {
      tags,
      summary: 'Upload a file to answer a "file" question (multipart field `file`); order with { "fileId": … } within a day',
      consumes: ['multipart/form-data'],
      response: { 201: fileAnswer },
    },
    handler: async (req, reply) => reply.status(201).send(await uploadAnswerFile(ctx, actorOf(req), await readUpload(req))),
  });
  app.get('/service-requests/:id/files/:fileId', {
    config: { access: access.signedIn('request') },
    schema: {
      tags,
      summary: 'Download a file answer of a request',
      params: z.strictObject({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() }),
    },
    handler: async (req, reply) => {
      const file = await readAnswerFile(ctx.db, actorOf(req), req.params.id, req.params.fileId);
      return sendDownload(reply, file);
    },
  });
  app.post('/service-requests', {
    config: { access: access.permission('catalog:browse') },
    schema: {
      tags,
      summary: 'Order a published catalog item (quantity or estimated hours, and the item’s form)',
      body: z.strictObject({
        itemId: z.number().int().positive(),
        quantity: quantity.default(1),
        answers: z.record(z.string(), z.unknown()).default({}),
      }),
      response: { 201: requestOut },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const id = await createRequest(ctx, actor, req.body, auditSourceOf(req));
      return reply.status(201).send(await getRequest(ctx.db, actor, id));
    },
  });
  app.get('/service-requests/:id', {
    config: { access: access.signedIn('request') },
    schema: {
      tags,
      summary: 'A request by id or number (REQ-2026-000001) with its approvals, fulfilment ticket and charge',
      params: z.strictObject({ id: z.string().regex(/^(\d{1,15}|REQ-[\w-]{1,40})$/) }),
      response: { 200: requestOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      return getRequest(ctx.db, actor, /^\d+$/.test(req.params.id) ? Number(req.params.id) : await requestIdOf(ctx.db, req.params.id));
    },
  });
  app.post('/service-requests/:id/actual-quantity', {
    config: { access: access.permission('ticket:work', 'request') },
    schema: {
      tags,
      summary: 'Record the actual quantity or hours (provider)',
      params: idParams,
      body: z.strictObject({ version: z.number().int().positive(), actualQuantity: quantity }),
      response: { 200: requestOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await recordActualQuantity(ctx, actor, req.params.id, req.body);
      return getRequest(ctx.db, actor, req.params.id);
    },
  });
  app.post('/service-requests/:id/complete', {
    config: { access: access.permission('ticket:work', 'request') },
    schema: {
      tags,
      summary: 'Mark done: record the actual quantity and resolve the fulfilment ticket; the charge is recorded once',
      params: idParams,
      body: z.strictObject({
        version: z.number().int().positive(),
        actualQuantity: quantity.optional(),
        solutionSummary: z.string().trim().min(1).max(5000),
      }),
      response: { 200: requestOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await completeRequest(ctx, actor, req.params.id, req.body);
      return getRequest(ctx.db, actor, req.params.id);
    },
  });

  app.get('/approvals', {
    config: { access: access.signedIn('approval') },
    schema: {
      tags,
      summary: 'Approvals waiting for me, soonest deadline first (state=pending), or decided by me (latest first)',
      querystring: z.strictObject({ ...pageQuery, state: z.enum(['pending', 'decided']).default('pending') }),
      response: {
        200: pageOf(
          z.object({
            id: z.number().int(),
            position: z.number().int(),
            state: z.string(),
            dueAt: z.string().nullable(),
            request: requestOut,
          }),
        ),
      },
    },
    handler: async (req) => listApprovals(ctx.db, actorOf(req), req.query),
  });
  app.post('/approvals/:id/decision', {
    config: { access: access.signedIn('approval') },
    schema: {
      tags,
      summary: 'Approve or reject one step (a rejection needs a comment)',
      params: idParams,
      body: z.strictObject({ decision: z.enum(['approve', 'reject']), comment: z.string().trim().max(2000).optional() }),
      response: { 200: requestOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const id = await decideApproval(ctx, actor, req.params.id, req.body, auditSourceOf(req));
      return getRequest(ctx.db, actor, id);
    },
  });

  app.get('/approval-chains/:id', {
    config: { access: access.permission(['settings:manage', 'user:manage'], 'unit') },
    schema: {
      tags,
      summary: 'The approval chain that applies to a division (its own, an ancestor’s or the default)',
      params: idParams,
      response: { 200: z.object({ steps: z.array(step) }) },
    },
    handler: async (req) => {
      const at = await findUnitPlacement(ctx.db, req.params.id);
      if (!at) throw notFound();
      const steps = await chainFor(ctx.db, at.unitPath);
      return {
        steps: steps.map((s) => ({
          position: s.position,
          threshold: Number(s.threshold),
          role: s.role as (typeof ROLES)[number] | null,
          userIds: s.userIds,
          expiryDays: s.expiryDays,
        })),
      };
    },
  });
  app.put('/approval-chains/:id', {
    config: { access: access.permission(['settings:manage', 'user:manage'], 'unit') },
    schema: {
      tags,
      summary: 'Set a division’s own chain (empty = inherit)',
      params: idParams,
      body: z.strictObject({ steps: z.array(step).max(10) }),
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const at = await findUnitPlacement(ctx.db, req.params.id);
      if (!at) throw notFound();
      if (!mayConfigure(actor, at)) throw forbidden();
      await ctx.db.transaction(async (tx) => {
        const before = await tx
          .select()
          .from(approvalSteps)
          .where(eq(approvalSteps.unitId, at.unitId))
          .orderBy(asc(approvalSteps.position));
        await tx.delete(approvalSteps).where(eq(approvalSteps.unitId, at.unitId));
        if (req.body.steps.length)
          await tx.insert(approvalSteps).values(req.body.steps.map((s) => ({ ...s, unitId: at.unitId, threshold: BigInt(s.threshold) })));
        await recordAudit(tx, auditSourceOf(req), {
          action: 'request.approval_chain_updated',
          targetType: 'unit',
          targetId: at.unitId,
          before: before.map((s) => ({ ...s, threshold: s.threshold.toString() })),
          after: req.body.steps,
        });
      });
      return reply.status(204).send(null);
    },
  });
}
