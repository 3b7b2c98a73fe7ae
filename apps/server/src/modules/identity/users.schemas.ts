import { LOCALES, ROLES } from '@ish/shared';
import { z } from 'zod';
import { pageQuery, timeZone } from '../../platform/http/schemas.ts';

const id = z.number().int().positive();

export const userOut = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  /** Jabatan (e.g. Kepala Bidang); some positions make the person's reports urgent. */
  position: z.string().nullable(),
  unit: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  company: z.object({ id: z.number().int(), name: z.string() }),
  locale: z.enum(LOCALES),
  timeZone: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  /** False until a password is set (invited users set theirs through "forgot password"). */
  hasPassword: z.boolean(),
  version: z.number().int(),
});

export const listUsersQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(100).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  companyId: z.coerce.number().int().positive().optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const createUserBody = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  phone: z.string().trim().max(40).nullable().optional(),
  position: z.string().trim().max(80).nullable().optional(),
  unitId: id,
  locale: z.enum(LOCALES).default('id'),
  timeZone: timeZone.nullable().optional(),
  /** Optional: without one the user sets it through the emailed reset link. */
  password: z.string().max(200).optional(),
});

export const updateUserBody = z.strictObject({
  version: id,
  name: z.string().trim().min(1).max(120).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  position: z.string().trim().max(80).nullable().optional(),
  unitId: id.optional(),
  locale: z.enum(LOCALES).optional(),
  timeZone: timeZone.nullable().optional(),
  active: z.boolean().optional(),
});

export const grantBody = z.strictObject({
  role: z.enum(ROLES),
  scope: z.strictObject({
    kind: z.enum(['organisation', 'company', 'unit']),
    companyId: id.nullable().optional(),
    unitId: id.nullable().optional(),
  }),
});

export const grantParams = z.strictObject({ id: z.coerce.number().int().positive(), grantId: z.coerce.number().int().positive() });
