import type { Role } from '@ish/shared';
import { and, eq, gt, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, type Grant, type Scope, scopeContains, scopesFor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { type OutboundPolicy, outboundFetch, outboundPolicyOf } from '../../platform/outbound/outbound.ts';
import { decryptSecret, encryptSecret, newToken, sha256 } from '../../platform/security/tokens.ts';
import { companies } from '../org/index.ts';
import { loadActor } from './actor.loader.ts';
import {
  companySignIn,
  type OidcProviderRow,
  oidcLogins,
  oidcProviders,
  oidcSessions,
  roleGrants,
  userIdentities,
  users,
} from './identity.tables.ts';
import { createSession } from './sessions.ts';

/** A sign-in started at the provider must come back within this long. */
const LOGIN_MINUTES = 10;
/** Roles a provider may give new people: never an administrative one. */

export const callbackUrl = (ctx: AppContext, slug: string) => `${ctx.env.PUBLIC_URL}/api/v1/auth/oidc/${slug}/callback`;

/** openid-client's HTTP goes through our outbound policy (no private addresses unless the operator allows them). */
const policyFetch =
  (policy: OutboundPolicy): oidc.CustomFetch =>
  async (url, options) => {
    const res = await outboundFetch(
      url,
      { method: options.method, headers: options.headers, ...(options.body ? { body: String(options.body) } : {}) },
      policy,
    );
    return new Response([204, 304].includes(res.status) ? null : res.body, { status: res.status, headers: res.headers });
  };

// Discovered metadata per provider version: public documents, cached in this process (each process discovers once).
const configurations = new Map<string, Promise<oidc.Configuration>>();

function configurationOf(ctx: AppContext, provider: OidcProviderRow): Promise<oidc.Configuration> {
  const key = `${provider.id}:${provider.version}`;
  let found = configurations.get(key);
  if (!found) {
    const policy = outboundPolicyOf(ctx.env);
    const issuer = new URL(provider.issuer);
    // A provider without TLS only where the operator allows private targets (development, tests).
    const insecure = issuer.protocol === 'http:' && policy.allowPrivate;
    found = oidc.discovery(issuer, provider.clientId, decryptSecret(provider.clientSecretEncrypted, ctx.env.APP_SECRET), undefined, {
      [oidc.customFetch]: policyFetch(policy),
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
    configurations.set(key, found);
    found.catch(() => configurations.delete(key));
  }
  return found;
}

async function activeProvider(tx: Tx, slug: string): Promise<OidcProviderRow> {
  const [row] = await tx
    .select()
    .from(oidcProviders)
    .where(and(eq(oidcProviders.slug, slug), eq(oidcProviders.active, true)));
  if (!row) throw notFound();
  return row;
}

/** The active providers, for the sign-in page's "Sign in with …" buttons. */
export async function listSignInProviders(tx: Tx) {
  return tx
    .select({ slug: oidcProviders.slug, name: oidcProviders.name })
    .from(oidcProviders)
    .where(eq(oidcProviders.active, true))
    .orderBy(oidcProviders.name);
}

/** A same-site path to return to after sign-in (never another origin). */
const safeReturn = (path: string | undefined) => (path && /^\/(?!\/)[^\\\s]*$/.test(path) ? path : '/');

/**
 * Starts an authorization code flow with PKCE: the state, nonce and code
 * verifier are stored under the hash of a random id the browser keeps in a
 * cookie; the answer is the provider's authorization URL.
 */
export async function startSignIn(ctx: AppContext, slug: string, returnTo?: string): Promise<{ url: URL; flow: string }> {
  const provider = await activeProvider(ctx.db, slug);
  const config = await configurationOf(ctx, provider).catch(() => {
    throw new AppError(502, 'OIDC_PROVIDER_UNREACHABLE');
  });
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const flow = newToken();
  await ctx.db.insert(oidcLogins).values({
    idHash: sha256(flow),
    providerId: provider.id,
    state,
    nonce,
    codeVerifier: encryptSecret(verifier, ctx.env.APP_SECRET),
    returnTo: safeReturn(returnTo),
    expiresAt: new Date(ctx.clock.now().getTime() + LOGIN_MINUTES * 60_000),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(ctx, slug),
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url, flow };
}

/** The unit a claim value names: the provider's mapping first, then a unit code of the provider's company, then its default unit. */
async function unitFor(tx: Tx, provider: OidcProviderRow, value: unknown): Promise<number | null> {
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.length > 0);
  for (const v of values) {
    const code = provider.unitMapping[v] ?? v;
    const { rows } = await tx.execute<{ id: number }>(
      sql`SELECT id FROM units WHERE company_id = ${provider.companyId} AND active AND lower(code) = lower(${code}) LIMIT 1`,
    );
    if (rows[0]) return Number(rows[0].id);
  }
  return provider.defaultUnitId;
}

const refuse = (code: string) => new AppError(403, code);

/**
 * Whether a person's roles reach past one company (an organisation-wide grant, or one in another company).
 * A company's identity provider is configured by that company's Administrators: it must not sign in a person
 * whose powers they do not hold themselves, so such a person signs in with their password instead.
 */
export const reachesBeyond = (grants: readonly Grant[], companyId: number) =>
  grants.some((g) => !scopeContains({ kind: 'company', companyId }, g.scope));

/**
 * Finishes the flow at the callback: exchanges the code (PKCE, state and nonce
 * checked by openid-client), reads the claims (and UserInfo), enforces the
 * allowed domains, then signs in the linked user, links an existing user of
 * the provider's company by verified email, or creates the person in the
 * mapped unit with the provider's default role (Requester). Returns a session.
 */
export async function finishSignIn(
  ctx: AppContext,
  slug: string,
  flow: string | undefined,
  currentUrl: URL,
  client: { ip: string; userAgent?: string },
): Promise<{ token: string; returnTo: string; userId: number }> {
  const now = ctx.clock.now();
  const [login] = flow
    ? await ctx.db
        .delete(oidcLogins)
        .where(and(eq(oidcLogins.idHash, sha256(flow)), gt(oidcLogins.expiresAt, now)))
        .returning()
    : [];
  const provider = await activeProvider(ctx.db, slug);
  if (!login || login.providerId !== provider.id) throw new AppError(400, 'OIDC_STATE_INVALID');
  const config = await configurationOf(ctx, provider);
  let claims: Record<string, unknown>;
  let idToken: string | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: decryptSecret(login.codeVerifier, ctx.env.APP_SECRET),
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    idToken = tokens.id_token;
    const info = tokens.access_token ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
    claims = { ...info, ...idClaims };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(400, 'OIDC_FAILED');
  }
  const subject = String(claims.sub);
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  const domain = email.split('@')[1] ?? '';
  if (!email || !domain) throw refuse('OIDC_EMAIL_MISSING');
  if (provider.allowedDomains.length && !provider.allowedDomains.includes(domain)) throw refuse('OIDC_DOMAIN_NOT_ALLOWED');
  const source: AuditSource = { actorId: null, actorEmail: email, ip: client.ip };

  return ctx.db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ userId: userIdentities.userId })
      .from(userIdentities)
      .where(and(eq(userIdentities.providerId, provider.id), eq(userIdentities.subject, subject)));
    let userId = linked?.userId;
    if (!userId) {
      const [existing] = await tx
        .select({ id: users.id, companyId: sql<number>`(SELECT company_id FROM units WHERE id = ${users.unitId})` })
        .from(users)
        .where(eq(users.email, email));
      if (existing) {
        // Only a verified address of a person in the provider's own company links (another company's IdP cannot take over accounts).
        if (!verified) throw refuse('OIDC_EMAIL_NOT_VERIFIED');
        if (Number(existing.companyId) !== provider.companyId) throw refuse('OIDC_OTHER_COMPANY');
        userId = existing.id;
        await recordAudit(
          tx,
          { ...source, actorId: userId },
          { action: 'auth.sso_linked', targetType: 'user', targetId: userId, after: { provider: provider.slug } },
        );
      } else {
        const unitId = await unitFor(tx, provider, provider.unitClaim ? claims[provider.unitClaim] : undefined);
        if (!unitId) throw refuse('OIDC_NO_UNIT');
        const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
        const [user] = await tx.insert(users).values({ email, name, unitId, passwordHash: null }).returning({ id: users.id });
        if (!user) throw new Error('user insert failed');
        userId = user.id;
        await tx.insert(roleGrants).values({ userId, role: provider.defaultRole, scopeKind: 'unit', unitId });
        await recordAudit(
          tx,
          { ...source, actorId: userId },
          {
            action: 'user.created_by_sso',
            targetType: 'user',
            targetId: userId,
            after: { email, name, unitId, role: provider.defaultRole, provider: provider.slug },
          },
        );
      }
      await tx.insert(userIdentities).values({ providerId: provider.id, subject, userId, email });
    }
    const person = await loadActor(tx, userId);
    if (!person) throw refuse('OIDC_USER_INACTIVE');
    // Checked at every sign-in, not only when linking: a person linked earlier may since have been given more.
    if (reachesBeyond(person.grants, provider.companyId)) throw refuse('OIDC_ACCOUNT_BEYOND_COMPANY');
    await tx
      .update(userIdentities)
      .set({ lastSignInAt: now, email })
      .where(and(eq(userIdentities.providerId, provider.id), eq(userIdentities.subject, subject)));
    const token = await createSession(tx, ctx.env, userId, client.ip, client.userAgent);
    if (idToken) await tx.insert(oidcSessions).values({ sessionId: sha256(token), providerId: provider.id, idToken });
    await recordAudit(
      tx,
      { ...source, actorId: userId },
      { action: 'auth.login', targetType: 'user', targetId: userId, after: { provider: provider.slug } },
    );
    return { token, returnTo: login.returnTo, userId };
  });
}

/** Where to send the browser after a local sign-out to end the provider's session too (RP-initiated logout), or null. */
export async function endSessionUrl(ctx: AppContext, sessionId: string): Promise<string | null> {
  const [row] = await ctx.db
    .select({ idToken: oidcSessions.idToken, provider: oidcProviders })
    .from(oidcSessions)
    .innerJoin(oidcProviders, eq(oidcProviders.id, oidcSessions.providerId))
    .where(eq(oidcSessions.sessionId, sessionId));
  if (!row) return null;
  try {
    const config = await configurationOf(ctx, row.provider);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, { id_token_hint: row.idToken, post_logout_redirect_uri: `${ctx.env.PUBLIC_URL}/login` }).href;
  } catch {
    return null;
  }
}

/**
 * Whether local passwords are off for the company. Its Administrators keep theirs (break-glass), and so do people
 * whose roles reach past the company: its identity provider may not sign them in.
 */
export async function passwordLoginAllowed(tx: Tx, companyId: number, grants: readonly Grant[]): Promise<boolean> {
  if (grants.some((g) => g.role === 'administrator') || reachesBeyond(grants, companyId)) return true;
  const [row] = await tx.select().from(companySignIn).where(eq(companySignIn.companyId, companyId));
  return row?.passwordLogin ?? true;
}

// Administration: providers and the password switch, per company, for Administrators of that company.

const administers = (actor: Actor, companyId: number) => {
  const place: Scope = { kind: 'company', companyId };
  return scopesFor(actor, 'settings:manage').some((s) => scopeContains(s, place));
};

const companyExists = async (tx: Tx, companyId: number) =>
  (await tx.select({ id: companies.id }).from(companies).where(eq(companies.id, companyId))).length > 0;

export interface ProviderInput {
  companyId: number;
  slug: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
  unitClaim: string | null;
  unitMapping: Record<string, string>;
  defaultUnitId: number | null;
  defaultRole: Role;
  active: boolean;
}

export async function listProviders(tx: Tx, actor: Actor) {
  const rows = await tx.select().from(oidcProviders).orderBy(oidcProviders.name);
  return rows.filter((r) => administers(actor, r.companyId));
}

/** The default unit and every unit the claim mapping names must be the provider's company's (400 naming the field). */
async function assertPlacement(tx: Tx, companyId: number, input: { defaultUnitId?: number | null; unitMapping?: Record<string, string> }) {
  const refused = (path: string) => new AppError(400, 'VALIDATION_FAILED', {}, [{ path, message: 'NOT_FOUND' }]);
  if (input.defaultUnitId != null) {
    const { rows } = await tx.execute(sql`SELECT 1 FROM units WHERE id = ${input.defaultUnitId} AND company_id = ${companyId}`);
    if (!rows.length) throw refused('defaultUnitId');
  }
  const codes = [...new Set(Object.values(input.unitMapping ?? {}))];
  if (!codes.length) return;
  const { rows } = await tx.execute<{ code: string }>(sql`SELECT code FROM units WHERE company_id = ${companyId} AND code IN ${codes}`);
  const known = new Set(rows.map((r) => r.code));
  const unknown = Object.entries(input.unitMapping ?? {}).find(([, code]) => !known.has(code));
  if (unknown) throw refused(`unitMapping.${unknown[0]}`);
}

export async function createProvider(ctx: AppContext, actor: Actor, input: ProviderInput, source: AuditSource) {
  if (!administers(actor, input.companyId)) throw new AppError(403, 'FORBIDDEN');
  return ctx.db.transaction(async (tx) => {
    if (!(await companyExists(tx, input.companyId)))
      throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'companyId', message: 'NOT_FOUND' }]);
    await assertPlacement(tx, input.companyId, input);
    const { clientSecret, ...rest } = input;
    const [row] = await tx
      .insert(oidcProviders)
      .values({ ...rest, clientSecretEncrypted: encryptSecret(clientSecret, ctx.env.APP_SECRET) })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError(409, 'OIDC_SLUG_TAKEN', {}, [{ path: 'slug', message: 'OIDC_SLUG_TAKEN' }]);
    await recordAudit(tx, source, { action: 'oidc_provider.created', targetType: 'oidc_provider', targetId: row.id, after: rest });
    return row;
  });
}

export async function updateProvider(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Partial<Omit<ProviderInput, 'companyId' | 'slug' | 'clientSecret'>> & { clientSecret?: string; version: number },
  source: AuditSource,
) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(oidcProviders).where(eq(oidcProviders.id, id)).for('update');
    if (!before || !administers(actor, before.companyId)) throw notFound();
    if (before.version !== input.version) throw versionConflict();
    await assertPlacement(tx, before.companyId, input);
    const { version, clientSecret, ...changes } = input;
    const [row] = await tx
      .update(oidcProviders)
      .set({
        ...changes,
        ...(clientSecret ? { clientSecretEncrypted: encryptSecret(clientSecret, ctx.env.APP_SECRET) } : {}),
        version: version + 1,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(oidcProviders.id, id))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, source, {
      action: 'oidc_provider.updated',
      targetType: 'oidc_provider',
      targetId: id,
      after: { ...changes, ...(clientSecret ? { clientSecret: 'changed' } : {}) },
    });
    return row;
  });
}

export async function readSignInPolicy(tx: Tx, actor: Actor, companyId: number) {
  if (!administers(actor, companyId) || !(await companyExists(tx, companyId))) throw notFound();
  const [row] = await tx.select().from(companySignIn).where(eq(companySignIn.companyId, companyId));
  return { companyId, passwordLogin: row?.passwordLogin ?? true, version: row?.version ?? 0 };
}

/** Switches local passwords on or off for a company; off needs an active provider of that company (no one is locked out). */
export async function writeSignInPolicy(
  ctx: AppContext,
  actor: Actor,
  companyId: number,
  input: { passwordLogin: boolean; version: number },
  source: AuditSource,
) {
  return ctx.db.transaction(async (tx) => {
    const current = await readSignInPolicy(tx, actor, companyId);
    if (current.version !== input.version) throw versionConflict();
    if (!input.passwordLogin) {
      const providers = await tx
        .select({ id: oidcProviders.id })
        .from(oidcProviders)
        .where(and(eq(oidcProviders.companyId, companyId), eq(oidcProviders.active, true)));
      if (!providers.length) throw new AppError(409, 'OIDC_NO_PROVIDER');
    }
    const version = current.version + 1;
    await tx
      .insert(companySignIn)
      .values({ companyId, passwordLogin: input.passwordLogin, version })
      .onConflictDoUpdate({
        target: companySignIn.companyId,
        set: { passwordLogin: input.passwordLogin, version, updatedAt: ctx.clock.now() },
      });
    await recordAudit(tx, source, {
      action: 'auth.password_login_changed',
      targetType: 'company',
      targetId: companyId,
      before: { passwordLogin: current.passwordLogin },
      after: { passwordLogin: input.passwordLogin },
    });
    return { companyId, passwordLogin: input.passwordLogin, version };
  });
}
