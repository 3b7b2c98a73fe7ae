import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A company's own identity over the organisation's (null: the organisation's). */
export const companyBranding = pgTable('company_branding', {
  companyId: bigint('company_id', { mode: 'number' }).primaryKey(),
  name: text('name'),
  primaryColor: text('primary_color'),
  logoFileId: bigint('logo_file_id', { mode: 'number' }),
  version: integer('version').notNull().default(1),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
