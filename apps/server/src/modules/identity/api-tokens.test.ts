import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let putri: Client; // Change Requester
let agus: Client; // Change Manager
let template: number;

beforeAll(async () => {
  t = await createTestApp();
  [putri, agus] = await Promise.all([t.actingAs('change_requester'), t.actingAs('change_manager')]);
  const service = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM business_services WHERE code = 'IPOS'`)).rows[0]?.id);
  template = (
    await agus.post('/api/v1/change-templates', {
      name: 'Deploy aplikasi Ipos',
      implementationPlan: 'Pipeline deploy',
      testPlan: 'Smoke test',
      rollbackPlan: 'Deploy versi sebelumnya',
      reason: 'Rilis terjadwal',
      impact: 'Tanpa henti layanan',
      serviceIds: [service],
      durationMinutes: 60,
    })
  ).body.id;
});
afterAll(() => t.close());

async function tokenOf(client: Client, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/api-tokens', { name: 'Pipeline', scopes: ['changes:write'], ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; token: string; prefix: string };
}

const bearer = (token: string, headers: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...headers });

describe('API tokens', () => {
  it('are shown once, kept only as a hash, and listed without the secret', async () => {
    const { id, token, prefix } = await tokenOf(putri);
    expect(token).toMatch(/^ish_[\w-]{43}$/);
    expect(token.startsWith(prefix)).toBe(true);
    const stored = await t.ctx.db.execute<{ token_hash: string }>(sql`SELECT token_hash FROM api_tokens WHERE id = ${id}`);
    expect(stored.rows[0]?.token_hash).not.toContain(token.slice(4));
    const list = (await putri.get('/api/v1/api-tokens')).body.items;
    expect(list[0]).toMatchObject({ id, name: 'Pipeline', scopes: ['changes:write'], revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(token);
  });

  it('let a pipeline create a standard change from a template, which is approved at once, without CSRF checks', async () => {
    const { token } = await tokenOf(putri);
    const res = await t.anonymous().post(
      '/api/v1/changes',
      { templateId: template, plannedStart: '2031-05-05T20:00:00+07:00', submit: true },
      // A browser-looking cross-site request: a token is no cookie, so origin checks do not apply.
      bearer(token, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ type: 'standard', status: 'approved', source: 'api', requester: { name: 'Putri Ayu Lestari' } });
    const gate = await t.anonymous().get(`/api/v1/changes/${res.body.number}/gate`, bearer(token));
    expect(gate.body).toMatchObject({ allowed: false, code: 'BEFORE_WINDOW' });
  });

  it('are narrowed to their scope: routes for any signed-in user and other permissions are closed', async () => {
    const { token } = await tokenOf(agus);
    const me = await t.anonymous().get('/api/v1/me', bearer(token));
    expect(me.status).toBe(403);
    expect(me.body.code).toBe('TOKEN_SCOPE');
    const freeze = await t
      .anonymous()
      .post('/api/v1/change-freezes', { name: 'x', startsAt: '2031-01-01T00:00:00Z', endsAt: '2031-01-02T00:00:00Z' }, bearer(token));
    expect(freeze.status).toBe(403);
    expect(freeze.body.code).toBe('FORBIDDEN');
    // The Change Manager's token cannot override a risk level: change:manage is outside the scope.
    const change = (await t.anonymous().post('/api/v1/changes', { title: 'Uji token', serviceIds: [] }, bearer(token))).body;
    const override = await t
      .anonymous()
      .patch(`/api/v1/changes/${change.id}`, { version: change.version, riskOverride: 'low', riskOverrideReason: 'x' }, bearer(token));
    expect(override.status).toBe(403);
    expect(
      (await agus.patch(`/api/v1/changes/${change.id}`, { version: change.version, riskOverride: 'low', riskOverrideReason: 'x' })).status,
    ).toBe(200);
  });

  it('act as their owner even when a cookie of someone else is sent along', async () => {
    const { token } = await tokenOf(putri);
    const admin = await t.actingAs('administrator');
    const res = await t.anonymous().post('/api/v1/changes', { title: 'Siapa saya?' }, bearer(token, { cookie: admin.cookie ?? '' }));
    expect(res.body.requester.name).toBe('Putri Ayu Lestari');
  });

  it('stop working when revoked or expired, and a wrong one is refused', async () => {
    const { id, token } = await tokenOf(putri);
    expect((await t.anonymous().get('/api/v1/changes', bearer(token))).status).toBe(200);
    expect((await agus.delete(`/api/v1/api-tokens/${id}`)).status).toBe(404);
    expect((await putri.delete(`/api/v1/api-tokens/${id}`)).status).toBe(204);
    const revoked = await t.anonymous().get('/api/v1/changes', bearer(token));
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('TOKEN_INVALID');
    const expiring = await tokenOf(putri, { expiresInDays: 1 });
    await t.ctx.db.execute(sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${expiring.id}`);
    expect((await t.anonymous().get('/api/v1/changes', bearer(expiring.token))).status).toBe(401);
    expect((await t.anonymous().get('/api/v1/changes', bearer('ish_not-a-real-token'))).body.code).toBe('TOKEN_INVALID');
    expect((await t.anonymous().get('/api/v1/changes', bearer(''))).status).toBe(401);
  });

  it('cannot be given a scope the owner holds no permission of, and tokens cannot make tokens', async () => {
    const maya = await t.actingAs('cab_member');
    const res = await maya.post('/api/v1/api-tokens', { name: 'CAB', scopes: ['changes:write'] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('TOKEN_SCOPE_NOT_HELD');
    const { token } = await tokenOf(putri);
    expect((await t.anonymous().post('/api/v1/api-tokens', { name: 'lagi', scopes: ['changes:write'] }, bearer(token))).status).toBe(403);
  });
});
