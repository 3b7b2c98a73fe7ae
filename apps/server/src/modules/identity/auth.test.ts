import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  // The harness's requests come from loopback: trusting it lets a test choose the client address.
  t = await createTestApp({ jobs: true, env: { TRUST_PROXY: 'loopback' } });
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
    expect(after.status).toBe(401);
    expect(after.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await auditActions(DEMO_ACCOUNTS.requester.email)).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']));
  });

  it('answers unknown and known emails alike with 401 problem+json, translated', async () => {
    const known = await t.anonymous().post('/api/v1/auth/login', { email: DEMO_ACCOUNTS.agent.email, password: 'salah-sekali-1' });
    const unknown = await t.anonymous().post('/api/v1/auth/login', { email: 'tidak.ada@nusantara.test', password: 'salah-sekali-1' });
    expect(known.status).toBe(401);
    expect(unknown.status).toBe(401);
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
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.errors)).toMatch(/role/);
  });

  it('locks an account for 15 minutes after 5 failures, even for the right password', async () => {
    const email = DEMO_ACCOUNTS.cab_member.email;
    for (let i = 0; i < 5; i++) {
      expect((await t.anonymous().post('/api/v1/auth/login', { email, password: `wrong-${i}` })).status).toBe(401);
    }
    const locked = await t.anonymous().post('/api/v1/auth/login', { email, password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toMatch(/15 menit/);
    expect(await auditActions(email)).toContain('auth.login_refused');
    // Another account from the same address is not affected by this account's lock.
    expect(
      (await t.anonymous().post('/api/v1/auth/login', { email: DEMO_ACCOUNTS.implementer.email, password: DEMO_PASSWORD })).status,
    ).toBe(200);
  });

  it('locks an address after 20 failures across accounts', async () => {
    const ip = { 'x-forwarded-for': '10.9.8.7' };
    for (let i = 0; i < 20; i++) {
      await t.anonymous().post('/api/v1/auth/login', { email: `orang${i}@nusantara.test`, password: 'salah' }, ip);
    }
    const res = await t.anonymous().post('/api/v1/auth/login', { email: DEMO_ACCOUNTS.executive.email, password: DEMO_PASSWORD }, ip);
    expect(res.status).toBe(429);
  });

  it('refuses cookie-authenticated writes from another origin (CSRF)', async () => {
    const client = await t.actingAs('approver');
    const res = await client.post('/api/v1/auth/logout', {}, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_REJECTED');
    const crossSite = await client.post('/api/v1/auth/logout', {}, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await client.post('/api/v1/auth/logout', {}, { origin: 'http://localhost:80', host: 'localhost:80' })).status).toBe(204);
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
    expect(weak.status).toBe(400);
    expect((await t.anonymous().post('/api/v1/auth/reset-password', { token, newPassword: 'BaruSekali2026' })).status).toBe(204);
    expect((await t.anonymous().post('/api/v1/auth/reset-password', { token, newPassword: 'LagiLagi2026x' })).status).toBe(400);
    expect((await t.anonymous().post('/api/v1/auth/login', { email, password: 'BaruSekali2026' })).status).toBe(200);
    expect(await auditActions(email)).toEqual(expect.arrayContaining(['auth.password_reset_requested']));
  });

  it('expires reset links after one hour', async () => {
    const email = DEMO_ACCOUNTS.change_manager.email;
    await t.anonymous().post('/api/v1/auth/forgot-password', { email });
    const mail = await smtp.waitFor(email);
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)?.[1];
    await t.ctx.db.execute(sql`UPDATE password_resets SET expires_at = now() - interval '1 second'`);
    const res = await t.anonymous().post('/api/v1/auth/reset-password', { token, newPassword: 'BaruSekali2026' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('RESET_TOKEN_INVALID');
  });

  it('changes the password after checking the current one and ends other sessions', async () => {
    const email = DEMO_ACCOUNTS.division_admin.email;
    const other = await t.signIn(email);
    const client = await t.signIn(email);
    const wrong = await client.post('/api/v1/auth/password', { currentPassword: 'bukan-ini-1', newPassword: 'SandiBaru2026' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await client.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'SandiBaru2026' })).status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    expect(await auditActions(email)).toContain('auth.password_changed');
  });
});

describe('sessions', () => {
  it('expires an idle session', async () => {
    const client = await t.actingAs('implementer');
    await t.ctx.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '1 day'`);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('expires a session past its absolute lifetime', async () => {
    const client = await t.actingAs('executive');
    await t.ctx.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });
});
