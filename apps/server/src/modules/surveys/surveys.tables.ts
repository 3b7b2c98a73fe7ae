import { bigint, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const surveys = pgTable('surveys', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  ticketId: ref('ticket_id').notNull(),
  companyId: ref('company_id').notNull(),
  unitPath: text('unit_path').notNull(),
  teamId: ref('team_id'),
  assigneeId: ref('assignee_id'),
  categoryId: ref('category_id'),
  requesterId: ref('requester_id'),
  contactId: ref('contact_id'),
  sentAt: at('sent_at').notNull(),
  expiresAt: at('expires_at').notNull(),
  answeredAt: at('answered_at'),
  q1: smallint('q1'),
  q2: smallint('q2'),
  q3: smallint('q3'),
  suggestion: text('suggestion'),
});
export type SurveyRow = typeof surveys.$inferSelect;

/** 004 Figure 11's three questions, in order (the texts are translated on screen). */
export const SURVEY_QUESTIONS = ['service', 'restored', 'information'] as const;
