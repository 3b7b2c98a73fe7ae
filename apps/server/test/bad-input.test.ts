import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let admin: Client;
let requester: Client;

beforeAll(async () => {
  t = await createTestApp();
  [admin, requester] = await Promise.all([t.actingAs('administrator'), t.actingAs('requester')]);
});
afterAll(() => t.close());

const ticketCount = async () => (await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM tickets`)).rows[0]?.n;

describe('bad input answers 400 problem+json, never 500', () => {
  it('refuses NUL characters in fields and query parameters, naming where, and stores nothing', async () => {
    const before = await ticketCount();
    const res = await requester.post('/api/v1/tickets', { title: 'Printer\u0000rusak' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'title', message: 'Tidak boleh berisi karakter NUL.' }]);
    expect(await ticketCount()).toBe(before);
    const query = await requester.get('/api/v1/tickets?q=a%00b');
    expect(query.status).toBe(400);
    expect(query.body.errors[0].path).toBe('querystring.q');
    expect((await requester.get('/api/v1/tickets/a%00b')).status).toBe(400);
  });

  it('refuses year 0000 and days that do not exist', async () => {
    for (const url of ['/api/v1/tickets/counts?from=0000-01-01', '/api/v1/audit?from=0000-01-01', '/api/v1/holidays?from=2026-02-30']) {
      const res = await admin.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses ids beyond bigint and words where ids go', async () => {
    for (const url of [
      '/api/v1/tickets/99999999999999999999',
      '/api/v1/users/99999999999999999999',
      '/api/v1/users/abc',
      '/api/v1/catalog/items/1.5',
    ]) {
      const res = await admin.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses a corrupt image that passes for a PNG by its first bytes', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const corrupt = Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]);
    for (const url of ['/api/v1/me/photo', '/api/v1/settings/logo']) {
      const res = await admin.upload(url, { name: 'foto.png', type: 'image/png', data: corrupt });
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('IMAGE_UNREADABLE');
    }
  });
});

describe('profile photos', () => {
  it('deletes the old photo when it is replaced or removed', async () => {
    const image = (colour: string) =>
      sharp({ create: { width: 300, height: 300, channels: 3, background: colour } })
        .png()
        .toBuffer();
    const photoId = async () =>
      (await t.ctx.db.execute<{ id: number | null }>(sql`SELECT photo_file_id AS id FROM users WHERE email = 'siti@nusantara.test'`))
        .rows[0]?.id ?? null;
    const exists = async (id: number) =>
      (await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM files WHERE id = ${id}`)).rows[0]?.n === 1;

    expect((await requester.upload('/api/v1/me/photo', { name: 'a.png', type: 'image/png', data: await image('#ff0000') })).status).toBe(
      200,
    );
    const first = (await photoId()) as number;
    expect((await requester.upload('/api/v1/me/photo', { name: 'b.png', type: 'image/png', data: await image('#00ff00') })).status).toBe(
      200,
    );
    const second = (await photoId()) as number;
    expect(second).not.toBe(first);
    expect(await exists(first)).toBe(false);
    expect(await exists(second)).toBe(true);
    expect((await requester.delete('/api/v1/me/photo')).status).toBe(204);
    expect(await photoId()).toBeNull();
    expect(await exists(second)).toBe(false);
  });
});
