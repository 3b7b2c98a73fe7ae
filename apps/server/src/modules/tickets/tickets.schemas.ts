import { z } from 'zod';
import { calendarDate, csvParam, idsParam, pageOf, pageQuery, version } from '../../platform/http/schemas.ts';
import { CHANNELS, LEVELS, PENDING_REASONS, PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from './tickets.tables.ts';

const id = z.number().int().positive();
/** An instant as ISO 8601 UTC, e.g. `2026-11-25T02:15:00.000Z`. */
const timestamp = z.iso.datetime();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const createTicketBody = z.strictObject({
  type: z.enum(TICKET_TYPES).default('incident'),
  title: text(200),
  /** Rich text (HTML); sanitised on the server. */
  description: z.string().max(50_000).default(''),
  categoryId: id.nullable().optional(),
  serviceId: id.nullable().optional(),
  urgency: z.enum(LEVELS).default('medium'),
  impact: z.enum(LEVELS).default('medium'),
  /** Log on behalf of a caller (agents only). */
  requesterId: id.optional(),
  /** The operating unit where it happened, and so the company (agents, within their scope); default: the requester's unit. */
  unitId: id.optional(),
  /** The helpdesk team (agents); default: the company's helpdesk team, if one is set. */
  teamId: id.nullable().optional(),
  channel: z.enum(CHANNELS).optional(),
  contactName: optionalText(120),
  contactPhone: optionalText(40),
  contactEmail: z.email().max(254).nullable().optional(),
  tags: z.array(text(40)).max(20).optional(),
  watcherIds: z.array(id).max(50).optional(),
});
export type CreateTicketInput = z.infer<typeof createTicketBody>;

export const checklistItem = z.strictObject({ text: text(300), done: z.boolean().default(false) });

export const updateTicketBody = z.strictObject({
  version,
  type: z.enum(TICKET_TYPES).optional(),
  title: text(200).optional(),
  description: z.string().max(50_000).optional(),
  categoryId: id.nullable().optional(),
  serviceId: id.nullable().optional(),
  urgency: z.enum(LEVELS).optional(),
  impact: z.enum(LEVELS).optional(),
  priority: z.enum(PRIORITIES).optional(),
  priorityReason: z.string().trim().max(500).optional(),
  teamId: id.nullable().optional(),
  assigneeId: id.nullable().optional(),
  channel: z.enum(CHANNELS).optional(),
  contactName: optionalText(120),
  contactPhone: optionalText(40),
  contactEmail: z.email().max(254).nullable().optional(),
  tags: z.array(text(40)).max(20).optional(),
  watcherIds: z.array(id).max(50).optional(),
  checklist: z.array(checklistItem).max(100).optional(),
  addTimeMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});
export type UpdateTicketInput = z.infer<typeof updateTicketBody>;

export const transitionBody = z.strictObject({
  to: z.enum(TICKET_STATUSES),
  version: version.optional(),
  reason: z.string().trim().max(2000).optional(),
  pendingReason: z.enum(PENDING_REASONS).optional(),
  solutionSummary: z.string().trim().max(10_000).optional(),
  fulfilment: z.enum(['temporary', 'permanent']).optional(),
  assigneeId: id.nullable().optional(),
  teamId: id.nullable().optional(),
});
export type TransitionInput = z.infer<typeof transitionBody>;

export const validationBody = z.strictObject({
  version: version.optional(),
  /** true: the solution stands and the requester is asked to confirm; false: work resumes (a reason is required). */
  approve: z.boolean(),
  reason: z.string().trim().max(2000).optional(),
});
export type ValidationInput = z.infer<typeof validationBody>;

export const escalationBody = z.strictObject({
  version: version.optional(),
  kind: z.enum(['functional', 'hierarchical']),
  /** Functional: 2 = specialist team, 3 = vendor. Hierarchical: 1 team lead, 2 head of IT, 3 director. */
  level: z.number().int().min(1).max(3),
  teamId: id.optional(),
  vendorId: id.optional(),
  vendorRef: z.string().trim().max(100).optional(),
  reason: text(2000),
});
export type EscalationInput = z.infer<typeof escalationBody>;

export const bulkBody = z
  .strictObject({
    ids: z.array(id).min(1).max(200),
    assigneeId: id.nullable().optional(),
    teamId: id.nullable().optional(),
    status: z.enum(TICKET_STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    reason: z.string().trim().max(2000).optional(),
    /** With `status: pending`: what every ticket waits for (required, as for a single transition). */
    pendingReason: z.enum(PENDING_REASONS).optional(),
    /** With `status: resolved`: the solution recorded on every ticket (required) and the kind of fix (default permanent). */
    solutionSummary: z.string().trim().max(10_000).optional(),
    fulfilment: z.enum(['temporary', 'permanent']).optional(),
  })
  .refine((b) => b.assigneeId !== undefined || b.teamId !== undefined || b.status !== undefined || b.priority !== undefined, {
    message: 'nothing to change',
  });
export type BulkInput = z.infer<typeof bulkBody>;

export const bulkResponse = z.object({
  results: z.array(z.object({ id: z.number().int(), ok: z.boolean(), code: z.string().optional(), detail: z.string().optional() })),
});

export const commentBody = z.strictObject({
  body: z.string().min(1).max(50_000),
  internal: z.boolean().default(false),
});

export const linkBody = z.strictObject({
  other: z.string().trim().min(1).max(40).describe('Id or number of the other ticket'),
  kind: z.enum(['related', 'duplicate_of', 'parent_of', 'child_of']),
});

export const ticketParams = z.strictObject({ id: z.coerce.number().int().positive() });
export const ticketRefParams = z.strictObject({ id: z.string().min(1).max(40).describe('Ticket id or number') });

const csv = csvParam;
const ids = idsParam;

export const listQuery = z.strictObject({
  ...pageQuery,
  queue: z.enum(['mine', 'team', 'unassigned', 'open', 'breaching', 'all', 'my_requests', 'my_unit']).default('all'),
  q: z.string().trim().max(200).optional(),
  status: csv.pipe(z.array(z.enum(TICKET_STATUSES))).optional(),
  priority: csv.pipe(z.array(z.enum(PRIORITIES))).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  categoryId: ids.optional(),
  serviceId: ids.optional(),
  companyId: ids.optional(),
  unitId: ids.optional(),
  teamId: ids.optional(),
  assigneeId: ids.optional(),
  requesterId: ids.optional(),
  channel: csv.pipe(z.array(z.enum(CHANNELS))).optional(),
  tag: csv.optional(),
  /** Days (inclusive) of each ticket's company calendar, as reports count them. */
  createdFrom: calendarDate.optional(),
  createdTo: calendarDate.optional(),
  resolvedFrom: calendarDate.optional(),
  resolvedTo: calendarDate.optional(),
  /** SLA outcome so far: a target breached (or the response's, or the resolution's), or both met. */
  sla: z.enum(['breached', 'response_breached', 'resolution_breached', 'met']).optional(),
  /** `true`: fixed temporarily, the permanent solution still pending (SOP 002 §6.f). */
  permanentPending: z.enum(['true']).optional(),
  sort: z
    .enum(['priority', '-priority', 'due', '-due', 'created', '-created', 'updated', '-updated', 'number', '-number'])
    .default('-created'),
});
export type ListQuery = z.infer<typeof listQuery>;

const named = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const ticketSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  type: z.enum(TICKET_TYPES),
  title: z.string(),
  status: z.enum(TICKET_STATUSES),
  statusLabel: z.string(),
  priority: z.enum(PRIORITIES),
  stars: z.number().int(),
  urgency: z.enum(LEVELS),
  impact: z.enum(LEVELS),
  category: named,
  service: named,
  company: named,
  unit: named,
  requester: named,
  team: named,
  assignee: named,
  escalationLevel: z.number().int(),
  tags: z.array(z.string()),
  channel: z.enum(CHANNELS),
  createdAt: timestamp,
  updatedAt: timestamp,
  locked: z.boolean(),
  version: z.number().int(),
  sla: z
    .object({
      state: z.enum(['ok', 'warning', 'breached', 'paused', 'met']),
      responseDueAt: timestamp.nullable(),
      resolutionDueAt: timestamp.nullable(),
      responseOutcome: z.enum(['met', 'breached']).nullable(),
      resolutionOutcome: z.enum(['met', 'breached']).nullable(),
      elapsedPercent: z.number().int(),
    })
    .nullable(),
});

export const ticketPage = pageOf(ticketSummary).extend({
  /**
   * True when more tickets match than were counted: `total` is then the cap (1 000), or for a
   * search (`q`), which does not count, the tickets up to this page plus one for the next page.
   */
  totalCapped: z.boolean(),
  /**
   * A word search in an order other than newest first ranks the most recent matches only: their
   * number here (at most 500) when older matches may have been left out, else null. Sort by
   * `-created` to go through every match.
   */
  rankedAmong: z.number().int().nullable(),
});

export const exportQuery = listQuery.omit({ page: true, pageSize: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const closedReportQuery = z.strictObject({
  /** First and last day (inclusive) of the period, in the organisation's time zone. */
  from: z.iso.date(),
  to: z.iso.date(),
});
export type ClosedReportQuery = z.infer<typeof closedReportQuery>;

export const attachmentPolicy = z.object({ types: z.array(z.string()), maxMb: z.number().int() });

export const assigneesResponse = z.object({
  teams: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      level: z.number().int(),
      members: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
  ),
});

export const countsQuery = z.strictObject({
  /** First and last day (inclusive) in the caller's time zone; default: the current month. */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});
export type CountsQuery = z.infer<typeof countsQuery>;

export const ticketCounts = z.object({
  from: calendarDate,
  to: calendarDate,
  total: z.number().int(),
  byStatus: z.array(z.object({ status: z.enum(TICKET_STATUSES), label: z.string(), count: z.number().int() })),
  byUnit: z.array(z.object({ unit: z.object({ id: z.number().int(), name: z.string() }), count: z.number().int() })),
});

export const ticketDetail = ticketSummary.extend({
  descriptionHtml: z.string(),
  /** Resolved, waiting for the team lead to validate the solution before the requester confirms. */
  awaitingValidation: z.boolean(),
  /** The record this ticket fulfils, when another module opened it (a service request). */
  origin: z.object({ kind: z.literal('service_request'), id: z.number().int(), number: z.string(), serviceName: z.string() }).nullable(),
  contactName: z.string().nullable(),
  /** Personal contact data: for the service desk, the requester and leads only (001 §3.7), else null. */
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  priorityOverridden: z.boolean(),
  hierarchicalLevel: z.number().int(),
  vendor: named,
  vendorRef: z.string().nullable(),
  pendingReason: z.enum(PENDING_REASONS).nullable(),
  solutionSummary: z.string().nullable(),
  fulfilment: z.enum(['temporary', 'permanent']).nullable(),
  firstResponseAt: timestamp.nullable(),
  startedAt: timestamp.nullable(),
  resolvedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  cancelledAt: timestamp.nullable(),
  timeSpentMinutes: z.number().int(),
  checklist: z.array(z.object({ id: z.number().int(), text: z.string(), done: z.boolean(), doneAt: timestamp.nullable() })),
  watchers: z.array(z.object({ id: z.number().int(), name: z.string() })),
  attachments: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      internal: z.boolean(),
      commentId: z.number().int().nullable(),
      uploadedBy: z.object({ id: z.number().int(), name: z.string() }),
      createdAt: timestamp,
      url: z.string(),
      /** The caller may remove it: its uploader before work starts, a lead afterwards. */
      canDelete: z.boolean(),
    }),
  ),
  links: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      /** `visible: false`: the reader may not open the linked ticket, so its title and status are withheld. */
      ticket: z.object({
        id: z.number().int(),
        number: z.string(),
        title: z.string().nullable(),
        status: z.enum(TICKET_STATUSES).nullable(),
        visible: z.boolean(),
      }),
    }),
  ),
  /** What the caller may do now; the UI offers exactly these. */
  allowedActions: z.array(z.string()),
});

export const timelineEntry = z.object({
  id: z.number().int(),
  at: timestamp,
  kind: z.string(),
  public: z.boolean(),
  actor: named,
  data: z.record(z.string(), z.unknown()),
  /** For replies and notes: the sanitised body. */
  bodyHtml: z.string().nullable(),
});
export const timelineResponse = z.object({
  items: z.array(timelineEntry),
  /** Names of the people and teams entries refer to by id (assignments, escalation targets), by id. */
  people: z.record(z.string(), z.string()),
  teams: z.record(z.string(), z.string()),
});

const childId = z.coerce.number().int().positive();
export const attachmentParams = z.strictObject({ id: childId, attachmentId: childId });
export const linkParams = z.strictObject({ id: childId, linkId: childId });
export const documentQuery = z.strictObject({ kind: z.enum(['ticket', 'berita-acara']).default('ticket') });

/** A saved view keeps the query string of the agent workspace (filters, queue, sort). */
const viewFilters = z
  .record(z.string().max(40), z.string().max(500))
  .refine((f) => listQuery.safeParse(f).success, { message: 'invalid filters' });
export const viewBody = z.strictObject({ name: z.string().trim().min(1).max(80), filters: viewFilters });
export const viewOut = z.object({ id: z.number().int(), name: z.string(), filters: z.record(z.string(), z.string()) });
