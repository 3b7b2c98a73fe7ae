import { normalizePhone } from '@ish/shared';
import { z } from 'zod';
import { pageOf, pageQuery, patchOf, version } from '../../platform/http/schemas.ts';
import { LEVELS, TICKET_TYPES } from '../tickets/index.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : v === undefined ? undefined : null));

/** A phone number as people write it; stored as E.164 (`0812-3456-7890` → `+6281234567890`). */
export const phoneField = z
  .string()
  .trim()
  .max(30)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'PHONE_INVALID' });
      return z.NEVER;
    }
    return phone;
  });

const contactFields = {
  name: text(120),
  email: z.email().max(254).nullable().optional(),
  phone: phoneField.nullable().optional(),
  organisation: optionalText(160),
  address: optionalText(300),
  kelurahan: optionalText(100),
  kecamatan: optionalText(100),
  locale: z.enum(['id', 'en']).default('id'),
};

export const contactBody = z.strictObject({ companyId: z.number().int().positive(), ...contactFields });
export type ContactInput = z.infer<typeof contactBody>;

export const updateContactBody = patchOf(contactFields).extend({ version });
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const contactOut = z.object({
  id: z.number().int(),
  company: z.object({ id: z.number().int(), name: z.string() }),
  name: z.string(),
  email: z.string().nullable(),
  /** Automatic notices reach the email only once the contact confirmed it. */
  emailVerified: z.boolean(),
  phone: z.string().nullable(),
  organisation: z.string().nullable(),
  address: z.string().nullable(),
  kelurahan: z.string().nullable(),
  kecamatan: z.string().nullable(),
  locale: z.enum(['id', 'en']),
  ticketCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
});

export const contactPage = pageOf(contactOut);
export const contactListQuery = z.strictObject({ ...pageQuery, q: z.string().trim().max(100).optional() });

export const contactTicketBody = z.strictObject({
  /** Where the ticket is placed (a unit of the contact's company the agent works in). */
  unitId: z.number().int().positive(),
  type: z.enum(TICKET_TYPES).default('incident'),
  title: text(200),
  description: z.string().max(50_000).default(''),
  urgency: z.enum(LEVELS).default('medium'),
  impact: z.enum(LEVELS).default('medium'),
  channel: z.enum(['phone', 'walk_in', 'email', 'web']).default('phone'),
});
export type ContactTicketInput = z.infer<typeof contactTicketBody>;

export const verifyBody = z.strictObject({ token: z.string().min(10).max(200) });

export const contactTicketOut = z.object({ id: z.number().int(), number: z.string() });
export const ticketContactOut = z.object({ contact: contactOut.nullable(), canManage: z.boolean().optional() });
export const verifiedOut = z.object({ email: z.string().nullable() });
