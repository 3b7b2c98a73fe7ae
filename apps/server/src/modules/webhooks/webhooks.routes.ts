import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { presentEndpoint as present, presentDelivery } from './webhooks.presenter.ts';
import {
  createEndpointBody,
  deliveriesQuery,
  deliveryList,
  deliveryParams,
  endpointList,
  endpointOut,
  endpointWithSecret,
  redeliveryOut,
  updateEndpointBody,
} from './webhooks.schemas.ts';
import { createEndpoint, getEndpoint, listDeliveries, listEndpoints, redeliver, rotateSecret, updateEndpoint } from './webhooks.service.ts';

const tags = ['webhooks'];
const manage = access.permission('webhook:manage', 'webhook');

/**
 * Outgoing webhooks for Administrators (anywhere) and Division Admins (in
 * their unit): endpoints, their signing secret, delivery log and redelivery.
 */
export function webhookRoutes(app: App, ctx: AppContext) {
  app.get('/webhooks', {
    config: { access: access.permission('webhook:manage') },
    schema: { tags, summary: 'Webhook endpoints in the scopes I manage', response: { 200: endpointList } },
    handler: async (req) => ({ items: (await listEndpoints(ctx.db, actorOf(req))).map(present) }),
  });

  app.post('/webhooks', {
    config: { access: access.permission('webhook:manage') },
    schema: {
      tags,
      summary:
        'Subscribe an endpoint to events in a scope. Each event is POSTed as JSON `{id, type, apiVersion, createdAt, data}` with `X-ISH-Event-Id` and `X-ISH-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">`; the `secret` is shown only here',
      body: createEndpointBody,
      response: { 201: endpointWithSecret },
    },
    handler: async (req, reply) => {
      const { row, secret } = await createEndpoint(ctx, actorOf(req), req.body, auditSourceOf(req));
      return reply.status(201).send({ ...present(row), secret });
    },
  });

  app.get('/webhooks/:id', {
    config: { access: manage },
    schema: { tags, summary: 'One endpoint', params: idParams, response: { 200: endpointOut } },
    handler: async (req) => present(await getEndpoint(ctx.db, actorOf(req), req.params.id)),
  });

  app.patch('/webhooks/:id', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Rename, re-point, re-subscribe, pause (`active: false`) or resume an endpoint',
      params: idParams,
      body: updateEndpointBody,
      response: { 200: endpointOut },
    },
    handler: async (req) => present(await updateEndpoint(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req))),
  });

  app.post('/webhooks/:id/rotate-secret', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'A new signing secret, shown once; the previous one keeps signing beside it for 24 hours',
      params: idParams,
      response: { 200: endpointWithSecret },
    },
    handler: async (req) => {
      const { row, secret } = await rotateSecret(ctx, actorOf(req), req.params.id, auditSourceOf(req));
      return { ...present(row), secret };
    },
  });

  app.get('/webhooks/:id/deliveries', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'The delivery log, newest first: each event with its attempts and the receiver’s answers',
      params: idParams,
      querystring: deliveriesQuery,
      response: { 200: deliveryList },
    },
    handler: async (req) => ({ items: (await listDeliveries(ctx.db, actorOf(req), req.params.id, req.query)).map(presentDelivery) }),
  });

  app.post('/webhooks/:id/deliveries/:deliveryId/redeliver', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Send a delivery’s event again (same event id) as a new delivery',
      params: deliveryParams,
      response: { 202: redeliveryOut },
    },
    handler: async (req, reply) => {
      const row = await redeliver(ctx, actorOf(req), req.params.id, req.params.deliveryId, auditSourceOf(req));
      return reply.status(202).send({ id: row.id, eventId: row.eventId });
    },
  });
}
