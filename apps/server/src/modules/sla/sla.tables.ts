import { bigint, boolean, doublePrecision, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const slaPolicies = pgTable('sla_policies', {
  id: id(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  ticketType: text('ticket_type').$type<'incident' | 'request' | 'question'>(),
  priority: text('priority').$type<'P1' | 'P2' | 'P3' | 'P4' | 'P5'>(),
  categoryId: ref('category_id'),
  serviceId: ref('service_id'),
  catalogItemId: ref('catalog_item_id'),
  responseMinutes: integer('response_minutes').notNull(),
  resolutionMinutes: integer('resolution_minutes').notNull(),
  calendarId: ref('calendar_id').notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const ticketSlas = pgTable('ticket_slas', {
  ticketId: ref('ticket_id').primaryKey(),
  policyId: ref('policy_id'),
  calendarId: ref('calendar_id').notNull(),
  responseTarget: integer('response_target').notNull(),
  responseSpent: doublePrecision('response_spent').notNull().default(0),
  responseSince: at('response_since'),
  responseDueAt: at('response_due_at'),
  responseOutcome: text('response_outcome').$type<'met' | 'breached'>(),
  resolutionTarget: integer('resolution_target').notNull(),
  resolutionSpent: doublePrecision('resolution_spent').notNull().default(0),
  resolutionSince: at('resolution_since'),
  resolutionDueAt: at('resolution_due_at'),
  resolutionOutcome: text('resolution_outcome').$type<'met' | 'breached'>(),
  paused: boolean('paused').notNull().default(false),
  responseBreached: boolean('response_breached').notNull().default(false),
  resolutionBreached: boolean('resolution_breached').notNull().default(false),
  warnedPercent: integer('warned_percent').notNull().default(0),
  elapsedPercent: doublePrecision('elapsed_percent').notNull().default(0),
  nextCheckAt: at('next_check_at'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const escalationRules = pgTable('escalation_rules', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  trigger: text('trigger').$type<'percent' | 'breach' | 'idle'>().notNull(),
  target: text('target').$type<'response' | 'resolution'>().notNull().default('resolution'),
  percent: integer('percent'),
  idleHours: integer('idle_hours'),
  priorities: text('priorities').array().notNull().default([]),
  categoryIds: bigint('category_ids', { mode: 'number' }).array().notNull().default([]),
  teamIds: bigint('team_ids', { mode: 'number' }).array().notNull().default([]),
  action: text('action')
    .$type<'notify_assignee' | 'notify_lead' | 'notify_role' | 'notify_user' | 'escalate_level' | 'reassign' | 'raise_priority'>()
    .notNull(),
  role: text('role'),
  userId: ref('user_id'),
  teamId: ref('team_id'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
