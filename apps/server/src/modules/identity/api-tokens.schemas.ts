import { TOKEN_SCOPES } from '@ish/shared';
import { z } from 'zod';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from './api-tokens.ts';

export const tokenOut = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
  scopes: z.array(z.enum(TOKEN_SCOPES)).describe('Empty: the token acts with all of its owner’s abilities'),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedIp: z.string().nullable(),
  createdAt: z.string(),
});
export const tokenList = z.object({ items: z.array(tokenOut) });

export const serviceTokenOut = tokenOut.extend({
  owner: z.object({ id: z.number().int(), name: z.string() }),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('company'), companyId: z.number().int() }),
    z.object({ kind: z.literal('unit'), unitId: z.number().int() }),
  ]),
});
export const serviceTokenList = z.object({ items: z.array(serviceTokenOut) });

const tokenBody = {
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS),
};
export const personalTokenBody = z.strictObject({
  ...tokenBody,
  scopes: z.array(z.enum(TOKEN_SCOPES)).max(TOKEN_SCOPES.length).default([]),
});
export const serviceTokenBody = z.strictObject({
  ...tokenBody,
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('company'), companyId: z.number().int().positive() }),
    z.strictObject({ kind: z.literal('unit'), unitId: z.number().int().positive() }),
  ]),
});

/** A token with its secret: only in the answer that creates it. */
export const createdToken = tokenOut.extend({ token: z.string() });
export const createdServiceToken = serviceTokenOut.extend({ token: z.string() });
