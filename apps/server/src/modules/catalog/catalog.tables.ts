import { bigint, boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const catalogItems = pgTable('catalog_items', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  code: text('code').notNull(),
  providerUnitId: ref('provider_unit_id').notNull(),
  teamId: ref('team_id'),
  publishedVersionId: ref('published_version_id'),
  workingVersionId: ref('working_version_id'),
  retired: boolean('retired').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export type VersionState = 'draft' | 'pending_approval' | 'published' | 'rejected' | 'superseded';

export const catalogItemVersions = pgTable('catalog_item_versions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  itemId: ref('item_id').notNull(),
  number: integer('number').notNull(),
  state: text('state').$type<VersionState>().notNull(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionId: text('description_id').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  /** The category in Indonesian; `categoryEn` in English ('' = not translated: English readers see the Indonesian). */
  category: text('category').notNull(),
  categoryEn: text('category_en').notNull().default(''),
  costModel: text('cost_model').$type<'fixed' | 'per_hour' | 'per_unit'>().notNull(),
  rate: bigint('rate', { mode: 'number' }).notNull(),
  unitLabel: text('unit_label'),
  responseMinutes: integer('response_minutes').notNull(),
  resolutionMinutes: integer('resolution_minutes').notNull(),
  predefined: boolean('predefined').notNull().default(true),
  alwaysApproval: boolean('always_approval').notNull().default(false),
  audience: jsonb('audience').$type<{ all?: boolean; companyIds?: number[]; unitIds?: number[] }>().notNull(),
  form: jsonb('form').$type<unknown[]>().notNull(),
  rejectionReason: text('rejection_reason'),
  submittedAt: at('submitted_at'),
  decidedBy: ref('decided_by'),
  decidedAt: at('decided_at'),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});
