import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
const money = (name: string) => bigint(name, { mode: 'bigint' });

export type ApprovalState = 'waiting' | 'pending' | 'approved' | 'rejected' | 'expired' | 'withdrawn';

/** A division's approval chain; a unit without its own uses its nearest ancestor's, else the default chain. */
export const approvalSteps = pgTable('approval_steps', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  unitId: ref('unit_id').notNull(),
  position: integer('position').notNull(),
  threshold: money('threshold').notNull(),
  role: text('role'),
  userIds: bigint('user_ids', { mode: 'number' }).array().notNull().default([]),
  expiryDays: integer('expiry_days').notNull().default(3),
});

/**
 * One step of a request's approval chain. It carries who asked and where they
 * sit (company, unit path), so who may decide it follows from the step alone.
 */
export const approvals = pgTable('approvals', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  requestId: ref('request_id').notNull(),
  requesterId: ref('requester_id').notNull(),
  companyId: ref('company_id').notNull(),
  unitPath: text('unit_path').notNull(),
  position: integer('position').notNull(),
  threshold: money('threshold').notNull(),
  role: text('role'),
  userIds: bigint('user_ids', { mode: 'number' }).array().notNull().default([]),
  state: text('state').$type<ApprovalState>().notNull(),
  decidedBy: ref('decided_by'),
  comment: text('comment'),
  decidedAt: at('decided_at'),
  dueAt: at('due_at'),
  remindedAt: at('reminded_at'),
  expiryDays: integer('expiry_days').notNull().default(3),
  createdAt: at('created_at').notNull().defaultNow(),
});
