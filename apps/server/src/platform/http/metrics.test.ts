import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

const TOKEN = 'metrics-token-for-the-test-0123';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(() => t.close());

describe('/metrics', () => {
  it('answers Prometheus text to the token holder only', async () => {
    const requester = await t.actingAs('requester');
    await requester.get('/api/v1/tickets');
    const anonymous = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(anonymous.statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer salah' } });
    expect(wrong.statusCode).toBe(401);
    // A signed-in Administrator without the token gets nothing either.
    const admin = await t.actingAs('administrator');
    expect((await admin.get('/metrics')).status).toBe(401);

    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    const text = res.body;
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*method="GET",route="\/api\/v1\/tickets",status="200"/);
    expect(text).toMatch(/jobs_queue_depth\{queue="mail.send",state="queued"\} \d+/);
    expect(text).toMatch(/db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/sse_clients \d+/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });

  it('does not exist without METRICS_TOKEN', async () => {
    const plain = await createTestApp({ database: t.ctx.env.DATABASE_URL });
    try {
      const res = await plain.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer x' } });
      expect(res.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
