import { WEBHOOK_EVENTS } from '@ish/shared';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams } from '../../platform/http/schemas.ts';
import {
  createEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  redeliver,
  rotateSecret,
  scopeOfEndpoint,
  updateEndpoint,
} from './webhooks.service.ts';
import type { EndpointRow } from './webhooks.tables.ts';

const tags = ['webhooks'];
const manage = access.permission('webhook:manage', 'webhook');

const scopeIn = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('organisation') }),
  z.strictObject({ kind: z.literal('company'), companyId: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('unit'), unitId: z.number().int().positive() }),
]);
const scopeOut = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('organisation') }),
  z.object({ kind: z.literal('company'), companyId: z.number().int() }),
  z.object({ kind: z.literal('unit'), unitId: z.number().int() }),
]);
const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);
const url = z
  .string()
  .trim()
  .url()
  .max(2000)
  .describe('HTTPS in production; the outbound policy refuses private, loopback and metadata addresses');

const endpointOut = z.object({
  id: z.number().int(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  scope: scopeOut,
  active: z.boolean(),
  disabledReason: z.enum(['manual', 'failures']).nullable(),
  failureStreak: z.number().int(),
  secretRotatedUntil: z.string().nullable().describe('Until then the previous secret signs too (a second v1)'),
  version: z.number().int(),
  createdAt: z.string(),
});

const present = (e: EndpointRow) => {
  const scope = scopeOfEndpoint(e);
  return {
    id: e.id,
    name: e.name,
    url: e.url,
    events: e.events,
    scope:
      scope.kind === 'organisation'
        ? { kind: 'organisation' as const }
        : scope.kind === 'company'
          ? { kind: 'company' as const, companyId: scope.companyId }
          : { kind: 'unit' as const, unitId: scope.unitId },
    active: e.active,
    disabledReason: e.disabledReason,
    failureStreak: e.failureStreak,
    secretRotatedUntil: e.previousSecretExpiresAt?.toISOString() ?? null,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
  };
};

const deliveryOut = z.object({
  id: z.number().int(),
  eventId: z.string(),
  eventType: z.enum(WEBHOOK_EVENTS),
  status: z.enum(['pending', 'succeeded', 'failed', 'refused']),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  redeliveryOf: z.number().int().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  log: z.array(
    z.object({
      at: z.string(),
      responseStatus: z.number().int().nullable(),
      error: z.string().nullable(),
      retryInSeconds: z.number().int().nullable(),
    }),
  ),
});

/**
 * Outgoing webhooks for Administrators (anywhere) and Division Admins (in
 * their unit): endpoints, their signing secret, delivery log and redelivery.
 */
export function webhookRoutes(app: App, ctx: AppContext) {
  app.get('/webhooks', {
    config: { access: access.permission('webhook:manage') },
    schema: { tags, summary: 'Webhook endpoints in the scopes I manage', response: { 200: z.object({ items: z.array(endpointOut) }) } },
    handler: async (req) => ({ items: (await listEndpoints(ctx.db, actorOf(req))).map(present) }),
  });

  app.post('/webhooks', {
    config: { access: access.permission('webhook:manage') },
    schema: {
      tags,
      summary:
        'Subscribe an endpoint to events in a scope. Each event is POSTed as JSON `{id, type, apiVersion, createdAt, data}` with `X-ISH-Event-Id` and `X-ISH-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">`; the `secret` is shown only here',
      body: z.strictObject({ name: z.string().trim().min(1).max(100), url, events, scope: scopeIn }),
      response: { 201: endpointOut.extend({ secret: z.string() }) },
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
      body: z.strictObject({
        version: z.number().int(),
        name: z.string().trim().min(1).max(100).optional(),
        url: url.optional(),
        events: events.optional(),
        active: z.boolean().optional(),
      }),
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
      response: { 200: endpointOut.extend({ secret: z.string() }) },
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
      querystring: z.strictObject({
        before: z.coerce.number().int().positive().optional().describe('Only deliveries older than this delivery id (next page)'),
        limit: z.coerce.number().int().min(1).max(100).default(25),
      }),
      response: { 200: z.object({ items: z.array(deliveryOut) }) },
    },
    handler: async (req) => {
      const rows = await listDeliveries(ctx.db, actorOf(req), req.params.id, req.query);
      return {
        items: rows.map(({ delivery: d, type, payload, attempts }) => ({
          id: d.id,
          eventId: d.eventId,
          eventType: type,
          status: d.status,
          attempts: d.attempts,
          responseStatus: d.responseStatus,
          lastError: d.lastError,
          nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
          redeliveryOf: d.redeliveryOf,
          createdAt: d.createdAt.toISOString(),
          completedAt: d.completedAt?.toISOString() ?? null,
          payload,
          log: attempts.map((a) => ({
            at: a.at.toISOString(),
            responseStatus: a.responseStatus,
            error: a.error,
            retryInSeconds: a.retryInSeconds,
          })),
        })),
      };
    },
  });

  app.post('/webhooks/:id/deliveries/:deliveryId/redeliver', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'Send a delivery’s event again (same event id) as a new delivery',
      params: z.strictObject({ id: z.coerce.number().int().positive(), deliveryId: z.coerce.number().int().positive() }),
      response: { 202: z.object({ id: z.number().int(), eventId: z.string() }) },
    },
    handler: async (req, reply) => {
      const row = await redeliver(ctx, actorOf(req), req.params.id, req.params.deliveryId, auditSourceOf(req));
      return reply.status(202).send({ id: row.id, eventId: row.eventId });
    },
  });
}
