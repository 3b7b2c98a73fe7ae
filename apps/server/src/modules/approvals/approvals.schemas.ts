import { ROLES } from '@ish/shared';
import { z } from 'zod';

const money = z.number().int().describe('Whole Rupiah');

export const chainStep = z.strictObject({
  position: z.number().int().min(1).max(10),
  threshold: money.min(0),
  role: z.enum(ROLES).nullable(),
  userIds: z.array(z.number().int().positive()).max(20),
  expiryDays: z.number().int().min(1).max(30).default(3).describe('Days a step may stay undecided before the request expires'),
});
export const chainOut = z.object({
  steps: z.array(chainStep),
  /** What the caller may do with this division's chain: `configure`. */
  allowedActions: z.array(z.enum(['configure'])),
});
export const divisionsOut = z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string() })) });
export const chainBody = z.strictObject({ steps: z.array(chainStep).max(10) });
export type ChainStepInput = z.infer<typeof chainStep>;

export const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000).optional(),
});
export type DecisionInput = z.infer<typeof decisionBody>;
