import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const MAIL_OUTCOMES = ['created', 'threaded', 'quarantined', 'dropped', 'released', 'discarded'] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];

export const inboundMail = pgTable('inbound_mail', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  receivedAt: at('received_at').notNull().defaultNow(),
  source: text('source').$type<'smtp' | 'imap'>().notNull(),
  dedupeKey: text('dedupe_key').notNull(),
  messageId: text('message_id'),
  fromAddress: text('from_address'),
  fromName: text('from_name'),
  subject: text('subject'),
  outcome: text('outcome').$type<MailOutcome>().notNull(),
  reason: text('reason'),
  ticketId: ref('ticket_id'),
  companyId: ref('company_id'),
  rawFileId: ref('raw_file_id'),
  auth: jsonb('auth').$type<Record<string, unknown>>().notNull().default({}),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  decidedBy: ref('decided_by'),
  decidedAt: at('decided_at'),
  version: integer('version').notNull().default(1),
});
export type InboundMailRow = typeof inboundMail.$inferSelect;
