import { SSO_ROLES } from '@ish/shared';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { OidcProviderRow } from './identity.tables.ts';
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
const slugParams = z.strictObject({ provider: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/) });

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

const providerOut = z.object({
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

const policyOut = z.object({ companyId: z.number().int(), passwordLogin: z.boolean(), version: z.number().int() });

/** Sign-in through a company's OpenID Connect providers, and their administration. */
export function oidcRoutes(app: App, ctx: AppContext) {
  const present = (r: OidcProviderRow) => ({
    id: r.id,
    companyId: r.companyId,
    slug: r.slug,
    name: r.name,
    issuer: r.issuer,
    clientId: r.clientId,
    allowedDomains: r.allowedDomains,
    unitClaim: r.unitClaim,
    unitMapping: r.unitMapping,
    defaultUnitId: r.defaultUnitId,
    defaultRole: r.defaultRole,
    active: r.active,
    callbackUrl: `${ctx.env.PUBLIC_URL}/api/v1/auth/oidc/${r.slug}/callback`,
    version: r.version,
  });
  const secure = (protocol: string) => ctx.env.NODE_ENV === 'production' || protocol === 'https';

  app.get('/auth/providers', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'The identity providers offered on the sign-in page',
      response: { 200: z.object({ items: z.array(z.object({ slug: z.string(), name: z.string() })) }) },
    },
    handler: async () => ({ items: await listSignInProviders(ctx.db) }),
  });

  app.get('/auth/oidc/:provider/start', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'Start signing in with a provider (authorization code with PKCE): redirects to the provider',
      params: slugParams,
      querystring: z.strictObject({ returnTo: z.string().max(500).optional() }),
      response: { 302: z.null() },
    },
    handler: async (req, reply) => {
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
    },
  });

  app.get('/auth/oidc/:provider/callback', {
    config: { access: access.public() },
    schema: {
      tags,
      summary:
        'The provider sends the browser back here: signs in (or creates the person) and redirects to the app; a refusal redirects to /login?sso=<CODE>',
      params: slugParams,
      // Not strict: providers add their own parameters (Google's authuser, hd, prompt); openid-client reads the raw URL.
      querystring: z.object({
        code: z.string().max(4000).optional(),
        state: z.string().max(500).optional(),
        iss: z.string().max(500).optional(),
        error: z.string().max(200).optional(),
        error_description: z.string().max(2000).optional(),
      }),
      response: { 302: z.null() },
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
        // The browser is mid-redirect: the sign-in page shows the translated reason.
        const code = error instanceof AppError ? error.code : 'OIDC_FAILED';
        if (!(error instanceof AppError)) req.log.warn({ err: error }, 'OIDC sign-in failed');
        return reply.redirect(`/login?sso=${encodeURIComponent(code)}`, 302);
      }
    },
  });

  app.get('/oidc-providers', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Identity providers of the companies I administer',
      response: { 200: z.object({ items: z.array(providerOut) }) },
    },
    handler: async (req) => ({ items: (await listProviders(ctx.db, actorOf(req))).map(present) }),
  });

  app.post('/oidc-providers', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Add an OpenID Connect provider to a company (Keycloak, Microsoft Entra ID, Google Workspace …)',
      body: z.strictObject({
        companyId: z.number().int().positive(),
        slug: slugParams.shape.provider,
        ...providerFields,
        unitClaim: providerFields.unitClaim.default(null),
        unitMapping: providerFields.unitMapping.default({}),
        allowedDomains: providerFields.allowedDomains.default([]),
        defaultUnitId: providerFields.defaultUnitId.default(null),
        defaultRole: providerFields.defaultRole.default('requester'),
        active: providerFields.active.default(true),
      }),
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
      body: z.strictObject({ version: z.number().int(), ...z.object(providerFields).partial().shape }),
      response: { 200: providerOut },
    },
    handler: async (req) => present(await updateProvider(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req))),
  });

  app.get('/companies/:id/sign-in', {
    config: { access: access.permission('settings:manage', 'company') },
    schema: { tags, summary: 'Whether local passwords are allowed in the company', params: idParams, response: { 200: policyOut } },
    handler: async (req) => readSignInPolicy(ctx.db, actorOf(req), req.params.id),
  });

  app.put('/companies/:id/sign-in', {
    config: { access: access.permission('settings:manage', 'company') },
    schema: {
      tags,
      summary: 'Switch local passwords off (only single sign-on; Administrators keep a break-glass password) or on',
      params: idParams,
      body: z.strictObject({ passwordLogin: z.boolean(), version: z.number().int() }),
      response: { 200: policyOut },
    },
    handler: async (req) => writeSignInPolicy(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req)),
  });
}
