import { APPROVAL_ROUTES, CHANGE_STATUSES, CHANGE_TYPES, CHANGE_VOTES, RISK_LEVELS } from '@ish/shared';
import { z } from 'zod';
import { csvParam, idsParam, pageOf, pageQuery, patchOf, timeZone, version } from '../../platform/http/schemas.ts';
import { isValidPattern } from '../../platform/numbering/numbering.ts';
import { CONFLICT_KINDS } from './changes.conflicts.ts';

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
/** Plain text, shown with its line breaks. */
const longText = z.string().trim().max(20_000);
/** An instant with its offset, e.g. `2027-01-10T23:00:00+07:00`; stored as UTC. */
const instant = z.iso.datetime({ offset: true });
const named = z.object({ id: z.number().int(), name: z.string() });
const iso = z.string().describe('ISO 8601 instant (UTC)');

export const riskAnswers = z.strictObject({
  production: z.boolean().describe('Touches production?'),
  usersAffected: z.enum(['none', 'some', 'many', 'all']).describe('How many users notice it'),
  testedInStaging: z.boolean(),
  rollbackTested: z.boolean(),
  doneBefore: z.boolean().describe('Has this change been done before?'),
});

const linkRef = z.strictObject({
  kind: z.enum(['ticket', 'request']),
  /** A ticket (INC-…) or service request (REQ-…) number, or its id. */
  ref: z.string().trim().min(1).max(40),
});

/** What a request for change carries; every field but the title may be completed later, until submission. */
const fields = {
  title: text(200),
  description: longText.default(''),
  reason: longText.default(''),
  category: z.string().trim().max(100).default(''),
  impact: longText.default(''),
  implementationPlan: longText.default(''),
  testPlan: longText.default(''),
  rollbackPlan: longText.default(''),
  emergencyJustification: z.string().trim().max(5000).nullable().optional(),
  serviceIds: z.array(id).max(20).default([]),
  unitIds: z.array(id).max(50).default([]),
  plannedStart: instant.nullable().optional(),
  plannedEnd: instant.nullable().optional(),
  /** The zone the window is planned in (shown beside it); default the requester's. */
  timeZone: timeZone.optional(),
  teamId: id.nullable().optional(),
  implementerId: id.nullable().optional(),
  riskAnswers: riskAnswers.optional(),
  tasks: z.array(text(300)).max(50).optional(),
};

export const createChangeBody = z.strictObject({
  type: z.enum(CHANGE_TYPES).optional().describe('Default: standard with a template, else normal'),
  /** A standard change from a pre-approved template: its plans, services, team and tasks fill what is not sent. */
  templateId: id.optional(),
  ...fields,
  title: text(200).optional(),
  links: z.array(linkRef).max(20).default([]),
  /** Submit at once (a standard change is then approved at once). */
  submit: z.boolean().default(false),
});
export type CreateChangeInput = z.infer<typeof createChangeBody>;

export const updateChangeBody = patchOf(fields).extend({
  version,
  /** Between normal and emergency (a standard change stays standard). */
  type: z.enum(['normal', 'emergency']).optional(),
  /** The Change Manager's override of the questionnaire's level (null removes it); needs a reason. */
  riskOverride: z.enum(RISK_LEVELS).nullable().optional(),
  riskOverrideReason: z.string().trim().max(2000).optional(),
});
export type UpdateChangeInput = z.infer<typeof updateChangeBody>;

export const transitionBody = z.strictObject({
  to: z.enum(CHANGE_STATUSES),
  version: version.optional(),
  /** For the requester (return, reject) or the timeline. */
  comment: z.string().trim().max(5000).optional(),
  /** Why it is cancelled. */
  reason: z.string().trim().max(5000).optional(),
  /** Scheduling: the confirmed window (default: the proposed one). */
  plannedStart: instant.optional(),
  plannedEnd: instant.optional(),
  /** Scheduling: the warned conflicts (overlaps, maintenance windows) were seen and accepted. */
  acceptConflicts: z.boolean().optional(),
  /** An emergency change entering a freeze, or any change started outside its window, says why. */
  justification: z.string().trim().max(5000).optional(),
  /** Failing: was the rollback executed? */
  rollbackExecuted: z.boolean().optional(),
  resultNotes: z.string().trim().max(10_000).optional(),
  /** Approving or rejecting for the CAB: the meeting whose decision this records. */
  meetingId: id.optional(),
});
export type TransitionInput = z.infer<typeof transitionBody>;

export const voteBody = z.strictObject({
  vote: z.enum(CHANGE_VOTES),
  comment: z.string().trim().max(5000).optional(),
});

export const reviewBody = z.strictObject({
  version: version.optional().describe('The review’s version when editing it'),
  objectivesMet: z.boolean(),
  sideEffects: longText.default(''),
  incidentsCaused: longText.default(''),
  lessonsLearned: longText.default(''),
  followUpActions: longText.default(''),
});
export type ReviewInput = z.infer<typeof reviewBody>;

export const linkBody = linkRef.extend({
  /** An incident this change caused (marks the change "caused incident"). */
  caused: z.boolean().default(false),
});

export const commentBody = z.strictObject({ body: text(10_000) });

export const taskBody = z.strictObject({ done: z.boolean() });

const positive = z.coerce.number().int().positive();
export const changeParams = z.strictObject({ id: positive });
export const linkParams = z.strictObject({ id: positive, linkId: positive });
export const taskParams = z.strictObject({ id: positive, taskId: positive });
export const attachmentParams = z.strictObject({ id: positive, attachmentId: positive });
export const changeRefParams = z.strictObject({ id: z.string().min(1).max(40).describe('Change id or number') });

export const CHANGE_QUEUES = ['mine', 'review', 'votes', 'implementation', 'all'] as const;

export const listQuery = z.strictObject({
  ...pageQuery,
  /** mine: raised by me; review: waiting for a Change Manager; votes: waiting for my vote; implementation: mine to carry out. */
  queue: z.enum(CHANGE_QUEUES).default('all'),
  q: z.string().trim().max(200).optional(),
  status: csvParam.pipe(z.array(z.enum(CHANGE_STATUSES))).optional(),
  type: z.enum(CHANGE_TYPES).optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  serviceId: idsParam.optional(),
  teamId: idsParam.optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export const conflict = z.object({
  kind: z.enum(CONFLICT_KINDS),
  change: z
    .object({ id: z.number().int(), number: z.string(), title: z.string(), start: iso, end: iso })
    .nullable()
    .describe('Another change (id 0 and no number when the caller may not see it)'),
  service: named.nullable(),
  freeze: z.object({ id: z.number().int(), name: z.string(), startsAt: iso, endsAt: iso }).nullable(),
});

export const changeSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  type: z.enum(CHANGE_TYPES),
  title: z.string(),
  status: z.enum(CHANGE_STATUSES),
  risk: z.enum(RISK_LEVELS),
  approvalRoute: z.enum(APPROVAL_ROUTES).nullable(),
  requester: named,
  unit: named,
  team: named.nullable(),
  implementer: named.nullable(),
  services: z.array(named),
  plannedStart: iso.nullable(),
  plannedEnd: iso.nullable(),
  timeZone: z.string(),
  createdAt: iso,
  updatedAt: iso,
  version: z.number().int(),
});

export const changePage = pageOf(changeSummary);

const rate = z.object({ successful: z.number().int(), total: z.number().int() });

export const changeDetail = changeSummary.extend({
  template: named.nullable(),
  company: named,
  description: z.string(),
  reason: z.string(),
  category: z.string(),
  impact: z.string(),
  implementationPlan: z.string(),
  testPlan: z.string(),
  rollbackPlan: z.string(),
  emergencyJustification: z.string().nullable(),
  freezeJustification: z.string().nullable(),
  source: z.enum(['web', 'api']),
  services: z.array(named.extend({ usersDescription: z.string().nullable() })),
  units: z.array(named),
  riskAssessment: z.object({
    answers: riskAnswers.partial(),
    score: z.number().int(),
    level: z.enum(RISK_LEVELS),
    override: z.enum(RISK_LEVELS).nullable(),
    overrideReason: z.string().nullable(),
  }),
  /** Changes finished in the last 6 months: per affected service and for the implementer team. */
  successRates: z.object({ services: z.array(rate.extend({ service: named })), team: rate.nullable() }),
  approval: z.object({
    route: z.enum(APPROVAL_ROUTES).nullable(),
    round: z.number().int(),
    rule: z.object({ kind: z.enum(['majority', 'any_reject_blocks']), quorum: z.number().int() }).nullable(),
    votes: z.array(z.object({ voter: named, vote: z.enum(CHANGE_VOTES), comment: z.string().nullable(), at: iso })),
    decisionSource: z.enum(['auto', 'manager', 'cab_rule', 'cab_meeting']).nullable(),
    decidedBy: named.nullable(),
    decisionNote: z.string().nullable(),
  }),
  links: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(['trigger', 'caused']),
      ticket: z.object({ id: z.number().int(), number: z.string(), title: z.string(), type: z.string(), status: z.string() }).nullable(),
      request: z.object({ id: z.number().int(), number: z.string(), status: z.string() }).nullable(),
    }),
  ),
  tasks: z.array(z.object({ id: z.number().int(), text: z.string(), done: z.boolean(), doneAt: iso.nullable(), doneBy: named.nullable() })),
  outcome: z.enum(['successful', 'failed']).nullable(),
  rollbackExecuted: z.boolean().nullable(),
  resultNotes: z.string().nullable(),
  causedIncident: z.boolean(),
  reviewRequired: z.boolean(),
  review: z
    .object({
      objectivesMet: z.boolean(),
      sideEffects: z.string(),
      incidentsCaused: z.string(),
      lessonsLearned: z.string(),
      followUpActions: z.string(),
      reviewedBy: named,
      reviewedAt: iso,
      version: z.number().int(),
    })
    .nullable(),
  meetings: z.array(
    z.object({ id: z.number().int(), title: z.string(), startsAt: iso, decision: z.enum(['approve', 'reject', 'defer']).nullable() }),
  ),
  attachments: z.array(
    z.object({ id: z.number().int(), name: z.string(), contentType: z.string(), size: z.number().int(), createdAt: iso, url: z.string() }),
  ),
  /** Conflicts of the current window (for changes that have one and are not finished). */
  conflicts: z.array(conflict),
  submittedAt: iso.nullable(),
  approvedAt: iso.nullable(),
  scheduledAt: iso.nullable(),
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
  closedAt: iso.nullable(),
  cancelledAt: iso.nullable(),
  /** What the caller may do now; the UI offers exactly these. */
  allowedActions: z.array(z.string()),
});

export const timelineResponse = z.object({
  items: z.array(
    z.object({ id: z.number().int(), at: iso, kind: z.string(), actor: named.nullable(), data: z.record(z.string(), z.unknown()) }),
  ),
});

export const gateResponse = z.object({
  allowed: z.boolean(),
  /** Stable: INSIDE_WINDOW, NOT_APPROVED, NO_WINDOW, BEFORE_WINDOW, AFTER_WINDOW, IN_FREEZE. */
  code: z.enum(['INSIDE_WINDOW', 'NOT_APPROVED', 'NO_WINDOW', 'BEFORE_WINDOW', 'AFTER_WINDOW', 'IN_FREEZE']),
  /** The same, in words in the caller's language. */
  reason: z.string(),
  change: z.object({ id: z.number().int(), number: z.string(), status: z.enum(CHANGE_STATUSES) }),
  window: z.object({ start: iso, end: iso }).nullable(),
  checkedAt: iso,
});

export const calendarQuery = z.strictObject({
  from: instant,
  to: instant,
  serviceId: idsParam.optional(),
  teamId: idsParam.optional(),
  type: z.enum(CHANGE_TYPES).optional(),
});
export type CalendarQuery = z.infer<typeof calendarQuery>;

export const calendarResponse = z.object({
  entries: z.array(changeSummary.extend({ conflicts: z.array(conflict) })),
  freezes: z.array(
    z.object({ id: z.number().int(), name: z.string(), reason: z.string(), startsAt: iso, endsAt: iso, company: named.nullable() }),
  ),
});

export const conflictQuery = z.strictObject({ start: instant, end: instant });

export const conflictsResponse = z.object({ items: z.array(conflict) });

/** Who may be chosen as implementer or named in the emergency CAB. */
export const peopleQuery = z.strictObject({ role: z.enum(['implementer', 'cab_member']) });
export type PeopleQuery = z.infer<typeof peopleQuery>;
export const peopleResponse = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), unit: z.object({ id: z.number().int(), name: z.string() }) })),
});

/** Incidents the change may have caused, not linked yet. */
export const incidentSuggestionsResponse = z.object({
  items: z.array(z.object({ id: z.number().int(), number: z.string(), title: z.string(), status: z.string(), createdAt: z.string() })),
});

// The calendar feed and what the Change Manager plans with.

const flag = z.enum(['true', 'false']).default('false');

/** The iCalendar feed: the secret (or a session), my changes only, or a team's. */
export const feedQuery = z.strictObject({
  token: z.string().max(100).optional(),
  mine: flag,
  team: positive.optional(),
});
export type FeedQuery = z.infer<typeof feedQuery>;

/** A new personal feed URL and its secret, shown once. */
export const feedUrlResponse = z.object({ url: z.string(), token: z.string() });

/** `all=true` includes retired templates or ended freezes. */
export const allQuery = z.strictObject({ all: flag });

const templateFields = {
  name: text(200),
  description: longText.default(''),
  category: z.string().trim().max(100).default(''),
  // A standard change carries everything a submission needs from its template.
  reason: text(20_000),
  impact: text(20_000),
  implementationPlan: text(20_000),
  testPlan: text(20_000),
  rollbackPlan: text(20_000),
  tasks: z.array(text(300)).max(50).default([]),
  serviceIds: z.array(id).max(20).default([]),
  teamId: id.nullable().default(null),
  durationMinutes: z.number().int().min(5).max(10_080).default(60),
  active: z.boolean().default(true),
};
/** A template of a standard change (pre-approved model). */
export const templateBody = z.strictObject(templateFields);
export const templateUpdateBody = patchOf(templateFields).extend({ version });

/** A template of a standard change as answered. */
export const changeTemplate = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  reason: z.string(),
  impact: z.string(),
  implementationPlan: z.string(),
  testPlan: z.string(),
  rollbackPlan: z.string(),
  tasks: z.array(z.string()),
  serviceIds: z.array(z.number().int()),
  teamId: z.number().int().nullable(),
  durationMinutes: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export const templateList = z.object({ items: z.array(changeTemplate) });

/** Freezes meeting [from, to) when both are given; `all=true` includes ended ones. */
export const freezeQuery = z.strictObject({ from: instant.optional(), to: instant.optional(), all: flag });

/** A freeze window (blackout). */
export const freezeBody = z.strictObject({
  name: text(200),
  reason: z.string().trim().max(2000).default(''),
  /** null: every company (organisation-wide Change Managers only). */
  companyId: id.nullable().default(null),
  startsAt: instant,
  endsAt: instant,
});
export const freezeUpdateBody = z.strictObject({
  version,
  name: text(200).optional(),
  reason: z.string().trim().max(2000).optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  active: z.boolean().optional(),
});

/** A freeze window as answered. */
export const changeFreeze = z.object({
  id: z.number().int(),
  name: z.string(),
  reason: z.string(),
  companyId: z.number().int().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
export const freezeList = z.object({ items: z.array(changeFreeze) });

export const windowQuery = z.strictObject({ serviceId: positive.optional() });

/** A weekly maintenance window of a business service (it may run across midnight). */
export const windowBody = z.strictObject({
  serviceId: id,
  weekday: z.number().int().min(1).max(7),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  durationMinutes: z.number().int().min(15).max(10_080),
  timeZone,
});

/** The version of the record a DELETE removes. */
export const versionQuery = z.strictObject({ version: positive });

/** A maintenance window as answered. */
export const changeWindow = z.object({
  id: z.number().int(),
  serviceId: z.number().int(),
  weekday: z.number().int().describe('ISO day of week of the start: 1 Monday … 7 Sunday'),
  startTime: z.string().describe('Local time HH:MM'),
  durationMinutes: z.number().int(),
  timeZone: z.string(),
  version: z.number().int(),
});
export const windowList = z.object({ items: z.array(changeWindow) });

// CAB meetings and the CAB's rule.

const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
const MEETING_DECISIONS = ['approve', 'reject', 'defer'] as const;

export const meetingListQuery = z.strictObject(pageQuery);

/** A CAB meeting without its agenda. */
export const meetingHead = z.object({
  id: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  companyId: z.number().int().nullable(),
  status: z.enum(MEETING_STATUSES),
  minutes: z.string(),
  version: z.number().int(),
  /** May the caller record decisions and minutes? */
  canRun: z.boolean(),
});
export const meetingPage = pageOf(meetingHead.extend({ agendaCount: z.number().int(), decidedCount: z.number().int() }));

/** A CAB meeting with its agenda and decisions. */
export const meetingDetail = meetingHead.extend({
  agenda: z.array(
    z.object({
      change: changeSummary,
      decision: z.enum(MEETING_DECISIONS).nullable(),
      notes: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
});

export const meetingBody = z.strictObject({
  title: text(200),
  startsAt: instant,
  endsAt: instant,
  location: z.string().trim().max(200).default(''),
  companyId: id.nullable().default(null),
  changeIds: z.array(id).max(100).optional(),
});

export const meetingUpdateBody = z.strictObject({
  version,
  minutes: z.string().max(50_000).optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  title: text(200).optional(),
  location: z.string().trim().max(200).optional(),
});

/** The meeting's decision on one agenda item. */
export const decisionBody = z.strictObject({
  changeId: id,
  decision: z.enum(MEETING_DECISIONS),
  notes: z.string().trim().max(5000).optional(),
  version: version.optional().describe('The change’s version'),
});
export type DecisionInput = z.infer<typeof decisionBody>;

/** The CAB rule, quorums, emergency CAB and number pattern. */
export const settingsBody = z.strictObject({
  version: z.number().int().min(0),
  numberPattern: z.string().trim().max(60).refine(isValidPattern, 'one {seq} or {seq:N} and only {yyyy} {yy} {mm} {dd} {unit}'),
  cabRule: z.enum(['majority', 'any_reject_blocks']),
  quorum: z.number().int().min(1).max(50),
  emergencyCabUserIds: z.array(id).max(50),
  emergencyQuorum: z.number().int().min(1).max(50),
});
export const settingsResponse = settingsBody.extend({ version: z.number().int() });
