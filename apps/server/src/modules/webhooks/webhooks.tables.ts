import type { WebhookEvent } from '@ish/shared';
import { bigint, boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: id(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  events: text('events').array().$type<WebhookEvent[]>().notNull(),
  scopeKind: text('scope_kind').$type<'organisation' | 'company' | 'unit'>().notNull(),
  companyId: ref('company_id'),
  unitId: ref('unit_id'),
  unitPath: text('unit_path'),
  secretEncrypted: text('secret_encrypted').notNull(),
  previousSecretEncrypted: text('previous_secret_encrypted'),
  previousSecretExpiresAt: at('previous_secret_expires_at'),
  active: boolean('active').notNull().default(true),
  disabledReason: text('disabled_reason').$type<'manual' | 'failures'>(),
  failureStreak: integer('failure_streak').notNull().default(0),
  createdBy: ref('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export const webhookEvents = pgTable('webhook_events', {
  id: text('id').primaryKey(),
  type: text('type').$type<WebhookEvent>().notNull(),
  recordKey: text('record_key').notNull(),
  companyId: ref('company_id').notNull(),
  unitPath: text('unit_path').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'refused';

export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: id(),
  endpointId: ref('endpoint_id').notNull(),
  eventId: text('event_id').notNull(),
  recordKey: text('record_key').notNull(),
  redeliveryOf: ref('redelivery_of'),
  status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: at('next_attempt_at'),
  responseStatus: integer('response_status'),
  lastError: text('last_error'),
  createdAt: at('created_at').notNull().defaultNow(),
  completedAt: at('completed_at'),
});
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export const webhookAttempts = pgTable('webhook_attempts', {
  id: id(),
  deliveryId: ref('delivery_id').notNull(),
  at: at('at').notNull(),
  responseStatus: integer('response_status'),
  error: text('error'),
  retryInSeconds: integer('retry_in_seconds'),
});
