import { bigint, boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const contacts = pgTable('contacts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  companyId: ref('company_id').notNull(),
  name: text('name').notNull(),
  email: text('email'),
  /** E.164. */
  phone: text('phone'),
  organisation: text('organisation'),
  address: text('address'),
  kelurahan: text('kelurahan'),
  kecamatan: text('kecamatan'),
  locale: text('locale').$type<'id' | 'en'>().notNull().default('id'),
  emailVerifiedAt: at('email_verified_at'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
export type ContactRow = typeof contacts.$inferSelect;

export const ticketContacts = pgTable('ticket_contacts', {
  ticketId: ref('ticket_id').primaryKey(),
  contactId: ref('contact_id').notNull(),
  trackingSalt: text('tracking_salt').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const contactVerifications = pgTable('contact_verifications', {
  tokenHash: text('token_hash').primaryKey(),
  contactId: ref('contact_id').notNull(),
  email: text('email').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  expiresAt: at('expires_at').notNull(),
  usedAt: at('used_at'),
});
