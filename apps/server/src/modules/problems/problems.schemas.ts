import { z } from 'zod';
import { pageOf, pageQuery, version } from '../../platform/http/schemas.ts';
import { PROBLEM_STEPS } from './problems.lifecycle.ts';
import { PROBLEM_STATUSES } from './problems.tables.ts';

const id = z.number().int().positive();
const timestamp = z.iso.datetime();
const named = z.object({ id: z.number().int(), name: z.string() });
const longText = z.string().trim().max(10_000);

export const createProblemBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  /** Rich text (HTML); sanitised on the server. */
  description: z.string().max(50_000).default(''),
  /** Default: my own company. */
  companyId: id.optional(),
  serviceId: id.nullable().default(null),
  categoryId: id.nullable().default(null),
  ownerId: id.nullable().default(null),
  /** Incidents (ids or numbers) to link at once. */
  incidents: z.array(z.string().trim().min(1).max(40)).max(100).default([]),
});
export type CreateProblemInput = z.infer<typeof createProblemBody>;

export const updateProblemBody = z.strictObject({
  version,
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(50_000).optional(),
  serviceId: id.nullable().optional(),
  categoryId: id.nullable().optional(),
  ownerId: id.nullable().optional(),
  rootCause: longText.nullable().optional(),
  workaround: longText.nullable().optional(),
  permanentFix: longText.nullable().optional(),
});
export type UpdateProblemInput = z.infer<typeof updateProblemBody>;

export const stepProblemBody = z.strictObject({
  version,
  action: z.enum(PROBLEM_STEPS.map((s) => s.action) as [string, ...string[]]),
  rootCause: longText.optional(),
  workaround: longText.optional(),
  permanentFix: longText.optional(),
  reason: z.string().trim().max(2000).optional(),
  /** On resolve: also resolve the linked incidents being worked, with `note` (default: the permanent fix) as their solution. */
  resolveIncidents: z.boolean().default(false),
  note: z.string().trim().max(10_000).optional(),
});
export type StepProblemInput = z.infer<typeof stepProblemBody>;

export const linkIncidentBody = z.strictObject({ ticket: z.string().trim().min(1).max(40).describe('Id or number of the incident') });

export const listProblemsQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(200).optional(),
  status: z.enum(PROBLEM_STATUSES).optional(),
});
export type ListProblemsQuery = z.infer<typeof listProblemsQuery>;

export const problemSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  title: z.string(),
  status: z.enum(PROBLEM_STATUSES),
  service: named.nullable(),
  category: named.nullable(),
  owner: named.nullable(),
  incidentCount: z.number().int(),
  updatedAt: timestamp,
});
export const problemPage = pageOf(problemSummary);

export const problemDetail = problemSummary.extend({
  descriptionHtml: z.string(),
  company: named,
  rootCause: z.string().nullable(),
  workaround: z.string().nullable(),
  permanentFix: z.string().nullable(),
  /** The known error's article. */
  article: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  incidents: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      title: z.string(),
      status: z.string(),
      statusLabel: z.string(),
      /** Being worked (in progress or pending): resolving the problem can resolve it too. */
      resolvable: z.boolean(),
    }),
  ),
  timeline: z.array(
    z.object({ id: z.number().int(), at: timestamp, kind: z.string(), actor: named.nullable(), data: z.record(z.string(), z.unknown()) }),
  ),
  createdAt: timestamp,
  resolvedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  version: z.number().int(),
  allowedActions: z.array(z.string()),
});

export const stepResult = z.object({
  problem: problemDetail,
  /** Linked incidents resolved with the problem, and those left as they were with why. */
  incidents: z.object({
    resolved: z.array(z.string()),
    skipped: z.array(z.object({ number: z.string(), code: z.string() })),
  }),
});

export const hintsResponse = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      title: z.string(),
      workaround: z.string().nullable(),
      article: z.object({ id: z.number().int(), number: z.string() }).nullable(),
      /** The ticket is already linked to this problem. */
      linked: z.boolean(),
    }),
  ),
});

export const hintsQuery = z.strictObject({ ticketId: z.coerce.number().int().positive() });
/** Path parameters `{id}` (the problem) and `{ticketId}` (a linked incident). */
export const incidentLinkParams = z.strictObject({ id: z.coerce.number().int().positive(), ticketId: z.coerce.number().int().positive() });
