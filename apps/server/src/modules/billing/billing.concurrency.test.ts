import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { billingWorld, chargesOnInvoices } from '../../../test/support/billing-world.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { runDueCompanies, runPeriod } from './index.ts';

const clock = manualClock('2026-09-01T03:00:00Z');
let first: TestApp;
let second: TestApp; // another server process on the same database

beforeAll(async () => {
  first = await createTestApp({ clock });
  second = await createTestApp({ clock, database: first.ctx.env.DATABASE_URL });
  const world = await billingWorld(first, clock);
  // Four paying divisions in September (Platform & Cloud pays as DevOps).
  await world.charge('siti@nusantara.test', 'consulting', 1, '2026-09-03T03:00:00Z');
  await world.charge('siti@nusantara.test', 'data', 2, '2026-09-04T03:00:00Z');
  await world.charge('teguh@nusantara.test', 'support', 1, '2026-09-05T03:00:00Z');
  await world.charge('dimas@nusantara.test', 'consulting', 2, '2026-09-06T03:00:00Z');
  await world.charge('putri@nusantara.test', 'support', 4, '2026-09-07T03:00:00Z');
  await world.charge('sri@nusantara.test', 'data', 1, '2026-09-08T03:00:00Z');
});
afterAll(async () => {
  await second.close();
  await first.close();
});

describe('two server processes', () => {
  it('running the same period at once, by hand and on schedule, create one invoice per division and nothing twice', async () => {
    clock.at('2026-09-30T18:30:00Z'); // 01:30 WIB on 1 October
    const [a, b] = await Promise.all([first.actingAs('billing_admin'), second.actingAs('billing_admin')]);
    const companyId = Number((await first.ctx.db.execute<{ id: number }>(sql`SELECT id FROM companies WHERE code = 'NDS'`)).rows[0]?.id);
    const results = await Promise.all([
      a.post('/api/v1/billing/runs', { period: '2026-09' }),
      b.post('/api/v1/billing/runs', { period: '2026-09' }),
      runDueCompanies(first.ctx),
      runDueCompanies(second.ctx),
      runPeriod(second.ctx, {
        companyId,
        period: '2026-09',
        trigger: 'manual',
        actorId: null,
        source: { actorId: null, actorEmail: null, ip: null },
      }),
    ]);
    const [byHandA, byHandB, scheduledA, scheduledB, direct] = results as [
      { status: number; body: { created: number } },
      { status: number; body: { created: number } },
      number,
      number,
      { created: number },
    ];
    expect(byHandA.status).toBe(200);
    expect(byHandB.status).toBe(200);
    expect(byHandA.body.created + byHandB.body.created + scheduledA + scheduledB + direct.created).toBe(5);

    const invoices = (
      await first.ctx.db.execute<{ code: string; n: number }>(sql`
        SELECT u.code, count(*)::int AS n FROM invoices i JOIN units u ON u.id = i.unit_id WHERE i.period = '2026-09' GROUP BY u.code ORDER BY u.code`)
    ).rows;
    expect(invoices).toEqual([
      { code: 'BIGDATA', n: 1 },
      { code: 'DEVOPS', n: 1 },
      { code: 'FIN', n: 1 },
      { code: 'OPS', n: 1 },
      { code: 'PRODUK', n: 1 },
    ]);
    expect((await chargesOnInvoices(first)).every((c) => c.invoices === 1)).toBe(true);
    const numbers = (await first.ctx.db.execute<{ number: string }>(sql`SELECT number FROM invoices ORDER BY number`)).rows.map(
      (r) => r.number,
    );
    expect(numbers).toEqual(['INV/2026/10/1', 'INV/2026/10/2', 'INV/2026/10/3', 'INV/2026/10/4', 'INV/2026/10/5']);
    // Each invoice was issued and announced once.
    const issued = (await first.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM invoice_events WHERE kind = 'issued'`))
      .rows[0];
    expect(issued?.n).toBe(5);
    const notices = (
      await first.ctx.db.execute<{ dedupe_key: string; n: number }>(sql`
        SELECT dedupe_key, count(*)::int AS n FROM notification_deliveries WHERE event = 'invoice_issued' GROUP BY dedupe_key HAVING count(*) > 1`)
    ).rows;
    expect(notices).toEqual([]);
  });
});
