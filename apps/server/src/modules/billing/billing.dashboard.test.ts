import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { billingWorld } from '../../../test/support/billing-world.ts';
import { manualClock } from '../../platform/time/clock.ts';

const clock = manualClock('2026-09-01T03:00:00Z');
let t: TestApp;
let world: Awaited<ReturnType<typeof billingWorld>>;
let yuni: Client;
let bambang: Client;

beforeAll(async () => {
  t = await createTestApp({ clock });
  world = await billingWorld(t, clock);
  [yuni, bambang] = await Promise.all([t.actingAs('billing_coordinator'), t.actingAs('executive')]);
  await world.charge('siti@nusantara.test', 'consulting', 3, '2026-09-10T03:00:00Z'); // Produk → DevOps 3.000.000
  await world.charge('siti@nusantara.test', 'data', 2, '2026-10-05T03:00:00Z'); // Produk → Big Data 600.000
  await world.charge('teguh@nusantara.test', 'consulting', 1, '2026-10-06T03:00:00Z'); // Big Data → DevOps 1.000.000
  await world.charge('dimas@nusantara.test', 'support', 4, '2026-10-07T03:00:00Z'); // Operasional → DevOps 1.000.000
  clock.at('2026-10-01T02:00:00Z');
  await (await t.actingAs('billing_admin')).post('/api/v1/billing/runs', { period: '2026-09' });
  clock.at('2026-10-20T03:00:00Z');
});
afterAll(() => t.close());

describe('billing dashboard', () => {
  it('shows an Executive every division: spend, revenue, services by count and amount, the trend and what is outstanding', async () => {
    const res = await bambang.get('/api/v1/billing/dashboard?from=2026-08&to=2026-10');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.trend).toEqual([
      { period: '2026-08', spend: 0, revenue: 0 },
      { period: '2026-09', spend: 3_000_000, revenue: 3_000_000 },
      { period: '2026-10', spend: 2_600_000, revenue: 2_600_000 },
    ]);
    expect(d.spendByDivision.map((r: { name: string; amount: number }) => [r.name, r.amount])).toEqual([
      ['Produk', 3_600_000],
      ['Big Data', 1_000_000],
      ['Operasional', 1_000_000],
    ]);
    expect(d.revenueByProvider.map((r: { name: string; amount: number; requests: number }) => [r.name, r.amount, r.requests])).toEqual([
      ['DevOps', 5_000_000, 3],
      ['Big Data', 600_000, 1],
    ]);
    expect(d.topServicesByCount[0]).toMatchObject({ name: 'Paket konsultasi arsitektur', requests: 2, amount: 4_000_000 });
    expect(d.topServicesByAmount.map((s: { amount: number }) => s.amount)).toEqual([4_000_000, 1_000_000, 600_000]);
    expect(d.outstanding).toMatchObject({ total: 3_000_000, overdue: 0, openInvoices: 1 });
    // Twelve months up to this one by default.
    const standard = (await bambang.get('/api/v1/billing/dashboard')).body;
    expect(standard).toMatchObject({ from: '2025-11', to: '2026-10' });
    expect(standard.trend).toHaveLength(12);
  });

  it('shows a Billing Coordinator their own division only, and nobody else anything', async () => {
    const d = (await yuni.get('/api/v1/billing/dashboard?from=2026-09&to=2026-10')).body;
    expect(d.spendByDivision.map((r: { name: string }) => r.name)).toEqual(['Produk']);
    expect(d.revenueByProvider).toEqual([]);
    expect(d.trend).toEqual([
      { period: '2026-09', spend: 3_000_000, revenue: 0 },
      { period: '2026-10', spend: 600_000, revenue: 0 },
    ]);
    const devops = (await (await t.signIn('wulan@nusantara.test')).get('/api/v1/billing/dashboard?from=2026-09&to=2026-10')).body;
    expect(devops.spendByDivision).toEqual([]);
    expect(devops.revenueByProvider.map((r: { name: string; amount: number }) => [r.name, r.amount])).toEqual([['DevOps', 5_000_000]]);
    expect(devops.outstanding.total).toBe(0);
    const requester = await (await t.actingAs('requester')).get('/api/v1/billing/dashboard');
    expect([requester.status, requester.body.code]).toEqual([403, 'FORBIDDEN']);
    const backwards = await bambang.get('/api/v1/billing/dashboard?from=2026-10&to=2026-09');
    expect([backwards.status, backwards.body.code]).toEqual([400, 'DASHBOARD_RANGE_INVALID']);
  });

  it('exports the dashboard’s tables as XLSX', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/billing/dashboard/export?from=2026-09&to=2026-10',
      headers: { cookie: bambang.cookie ?? '' },
    });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Biaya per divisi',
      'Pendapatan per penyedia',
      'Layanan terbanyak',
      'Tren bulanan',
      'Tagihan terbuka',
    ]);
    expect(workbook.worksheets[0]?.getRow(2).values).toEqual([undefined, 'Produk', 2, 3_600_000, '']);
  });
});

describe('budgets', () => {
  it('lets a division’s Billing Coordinator set its monthly budget; another division answers 404', async () => {
    const mine = (await yuni.get(`/api/v1/billing/budgets/${world.unit.PRODUK}`)).body;
    expect(mine).toMatchObject({ budget: null, spent: 600_000, remaining: null, version: 0, period: '2026-10' });
    const foreign = await yuni.put(`/api/v1/billing/budgets/${world.unit.OPS}`, { monthlyAmount: 1, version: 0 });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    for (const amount of [0, -5, 1.5]) {
      const bad = await yuni.put(`/api/v1/billing/budgets/${world.unit.PRODUK}`, { monthlyAmount: amount, version: 0 });
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const executive = await bambang.put(`/api/v1/billing/budgets/${world.unit.PRODUK}`, { monthlyAmount: 1_000_000, version: 0 });
    expect([executive.status, executive.body.code]).toEqual([403, 'FORBIDDEN']);
    const set = await yuni.put(`/api/v1/billing/budgets/${world.unit.PRODUK}`, { monthlyAmount: 2_000_000, version: 0 });
    expect(set.body).toMatchObject({ budget: 2_000_000, spent: 600_000, remaining: 1_400_000, version: 1 });
    expect((await yuni.put(`/api/v1/billing/budgets/${world.unit.PRODUK}`, { monthlyAmount: 3_000_000, version: 0 })).status).toBe(409);
  });

  it('lists the divisions each reader may see with their budgets, and who may change them', async () => {
    const own = (await yuni.get('/api/v1/billing/budgets')).body.items;
    expect(own.map((b: { division: { name: string }; canEdit: boolean }) => [b.division.name, b.canEdit])).toEqual([['Produk', true]]);
    const all = (await bambang.get('/api/v1/billing/budgets')).body.items;
    expect(all.length).toBeGreaterThan(5);
    expect(all.every((b: { canEdit: boolean }) => !b.canEdit)).toBe(true);
    const admin = (await (await t.actingAs('billing_admin')).get('/api/v1/billing/budgets')).body.items;
    expect(admin.every((b: { canEdit: boolean }) => b.canEdit)).toBe(true);
  });

  it('shows the orderer what remains of their division’s budget', async () => {
    const siti = await t.actingAs('requester');
    expect((await siti.get('/api/v1/billing/budgets/mine')).body).toMatchObject({
      division: { name: 'Produk' },
      budget: 2_000_000,
      spent: 600_000,
      remaining: 1_400_000,
    });
    // Platform & Cloud orders within DevOps' budget (none set).
    expect((await (await t.signIn('putri@nusantara.test')).get('/api/v1/billing/budgets/mine')).body).toMatchObject({
      division: { name: 'DevOps' },
      budget: null,
    });
  });

  it('tells the Billing Coordinator and Approvers once when the month passes 80 % and 100 %', async () => {
    const notices = async () =>
      (
        await t.ctx.db.execute<{ email: string; title: string }>(sql`
          SELECT u.email, n.title FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.event = 'budget_threshold' ORDER BY n.id`)
      ).rows;
    await world.charge('siti@nusantara.test', 'support', 3, '2026-10-21T03:00:00Z'); // 600.000 + 750.000 = 67 %
    expect(await notices()).toEqual([]);
    await world.charge('siti@nusantara.test', 'support', 1, '2026-10-22T03:00:00Z'); // 1.600.000 = 80 %
    expect(await notices()).toEqual([
      { email: 'yuni@nusantara.test', title: 'Anggaran Produk periode Oktober 2026 telah terpakai 80 %' },
      { email: 'hendra@nusantara.test', title: 'Anggaran Produk periode Oktober 2026 telah terpakai 80 %' },
    ]);
    await world.charge('siti@nusantara.test', 'support', 1, '2026-10-23T03:00:00Z'); // 1.850.000: still 80 %, no repeat
    expect(await notices()).toHaveLength(2);
    await world.charge('siti@nusantara.test', 'consulting', 1, '2026-10-24T03:00:00Z'); // 2.850.000: past 100 %
    expect((await notices()).map((n) => n.title.match(/(\d+) %$/)?.[1])).toEqual(['80', '80', '100', '100']);
    const dashboard = (await yuni.get('/api/v1/billing/dashboard?from=2026-10&to=2026-10')).body;
    expect(dashboard.budgets).toEqual([
      { id: world.unit.PRODUK, name: 'Produk', period: '2026-10', budget: 2_000_000, spent: 2_850_000, percent: 143 },
    ]);
    expect(dashboard.spendByDivision[0]).toMatchObject({ name: 'Produk', budget: 2_000_000 });
  });
});
