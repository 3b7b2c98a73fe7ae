import { WEBHOOK_EVENTS } from '@ish/shared';
import { z } from 'zod';

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

export const endpointOut = z.object({
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
export const endpointList = z.object({ items: z.array(endpointOut) });
/** An endpoint with its signing secret: only in the answer that creates or rotates it. */
export const endpointWithSecret = endpointOut.extend({ secret: z.string() });

export const createEndpointBody = z.strictObject({ name: z.string().trim().min(1).max(100), url, events, scope: scopeIn });
export const updateEndpointBody = z.strictObject({
  version: z.number().int(),
  name: z.string().trim().min(1).max(100).optional(),
  url: url.optional(),
  events: events.optional(),
  active: z.boolean().optional(),
});

export const deliveryOut = z.object({
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
export const deliveriesQuery = z.strictObject({
  before: z.coerce.number().int().positive().optional().describe('Only deliveries older than this delivery id (next page)'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const deliveryList = z.object({ items: z.array(deliveryOut) });

export const deliveryParams = z.strictObject({ id: z.coerce.number().int().positive(), deliveryId: z.coerce.number().int().positive() });
export const redeliveryOut = z.object({ id: z.number().int(), eventId: z.string() });
