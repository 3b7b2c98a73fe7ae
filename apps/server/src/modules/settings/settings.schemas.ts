import { z } from 'zod';
import { timeZone } from '../../platform/http/schemas.ts';

/** 0: never saved (a settings document starts at its defaults). */
const version = z.number().int().min(0);

export const brandingOut = z.object({
  organisationName: z.string(),
  primaryColor: z.string(),
  logoUrl: z.string().nullable(),
  defaultTimeZone: z.string(),
});
export const settingsOut = z.object({
  identity: z.object({ organisationName: z.string(), primaryColor: z.string(), logoUrl: z.string().nullable(), version: z.number().int() }),
  regional: z.object({ defaultTimeZone: z.string(), version: z.number().int() }),
  smtp: z.object({
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    secure: z.boolean(),
    user: z.string().nullable(),
    from: z.string().nullable(),
    /** The password itself is never returned. */
    passwordSet: z.boolean(),
    version: z.number().int(),
  }),
});
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const identityBody = z.strictObject({
  version,
  organisationName: z.string().trim().min(1).max(120),
  primaryColor: color,
});
export const regionalBody = z.strictObject({ version, defaultTimeZone: timeZone });
export const smtpBody = z.strictObject({
  version,
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: z.string().max(255).nullable(),
  password: z.string().max(500).nullable().optional(),
  from: z.string().trim().min(3).max(255),
});
export const smtpTestBody = z.strictObject({ to: z.email() });

/** A company's own identity: null keeps the organisation's name or colour. */
export const companyBrandingBody = z.strictObject({
  version,
  name: z.string().trim().min(1).max(120).nullable(),
  primaryColor: color.nullable(),
});
export const companyBrandingOut = z.object({
  companyId: z.number().int(),
  companyName: z.string(),
  name: z.string().nullable(),
  primaryColor: z.string().nullable(),
  logoUrl: z.string().nullable(),
  version: z.number().int(),
});
export const companyParams = z.strictObject({ companyId: z.coerce.number().int().positive() });

export type CompanyBrandingInput = z.infer<typeof companyBrandingBody>;
export type IdentityInput = z.infer<typeof identityBody>;
export type RegionalInput = z.infer<typeof regionalBody>;
export type SmtpInput = z.infer<typeof smtpBody>;

export const companyBrandingList = z.object({
  items: z.array(companyBrandingOut),
  /** What a company without its own name or colour shows: the organisation's. */
  organisation: z.object({ name: z.string(), primaryColor: z.string() }),
});
