import { z } from 'zod';

const author = z.object({ kind: z.enum(['you', 'staff', 'system']), name: z.string().nullable() });
export const trackedEntry = z.discriminatedUnion('kind', [
  z.object({ id: z.number().int(), at: z.string(), author, kind: z.literal('created') }),
  z.object({ id: z.number().int(), at: z.string(), author, kind: z.literal('comment'), bodyHtml: z.string() }),
  z.object({
    id: z.number().int(),
    at: z.string(),
    author,
    kind: z.literal('attachment'),
    file: z.object({ name: z.string(), size: z.number().int(), url: z.string() }),
  }),
  z.object({
    id: z.number().int(),
    at: z.string(),
    author,
    kind: z.literal('status_changed'),
    status: z.object({ from: z.string(), to: z.string(), code: z.string() }),
    reason: z.string().nullable(),
    solutionSummary: z.string().nullable(),
  }),
  z.object({ id: z.number().int(), at: z.string(), author, kind: z.literal('assigned'), handler: z.string().nullable() }),
  z.object({ id: z.number().int(), at: z.string(), author, kind: z.literal('escalated') }),
]);

export const trackedTicket = z.object({
  number: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  service: z.string().nullable(),
  descriptionHtml: z.string(),
  solutionSummary: z.string().nullable(),
  /** First name of the agent handling it; no other personal data of staff. */
  handledBy: z.string().nullable(),
  reporter: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  timeline: z.array(trackedEntry),
  allowedActions: z.array(z.enum(['attach', 'confirm', 'reopen', 'reply'])),
});

export type TrackedEntry = z.infer<typeof trackedEntry>;

export const numberParams = z.strictObject({ number: z.string().trim().min(1).max(40) });
export const codeQuery = z.strictObject({ code: z.string().trim().min(1).max(20).describe('The tracking code, e.g. K7P2-XQ9M') });
export const decisionBody = z.strictObject({ action: z.enum(['confirm', 'reopen']), reason: z.string().trim().max(2000).optional() });
export const attachmentParams = numberParams.extend({ attachmentId: z.coerce.number().int().positive() });
