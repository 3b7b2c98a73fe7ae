import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { OidcProviderRow } from './identity.tables.ts';
import { presentProvider } from './oidc.presenter.ts';
import {
  callbackQuery,
  createProviderBody,
  providerList,
  providerOut,
  redirect,
  signInPolicyBody,
  signInPolicyOut,
  signInProvidersOut,
  slugParams,
  startQuery,
  updateProviderBody,
} from './oidc.schemas.ts';
import {
  createProvider,
  finishSignIn,
  listProviders,
  listSignInProviders,
  readSignInPolicy,
  startSignIn,
  updateProvider,
  writeSignInPolicy,
} from './oidc.service.ts';
import { setSessionCookie } from './session-cookie.ts';

const tags = ['single sign-on'];
/** The browser's half of a sign-in in progress; only sent back to the callback. */
const FLOW_COOKIE = 'ish_oidc';
/** The browser is mid-navigation in a sign-in: a refusal goes back to the sign-in page, which shows the translated reason. */
function toSignInPage(req: FastifyRequest, reply: FastifyReply, error: unknown) {
  const code = error instanceof AppError ? error.code : 'OIDC_FAILED';
  if (!(error instanceof AppError)) req.log.warn({ err: error }, 'OIDC sign-in failed');
  return reply.redirect(`/login?sso=${encodeURIComponent(code)}`, 302);
}

/** Sign-in through a company's OpenID Connect providers, and their administration. */
export function oidcRoutes(app: App, ctx: AppContext) {
  const present = (r: OidcProviderRow) => presentProvider(ctx, r);
  const secure = (protocol: string) => ctx.env.NODE_ENV === 'production' || protocol === 'https';

  app.get('/auth/providers', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'The identity providers offered on the sign-in page',
      response: { 200: signInProvidersOut },
    },
    handler: async () => ({ items: await listSignInProviders(ctx.db) }),
  });

  app.get('/auth/oidc/:provider/start', {
    config: { access: access.public() },
    schema: {
      tags,
      summary:
        'Start signing in with a provider (authorization code with PKCE): redirects to the provider; a refusal (unknown or switched-off provider, provider unreachable) redirects to /login?sso=<CODE>',
      params: slugParams,
      querystring: startQuery,
      response: { 302: redirect },
    },
    handler: async (req, reply) => {
      try {
        const { url, flow } = await startSignIn(ctx, req.params.provider, req.query.returnTo);
        reply.setCookie(FLOW_COOKIE, flow, {
          path: '/api/v1/auth/oidc',
          httpOnly: true,
          // Lax: the provider's redirect back is a top-level GET, which carries it.
          sameSite: 'lax',
          secure: secure(req.protocol),
          maxAge: 600,
        });
        return reply.redirect(url.href, 302);
      } catch (error) {
        return toSignInPage(req, reply, error);
      }
    },
  });

  app.get('/auth/oidc/:provider/callback', {
    config: { access: access.public() },
    schema: {
      tags,
      summary:
        'The provider sends the browser back here: signs in (or creates the person) and redirects to the app; a refusal redirects to /login?sso=<CODE>',
      params: slugParams,
      querystring: callbackQuery,
      response: { 302: redirect },
    },
    handler: async (req, reply) => {
      const current = new URL(req.url, ctx.env.PUBLIC_URL);
      reply.clearCookie(FLOW_COOKIE, { path: '/api/v1/auth/oidc' });
      try {
        const { token, returnTo } = await finishSignIn(ctx, req.params.provider, req.cookies[FLOW_COOKIE], current, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        });
        setSessionCookie(reply, ctx, token, secure(req.protocol));
        return reply.redirect(returnTo, 302);
      } catch (error) {
        return toSignInPage(req, reply, error);
      }
    },
  });

  app.get('/oidc-providers', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Identity providers of the companies I administer',
      response: { 200: providerList },
    },
    handler: async (req) => ({ items: (await listProviders(ctx.db, actorOf(req))).map(present) }),
  });

  app.post('/oidc-providers', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Add an OpenID Connect provider to a company (Keycloak, Microsoft Entra ID, Google Workspace …)',
      body: createProviderBody,
      response: { 201: providerOut },
    },
    handler: async (req, reply) => reply.status(201).send(present(await createProvider(ctx, actorOf(req), req.body, auditSourceOf(req)))),
  });

  app.patch('/oidc-providers/:id', {
    config: { access: access.permission('settings:manage', 'oidc provider') },
    schema: {
      tags,
      summary: 'Change a provider (a new client secret replaces the stored one)',
      params: idParams,
      body: updateProviderBody,
      response: { 200: providerOut },
    },
    handler: async (req) => present(await updateProvider(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req))),
  });

  app.get('/companies/:id/sign-in', {
    config: { access: access.permission('settings:manage', 'company') },
    schema: { tags, summary: 'Whether local passwords are allowed in the company', params: idParams, response: { 200: signInPolicyOut } },
    handler: async (req) => readSignInPolicy(ctx.db, actorOf(req), req.params.id),
  });

  app.put('/companies/:id/sign-in', {
    config: { access: access.permission('settings:manage', 'company') },
    schema: {
      tags,
      summary: 'Switch local passwords off (only single sign-on; Administrators keep a break-glass password) or on',
      params: idParams,
      body: signInPolicyBody,
      response: { 200: signInPolicyOut },
    },
    handler: async (req) => writeSignInPolicy(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req)),
  });
}
