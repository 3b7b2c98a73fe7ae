import { bigint, boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Protection } from './intake.settings.ts';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const publicForms = pgTable('public_forms', {
  companyId: ref('company_id').primaryKey(),
  slug: text('slug').notNull(),
  enabled: boolean('enabled').notNull().default(false),
  unitId: ref('unit_id').notNull(),
  teamId: ref('team_id'),
  serviceIds: bigint('service_ids', { mode: 'number' }).array().notNull().default([]),
  protection: jsonb('protection').$type<Partial<Protection>>().notNull().default({}),
  version: integer('version').notNull().default(1),
  updatedBy: ref('updated_by'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
export type PublicFormRow = typeof publicForms.$inferSelect;

export const REPORT_METHODS = ['web_form', 'phone', 'walk_in', 'email'] as const;
export type ReportMethod = (typeof REPORT_METHODS)[number];

export const publicReports = pgTable('public_reports', {
  ticketId: ref('ticket_id').primaryKey(),
  companyId: ref('company_id').notNull(),
  contactId: ref('contact_id').notNull(),
  method: text('method').$type<ReportMethod>().notNull(),
  reporterName: text('reporter_name').notNull(),
  phone: text('phone').notNull(),
  email: text('email'),
  address: text('address').notNull(),
  kelurahan: text('kelurahan').notNull(),
  kecamatan: text('kecamatan').notNull(),
  occurredAt: at('occurred_at'),
  ip: text('ip'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const publicFormNonces = pgTable('public_form_nonces', {
  nonce: text('nonce').primaryKey(),
  usedAt: at('used_at').notNull().defaultNow(),
});
