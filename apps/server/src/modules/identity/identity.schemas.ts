import { LOCALES, MODULE_TILES, ROLES } from '@ish/shared';
import { z } from 'zod';
import { timeZone } from '../../platform/http/schemas.ts';

export const password = z.string().min(1).max(200);

export const loginBody = z.strictObject({
  email: z.email().max(254),
  password,
});

export const changePasswordBody = z.strictObject({
  currentPassword: password,
  newPassword: password,
});

export const forgotPasswordBody = z.strictObject({ email: z.email().max(254) });

export const resetPasswordBody = z.strictObject({
  token: z.string().min(20).max(200),
  newPassword: password,
});

export const messageResponse = z.object({ message: z.string() });

export const scopeOut = z.object({
  kind: z.enum(['organisation', 'company', 'unit']),
  companyId: z.number().int().nullable(),
  unitId: z.number().int().nullable(),
  name: z.string(),
});

export const grantOut = z.object({ id: z.number().int(), role: z.enum(ROLES), scope: scopeOut });

export const meResponse = z.object({
  user: z.object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    locale: z.enum(LOCALES),
    timeZone: z.string().nullable(),
    photoUrl: z.string().nullable(),
    version: z.number().int(),
  }),
  unit: z.object({ id: z.number().int(), code: z.string(), name: z.string(), path: z.string() }),
  company: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  grants: z.array(grantOut),
  permissions: z.array(z.string()),
  /** Landing-page tiles this user may open. */
  modules: z.array(z.enum(MODULE_TILES)),
  /** What the UI may offer; the server checks again on every call. */
  can: z.object({
    manageUsers: z.boolean(),
    manageOrganisation: z.boolean(),
    manageSettings: z.boolean(),
    /** Settings that belong to no company: mail server, organisation identity, notification templates, backups. */
    manageOrganisationSettings: z.boolean(),
    readAudit: z.boolean(),
    manageWebhooks: z.boolean(),
  }),
});
export type MeResponse = z.infer<typeof meResponse>;

export const profileBody = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(120).optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  locale: z.enum(LOCALES).optional(),
  /** null = the organisation's default zone. */
  timeZone: timeZone.nullable().optional(),
});
export type ProfileInput = z.infer<typeof profileBody>;

export const peopleQuery = z.strictObject({ q: z.string().trim().min(2).max(100), purpose: z.enum(['ticket', 'order']).default('ticket') });
export const peopleOut = z.object({
  items: z.array(
    z.object({ id: z.number().int(), name: z.string(), email: z.string(), unit: z.object({ id: z.number().int(), name: z.string() }) }),
  ),
});

/** After single sign-on: where the browser ends the provider's session too. */
export const logoutOut = z.object({ endSessionUrl: z.string() });
