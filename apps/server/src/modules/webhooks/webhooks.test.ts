import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { sweepWebhookLog, WEBHOOK_LOG_DAYS } from './webhooks.retention.ts';
import { verifySignature } from './webhooks.signing.ts';

let t: TestApp;
let admin: Client;
let base: string;
const received: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
/** Answers per path: a list of status codes consumed one per call (then 200). */
const script = new Map<string, number[]>();

const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const path = req.url ?? '';
    received.push({ path, headers: req.headers, body });
    const answers = script.get(path) ?? [];
    res.statusCode = path.startsWith('/always-down') ? 503 : (answers.shift() ?? 200);
    res.end('ok');
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // The receiver runs on this machine: the operator allows private targets. Retries wait 1 s, then 2 s, 4 s …
  t = await createTestApp({ jobs: true, env: { ALLOW_PRIVATE_OUTBOUND: 'true', WEBHOOK_RETRY_SECONDS: '1', WEBHOOK_DISABLE_AFTER: '3' } });
  admin = await t.actingAs('administrator');
});
afterAll(async () => {
  await t.close();
  receiver.close();
});

async function until(check: () => boolean | Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const at = (path: string) => received.filter((r) => r.path === path);

async function subscribe(client: Client, path: string, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/webhooks', {
    name: `Penerima ${path}`,
    url: `${base}${path}`,
    events: ['ticket.created'],
    scope: { kind: 'organisation' },
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; secret: string; version: number };
}

async function ticketBy(role: 'requester' | 'agent', title: string) {
  const res = await (await t.actingAs(role)).post('/api/v1/tickets', { title, description: 'Dari uji webhook' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; number: string };
}

describe('outgoing webhooks', () => {
  it('deliver a versioned event, signed with HMAC-SHA256 over timestamp and body, with its event id', async () => {
    const hook = await subscribe(admin, '/signed');
    expect(hook.secret).toMatch(/^whsec_/);
    const ticket = await ticketBy('requester', 'Laptop tidak menyala');
    await until(() => at('/signed').length >= 1);
    const [call] = at('/signed');
    if (!call) throw new Error('no call');
    const payload = JSON.parse(call.body);
    expect(payload).toMatchObject({ type: 'ticket.created', apiVersion: 1, data: { ticket: { id: ticket.id, number: ticket.number } } });
    expect(payload.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(call.headers['x-ish-event-id']).toBe(payload.id);
    expect(call.headers['x-ish-event']).toBe('ticket.created');
    const signature = String(call.headers['x-ish-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(hook.secret, signature, call.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature('whsec_wrong', signature, call.body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verifySignature(hook.secret, signature, `${call.body} `, Math.floor(Date.now() / 1000))).toBe(false);
    // The secret is never listed again.
    expect(JSON.stringify((await admin.get('/api/v1/webhooks')).body)).not.toContain(hook.secret);
    await admin.patch(`/api/v1/webhooks/${hook.id}`, { version: hook.version, active: false });
  });

  it('publish as soon as an endpoint subscribes, and stop at once when it is switched off, though each process remembers who subscribes', async () => {
    const published = async (ticketId: number) =>
      Number(
        (
          await t.ctx.db.execute<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM webhook_events WHERE record_key = ${`ticket:${ticketId}`}`,
          )
        ).rows[0]?.n,
      );
    // Nobody subscribes to ticket.commented yet: this process now remembers that.
    const ticket = await ticketBy('requester', 'Sebelum langganan');
    const requester = await t.actingAs('requester');
    expect((await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: '<p>satu</p>' })).status).toBe(201);
    expect(await published(ticket.id)).toBe(0);
    const hook = await subscribe(admin, '/subscribed-late', { events: ['ticket.commented'] });
    expect((await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: '<p>dua</p>' })).status).toBe(201);
    expect(await published(ticket.id)).toBe(1);
    const off = await admin.patch(`/api/v1/webhooks/${hook.id}`, { version: hook.version, active: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect((await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: '<p>tiga</p>' })).status).toBe(201);
    expect(await published(ticket.id)).toBe(1);
  });

  it('retry a failing receiver with exponential backoff, keeping the event id, and log every answer', async () => {
    script.set('/flaky', [500, 502]);
    const hook = await subscribe(admin, '/flaky');
    await ticketBy('requester', 'Wi-Fi putus-putus');
    await until(() => at('/flaky').length >= 3);
    const ids = at('/flaky').map((r) => r.headers['x-ish-event-id']);
    expect(new Set(ids).size).toBe(1);
    const deliveries = await admin.get(`/api/v1/webhooks/${hook.id}/deliveries`);
    await until(async () => (await admin.get(`/api/v1/webhooks/${hook.id}/deliveries`)).body.items[0]?.status === 'succeeded');
    const [delivery] = (await admin.get(`/api/v1/webhooks/${hook.id}/deliveries`)).body.items;
    expect(deliveries.status).toBe(200);
    expect(delivery).toMatchObject({ eventId: ids[0], eventType: 'ticket.created', attempts: 3, responseStatus: 200 });
    // The waits double: 1 s after the first failure, 2 s after the second.
    expect(
      delivery.log.map((a: { responseStatus: number; retryInSeconds: number | null }) => [a.responseStatus, a.retryInSeconds]),
    ).toEqual([
      [500, 1],
      [502, 2],
      [200, null],
    ]);

    // Redeliver: a new delivery of the same event, with the same id.
    const again = await admin.post(`/api/v1/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body.eventId).toBe(ids[0]);
    await until(() => at('/flaky').length >= 4);
    expect(at('/flaky')[3]?.headers['x-ish-event-id']).toBe(ids[0]);
    const current = (await admin.get(`/api/v1/webhooks/${hook.id}`)).body;
    await admin.patch(`/api/v1/webhooks/${hook.id}`, { version: current.version, active: false });
  });

  it('a subscription scoped to one unit never receives another unit’s events', async () => {
    const siti = Number(
      (await t.ctx.db.execute<{ unit_id: number }>(sql`SELECT unit_id FROM users WHERE email = 'siti@nusantara.test'`)).rows[0]?.unit_id,
    );
    const fajar = await t.actingAs('division_admin');
    // The Division Admin manages webhooks for their own unit only.
    const wide = await fajar.post('/api/v1/webhooks', {
      name: 'x',
      url: `${base}/x`,
      events: ['ticket.created'],
      scope: { kind: 'organisation' },
    });
    expect(wide.status).toBe(403);
    expect(wide.body.code).toBe('FORBIDDEN');
    const scoped = await subscribe(admin, '/unit-only', { scope: { kind: 'unit', unitId: siti } });
    const all = await subscribe(admin, '/everything');
    const inside = await ticketBy('requester', 'Proyektor ruang rapat');
    const outside = await ticketBy('agent', 'Server TI penuh');
    await until(() => at('/everything').length >= 2);
    await until(() => at('/unit-only').length >= 1);
    // Both events went out to the organisation-wide endpoint; the unit's endpoint had its chance at both.
    const seen = at('/unit-only').map((r) => JSON.parse(r.body).data.ticket.id);
    expect(seen).toEqual([inside.id]);
    const queued = await t.ctx.db.execute(sql`SELECT 1 FROM webhook_deliveries WHERE endpoint_id = ${scoped.id}`);
    expect(queued.rows.length).toBe(1);
    expect(
      at('/everything')
        .map((r) => JSON.parse(r.body).data.ticket.id)
        .sort(),
    ).toEqual([inside.id, outside.id].sort());
    // An endpoint outside a Division Admin's unit is not theirs to see.
    const hidden = await fajar.get(`/api/v1/webhooks/${all.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('NOT_FOUND');
    for (const id of [scoped.id, all.id]) {
      const current = (await admin.get(`/api/v1/webhooks/${id}`)).body;
      await admin.patch(`/api/v1/webhooks/${id}`, { version: current.version, active: false });
    }
  });

  it('carry change status events, and disable an endpoint after repeated failures with a notice', async () => {
    const hook = await subscribe(admin, '/always-down', { events: ['ticket.created', 'ticket.status_changed'] });
    const ticket = await ticketBy('requester', 'Akses VPN');
    await until(async () => (await admin.get(`/api/v1/webhooks/${hook.id}`)).body.active === false);
    const endpoint = (await admin.get(`/api/v1/webhooks/${hook.id}`)).body;
    expect(endpoint).toMatchObject({ disabledReason: 'failures', failureStreak: 3 });
    const notices = await t.ctx.db.execute(sql`SELECT 1 FROM notifications WHERE event = 'webhook_disabled'`);
    expect(notices.rows.length).toBeGreaterThan(0);
    expect(ticket.id).toBeGreaterThan(0);

    // Change management's status changes are one source of events.
    const change = await subscribe(admin, '/changes', { events: ['change.status_changed'] });
    const agus = await t.actingAs('change_manager');
    const service = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM business_services WHERE code = 'WEB'`)).rows[0]?.id);
    const template = await agus.post('/api/v1/change-templates', {
      name: 'Deploy web',
      reason: 'Rilis',
      impact: 'Tanpa henti',
      implementationPlan: 'deploy',
      testPlan: 'smoke',
      rollbackPlan: 'redeploy',
      serviceIds: [service],
    });
    const putri = await t.actingAs('change_requester');
    const created = await putri.post('/api/v1/changes', {
      templateId: template.body.id,
      plannedStart: '2031-07-01T10:00:00+07:00',
      submit: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // A standard change is submitted and approved at once: two events, in order, for the one change.
    await until(() => at('/changes').length >= 2);
    const events = at('/changes').map((r) => JSON.parse(r.body));
    expect(events.map((e) => [e.type, e.data.change.id, e.data.previousStatus, e.data.change.status])).toEqual([
      ['change.status_changed', created.body.id, 'draft', 'submitted'],
      ['change.status_changed', created.body.id, 'submitted', 'approved'],
    ]);
    expect(change.id).toBeGreaterThan(0);
  });

  it('rotate the secret without downtime: both secrets sign until the old one expires', async () => {
    const hook = await subscribe(admin, '/rotated');
    const rotated = await admin.post(`/api/v1/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.secret);
    await ticketBy('requester', 'Mouse rusak');
    await until(() => at('/rotated').length >= 1);
    const [call] = at('/rotated');
    const header = String(call?.headers['x-ish-signature']);
    const now = Math.floor(Date.now() / 1000);
    expect(verifySignature(hook.secret, header, call?.body ?? '', now)).toBe(true);
    expect(verifySignature(rotated.body.secret, header, call?.body ?? '', now)).toBe(true);
    // A stale request is refused whatever its signature.
    expect(verifySignature(rotated.body.secret, header, call?.body ?? '', now + 3600)).toBe(false);
  });

  it('refuse a scope naming a company that does not exist (a validation error, nothing stored)', async () => {
    const res = await admin.post('/api/v1/webhooks', {
      name: 'Perusahaan hantu',
      url: `${base}/ghost`,
      events: ['ticket.created'],
      scope: { kind: 'company', companyId: 999999 },
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'scope.companyId' })]);
    const stored = await t.ctx.db.execute(sql`SELECT 1 FROM webhook_endpoints WHERE company_id = 999999`);
    expect(stored.rows.length).toBe(0);
  });

  it('keep the delivery log for its retention: older finished events go with their deliveries and attempts, pending ones stay', async () => {
    const endpoint = await subscribe(admin, '/retention');
    const now = new Date();
    const old = new Date(now.getTime() - (WEBHOOK_LOG_DAYS + 1) * 86_400_000);
    const event = async (id: string, createdAt: Date, status: 'succeeded' | 'failed' | 'pending') => {
      await t.ctx.db.execute(sql`INSERT INTO webhook_events (id, type, record_key, company_id, unit_path, payload, created_at)
        SELECT ${id}, 'ticket.created', 'ticket:0', id, '/1/', '{}'::jsonb, ${createdAt.toISOString()}::timestamptz FROM companies LIMIT 1`);
      const { rows } = await t.ctx.db.execute<{ id: number }>(sql`INSERT INTO webhook_deliveries
        (endpoint_id, event_id, record_key, status, attempts, next_attempt_at, created_at)
        VALUES (${endpoint.id}, ${id}, 'ticket:0', ${status}, 1, ${status === 'pending' ? sql`now() + interval '1 day'` : null}, ${createdAt.toISOString()}::timestamptz)
        RETURNING id`);
      await t.ctx.db.execute(
        sql`INSERT INTO webhook_attempts (delivery_id, at, response_status) VALUES (${rows[0]?.id}, ${createdAt.toISOString()}::timestamptz, 200)`,
      );
    };
    await event('evt_retention_done', old, 'succeeded');
    await event('evt_retention_failed', old, 'failed');
    await event('evt_retention_pending', old, 'pending');
    await event('evt_retention_recent', now, 'succeeded');
    expect(await sweepWebhookLog(t.ctx, now)).toBe(2);
    const { rows } = await t.ctx.db.execute<{ id: string; deliveries: number; attempts: number }>(sql`
      SELECT e.id, count(DISTINCT d.id)::int AS deliveries, count(a.id)::int AS attempts FROM webhook_events e
      LEFT JOIN webhook_deliveries d ON d.event_id = e.id LEFT JOIN webhook_attempts a ON a.delivery_id = d.id
      WHERE e.id LIKE 'evt_retention_%' GROUP BY e.id ORDER BY e.id`);
    expect(rows).toEqual([
      { id: 'evt_retention_pending', deliveries: 1, attempts: 1 },
      { id: 'evt_retention_recent', deliveries: 1, attempts: 1 },
    ]);
    const orphans = await t.ctx.db.execute(
      sql`SELECT 1 FROM webhook_attempts a LEFT JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.id IS NULL`,
    );
    expect(orphans.rows).toEqual([]);
  });
});
