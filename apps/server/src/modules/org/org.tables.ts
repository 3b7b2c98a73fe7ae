import { DEFAULT_TIME_ZONE } from '@ish/shared';
import { bigint, boolean, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const stamps = {
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const companies = pgTable('companies', {
  id: id(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default(DEFAULT_TIME_ZONE),
  ...stamps,
});

export const units = pgTable('units', {
  id: id(),
  companyId: ref('company_id').notNull(),
  parentId: ref('parent_id'),
  code: text('code').notNull(),
  name: text('name').notNull(),
  type: text('type').notNull().default('division'),
  /** Ids from the root down, `/3/7/`; a subtree is `path LIKE '/3/%'`. */
  path: text('path').notNull().default(''),
  ...stamps,
});

export const teams = pgTable('teams', {
  id: id(),
  companyId: ref('company_id').notNull(),
  unitId: ref('unit_id'),
  code: text('code').notNull(),
  name: text('name').notNull(),
  level: smallint('level').notNull().default(1),
  leadUserId: ref('lead_user_id'),
  /** The lead validates a member's solution before the requester is asked to confirm (003 §6). */
  validatesSolutions: boolean('validates_solutions').notNull().default(false),
  ...stamps,
});

export const teamMembers = pgTable('team_members', { teamId: ref('team_id').notNull(), userId: ref('user_id').notNull() }, (t) => [
  primaryKey({ columns: [t.teamId, t.userId] }),
]);

export const vendors = pgTable('vendors', {
  id: id(),
  name: text('name').notNull(),
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  contractRef: text('contract_ref'),
  ...stamps,
});

export const locations = pgTable('locations', {
  id: id(),
  companyId: ref('company_id'),
  name: text('name').notNull(),
  address: text('address'),
  ...stamps,
});
