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
  const res = await client.post('/api/v1/me/tokens', { name: 'Pipeline', scopes: ['changes:write'], ...body });
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
    const list = (await putri.get('/api/v1/me/tokens')).body.items;
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
    expect(freeze.body.code).toBe('TOKEN_SCOPE');
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
    expect((await agus.delete(`/api/v1/me/tokens/${id}`)).status).toBe(404);
    expect((await putri.delete(`/api/v1/me/tokens/${id}`)).status).toBe(204);
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
    const res = await maya.post('/api/v1/me/tokens', { name: 'CAB', scopes: ['changes:write'] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('TOKEN_SCOPE_NOT_HELD');
    const { token } = await tokenOf(putri, { scopes: [] });
    for (const res of [
      await t.anonymous().post('/api/v1/me/tokens', { name: 'lagi' }, bearer(token)),
      await t.anonymous().get('/api/v1/me/tokens', bearer(token)),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('TOKEN_NOT_ALLOWED');
    }
  });

  it('last 90 days unless told otherwise, at most a year, and remember when and from where they were last used', async () => {
    const res = await putri.post('/api/v1/me/tokens', { name: 'Skrip' });
    expect(res.status).toBe(201);
    expect(res.body.scopes).toEqual([]);
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)).toBeGreaterThan(89.9 * 86_400_000);
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)).toBeLessThan(90.1 * 86_400_000);
    const tooLong = await putri.post('/api/v1/me/tokens', { name: 'Lama', expiresInDays: 366 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('VALIDATION_FAILED');
    // Without scopes a token may do what its owner may, including routes for anyone signed in.
    const me = await t.anonymous('10.1.2.3').get('/api/v1/me', bearer(res.body.token));
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('putri@nusantara.test');
    const listed = (await putri.get('/api/v1/me/tokens')).body.items.find((x: { id: number }) => x.id === res.body.id);
    expect(listed.lastUsedIp).toBe('10.1.2.3');
    expect(listed.lastUsedAt).not.toBeNull();
  });
});

describe('ticket scopes', () => {
  it('a token with tickets:read reads tickets but cannot create one', async () => {
    const siti = await t.actingAs('requester');
    const { token } = await tokenOf(siti, { name: 'Baca tiket', scopes: ['tickets:read'] });
    const list = await t.anonymous().get('/api/v1/tickets', bearer(token));
    expect(list.status).toBe(200);
    const create = await t.anonymous().post('/api/v1/tickets', { title: 'Dari token', description: 'Tidak boleh' }, bearer(token));
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('TOKEN_SCOPE');
    // The owner may create tickets; a tickets:write token may too.
    const writer = await tokenOf(siti, { name: 'Tulis tiket', scopes: ['tickets:write'] });
    const created = await t.anonymous().post('/api/v1/tickets', { title: 'Dari token tulis', description: 'Boleh' }, bearer(writer.token));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });

  it('a requester’s token cannot read a ticket of another unit (404), as the requester cannot', async () => {
    const siti = await t.actingAs('requester');
    const { token } = await tokenOf(siti, { name: 'Baca tiket', scopes: ['tickets:read'] });
    const { other } = await ticketsInTwoUnits();
    const res = await t.anonymous().get(`/api/v1/tickets/${other}`, bearer(token));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect((await siti.get(`/api/v1/tickets/${other}`)).status).toBe(404);
  });
});

describe('service tokens', () => {
  it('are made by Administrators only, act only inside their unit, and the audit log names them', async () => {
    const admin = await t.actingAs('administrator');
    const { own, other } = await ticketsInTwoUnits();
    const unit = await t.ctx.db.execute<{ id: number; path: string }>(
      sql`SELECT unit_id AS id, unit_path AS path FROM tickets WHERE id = ${own}`,
    );
    const unitId = Number(unit.rows[0]?.id);
    const body = { name: 'Monitoring', scopes: ['tickets:read'], scope: { kind: 'unit', unitId } };
    const refused = await siti().then((c) => c.post('/api/v1/service-tokens', body));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const noScope = await admin.post('/api/v1/service-tokens', { ...body, scopes: [] });
    expect(noScope.body.code).toBe('VALIDATION_FAILED');
    const made = await admin.post('/api/v1/service-tokens', body);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ scope: { kind: 'unit', unitId }, owner: { name: expect.any(String) }, scopes: ['tickets:read'] });
    const list = await t.anonymous().get('/api/v1/tickets?pageSize=100', bearer(made.body.token));
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    const inside = await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM tickets WHERE unit_path LIKE ${unit.rows[0]?.path} || '%'`);
    const insideIds = new Set(inside.rows.map((r) => Number(r.id)));
    for (const item of list.body.items) expect(insideIds.has(item.id)).toBe(true);
    expect(list.body.items.map((x: { id: number }) => x.id)).toContain(own);
    const hidden = await t.anonymous().get(`/api/v1/tickets/${other}`, bearer(made.body.token));
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('NOT_FOUND');
    // Listed without the secret; revoked at once by an Administrator.
    const listed = (await admin.get('/api/v1/service-tokens')).body.items;
    expect(listed.map((x: { id: number }) => x.id)).toContain(made.body.id);
    expect(JSON.stringify(listed)).not.toContain(made.body.token);
    expect((await admin.delete(`/api/v1/service-tokens/${made.body.id}`)).status).toBe(204);
    expect((await t.anonymous().get('/api/v1/tickets', bearer(made.body.token))).status).toBe(401);

    // A full personal token of the Administrator: the change it makes names the token in the audit log.
    const full = (await admin.post('/api/v1/me/tokens', { name: 'Sinkron vendor' })).body;
    const vendor = await t.anonymous().post('/api/v1/vendors', { name: 'PT Vendor Token' }, bearer(full.token));
    expect(vendor.status, JSON.stringify(vendor.body)).toBe(201);
    const audit = await admin.get(`/api/v1/audit?target=${vendor.body.id}`);
    expect(audit.body.items.find((e: { tokenName: string | null }) => e.tokenName === 'Sinkron vendor')).toMatchObject({
      tokenId: full.id,
    });
  });
});

const siti = () => t.actingAs('requester');

/** A ticket of Siti's (requester) unit and one of Budi's (agent), which is another unit. */
async function ticketsInTwoUnits() {
  const mine = await (await siti()).post('/api/v1/tickets', { title: 'Printer lantai 3 mati', description: 'Tidak bisa mencetak' });
  const theirs = await (await t.actingAs('agent')).post('/api/v1/tickets', { title: 'Server TI lambat', description: 'Respon lambat' });
  expect(mine.status, JSON.stringify(mine.body)).toBe(201);
  expect(theirs.status, JSON.stringify(theirs.body)).toBe(201);
  const units = await t.ctx.db.execute<{ unit_path: string }>(
    sql`SELECT unit_path FROM tickets WHERE id IN (${mine.body.id}, ${theirs.body.id})`,
  );
  const [a, b] = units.rows.map((r) => r.unit_path);
  expect(a?.startsWith(b ?? '') || b?.startsWith(a ?? '')).toBe(false);
  return { own: Number(mine.body.id), other: Number(theirs.body.id) };
}
