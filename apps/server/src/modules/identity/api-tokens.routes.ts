import { TOKEN_SCOPES } from '@ish/shared';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import {
  type ApiTokenRow,
  createPersonalToken,
  createServiceToken,
  listPersonalTokens,
  listServiceTokens,
  revokePersonalToken,
  revokeServiceToken,
  TOKEN_DEFAULT_DAYS,
  TOKEN_MAX_DAYS,
} from './api-tokens.ts';

const tags = ['api tokens'];

const tokenOut = z.object({
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

const serviceTokenOut = tokenOut.extend({
  owner: z.object({ id: z.number().int(), name: z.string() }),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('company'), companyId: z.number().int() }),
    z.object({ kind: z.literal('unit'), unitId: z.number().int() }),
  ]),
});

const present = (r: ApiTokenRow) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes as (typeof TOKEN_SCOPES)[number][],
  expiresAt: r.expiresAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  lastUsedIp: r.lastUsedIp,
  createdAt: r.createdAt.toISOString(),
});

const presentService = (r: ApiTokenRow & { ownerName: string }) => ({
  ...present(r),
  owner: { id: r.userId, name: r.ownerName },
  scope:
    r.scopeKind === 'company'
      ? { kind: 'company' as const, companyId: Number(r.companyId) }
      : { kind: 'unit' as const, unitId: Number(r.unitId) },
});

const tokenBody = {
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS),
};

/**
 * API tokens, sent as `Authorization: Bearer …`: a person's own tokens and the
 * Administrators' service tokens. Tokens never manage tokens: these routes are
 * for signed-in people only.
 */
export function apiTokenRoutes(app: App, ctx: AppContext) {
  app.get('/me/tokens', {
    config: { access: access.session() },
    schema: { tags, summary: 'My API tokens (never the secret)', response: { 200: z.object({ items: z.array(tokenOut) }) } },
    handler: async (req) => ({ items: (await listPersonalTokens(ctx.db, actorOf(req))).map(present) }),
  });
  app.post('/me/tokens', {
    config: { access: access.session() },
    schema: {
      tags,
      summary:
        'Create a personal token (e.g. for a CI/CD pipeline or a script); without scopes it may do all I may, with scopes only that. The secret `token` is shown only in this answer',
      body: z.strictObject({ ...tokenBody, scopes: z.array(z.enum(TOKEN_SCOPES)).max(TOKEN_SCOPES.length).default([]) }),
      response: { 201: tokenOut.extend({ token: z.string() }) },
    },
    handler: async (req, reply) => {
      const { token, row } = await ctx.db.transaction((tx) =>
        createPersonalToken(tx, actorOf(req), req.body, auditSourceOf(req), ctx.clock.now()),
      );
      return reply.status(201).send({ ...present(row), token });
    },
  });
  app.delete('/me/tokens/:id', {
    config: { access: access.session() },
    schema: { tags, summary: 'Revoke one of my tokens at once', params: idParams, response: { 204: noContent } },
    handler: async (req, reply) => {
      await ctx.db.transaction((tx) => revokePersonalToken(tx, actorOf(req), req.params.id, auditSourceOf(req), ctx.clock.now()));
      return reply.status(204).send(null);
    },
  });

  // A service token acts with its owner's grants cut down to its place (and never past its owner's).
  const admin = { ...access.permission('settings:manage'), session: true as const };
  app.get('/service-tokens', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Service tokens over the places I administer',
      response: { 200: z.object({ items: z.array(serviceTokenOut) }) },
    },
    handler: async (req) => ({ items: (await listServiceTokens(ctx.db, actorOf(req))).map(presentService) }),
  });
  app.post('/service-tokens', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Create a service token for an integration, acting only inside one company or unit with the given scopes; shown once',
      body: z.strictObject({
        ...tokenBody,
        scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(TOKEN_SCOPES.length),
        scope: z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('company'), companyId: z.number().int().positive() }),
          z.strictObject({ kind: z.literal('unit'), unitId: z.number().int().positive() }),
        ]),
      }),
      response: { 201: serviceTokenOut.extend({ token: z.string() }) },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const { token, row } = await ctx.db.transaction((tx) => createServiceToken(tx, actor, req.body, auditSourceOf(req), ctx.clock.now()));
      return reply.status(201).send({ ...presentService({ ...row, ownerName: actor.name }), token });
    },
  });
  app.delete('/service-tokens/:id', {
    config: { access: admin },
    schema: { tags, summary: 'Revoke a service token at once', params: idParams, response: { 204: noContent } },
    handler: async (req, reply) => {
      await ctx.db.transaction((tx) => revokeServiceToken(tx, actorOf(req), req.params.id, auditSourceOf(req), ctx.clock.now()));
      return reply.status(204).send(null);
    },
  });
}
