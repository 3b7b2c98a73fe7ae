import type { ApprovalRoute, ChangeStatus, ChangeType, ChangeVote, RiskAnswers, RiskLevel } from '@ish/shared';
import { bigint, boolean, integer, jsonb, pgTable, primaryKey, smallint, text, time, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export type { RiskAnswers } from '@ish/shared';

export const changeTemplates = pgTable('change_templates', {
  id: id(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  category: text('category').notNull().default(''),
  reason: text('reason').notNull().default(''),
  impact: text('impact').notNull().default(''),
  implementationPlan: text('implementation_plan').notNull(),
  testPlan: text('test_plan').notNull(),
  rollbackPlan: text('rollback_plan').notNull(),
  tasks: text('tasks').array().notNull().default([]),
  serviceIds: bigint('service_ids', { mode: 'number' }).array().notNull().default([]),
  teamId: ref('team_id'),
  durationMinutes: integer('duration_minutes').notNull().default(60),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const changes = pgTable('changes', {
  id: id(),
  number: text('number').notNull(),
  type: text('type').$type<ChangeType>().notNull(),
  templateId: ref('template_id'),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  reason: text('reason').notNull().default(''),
  category: text('category').notNull().default(''),
  impact: text('impact').notNull().default(''),
  implementationPlan: text('implementation_plan').notNull().default(''),
  testPlan: text('test_plan').notNull().default(''),
  rollbackPlan: text('rollback_plan').notNull().default(''),
  emergencyJustification: text('emergency_justification'),
  companyId: ref('company_id').notNull(),
  unitId: ref('unit_id').notNull(),
  unitPath: text('unit_path').notNull(),
  requesterId: ref('requester_id').notNull(),
  teamId: ref('team_id'),
  implementerId: ref('implementer_id'),
  plannedStart: at('planned_start'),
  plannedEnd: at('planned_end'),
  timeZone: text('time_zone').notNull(),
  riskAnswers: jsonb('risk_answers').$type<Partial<RiskAnswers>>().notNull().default({}),
  riskScore: smallint('risk_score').notNull().default(0),
  riskLevel: text('risk_level').$type<RiskLevel>().notNull().default('low'),
  riskOverride: text('risk_override').$type<RiskLevel>(),
  riskOverrideReason: text('risk_override_reason'),
  status: text('status').$type<ChangeStatus>().notNull().default('draft'),
  approvalRoute: text('approval_route').$type<ApprovalRoute>(),
  approvalRound: smallint('approval_round').notNull().default(0),
  decisionSource: text('decision_source').$type<'auto' | 'manager' | 'cab_rule' | 'cab_meeting'>(),
  decidedBy: ref('decided_by'),
  decisionNote: text('decision_note'),
  freezeJustification: text('freeze_justification'),
  outcome: text('outcome').$type<'successful' | 'failed'>(),
  rollbackExecuted: boolean('rollback_executed'),
  resultNotes: text('result_notes'),
  causedIncident: boolean('caused_incident').notNull().default(false),
  source: text('source').$type<'web' | 'api'>().notNull().default('web'),
  submittedAt: at('submitted_at'),
  approvedAt: at('approved_at'),
  scheduledAt: at('scheduled_at'),
  startedAt: at('started_at'),
  finishedAt: at('finished_at'),
  closedAt: at('closed_at'),
  cancelledAt: at('cancelled_at'),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
export type ChangeRow = typeof changes.$inferSelect;

/** `planned` and `on_calendar` are kept by triggers from the change; never written here. */
export const changeServices = pgTable(
  'change_services',
  { changeId: ref('change_id').notNull(), serviceId: ref('service_id').notNull() },
  (t) => [primaryKey({ columns: [t.changeId, t.serviceId] })],
);

export const changeUnits = pgTable('change_units', { changeId: ref('change_id').notNull(), unitId: ref('unit_id').notNull() }, (t) => [
  primaryKey({ columns: [t.changeId, t.unitId] }),
]);

export const changeLinks = pgTable('change_links', {
  id: id(),
  changeId: ref('change_id').notNull(),
  ticketId: ref('ticket_id'),
  requestId: ref('request_id'),
  kind: text('kind').$type<'trigger' | 'caused'>().notNull(),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const changeVotes = pgTable('change_votes', {
  id: id(),
  changeId: ref('change_id').notNull(),
  round: smallint('round').notNull(),
  voterId: ref('voter_id').notNull(),
  vote: text('vote').$type<ChangeVote>().notNull(),
  comment: text('comment'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const changeTasks = pgTable('change_tasks', {
  id: id(),
  changeId: ref('change_id').notNull(),
  position: integer('position').notNull(),
  text: text('text').notNull(),
  done: boolean('done').notNull().default(false),
  doneBy: ref('done_by'),
  doneAt: at('done_at'),
});

export const changeReviews = pgTable('change_reviews', {
  changeId: ref('change_id').primaryKey(),
  objectivesMet: boolean('objectives_met').notNull(),
  sideEffects: text('side_effects').notNull().default(''),
  incidentsCaused: text('incidents_caused').notNull().default(''),
  lessonsLearned: text('lessons_learned').notNull().default(''),
  followUpActions: text('follow_up_actions').notNull().default(''),
  reviewedBy: ref('reviewed_by').notNull(),
  reviewedAt: at('reviewed_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

export const changeEvents = pgTable('change_events', {
  id: id(),
  changeId: ref('change_id').notNull(),
  at: at('at').notNull().defaultNow(),
  actorId: ref('actor_id'),
  kind: text('kind').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
});

export const changeAttachments = pgTable('change_attachments', {
  id: id(),
  changeId: ref('change_id').notNull(),
  fileId: ref('file_id').notNull(),
  displayName: text('display_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  uploadedBy: ref('uploaded_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const changeFreezes = pgTable('change_freezes', {
  id: id(),
  name: text('name').notNull(),
  reason: text('reason').notNull().default(''),
  companyId: ref('company_id'),
  startsAt: at('starts_at').notNull(),
  endsAt: at('ends_at').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: ref('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const changeMaintenanceWindows = pgTable('change_maintenance_windows', {
  id: id(),
  serviceId: ref('service_id').notNull(),
  weekday: smallint('weekday').notNull(),
  startTime: time('start_time').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  timeZone: text('time_zone').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: ref('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const cabMeetings = pgTable('cab_meetings', {
  id: id(),
  title: text('title').notNull(),
  startsAt: at('starts_at').notNull(),
  endsAt: at('ends_at').notNull(),
  location: text('location').notNull().default(''),
  companyId: ref('company_id'),
  status: text('status').$type<'planned' | 'held' | 'cancelled'>().notNull().default('planned'),
  minutes: text('minutes').notNull().default(''),
  createdBy: ref('created_by').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const cabMeetingItems = pgTable(
  'cab_meeting_items',
  {
    meetingId: ref('meeting_id').notNull(),
    changeId: ref('change_id').notNull(),
    position: integer('position').notNull(),
    decision: text('decision').$type<'approve' | 'reject' | 'defer'>(),
    notes: text('notes').notNull().default(''),
    decidedAt: at('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.changeId] })],
);

export const changeCalendarFeeds = pgTable('change_calendar_feeds', {
  userId: ref('user_id').primaryKey(),
  tokenHash: text('token_hash').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});
