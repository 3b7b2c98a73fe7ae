import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { until } from '../../../test/support/wait.ts';
import { DEMO_ACCOUNTS } from '../../seed/demo-accounts.ts';

/**
 * The signed-in actor and reference data are served from memory (env CACHE_SECONDS). Here they
 * live for five minutes, so each refusal below can only come from the change being announced, not
 * from the cache running out. `other` is a second server process on the same database.
 */
const LONG = { CACHE_SECONDS: '300' };
let t: TestApp;
let other: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp({ env: LONG });
  other = await createTestApp({ env: LONG, database: t.ctx.env.DATABASE_URL });
  admin = await t.actingAs('administrator');
  // Caching starts once each process listens for changes.
  await until(async () => t.ctx.cache.live && other.ctx.cache.live);
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const userId = async (email: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`)).rows[0]?.id);

/** The same session (cookie) used against the second process. */
const onOther = (client: Client) => ({
  get: (url: string) =>
    other.app
      .inject({ method: 'GET', url, headers: { cookie: client.cookie ?? '' } })
      .then((r) => ({ status: r.statusCode, body: r.json() })),
});

/** Asks twice, so the second answer is the cached one. */
async function warm(client: Client, url: string) {
  expect((await client.get(url)).status).toBe(200);
  expect((await client.get(url)).status).toBe(200);
}

describe('the cached actor', () => {
  it('serves a burst of requests without asking the database for the session again', async () => {
    const budi = await t.actingAs('agent');
    await warm(budi, '/api/v1/me');
    // With the session row gone behind the cache's back (no announcement), the cached actor still answers:
    // proof that it is cached. Announced removal is what every real path does (next tests).
    await t.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`DELETE FROM sessions WHERE user_id = ${await userId(DEMO_ACCOUNTS.agent.email)}`);
    });
    expect((await budi.get('/api/v1/me')).status).toBe(200);
  });

  it('drops a removed grant at once, in this process and in another', async () => {
    const fajar = await t.actingAs('division_admin');
    await warm(fajar, '/api/v1/users');
    expect((await onOther(fajar).get('/api/v1/users')).status).toBe(200);
    const id = await userId(DEMO_ACCOUNTS.division_admin.email);
    const grants = (await admin.get(`/api/v1/users/${id}/grants`)).body as { id: number; role: string }[];
    const grant = grants.find((g) => g.role === 'division_admin');
    expect(grant).toBeDefined();
    expect((await admin.delete(`/api/v1/users/${id}/grants/${grant?.id}`)).status).toBe(204);
    expectProblem(await fajar.get('/api/v1/users'), 403, 'FORBIDDEN');
    // Another process hears of it through PostgreSQL as soon as the change commits.
    await until(async () => (await onOther(fajar).get('/api/v1/users')).status === 403, 10_000);
  });

  it('ends a deactivated user’s sessions at once', async () => {
    const andi = await t.actingAs('service_provider');
    await warm(andi, '/api/v1/me');
    expect((await onOther(andi).get('/api/v1/me')).status).toBe(200);
    const id = await userId(DEMO_ACCOUNTS.service_provider.email);
    const { version } = (await admin.get(`/api/v1/users/${id}`)).body;
    expect((await admin.patch(`/api/v1/users/${id}`, { version, active: false })).status).toBe(200);
    expectProblem(await andi.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    await until(async () => (await onOther(andi).get('/api/v1/me')).status === 401, 10_000);
  });

  it('kills the cookie at sign-out at once', async () => {
    const dewi = await t.actingAs('team_lead');
    await warm(dewi, '/api/v1/me');
    expect((await dewi.post('/api/v1/auth/logout')).status).toBe(204);
    expectProblem(await dewi.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    await until(async () => (await onOther(dewi).get('/api/v1/me')).status === 401, 10_000);
  });

  it('answers in the new language right after the user changes their locale', async () => {
    const rina = await t.actingAs('catalog_manager');
    await warm(rina, '/api/v1/me');
    const before = await rina.get('/api/v1/tickets/999999999');
    expectProblem(before, 404, 'NOT_FOUND');
    const me = (await rina.get('/api/v1/me')).body.user;
    expect(me.locale).toBe('id');
    expect((await rina.patch('/api/v1/me', { version: me.version, locale: 'en' })).status).toBe(200);
    const after = await rina.get('/api/v1/tickets/999999999');
    expectProblem(after, 404, 'NOT_FOUND');
    expect(after.body.title).not.toBe(before.body.title);
    expect((await rina.get('/api/v1/me')).body.user.locale).toBe('en');
  });

  it('moves with the user’s unit at once', async () => {
    const siti = await t.actingAs('requester');
    const me = (await siti.get('/api/v1/me')).body;
    await warm(siti, '/api/v1/me');
    const id = await userId(DEMO_ACCOUNTS.requester.email);
    const target = Number(
      (
        await t.ctx.db.execute<{ id: number }>(
          sql`SELECT id FROM units WHERE company_id = (SELECT company_id FROM units WHERE id = ${me.unit.id}) AND id <> ${me.unit.id} AND active ORDER BY id LIMIT 1`,
        )
      ).rows[0]?.id,
    );
    const { version } = (await admin.get(`/api/v1/users/${id}`)).body;
    expect((await admin.patch(`/api/v1/users/${id}`, { version, unitId: target })).status).toBe(200);
    expect((await siti.get('/api/v1/me')).body.unit.id).toBe(target);
  });

  it('ends other sessions at a password change at once, and a revoked session', async () => {
    const email = DEMO_ACCOUNTS.executive.email;
    const [first, second, third] = [await t.signIn(email), await t.signIn(email), await t.signIn(email)];
    for (const c of [first, second, third]) await warm(c, '/api/v1/me');
    // An Administrator (or a tool) ends one session directly in the database.
    const token = decodeURIComponent(third.cookie?.split('=')[1] ?? '');
    await t.ctx.db.execute(sql`DELETE FROM sessions WHERE id = encode(sha256(convert_to(${token}, 'UTF8')), 'hex')`);
    expectProblem(await third.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    const changed = await first.post('/api/v1/auth/password', { currentPassword: 'Sandi12345', newPassword: 'SandiBaru2026' });
    expect(changed.status).toBe(204);
    expect((await first.get('/api/v1/me')).status).toBe(200);
    expectProblem(await second.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    await until(async () => (await onOther(second).get('/api/v1/me')).status === 401, 10_000);
  });

  it('refuses a revoked API token at once', async () => {
    const lead = await t.signIn('admin@nusantara.test');
    const created = await lead.post('/api/v1/me/tokens', { name: 'CI', scopes: [] });
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.body.token}` };
    const anonymous = t.anonymous();
    for (let i = 0; i < 2; i++) expect((await anonymous.get('/api/v1/me', bearer)).status).toBe(200);
    expect((await lead.delete(`/api/v1/me/tokens/${created.body.id}`)).status).toBe(204);
    expectProblem(await anonymous.get('/api/v1/me', bearer), 401, 'TOKEN_INVALID');
  });

  it('keeps the idle clock: a cached session still refreshes last_seen_at once it is a minute old, and idles out', async () => {
    const client = await t.signIn(DEMO_ACCOUNTS.administrator.email);
    await warm(client, '/api/v1/me');
    const token = decodeURIComponent(client.cookie?.split('=')[1] ?? '');
    const row = sql`encode(sha256(convert_to(${token}, 'UTF8')), 'hex')`;
    await t.ctx.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '2 minutes' WHERE id = ${row}`);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    const seen = await t.ctx.db.execute<{ fresh: boolean }>(
      sql`SELECT last_seen_at > now() - interval '30 seconds' AS fresh FROM sessions WHERE id = ${row}`,
    );
    expect(seen.rows[0]?.fresh).toBe(true);
    await t.ctx.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '1 day' WHERE id = ${row}`);
    expectProblem(await client.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
  });

  it('forgets everything when its LISTEN connection drops, and caches again once reconnected', async () => {
    const budi = await t.signIn(DEMO_ACCOUNTS.agent.email);
    await warm(budi, '/api/v1/me');
    expect((await onOther(budi).get('/api/v1/me')).status).toBe(200);
    expect((await onOther(budi).get('/api/v1/me')).status).toBe(200);
    // Removed without an announcement (as if it were missed while the connection was down)…
    await t.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`DELETE FROM sessions WHERE user_id = ${await userId(DEMO_ACCOUNTS.agent.email)}`);
    });
    expect((await onOther(budi).get('/api/v1/me')).status).toBe(200);
    // …then every cache listener of the database loses its connection.
    await t.ctx.db.execute(
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ish-cache' AND datname = current_database()`,
    );
    await until(async () => (await onOther(budi).get('/api/v1/me')).status === 401, 10_000);
    await until(async () => other.ctx.cache.live, 15_000);
  });
});

describe('cached reference data', () => {
  it('shows a renamed status at once, in this process and in another', async () => {
    const requester = await t.actingAs('agent');
    const created = await requester.post('/api/v1/tickets', { title: 'Proyektor ruang rapat mati' });
    expect(created.status).toBe(201);
    const label = async (app: TestApp) =>
      (
        await app.app.inject({ method: 'GET', url: `/api/v1/tickets/${created.body.id}`, headers: { cookie: requester.cookie ?? '' } })
      ).json().statusLabel;
    expect(await label(t)).toBe(await label(other));
    const { version } = (await admin.get('/api/v1/ticket-status-labels')).body;
    const saved = await admin.put('/api/v1/ticket-status-labels', { version, labels: [{ status: 'new', locale: 'id', label: 'Masuk' }] });
    expect(saved.status).toBe(200);
    expect(await label(t)).toBe('Masuk');
    await until(async () => (await label(other)) === 'Masuk', 10_000);
  });
});
