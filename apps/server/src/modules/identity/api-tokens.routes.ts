import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { presentToken as present, presentService } from './api-tokens.presenter.ts';
import {
  createdServiceToken,
  createdToken,
  personalTokenBody,
  serviceTokenBody,
  serviceTokenList,
  tokenList,
} from './api-tokens.schemas.ts';
import {
  createPersonalToken,
  createServiceToken,
  listPersonalTokens,
  listServiceTokens,
  revokePersonalToken,
  revokeServiceToken,
} from './api-tokens.ts';

const tags = ['api tokens'];

/**
 * API tokens, sent as `Authorization: Bearer …`: a person's own tokens and the
 * Administrators' service tokens. Tokens never manage tokens: these routes are
 * for signed-in people only.
 */
export function apiTokenRoutes(app: App, ctx: AppContext) {
  app.get('/me/tokens', {
    config: { access: access.session() },
    schema: { tags, summary: 'My API tokens (never the secret)', response: { 200: tokenList } },
    handler: async (req) => ({ items: (await listPersonalTokens(ctx.db, actorOf(req))).map(present) }),
  });
  app.post('/me/tokens', {
    config: { access: access.session() },
    schema: {
      tags,
      summary:
        'Create a personal token (e.g. for a CI/CD pipeline or a script); without scopes it may do all I may, with scopes only that. The secret `token` is shown only in this answer',
      body: personalTokenBody,
      response: { 201: createdToken },
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
      response: { 200: serviceTokenList },
    },
    handler: async (req) => ({ items: (await listServiceTokens(ctx.db, actorOf(req))).map(presentService) }),
  });
  app.post('/service-tokens', {
    config: { access: admin },
    schema: {
      tags,
      summary: 'Create a service token for an integration, acting only inside one company or unit with the given scopes; shown once',
      body: serviceTokenBody,
      response: { 201: createdServiceToken },
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
