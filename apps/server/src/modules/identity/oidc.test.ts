import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { type ProviderAccount, startTestProvider, throughProvider } from '../../../test/support/oidc-provider.ts';
import { hashPassword } from '../../platform/security/passwords.ts';
import { authSweepJob } from './auth.service.ts';

let t: TestApp;
let admin: Client;
let idp: Awaited<ReturnType<typeof startTestProvider>>;
let company: number;
let finance: { id: number; code: string };

const CALLBACK = 'http://localhost:3000/api/v1/auth/oidc/kantor/callback';

beforeAll(async () => {
  idp = await startTestProvider({
    clientId: 'ish-hub',
    clientSecret: 'rahasia-klien-yang-panjang',
    redirectUris: [CALLBACK],
    postLogoutRedirectUris: ['http://localhost:3000/login'],
  });
  // The provider runs on this machine: the operator allows private (and plain-HTTP) targets.
  t = await createTestApp({ env: { ALLOW_PRIVATE_OUTBOUND: 'true' } });
  admin = await t.actingAs('administrator');
  const siti = await t.ctx.db.execute<{ company_id: number; unit_id: number }>(
    sql`SELECT un.company_id, u.unit_id FROM users u JOIN units un ON un.id = u.unit_id WHERE u.email = 'siti@nusantara.test'`,
  );
  company = Number(siti.rows[0]?.company_id);
  const unit = await t.ctx.db.execute<{ id: number; code: string }>(
    sql`SELECT id, code FROM units WHERE company_id = ${company} AND parent_id IS NOT NULL AND id <> ${siti.rows[0]?.unit_id} AND active ORDER BY id LIMIT 1`,
  );
  finance = { id: Number(unit.rows[0]?.id), code: String(unit.rows[0]?.code) };
  const created = await admin.post('/api/v1/oidc-providers', {
    companyId: company,
    slug: 'kantor',
    name: 'Akun Kantor',
    issuer: idp.issuer,
    clientId: 'ish-hub',
    clientSecret: 'rahasia-klien-yang-panjang',
    allowedDomains: ['nusantara.test'],
    unitClaim: 'department',
    unitMapping: { Keuangan: finance.code },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.callbackUrl).toBe(CALLBACK);
  expect(JSON.stringify(created.body)).not.toContain('rahasia');
});
afterAll(async () => {
  await t.close();
  await idp.close();
});

/** A browser signing in with the provider: start, the provider, the callback. Returns where it lands and its session. */
async function signInWithProvider(account: ProviderAccount, options: { dropFlowCookie?: boolean } = {}) {
  idp.signInAs(account);
  const start = await t.anonymous().get('/api/v1/auth/oidc/kantor/start?returnTo=/tickets');
  expect(start.status).toBe(302);
  const authorize = new URL(String(start.headers.location));
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('code_challenge')).toBeTruthy();
  const flow = String(start.headers['set-cookie']).split(';')[0] ?? '';
  const back = await throughProvider(authorize.href, idp.issuer);
  expect(back.href.startsWith(CALLBACK)).toBe(true);
  const callback = await t.anonymous().get(`${back.pathname}${back.search}`, options.dropFlowCookie ? {} : { cookie: flow });
  expect(callback.status).toBe(302);
  const session = [callback.headers['set-cookie']].flat().find((c) => String(c).startsWith('ish_session='));
  return { location: String(callback.headers.location), cookie: session ? (String(session).split(';')[0] ?? '') : null };
}

const me = (cookie: string) => t.anonymous().get('/api/v1/me', { cookie });

describe('single sign-on with OpenID Connect', () => {
  it('creates a new person on first sign-in in the unit their claim maps to, as a Requester, and lands where they were going', async () => {
    const { location, cookie } = await signInWithProvider({
      sub: 'u-dewi',
      email: 'Dewi.Kusuma@nusantara.test',
      email_verified: true,
      name: 'Dewi Kusuma',
      department: 'Keuangan',
    });
    expect(location).toBe('/tickets');
    if (!cookie) throw new Error('no session');
    const res = await me(cookie);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'dewi.kusuma@nusantara.test', name: 'Dewi Kusuma' });
    expect(res.body.unit.id).toBe(finance.id);
    expect(res.body.grants.map((g: { role: string }) => g.role)).toEqual(['requester']);
    // A second sign-in finds the same person through the provider's subject, not a new one.
    const again = await signInWithProvider({ sub: 'u-dewi', email: 'dewi.kusuma@nusantara.test', email_verified: true });
    expect((await me(again.cookie ?? '')).body.user.id).toBe(res.body.user.id);
    const count = await t.ctx.db.execute(sql`SELECT 1 FROM users WHERE email = 'dewi.kusuma@nusantara.test'`);
    expect(count.rows.length).toBe(1);
  });

  it('refuses an email outside the allowed domains, and creates no one', async () => {
    const { location, cookie } = await signInWithProvider({
      sub: 'u-luar',
      email: 'orang@contoh.com',
      email_verified: true,
      department: 'Keuangan',
    });
    expect(location).toBe('/login?sso=OIDC_DOMAIN_NOT_ALLOWED');
    expect(cookie).toBeNull();
    const found = await t.ctx.db.execute(sql`SELECT 1 FROM users WHERE email = 'orang@contoh.com'`);
    expect(found.rows.length).toBe(0);
  });

  it('links an existing account by verified email only', async () => {
    const unverified = await signInWithProvider({ sub: 'u-siti-1', email: 'siti@nusantara.test', email_verified: false });
    expect(unverified.location).toBe('/login?sso=OIDC_EMAIL_NOT_VERIFIED');
    const verified = await signInWithProvider({ sub: 'u-siti-2', email: 'siti@nusantara.test', email_verified: true });
    expect(verified.location).toBe('/tickets');
    expect((await me(verified.cookie ?? '')).body.user.email).toBe('siti@nusantara.test');
  });

  it('refuses a callback that did not start in this browser (no flow cookie)', async () => {
    const { location, cookie } = await signInWithProvider(
      { sub: 'u-dewi', email: 'dewi.kusuma@nusantara.test', email_verified: true },
      { dropFlowCookie: true },
    );
    expect(location).toBe('/login?sso=OIDC_STATE_INVALID');
    expect(cookie).toBeNull();
  });

  it('sends a browser that cannot start signing in back to the sign-in page with the reason, setting no flow cookie', async () => {
    const unknown = await t.anonymous().get('/api/v1/auth/oidc/tidak-ada/start?returnTo=/tickets');
    expect(unknown.status).toBe(302);
    expect(unknown.headers.location).toBe('/login?sso=NOT_FOUND');
    expect(unknown.headers['set-cookie']).toBeUndefined();
    // A provider whose issuer is refused by the outbound policy (a link-local address) cannot be reached.
    const [kantor] = (await admin.get('/api/v1/oidc-providers')).body.items.filter((p: { slug: string }) => p.slug === 'kantor');
    const created = await admin.post('/api/v1/oidc-providers', {
      companyId: kantor.companyId,
      slug: 'tak-terjangkau',
      name: 'Tak terjangkau',
      issuer: 'http://169.254.169.254/realms/x',
      clientId: 'ish-hub',
      clientSecret: 'rahasia-klien-yang-panjang',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const unreachable = await t.anonymous().get('/api/v1/auth/oidc/tak-terjangkau/start');
    expect(unreachable.headers.location).toBe('/login?sso=OIDC_PROVIDER_UNREACHABLE');
    await admin.patch(`/api/v1/oidc-providers/${created.body.id}`, { version: created.body.version, active: false });
    const off = await t.anonymous().get('/api/v1/auth/oidc/tak-terjangkau/start');
    expect(off.headers.location).toBe('/login?sso=NOT_FOUND');
  });

  it('offers the provider on the sign-in page, and signing out names the provider’s end-session URL', async () => {
    const providers = await t.anonymous().get('/api/v1/auth/providers');
    expect(providers.body.items).toEqual([{ slug: 'kantor', name: 'Akun Kantor' }]);
    const { cookie } = await signInWithProvider({ sub: 'u-dewi', email: 'dewi.kusuma@nusantara.test', email_verified: true });
    const out = await t.anonymous().post('/api/v1/auth/logout', undefined, { cookie: cookie ?? '' });
    expect(out.status).toBe(200);
    const end = new URL(out.body.endSessionUrl);
    expect(end.href.startsWith(idp.issuer)).toBe(true);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect((await me(cookie ?? '')).status).toBe(401);
  });

  it('lets a company switch local passwords off, keeping the Administrators’ break-glass login', async () => {
    const policy = (await admin.get(`/api/v1/companies/${company}/sign-in`)).body;
    expect(policy.passwordLogin).toBe(true);
    const requester = await t.actingAs('requester');
    expect((await requester.put(`/api/v1/companies/${company}/sign-in`, { passwordLogin: false, version: policy.version })).status).toBe(
      403,
    );
    const off = await admin.put(`/api/v1/companies/${company}/sign-in`, { passwordLogin: false, version: policy.version });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const refused = await t.anonymous().post('/api/v1/auth/login', { email: 'siti@nusantara.test', password: 'Sandi12345' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PASSWORD_LOGIN_DISABLED');
    const breakGlass = await t.anonymous().post('/api/v1/auth/login', { email: 'admin@nusantara.test', password: 'Sandi12345' });
    expect(breakGlass.status).toBe(200);
    await admin.put(`/api/v1/companies/${company}/sign-in`, { passwordLogin: true, version: off.body.version });
  });

  it('never signs in a person whose roles reach past the provider’s company; they keep their password instead', async () => {
    // The company's Administrators configure its provider: it must not become a way into powers they do not hold.
    const f = factories(t.ctx);
    const person = await f.user(await f.placeOf(finance.id), { email: 'rangkap@nusantara.test' });
    await t.ctx.db.execute(sql`UPDATE users SET password_hash = ${await hashPassword('Sandi12345')} WHERE id = ${person.id}`);
    const first = await signInWithProvider({ sub: 'u-rangkap', email: 'rangkap@nusantara.test', email_verified: true });
    expect(first.location).toBe('/tickets');
    // Later an Approver in another company: the provider's link no longer signs them in.
    const elsewhere = await f.place('OU-JKT');
    expect(elsewhere.companyId).not.toBe(company);
    await f.grant(person.id, 'approver', { unitId: elsewhere.unitId });
    const again = await signInWithProvider({ sub: 'u-rangkap', email: 'rangkap@nusantara.test', email_verified: true });
    expect(again).toEqual({ location: '/login?sso=OIDC_ACCOUNT_BEYOND_COMPANY', cookie: null });
    // An organisation-wide Administrator of the company is not linked either.
    const root = await signInWithProvider({ sub: 'u-admin', email: 'admin@nusantara.test', email_verified: true });
    expect(root).toEqual({ location: '/login?sso=OIDC_ACCOUNT_BEYOND_COMPANY', cookie: null });
    const linked = await t.ctx.db.execute(sql`SELECT 1 FROM user_identities WHERE subject = 'u-admin'`);
    expect(linked.rows.length).toBe(0);
    // With local passwords off for the company, the password still works for them (nobody is locked out).
    const policy = (await admin.get(`/api/v1/companies/${company}/sign-in`)).body;
    const off = await admin.put(`/api/v1/companies/${company}/sign-in`, { passwordLogin: false, version: policy.version });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const login = await t.anonymous().post('/api/v1/auth/login', { email: 'rangkap@nusantara.test', password: 'Sandi12345' });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    await admin.put(`/api/v1/companies/${company}/sign-in`, { passwordLogin: true, version: off.body.version });
  });

  it('answers 404 for the sign-in policy of a company that does not exist, and refuses a provider for it', async () => {
    expectProblem(await admin.get('/api/v1/companies/999999/sign-in'), 404, 'NOT_FOUND');
    expectProblem(await admin.put('/api/v1/companies/999999/sign-in', { passwordLogin: true, version: 0 }), 404, 'NOT_FOUND');
    const created = await admin.post('/api/v1/oidc-providers', {
      companyId: 999999,
      slug: 'hantu',
      name: 'Tidak Ada',
      issuer: idp.issuer,
      clientId: 'ish-hub',
      clientSecret: 'rahasia-klien-yang-panjang',
    });
    expectProblem(created, 400, 'VALIDATION_FAILED');
    expect(created.body.errors).toEqual([expect.objectContaining({ path: 'companyId' })]);
    const stored = await t.ctx.db.execute(sql`SELECT 1 FROM company_sign_in WHERE company_id = 999999`);
    expect(stored.rows.length).toBe(0);
  });

  it('maps claim values only to units of the provider’s company, and keeps the stored secret when none is typed', async () => {
    const [provider] = (await admin.get('/api/v1/oidc-providers')).body.items.filter((p: { slug: string }) => p.slug === 'kantor');
    const foreign = await t.ctx.db.execute<{ code: string }>(sql`SELECT code FROM units WHERE company_id <> ${company} LIMIT 1`);
    const elsewhere = await admin.patch(`/api/v1/oidc-providers/${provider.id}`, {
      version: provider.version,
      unitMapping: { Keuangan: finance.code, Cabang: String(foreign.rows[0]?.code) },
    });
    expectProblem(elsewhere, 400, 'VALIDATION_FAILED');
    expect(elsewhere.body.errors[0].path).toBe('unitMapping.Cabang');
    const unchanged = (await admin.get('/api/v1/oidc-providers')).body.items.find((p: { id: number }) => p.id === provider.id);
    expect(unchanged.unitMapping).toEqual({ Keuangan: finance.code });
    const saved = await admin.patch(`/api/v1/oidc-providers/${provider.id}`, {
      version: provider.version,
      unitMapping: { Keuangan: finance.code, Anggaran: finance.code },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.unitMapping).toEqual({ Keuangan: finance.code, Anggaran: finance.code });
    // No new secret was sent: sign-in still works with the stored one, and the new mapping places the person.
    const landed = await signInWithProvider({
      sub: 'sso-anggaran',
      email: 'anggaran@nusantara.test',
      email_verified: true,
      department: 'Anggaran',
    });
    expect(landed.cookie).toBeTruthy();
    const person = await t.ctx.db.execute<{ unit_id: number }>(sql`SELECT unit_id FROM users WHERE email = 'anggaran@nusantara.test'`);
    expect(Number(person.rows[0]?.unit_id)).toBe(finance.id);
  });

  it('forgets sign-ins that were started and never finished once they expire', async () => {
    const count = async () => Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM oidc_logins`)).rows[0]?.n);
    await t.anonymous().get('/api/v1/auth/oidc/kantor/start?returnTo=/tickets');
    await t.anonymous().get('/api/v1/auth/oidc/kantor/start?returnTo=/tickets');
    const started = await count();
    expect(started).toBeGreaterThanOrEqual(2);
    await t.ctx.db.execute(sql`UPDATE oidc_logins SET expires_at = now() - interval '1 minute'
      WHERE id_hash = (SELECT id_hash FROM oidc_logins ORDER BY expires_at DESC LIMIT 1)`);
    await authSweepJob(t.ctx).handle({});
    expect(await count()).toBe(started - 1);
  });
});
