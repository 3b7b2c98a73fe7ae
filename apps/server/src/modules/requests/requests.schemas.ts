import { REQUEST_STATUSES } from '@ish/shared';
import { z } from 'zod';
import { calendarDate, pageQuery } from '../../platform/http/schemas.ts';

const money = z.number().int().describe('Whole Rupiah');
const person = z.object({ id: z.number().int(), name: z.string() });
export const fileAnswerOut = z.object({ fileId: z.number().int(), name: z.string(), size: z.number().int(), contentType: z.string() });

export const requestOut = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.string(),
  requester: person.extend({ unit: z.object({ id: z.number().int(), name: z.string() }) }),
  item: z.object({
    id: z.number().int(),
    version: z.number().int(),
    name: z.string(),
    costModel: z.string(),
    unitLabel: z.string().nullable(),
    fields: z.array(
      z.object({
        key: z.string(),
        type: z.string(),
        label: z.string(),
        options: z.array(z.object({ value: z.string(), label: z.string() })),
      }),
    ),
  }),
  quantity: z.number(),
  actualQuantity: z.number().nullable(),
  rate: money,
  estimate: money,
  answers: z
    .record(z.string(), z.unknown())
    .describe('By question key; a person answer reads { id, name }, a file answer { fileId, name, size, contentType }'),
  ticket: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  approvals: z.array(
    z.object({
      id: z.number().int(),
      position: z.number().int(),
      threshold: money,
      role: z.string().nullable(),
      state: z.string(),
      decidedBy: person.nullable(),
      comment: z.string().nullable(),
      decidedAt: z.string().nullable(),
      dueAt: z.string().nullable(),
      canDecide: z.boolean(),
    }),
  ),
  /** The requester may still withdraw it (it waits for approval). */
  canWithdraw: z.boolean(),
  charge: z.object({ id: z.number().int(), amount: money, quantity: z.number() }).nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  /** What the caller may do now: start, record the actual quantity, complete, confirm. */
  allowedActions: z.array(z.enum(['start', 'record_quantity', 'complete', 'confirm'])),
});

const quantity = z.number().positive().max(1_000_000).multipleOf(0.01);

export const listRequestsQuery = z.strictObject({
  ...pageQuery,
  mine: z.enum(['true', 'false']).default('false'),
  status: z.enum(REQUEST_STATUSES).optional(),
});
export const requestKey = z.strictObject({ id: z.string().regex(/^(\d{1,15}|REQ-[\w-]{1,40})$/) });
export const fileParams = z.strictObject({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() });
export const orderBody = z.strictObject({
  itemId: z.number().int().positive(),
  quantity: quantity.default(1),
  answers: z.record(z.string(), z.unknown()).default({}),
});
export type OrderInput = z.infer<typeof orderBody>;
export const actualQuantityBody = z.strictObject({ version: z.number().int().positive(), actualQuantity: quantity });
export type ActualQuantityInput = z.infer<typeof actualQuantityBody>;
export const completeBody = z.strictObject({
  version: z.number().int().positive(),
  actualQuantity: quantity.optional(),
  solutionSummary: z.string().trim().min(1).max(5000),
});
export type CompleteInput = z.infer<typeof completeBody>;
export const withdrawBody = z.strictObject({ version: z.number().int().positive(), reason: z.string().trim().max(1000).optional() });
export type WithdrawInput = z.infer<typeof withdrawBody>;

export const approvalQueueQuery = z.strictObject({ ...pageQuery, state: z.enum(['pending', 'decided']).default('pending') });
export const approvalQueueItem = z.object({
  id: z.number().int(),
  position: z.number().int(),
  state: z.string(),
  dueAt: z.string().nullable(),
  request: requestOut,
});

export const catalogGapQuery = z.strictObject({
  from: calendarDate,
  to: calendarDate,
  type: z.enum(['request', 'incident', 'question']).default('request'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type CatalogGapQuery = z.infer<typeof catalogGapQuery>;
export const catalogGapsOut = z.object({
  items: z.array(
    z.object({ categoryId: z.number().int().nullable(), category: z.string(), tickets: z.number().int(), lastAt: z.string() }),
  ),
});
