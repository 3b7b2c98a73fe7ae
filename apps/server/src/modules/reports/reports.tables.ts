import { bigint, boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The read models (report_ticket_keys, report_ticket_days, report_sla_days) are
// written and read with SQL in reports.projection.ts and reports.queries.ts.

export const reportSubscriptions = pgTable('report_subscriptions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  userId: bigint('user_id', { mode: 'number' }).notNull(),
  kind: text('kind').notNull(),
  query: jsonb('query').$type<Record<string, unknown>>().notNull().default({}),
  frequency: text('frequency').notNull(),
  format: text('format').notNull(),
  recipientIds: bigint('recipient_ids', { mode: 'number' }).array().notNull().default([]),
  active: boolean('active').notNull().default(true),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
