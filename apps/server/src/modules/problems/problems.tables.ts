import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const PROBLEM_STATUSES = ['new', 'investigating', 'known_error', 'resolved', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const problems = pgTable('problems', {
  id: id(),
  number: text('number').notNull(),
  title: text('title').notNull(),
  descriptionHtml: text('description_html').notNull().default(''),
  status: text('status').$type<ProblemStatus>().notNull().default('new'),
  companyId: ref('company_id').notNull(),
  serviceId: ref('service_id'),
  categoryId: ref('category_id'),
  ownerId: ref('owner_id'),
  rootCause: text('root_cause'),
  workaround: text('workaround'),
  permanentFix: text('permanent_fix'),
  articleId: ref('article_id'),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
  resolvedAt: at('resolved_at'),
  closedAt: at('closed_at'),
  version: integer('version').notNull().default(1),
});

export const problemIncidents = pgTable(
  'problem_incidents',
  {
    problemId: ref('problem_id').notNull(),
    ticketId: ref('ticket_id').notNull(),
    linkedBy: ref('linked_by').notNull(),
    linkedAt: at('linked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.ticketId] })],
);

export const problemEvents = pgTable('problem_events', {
  id: id(),
  problemId: ref('problem_id').notNull(),
  at: at('at').notNull().defaultNow(),
  actorId: ref('actor_id'),
  kind: text('kind').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
});
