import type { AppContext } from '../../platform/context.ts';
import { readUpload, sendDownload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, pageOf } from '../../platform/http/schemas.ts';
import { decideApproval, decisionBody } from '../approvals/index.ts';
import { readAnswerFile, uploadAnswerFile } from './requests.files.ts';
import { getRequest } from './requests.presenter.ts';
import { listApprovalQueue, listCatalogGaps, listRequests, requestIdOf } from './requests.queries.ts';
import {
  actualQuantityBody,
  approvalQueueItem,
  approvalQueueQuery,
  catalogGapQuery,
  catalogGapsOut,
  completeBody,
  fileAnswerOut,
  fileParams,
  listRequestsQuery,
  orderBody,
  requestKey,
  requestOut,
  withdrawBody,
} from './requests.schemas.ts';
import { completeRequest, createRequest, recordActualQuantity, withdrawRequest } from './requests.service.ts';

const tags = ['service requests'];

export function requestRoutes(app: App, ctx: AppContext) {
  app.get('/service-requests', {
    config: { access: access.signedIn('request') },
    schema: {
      tags,
      summary: 'Service requests I may see, newest first (mine=true: only my own)',
      querystring: listRequestsQuery,
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
      response: { 201: fileAnswerOut },
    },
    handler: async (req, reply) => reply.status(201).send(await uploadAnswerFile(ctx, actorOf(req), await readUpload(req))),
  });
  app.get('/service-requests/:id/files/:fileId', {
    config: { access: access.signedIn('request') },
    schema: { tags, summary: 'Download a file answer of a request', params: fileParams },
    handler: async (req, reply) => sendDownload(reply, await readAnswerFile(ctx.db, actorOf(req), req.params.id, req.params.fileId)),
  });
  app.post('/service-requests', {
    config: { access: access.permission('catalog:browse'), idempotent: true },
    schema: {
      tags,
      summary: 'Order a published catalog item (quantity or estimated hours, and the item’s form)',
      body: orderBody,
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
      params: requestKey,
      response: { 200: requestOut },
    },
    handler: async (req) => {
      const key = req.params.id;
      return getRequest(ctx.db, actorOf(req), /^\d+$/.test(key) ? Number(key) : await requestIdOf(ctx.db, key));
    },
  });
  app.post('/service-requests/:id/actual-quantity', {
    config: { access: access.permission('ticket:work', 'request') },
    schema: {
      tags,
      summary: 'Record the actual quantity or hours (provider)',
      params: idParams,
      body: actualQuantityBody,
      response: { 200: requestOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await recordActualQuantity(ctx, actor, req.params.id, req.body);
      return getRequest(ctx.db, actor, req.params.id);
    },
  });
  app.post('/service-requests/:id/withdraw', {
    config: { access: access.signedIn('request') },
    schema: {
      tags,
      summary: 'Withdraw my request while it waits for approval (requester only); its open approval steps end',
      params: idParams,
      body: withdrawBody,
      response: { 200: requestOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await withdrawRequest(ctx, actor, req.params.id, req.body, auditSourceOf(req));
      return getRequest(ctx.db, actor, req.params.id);
    },
  });
  app.post('/service-requests/:id/complete', {
    config: { access: access.permission('ticket:work', 'request') },
    schema: {
      tags,
      summary: 'Mark done: record the actual quantity and resolve the fulfilment ticket; the charge is recorded once',
      params: idParams,
      body: completeBody,
      response: { 200: requestOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await completeRequest(ctx, actor, req.params.id, req.body);
      return getRequest(ctx.db, actor, req.params.id);
    },
  });

  // The approvals queue shows requests: it lives here, on top of the approvals module's rules.
  app.get('/approvals', {
    config: { access: access.signedIn('approval') },
    schema: {
      tags,
      summary: 'Approvals waiting for me, soonest deadline first (state=pending), or decided by me (latest first)',
      querystring: approvalQueueQuery,
      response: { 200: pageOf(approvalQueueItem) },
    },
    handler: async (req) => listApprovalQueue(ctx.db, actorOf(req), req.query),
  });
  app.post('/approvals/:id/decision', {
    config: { access: access.signedIn('approval') },
    schema: {
      tags,
      summary: 'Approve or reject one step (a rejection needs a comment); a step I may not decide answers 404',
      params: idParams,
      body: decisionBody,
      response: { 200: requestOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const id = await decideApproval(ctx, actor, req.params.id, req.body, auditSourceOf(req));
      return getRequest(ctx.db, actor, id);
    },
  });

  app.get('/reports/catalog-gaps', {
    config: { access: access.permission(['ticket:lead', 'report:read']) },
    schema: {
      tags,
      summary: 'Ad-hoc tickets by category over a period (candidates for the catalog)',
      querystring: catalogGapQuery,
      response: { 200: catalogGapsOut },
    },
    handler: async (req) => listCatalogGaps(ctx.db, actorOf(req), req.query),
  });
}
