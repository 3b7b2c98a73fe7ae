import { z } from 'zod';
import { version } from '../../platform/http/schemas.ts';

export const policyFields = {
  /** The name in Indonesian and in English; readers get theirs as `name`. */
  nameId: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().min(1).max(120),
  ticketType: z.enum(['incident', 'request', 'question']).nullable(),
  priority: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']).nullable(),
  categoryId: z.number().int().positive().nullable(),
  serviceId: z.number().int().positive().nullable(),
  responseMinutes: z.number().int().min(1).max(525_600),
  resolutionMinutes: z.number().int().min(1).max(525_600),
  calendarId: z.number().int().positive(),
};
export const policyBody = z.strictObject(policyFields);
export const policyPatch = z.strictObject({ version, ...z.object(policyFields).partial().shape, active: z.boolean().optional() });
export const policyOut = z.object({
  id: z.number().int(),
  ...policyFields,
  name: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});

export type PolicyInput = z.infer<typeof policyBody>;
export type PolicyPatch = z.infer<typeof policyPatch>;

export const policyList = z.object({ items: z.array(policyOut) });
