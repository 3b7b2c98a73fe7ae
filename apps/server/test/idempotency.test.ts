import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let requester: Client;
let agent: Client;

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent] = await Promise.all([t.actingAs('requester'), t.actingAs('agent')]);
});
afterAll(() => t.close());

const count = async (table: 'tickets' | 'ticket_comments' | 'service_requests') =>
  (await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`)).rows[0]?.n ?? 0;
const key = (name: string) => ({ 'idempotency-key': `${name}-${Math.random().toString(36).slice(2)}` });

describe('Idempotency-Key on creates', () => {
  it('returns the same ticket to a retry instead of creating a second', async () => {
    const before = await count('tickets');
    const headers = key('tiket');
    const first = await requester.post('/api/v1/tickets', { title: 'Wi-Fi lantai 2 putus' }, headers);
    const retry = await requester.post('/api/v1/tickets', { title: 'Wi-Fi lantai 2 putus' }, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.number).toBe(first.body.number);
    expect(retry.headers['idempotency-replayed']).toBe('true');
    expect(await count('tickets')).toBe(before + 1);
    // Without a key every POST creates.
    await requester.post('/api/v1/tickets', { title: 'Wi-Fi lantai 2 putus' });
    expect(await count('tickets')).toBe(before + 2);
  });

  it('creates once when the same key arrives many times at once', async () => {
    const before = await count('tickets');
    const headers = key('serentak');
    const results = await Promise.all(
      Array.from({ length: 6 }, () => requester.post('/api/v1/tickets', { title: 'Listrik padam di gudang' }, headers)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await count('tickets')).toBe(before + 1);
  });

  it('refuses the same key with another body, and keeps keys apart per user', async () => {
    const headers = key('beda');
    expect((await requester.post('/api/v1/tickets', { title: 'Monitor mati' }, headers)).status).toBe(201);
    const other = await requester.post('/api/v1/tickets', { title: 'Keyboard rusak' }, headers);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const before = await count('tickets');
    expect((await agent.post('/api/v1/tickets', { title: 'Monitor mati' }, headers)).status).toBe(201);
    expect(await count('tickets')).toBe(before + 1);
    const invalid = await requester.post('/api/v1/tickets', { title: 'Monitor mati' }, { 'idempotency-key': 'ada spasi' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('leaves the key free when the create was refused', async () => {
    const headers = key('ditolak');
    const refused = await requester.post('/api/v1/tickets', { title: 'Printer', categoryId: 999_999 }, headers);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect((await requester.post('/api/v1/tickets', { title: 'Printer' }, headers)).status).toBe(201);
  });

  it('adds one reply for a retried reply', async () => {
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Aplikasi cuti lambat' })).body;
    const before = await count('ticket_comments');
    const headers = key('balasan');
    const first = await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Masih lambat pagi ini.' }, headers);
    const retry = await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Masih lambat pagi ini.' }, headers);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(first.body);
    expect(await count('ticket_comments')).toBe(before + 1);
  });

  it('orders once for a retried service request', async () => {
    const [lina, manager] = await Promise.all([t.signIn('lina@nusantara.test'), t.actingAs('catalog_manager')]);
    await t.ctx.db.execute(sql`
      INSERT INTO teams (company_id, unit_id, code, name, level, lead_user_id)
      SELECT u.company_id, u.id, 'BD-IDEM', 'Layanan Big Data', 2, (SELECT id FROM users WHERE email = 'lina@nusantara.test')
      FROM units u WHERE u.code = 'BIGDATA'`);
    const ids = (
      await t.ctx.db.execute<{ unit: number; team: number }>(sql`SELECT unit_id AS unit, id AS team FROM teams WHERE code = 'BD-IDEM'`)
    ).rows[0] as { unit: number; team: number };
    let item = (
      await lina.post('/api/v1/catalog/items', {
        providerUnitId: ids.unit,
        teamId: ids.team,
        nameId: 'Ekspor data',
        nameEn: 'Data export',
        category: 'Data',
        costModel: 'fixed',
        rate: 100_000,
        unitLabel: 'paket',
        responseMinutes: 240,
        resolutionMinutes: 2880,
        form: [],
      })
    ).body;
    item = (await lina.post(`/api/v1/catalog/items/${item.id}/submit`, { version: item.version })).body;
    item = (await manager.post(`/api/v1/catalog/items/${item.id}/approve`, { version: item.version })).body;

    const before = await count('service_requests');
    const headers = key('pesan');
    const order = { itemId: item.id, quantity: 1, answers: {} };
    const first = await requester.post('/api/v1/service-requests', order, headers);
    const retry = await requester.post('/api/v1/service-requests', order, headers);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
    expect(await count('service_requests')).toBe(before + 1);
  });

  it('never creates again when the first create committed but its answer was lost', async () => {
    const headers = key('hilang');
    const { rows } = await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = 'siti@nusantara.test'`);
    // What a process killed between its commit and its answer leaves behind.
    const hash = (await import('node:crypto'))
      .createHash('sha256')
      .update(JSON.stringify({ title: 'Proyektor' }))
      .digest('hex');
    await t.ctx.db.execute(
      sql`INSERT INTO idempotency_keys (actor_id, route, key, request_hash) VALUES (${rows[0]?.id}, 'POST /api/v1/tickets', ${headers['idempotency-key']}, ${hash})`,
    );
    const before = await count('tickets');
    const res = await requester.post('/api/v1/tickets', { title: 'Proyektor' }, headers);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IDEMPOTENCY_RESULT_UNKNOWN');
    expect(await count('tickets')).toBe(before);
  });
});
