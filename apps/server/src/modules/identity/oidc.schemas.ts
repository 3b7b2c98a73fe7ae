import { SSO_ROLES } from '@ish/shared';
import { z } from 'zod';

/** The answer of a redirect: no body. */
export const redirect = z.null();

export const slugParams = z.strictObject({ provider: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/) });

export const signInProvidersOut = z.object({ items: z.array(z.object({ slug: z.string(), name: z.string() })) });
export const startQuery = z.strictObject({ returnTo: z.string().max(500).optional() });
// Not strict: providers add their own parameters (Google's authuser, hd, prompt); openid-client reads the raw URL.
export const callbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

const providerFields = {
  name: z.string().trim().min(1).max(80),
  issuer: z.string().trim().url().max(500).describe('The issuer URL; /.well-known/openid-configuration is read from it'),
  clientId: z.string().trim().min(1).max(300),
  clientSecret: z.string().min(1).max(2000).describe('Stored encrypted; never shown again'),
  allowedDomains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/),
    )
    .max(50)
    .describe('Email domains that may sign in (empty: any)'),
  unitClaim: z.string().trim().min(1).max(100).nullable().describe('The claim naming the unit, e.g. department'),
  unitMapping: z
    .record(z.string().max(200), z.string().max(50))
    .describe('Claim value → unit code; unmapped values are tried as unit codes'),
  defaultUnitId: z.number().int().positive().nullable().describe('Where a new person lands when the claim maps to no unit'),
  defaultRole: z.enum(SSO_ROLES),
  active: z.boolean(),
};

export const createProviderBody = z.strictObject({
  companyId: z.number().int().positive(),
  slug: slugParams.shape.provider,
  ...providerFields,
  unitClaim: providerFields.unitClaim.default(null),
  unitMapping: providerFields.unitMapping.default({}),
  allowedDomains: providerFields.allowedDomains.default([]),
  defaultUnitId: providerFields.defaultUnitId.default(null),
  defaultRole: providerFields.defaultRole.default('requester'),
  active: providerFields.active.default(true),
});
export const updateProviderBody = z.strictObject({ version: z.number().int(), ...z.object(providerFields).partial().shape });

export const providerOut = z.object({
  id: z.number().int(),
  companyId: z.number().int(),
  slug: z.string(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  allowedDomains: z.array(z.string()),
  unitClaim: z.string().nullable(),
  unitMapping: z.record(z.string(), z.string()),
  defaultUnitId: z.number().int().nullable(),
  defaultRole: z.string(),
  active: z.boolean(),
  callbackUrl: z.string().describe('Register this redirect URI at the provider'),
  version: z.number().int(),
});
export const providerList = z.object({ items: z.array(providerOut) });

export const signInPolicyOut = z.object({ companyId: z.number().int(), passwordLogin: z.boolean(), version: z.number().int() });
export const signInPolicyBody = z.strictObject({ passwordLogin: z.boolean(), version: z.number().int() });
