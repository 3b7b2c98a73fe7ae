import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const CHANNELS = ['in_app', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const notifications = pgTable('notifications', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  userId: ref('user_id').notNull(),
  event: text('event').notNull(),
  ticketId: ref('ticket_id'),
  title: text('title').notNull(),
  body: text('body').notNull(),
  link: text('link'),
  readAt: at('read_at'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: ref('user_id').notNull(),
    event: text('event').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    enabled: boolean('enabled').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.event, t.channel] })],
);

export const notificationTemplates = pgTable(
  'notification_templates',
  {
    event: text('event').notNull(),
    locale: text('locale').$type<'id' | 'en'>().notNull(),
    channel: text('channel').$type<'email' | 'sms'>().notNull(),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: ref('updated_by'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.event, t.locale, t.channel] })],
);

export const notificationDeliveries = pgTable('notification_deliveries', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  dedupeKey: text('dedupe_key').notNull(),
  /** A user, or null for a contact reached at `address` (email or E.164 phone) in `locale`. */
  userId: ref('user_id'),
  address: text('address'),
  locale: text('locale').$type<'id' | 'en'>(),
  channel: text('channel').$type<Channel>().notNull(),
  event: text('event').notNull(),
  ticketId: ref('ticket_id'),
  variables: jsonb('variables').$type<Record<string, string>>().notNull().default({}),
  /** A document to render and attach when the email is sent. */
  attachment: jsonb('attachment').$type<{ kind: string; id: number } | null>(),
  status: text('status').$type<'queued' | 'sent' | 'failed' | 'skipped'>().notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: at('created_at').notNull().defaultNow(),
  sentAt: at('sent_at'),
});
