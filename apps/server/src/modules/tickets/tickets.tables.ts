import { bigint, boolean, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const TICKET_TYPES = ['incident', 'request', 'question'] as const;
export const LEVELS = ['high', 'medium', 'low'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export const CHANNELS = ['web', 'email', 'phone', 'walk_in', 'web_form'] as const;
export const PENDING_REASONS = ['requester', 'vendor', 'other'] as const;
export type Level = (typeof LEVELS)[number];
export type Priority = (typeof PRIORITIES)[number];

export const ticketCategories = pgTable('ticket_categories', {
  id: id(),
  parentId: ref('parent_id'),
  code: text('code').notNull(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  isSecurity: boolean('is_security').notNull().default(false),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const businessServices = pgTable('business_services', {
  id: id(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  usersDescription: text('users_description'),
  description: text('description'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const priorityMatrix = pgTable(
  'priority_matrix',
  {
    urgency: text('urgency').$type<Level>().notNull(),
    impact: text('impact').$type<Level>().notNull(),
    priority: text('priority').$type<Priority>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.urgency, t.impact] })],
);

export const ticketStatusLabels = pgTable(
  'ticket_status_labels',
  { status: text('status').notNull(), locale: text('locale').$type<'id' | 'en'>().notNull(), label: text('label').notNull() },
  (t) => [primaryKey({ columns: [t.status, t.locale] })],
);

export const tickets = pgTable('tickets', {
  id: id(),
  number: text('number').notNull(),
  type: text('type').$type<(typeof TICKET_TYPES)[number]>().notNull(),
  title: text('title').notNull(),
  descriptionHtml: text('description_html').notNull().default(''),
  categoryId: ref('category_id'),
  serviceId: ref('service_id'),
  companyId: ref('company_id').notNull(),
  requesterId: ref('requester_id').notNull(),
  unitId: ref('unit_id').notNull(),
  unitPath: text('unit_path').notNull(),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  contactEmail: text('contact_email'),
  channel: text('channel').$type<(typeof CHANNELS)[number]>().notNull().default('web'),
  urgency: text('urgency').$type<Level>().notNull(),
  impact: text('impact').$type<Level>().notNull(),
  priority: text('priority').$type<Priority>().notNull(),
  priorityOverridden: boolean('priority_overridden').notNull().default(false),
  teamId: ref('team_id'),
  assigneeId: ref('assignee_id'),
  escalationLevel: smallint('escalation_level').notNull().default(1),
  vendorId: ref('vendor_id'),
  vendorRef: text('vendor_ref'),
  hierarchicalLevel: smallint('hierarchical_level').notNull().default(0),
  tags: text('tags').array().notNull().default([]),
  status: text('status').$type<TicketStatus>().notNull().default('new'),
  pendingReason: text('pending_reason').$type<(typeof PENDING_REASONS)[number]>(),
  solutionSummary: text('solution_summary'),
  fulfilment: text('fulfilment').$type<'temporary' | 'permanent'>(),
  locked: boolean('locked').notNull().default(false),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  firstResponseAt: at('first_response_at'),
  startedAt: at('started_at'),
  resolvedAt: at('resolved_at'),
  closedAt: at('closed_at'),
  cancelledAt: at('cancelled_at'),
  updatedAt: at('updated_at').notNull().defaultNow(),
  timeSpentMinutes: integer('time_spent_minutes').notNull().default(0),
  closeReminderAt: at('close_reminder_at'),
  pendingReminderAt: at('pending_reminder_at'),
  version: integer('version').notNull().default(1),
  repliesText: text('replies_text').notNull().default(''),
  /** Resolved, waiting for the team lead to validate the solution (003 §6). */
  awaitingValidation: boolean('awaiting_validation').notNull().default(false),
  solutionValidatedAt: at('solution_validated_at'),
  /** The record another module opened this ticket for (a service request's fulfilment). */
  origin: jsonb('origin').$type<TicketOrigin>(),
  /** Copy of the SLA clock's resolution due date (ticket_slas), the queues' sort key; kept by a database trigger. */
  resolutionDueAt: at('resolution_due_at'),
});

export interface TicketOrigin {
  kind: 'service_request';
  id: number;
  number: string;
  /** The catalog item's name in Indonesian and English. */
  serviceName: { id: string; en: string };
}

export const TICKET_STATUSES = ['new', 'assigned', 'in_progress', 'pending', 'resolved', 'closed', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const ticketWatchers = pgTable(
  'ticket_watchers',
  { ticketId: ref('ticket_id').notNull(), userId: ref('user_id').notNull() },
  (t) => [primaryKey({ columns: [t.ticketId, t.userId] })],
);

export const ticketChecklistItems = pgTable('ticket_checklist_items', {
  id: id(),
  ticketId: ref('ticket_id').notNull(),
  position: integer('position').notNull(),
  text: text('text').notNull(),
  done: boolean('done').notNull().default(false),
  doneAt: at('done_at'),
  doneBy: ref('done_by'),
});

export const ticketComments = pgTable('ticket_comments', {
  id: id(),
  ticketId: ref('ticket_id').notNull(),
  authorId: ref('author_id').notNull(),
  bodyHtml: text('body_html').notNull(),
  internal: boolean('internal').notNull().default(false),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const ticketAttachments = pgTable('ticket_attachments', {
  id: id(),
  ticketId: ref('ticket_id').notNull(),
  commentId: ref('comment_id'),
  fileId: ref('file_id').notNull(),
  displayName: text('display_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  internal: boolean('internal').notNull().default(false),
  uploadedBy: ref('uploaded_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  deletedAt: at('deleted_at'),
  deletedBy: ref('deleted_by'),
});

export const ticketEvents = pgTable('ticket_events', {
  id: id(),
  ticketId: ref('ticket_id').notNull(),
  at: at('at').notNull().defaultNow(),
  actorId: ref('actor_id'),
  kind: text('kind').notNull(),
  public: boolean('public').notNull().default(true),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
});

export const ticketLinks = pgTable('ticket_links', {
  id: id(),
  ticketId: ref('ticket_id').notNull(),
  otherId: ref('other_id').notNull(),
  kind: text('kind').$type<'related' | 'duplicate_of' | 'parent_of' | 'follow_up'>().notNull(),
  createdBy: ref('created_by').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const savedViews = pgTable('saved_views', {
  id: id(),
  userId: ref('user_id').notNull(),
  name: text('name').notNull(),
  filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});
