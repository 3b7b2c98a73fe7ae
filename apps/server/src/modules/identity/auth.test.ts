import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  smtp = await startSmtpServer();
  await t.ctx.db.execute(
    sql`INSERT INTO settings (key, value) VALUES ('smtp', ${JSON.stringify({ host: '127.0.0.1', port: smtp.port, secure: false, user: null, passwordEncrypted: null, from: 'ISH <noreply@nusantara.test>' })}::jsonb)`,
  );
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const auditActions = async (email: string) =>
  (await t.ctx.db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE actor_email = ${email} ORDER BY id`)).rows.map(
    (r) => r.action,
  );

describe('sign-in', () => {
  it('signs in, reports the user and signs out', async () => {
    const res = await t.anonymous().post('/api/v1/auth/login', { email: DEMO_ACCOUNTS.requester.email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/ish_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.body.user.email).toBe(DEMO_ACCOUNTS.requester.email);
    expect(res.body.permissions).toContain('ticket:create');

    const client = await t.actingAs('requester');
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.unit.code).toBe('PRODUK');
    expect(me.body.modules).not.toContain('administration');

    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await client.get('/api/v1/me');
    expectProblem(after, 401, 'UNAUTHENTICATED');
    expect(after.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await auditActions(DEMO_ACCOUNTS.requester.email)).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']));
  });

  it('answers unknown and known emails alike with 401 problem+json, translated', async () => {
    const known = await t.anonymous().post('/api/v1/auth/login', { email: DEMO_ACCOUNTS.agent.email, password: 'salah-sekali-1' });
    const unknown = await t.anonymous().post('/api/v1/auth/login', { email: 'tidak.ada@nusantara.test', password: 'salah-sekali-1' });
    expectProblem(known, 401, 'INVALID_CREDENTIALS');
    expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
    expect(known.body.detail).toBe(unknown.body.detail);
    expect(known.body.detail).toBe('Email atau kata sandi salah.');
    const en = await t
      .anonymous()
      .post('/api/v1/auth/login', { email: 'tidak.ada@nusantara.test', password: 'x' }, { 'accept-language': 'en-US' });
    expect(en.body.detail).toBe('Wrong email or password.');
    expect(await auditActions(DEMO_ACCOUNTS.agent.email)).toContain('auth.login_failed');
  });

  it('refuses unknown fields with 400 and changes nothing', async () => {
    const res = await t
      .anonymous()
      .post('/api/v1/auth/login', { email: DEMO_ACCOUNTS.agent.email, password: DEMO_PASSWORD, role: 'administrator' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.errors)).toMatch(/role/);
  });

  const login = (email: string, password: string, from: string, headers?: Record<string, string>) =>
    t.anonymous(from).post('/api/v1/auth/login', { email, password }, headers);
  const auditIps = async (email: string, action: string) =>
    (
      await t.ctx.db.execute<{ ip: string }>(sql`SELECT ip FROM audit_log WHERE actor_email = ${email} AND action = ${action} ORDER BY id`)
    ).rows.map((r) => r.ip);

  it('holds back a client guessing an account with growing waits, while its owner signs in from elsewhere', async () => {
    const email = DEMO_ACCOUNTS.cab_member.email;
    const attacker = '10.0.0.66';
    for (let i = 0; i < 5; i++) expect((await login(email, `wrong-${i}`, attacker)).status).toBe(401);
    // The attacker now waits, even with the right password …
    const held = await login(email, DEMO_PASSWORD, attacker);
    expect(held.status).toBe(429);
    expect(held.body.code).toBe('RATE_LIMITED');
    expect(held.headers['retry-after']).toBe('30');
    expect(await auditActions(email)).toContain('auth.login_refused');
    // … the owner, on another client, is not locked out.
    expect((await login(email, DEMO_PASSWORD, '10.0.0.7')).status).toBe(200);

    // After the wait one more guess is checked, and the next wait is twice as long.
    await t.ctx.db.execute(
      sql`UPDATE login_throttles SET blocked_until = now() - interval '1 second' WHERE key LIKE ${`%${email}%${attacker}`}`,
    );
    expect((await login(email, 'wrong-again', attacker)).status).toBe(401);
    const longer = await login(email, 'wrong-once-more', attacker);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(30);
    expect(Number(longer.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('lets 40 parallel wrong guesses cost only five password checks', async () => {
    const email = DEMO_ACCOUNTS.implementer.email;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => login(email, `tebakan-${i}`, '10.0.0.40')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    const checks = await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM login_attempts WHERE email = ${email}`);
    expect(checks.rows[0]?.n).toBe(5);
  });

  it('ignores a forged X-Forwarded-For without a trusted proxy: same limits, real address in the audit log', async () => {
    const email = DEMO_ACCOUNTS.team_lead.email;
    for (let i = 0; i < 5; i++) {
      const res = await login(email, `salah-${i}`, '10.0.0.99', { 'x-forwarded-for': `198.51.100.${i}` });
      expect(res.status).toBe(401);
    }
    const sixth = await login(email, 'salah-6', '10.0.0.99', { 'x-forwarded-for': '198.51.100.77' });
    expect(sixth.status).toBe(429);
    expect(new Set(await auditIps(email, 'auth.login_failed'))).toEqual(new Set(['10.0.0.99']));
  });

  it('believes X-Forwarded-For only from a proxy TRUST_PROXY names', async () => {
    const proxied = await createTestApp({ database: t.ctx.env.DATABASE_URL, env: { TRUST_PROXY: '10.0.0.1' } });
    try {
      const email = DEMO_ACCOUNTS.agent.email;
      const via = (from: string, forwarded: string) =>
        proxied.anonymous(from).post('/api/v1/auth/login', { email, password: 'bukan-sandi-1' }, { 'x-forwarded-for': forwarded });
      expect((await via('10.0.0.1', '203.0.113.5')).status).toBe(401);
      expect((await via('10.0.0.2', '203.0.113.6')).status).toBe(401);
      expect((await auditIps(email, 'auth.login_failed')).slice(-2)).toEqual(['203.0.113.5', '10.0.0.2']);
    } finally {
      await proxied.close();
    }
  });

  it('holds back an address after 20 failures across accounts', async () => {
    const ip = '10.9.8.7';
    for (let i = 0; i < 20; i++) expect((await login(`orang${i}@nusantara.test`, 'salah', ip)).status).toBe(401);
    const res = await login(DEMO_ACCOUNTS.executive.email, DEMO_PASSWORD, ip);
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('RATE_LIMITED');
    expect((await login(DEMO_ACCOUNTS.executive.email, DEMO_PASSWORD, '10.9.8.8')).status).toBe(200);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const res = await t
      .anonymous()
      .post('/api/v1/auth/login', { email: DEMO_ACCOUNTS.approver.email, password: DEMO_PASSWORD }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_REJECTED');
    expect(res.headers['set-cookie']).toBeUndefined();
    const forgedHost = await t
      .anonymous()
      .post(
        '/api/v1/auth/login',
        { email: DEMO_ACCOUNTS.approver.email, password: DEMO_PASSWORD },
        { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
      );
    expect(forgedHost.status).toBe(403);
    expect(forgedHost.body.code).toBe('CSRF_REJECTED');
  });

  it('refuses cookie-authenticated writes from another origin (CSRF)', async () => {
    const client = await t.actingAs('approver');
    const res = await client.post('/api/v1/auth/logout', {}, { origin: 'https://evil.example' });
    expectProblem(res, 403, 'CSRF_REJECTED');
    expect(res.body.code).toBe('CSRF_REJECTED');
    const crossSite = await client.post('/api/v1/auth/logout', {}, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    // X-Forwarded-Host from a proxy nobody trusts does not make another origin acceptable.
    const forwarded = await client.post('/api/v1/auth/logout', {}, { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' });
    expect(forwarded.status).toBe(403);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await client.post('/api/v1/auth/logout', {}, { origin: 'http://localhost:80', host: 'localhost:80' })).status).toBe(204);
  });

  it('answers an anonymous write 401 before looking at its body', async () => {
    const res = await t.anonymous().post('/api/v1/tickets', { nonsense: true, title: 42 });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('passwords', () => {
  it('resets a forgotten password with a single-use emailed link', async () => {
    const email = DEMO_ACCOUNTS.billing_coordinator.email;
    const res = await t.anonymous().post('/api/v1/auth/forgot-password', { email });
    const unknown = await t.anonymous().post('/api/v1/auth/forgot-password', { email: 'siapa@nusantara.test' });
    expect(res.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body.message).toBe(res.body.message);

    const mail = await smtp.waitFor(email);
    expect(mail.subject).toBe('Atur ulang kata sandi Grup Nusantara');
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();

    const weak = await t.anonymous().post('/api/v1/auth/reset-password', { token, newPassword: 'pendek' });
    expectProblem(weak, 400, 'WEAK_PASSWORD');
    expect((await t.anonymous().post('/api/v1/auth/reset-password', { token, newPassword: 'BaruSekali2026' })).status).toBe(204);
    expectProblem(
      await t.anonymous().post('/api/v1/auth/reset-password', { token, newPassword: 'LagiLagi2026x' }),
      400,
      'RESET_TOKEN_INVALID',
    );
    expect((await t.anonymous().post('/api/v1/auth/login', { email, password: 'BaruSekali2026' })).status).toBe(200);
    expect(await auditActions(email)).toEqual(expect.arrayContaining(['auth.password_reset_requested']));
  });

  it('does the same work for known and unknown addresses, and keeps no link in clear anywhere', async () => {
    const email = DEMO_ACCOUNTS.service_provider.email;
    await t.anonymous('10.1.1.1').post('/api/v1/auth/forgot-password', { email });
    await t.anonymous('10.1.1.2').post('/api/v1/auth/forgot-password', { email: 'belum.terdaftar@nusantara.test' });
    // Both requests queued the same job, which carries the address and nothing secret.
    const jobs = await t.ctx.db.execute<{ data: { email: string } }>(
      sql`SELECT data FROM pgboss.job WHERE name = 'auth.password-reset' AND data->>'email' IN (${email}, 'belum.terdaftar@nusantara.test')`,
    );
    expect(jobs.rows.map((r) => Object.keys(r.data).sort())).toEqual([
      ['email', 'ip'],
      ['email', 'ip'],
    ]);
    const mail = await smtp.waitFor(email);
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)?.[1] ?? '';
    expect(token).not.toBe('');
    const stored = await t.ctx.db.execute<{ n: number }>(sql`
      SELECT (SELECT count(*)::int FROM password_resets WHERE token_hash = ${token})
           + (SELECT count(*)::int FROM pgboss.job WHERE data::text LIKE ${`%${token}%`}) AS n`);
    expect(stored.rows[0]?.n).toBe(0);
    const hashed = await t.ctx.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM password_resets WHERE token_hash = encode(sha256(${token}::bytea), 'hex')`,
    );
    expect(hashed.rows[0]?.n).toBe(1);
  });

  it('spends the older links when a new one is issued', async () => {
    const email = DEMO_ACCOUNTS.catalog_manager.email;
    await t.anonymous('10.2.2.2').post('/api/v1/auth/forgot-password', { email });
    const first = /token=([\w-]+)/.exec((await smtp.waitFor(email)).text)?.[1];
    smtp.received.splice(0);
    await t.anonymous('10.2.2.2').post('/api/v1/auth/forgot-password', { email });
    const second = /token=([\w-]+)/.exec((await smtp.waitFor(email)).text)?.[1];
    expect(second).not.toBe(first);
    const old = await t.anonymous().post('/api/v1/auth/reset-password', { token: first, newPassword: 'SandiLama2026' });
    expect(old.status).toBe(400);
    expect(old.body.code).toBe('RESET_TOKEN_INVALID');
    expect((await t.anonymous().post('/api/v1/auth/reset-password', { token: second, newPassword: 'SandiBaru2026' })).status).toBe(204);
  });

  it('expires reset links after one hour', async () => {
    const email = DEMO_ACCOUNTS.change_manager.email;
    await t.anonymous().post('/api/v1/auth/forgot-password', { email });
    const mail = await smtp.waitFor(email);
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)?.[1];
    await t.ctx.db.execute(sql`UPDATE password_resets SET expires_at = now() - interval '1 second'`);
    const res = await t.anonymous().post('/api/v1/auth/reset-password', { token, newPassword: 'BaruSekali2026' });
    expectProblem(res, 400, 'RESET_TOKEN_INVALID');
    expect(res.body.code).toBe('RESET_TOKEN_INVALID');
  });

  it('changes the password after checking the current one and ends other sessions', async () => {
    const email = DEMO_ACCOUNTS.division_admin.email;
    const other = await t.signIn(email);
    const client = await t.signIn(email);
    const wrong = await client.post('/api/v1/auth/password', { currentPassword: 'bukan-ini-1', newPassword: 'SandiBaru2026' });
    expectProblem(wrong, 400, 'CURRENT_PASSWORD_WRONG');
    expect(wrong.body.code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await client.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'SandiBaru2026' })).status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expectProblem(await other.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expect(await auditActions(email)).toContain('auth.password_changed');
  });
});

describe('sessions', () => {
  it('expires an idle session', async () => {
    const client = await t.actingAs('implementer');
    await t.ctx.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '1 day'`);
    expectProblem(await client.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });

  it('expires a session past its absolute lifetime', async () => {
    const client = await t.actingAs('executive');
    await t.ctx.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expectProblem(await client.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });
});
