import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';

let dev: TestApp;
let production: TestApp;

beforeAll(async () => {
  dev = await createTestApp();
  production = await createTestApp({
    database: dev.ctx.env.DATABASE_URL,
    env: { NODE_ENV: 'production', APP_SECRET: 'a-production-secret-of-at-least-32-chars' },
  });
});
afterAll(async () => {
  await production.close();
  await dev.close();
});

const expectHardened = (headers: Record<string, unknown>) => {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).not.toMatch(/unsafe-eval/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(String(headers['permissions-policy'])).toContain('camera=()');
  expect(headers['x-request-id']).toBeTruthy();
};

describe('security headers', () => {
  it('go on API answers, problems and health checks alike', async () => {
    const client = await dev.actingAs('requester');
    const me = await client.get('/api/v1/me');
    expectHardened(me.headers);
    const missing = await client.get('/api/v1/tickets/999999999');
    expect(missing.status).toBe(404);
    expectHardened(missing.headers);
    expect(missing.body.requestId).toBe(missing.headers['x-request-id']);
    expectHardened((await dev.anonymous().get('/api/health')).headers);
    // Outside production there is no HTTPS to insist on.
    expect(me.headers['strict-transport-security']).toBeUndefined();
  });

  it('in production add HSTS and a Secure session cookie, whatever a proxy says about the scheme', async () => {
    const res = await production
      .anonymous()
      .post('/api/v1/auth/login', { email: DEMO_ACCOUNTS.requester.email, password: DEMO_PASSWORD }, { 'x-forwarded-proto': 'http' });
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    expectHardened(res.headers);
  });
});
