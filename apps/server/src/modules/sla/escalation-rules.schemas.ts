import { ROLES } from '@ish/shared';
import { z } from 'zod';
import { patchOf, version } from '../../platform/http/schemas.ts';

const id = z.number().int().positive();
export const ruleFields = z.strictObject({
  name: z.string().trim().min(1).max(120),
  trigger: z.enum(['percent', 'breach', 'idle']),
  target: z.enum(['response', 'resolution']).default('resolution'),
  percent: z.number().int().min(1).max(99).nullable().default(null),
  idleHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .nullable()
    .default(null),
  priorities: z
    .array(z.enum(['P1', 'P2', 'P3', 'P4', 'P5']))
    .max(5)
    .default([]),
  categoryIds: z.array(id).max(50).default([]),
  teamIds: z.array(id).max(50).default([]),
  action: z.enum(['notify_assignee', 'notify_lead', 'notify_role', 'notify_user', 'escalate_level', 'reassign', 'raise_priority']),
  role: z.enum(ROLES).nullable().default(null),
  userId: id.nullable().default(null),
  teamId: id.nullable().default(null),
  active: z.boolean().default(true),
});
export type RuleInput = z.infer<typeof ruleFields>;

/** A trigger or an action that needs a parameter must have it. */
export const completeRule = (r: Partial<RuleInput>) =>
  (r.trigger !== 'percent' || r.percent != null) &&
  (r.trigger !== 'idle' || r.idleHours != null) &&
  (r.action !== 'notify_role' || r.role != null) &&
  (r.action !== 'notify_user' || r.userId != null) &&
  (r.action !== 'reassign' || r.teamId != null || r.userId != null);

export const ruleBody = ruleFields.refine(completeRule, { message: 'incomplete rule' });
export const rulePatch = patchOf(ruleFields.shape).extend({ version }).strict();
export type RulePatch = z.infer<typeof rulePatch>;
export const ruleOut = z
  .object(ruleFields.shape)
  .extend({ id, version: z.number().int(), priorities: z.array(z.string()), role: z.string().nullable() });
export const ruleList = z.object({ items: z.array(ruleOut) });
