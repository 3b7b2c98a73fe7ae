import { TOKEN_SCOPES } from '@ish/shared';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { type ApiTokenRow, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';

const tags = ['api tokens'];

const tokenOut = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to tell tokens apart'),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});

const present = (r: ApiTokenRow) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes as (typeof TOKEN_SCOPES)[number][],
  expiresAt: r.expiresAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

/**
 * The signed-in user's API tokens (a token itself cannot manage tokens: these
 * routes are for signed-in people only). Send one as `Authorization: Bearer …`.
 */
export function apiTokenRoutes(app: App, ctx: AppContext) {
  app.get('/api-tokens', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'My API tokens (never the secret)', response: { 200: z.object({ items: z.array(tokenOut) }) } },
    handler: async (req) => ({ items: (await listApiTokens(ctx.db, actorOf(req))).map(present) }),
  });
  app.post('/api-tokens', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Create a token for machines (e.g. a CI/CD pipeline); the secret `token` is shown only in this answer',
      body: z.strictObject({
        name: z.string().trim().min(1).max(100),
        scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
        expiresInDays: z.number().int().min(1).max(365).default(90),
      }),
      response: { 201: tokenOut.extend({ token: z.string() }) },
    },
    handler: async (req, reply) => {
      const { token, row } = await ctx.db.transaction((tx) => createApiToken(tx, actorOf(req), req.body, auditSourceOf(req)));
      return reply.status(201).send({ ...present(row), token });
    },
  });
  app.delete('/api-tokens/:id', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'Revoke one of my tokens at once', params: idParams, response: { 204: noContent } },
    handler: async (req, reply) => {
      await ctx.db.transaction((tx) => revokeApiToken(tx, actorOf(req), req.params.id, auditSourceOf(req)));
      return reply.status(204).send(null);
    },
  });
}
