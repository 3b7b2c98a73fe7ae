import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { billingWorld, chargesOnInvoices } from '../../../test/support/billing-world.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { runDueCompanies } from './index.ts';

const clock = manualClock('2026-09-01T03:00:00Z');
let t: TestApp;
let world: Awaited<ReturnType<typeof billingWorld>>;
let admin: Client; // sri: billing administration of PT Nusantara Digital Sejahtera
let yuni: Client; // Produk's Billing Coordinator

beforeAll(async () => {
  t = await createTestApp({ clock });
  world = await billingWorld(t, clock);
  admin = await t.actingAs('billing_admin');
  yuni = await t.actingAs('billing_coordinator');
});
afterAll(() => t.close());

const invoiceRows = async () =>
  (
    await t.ctx.db.execute<{ id: number; number: string; period: string; code: string; total: string; sum: string; status: string }>(sql`
      SELECT i.id, i.number, i.period, u.code, i.total::text, i.status,
        (SELECT coalesce(sum(amount), 0)::text FROM invoice_lines l WHERE l.invoice_id = i.id) AS sum
      FROM invoices i JOIN units u ON u.id = i.unit_id ORDER BY i.id`)
  ).rows;

describe('the monthly run', () => {
  it('refuses a month that has not ended, or is to come, and anyone without billing administration', async () => {
    clock.at('2026-09-20T03:00:00Z');
    const current = await admin.post('/api/v1/billing/runs', { period: '2026-09' });
    expect(current.status).toBe(400);
    expect(current.body.code).toBe('PERIOD_NOT_ENDED');
    const future = await admin.post('/api/v1/billing/runs', { period: '2026-12' });
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('PERIOD_IN_FUTURE');
    const bad = await admin.post('/api/v1/billing/runs', { period: '2026-13' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const coordinator = await yuni.post('/api/v1/billing/runs', { period: '2026-08' });
    expect(coordinator.status).toBe(403);
    expect(coordinator.body.code).toBe('FORBIDDEN');
    expect(await invoiceRows()).toEqual([]);
  });

  it('puts every charge on exactly one invoice across three months with late charges in between; totals are the sums of their lines', async () => {
    // September: Produk and Big Data order; Platform & Cloud's charge is DevOps' (its division).
    const produkSep = await world.charge('siti@nusantara.test', 'consulting', 2, '2026-09-10T03:00:00Z');
    await world.charge('siti@nusantara.test', 'data', 1.5, '2026-09-15T03:00:00Z');
    await world.charge('teguh@nusantara.test', 'support', 3, '2026-09-20T03:00:00Z');
    await world.charge('putri@nusantara.test', 'data', 2, '2026-09-25T03:00:00Z');

    clock.at('2026-10-01T02:00:00Z');
    const september = await admin.post('/api/v1/billing/runs', { period: '2026-09' });
    expect(september.status).toBe(200);
    expect(september.body.created).toBe(3);
    expect(september.body.invoices.map((i: { division: { name: string } }) => i.division.name).sort()).toEqual([
      'Big Data',
      'DevOps',
      'Produk',
    ]);
    const produkSepInvoice = september.body.invoices.find((i: { division: { name: string } }) => i.division.name === 'Produk');
    expect(produkSepInvoice).toMatchObject({
      total: 2_000_000 + 450_000,
      status: 'issued',
      number: 'INV/2026/10/3',
      dueDate: '2026-10-15',
    });
    // Running it again, by hand, changes nothing.
    expect((await admin.post('/api/v1/billing/runs', { period: '2026-09' })).body).toEqual({ created: 0, invoices: [] });

    // A September charge recorded after September's run (23:00 WIB on the 30th) waits for October's invoice.
    const late = await world.charge('siti@nusantara.test', 'support', 2, '2026-09-30T16:00:00Z');
    await world.charge('siti@nusantara.test', 'consulting', 1, '2026-10-05T03:00:00Z');
    await world.charge('dimas@nusantara.test', 'data', 4, '2026-10-06T03:00:00Z');
    // September's consulting is corrected in October: a reversing charge.
    clock.at('2026-10-20T03:00:00Z');
    expect((await yuni.post(`/api/v1/charges/${produkSep}/reverse`, { reason: 'Salah jumlah paket' })).status).toBe(204);

    clock.at('2026-11-01T02:00:00Z');
    const october = await admin.post('/api/v1/billing/runs', { period: '2026-10' });
    expect(october.body.created).toBe(2);
    const produkOct = october.body.invoices.find((i: { division: { name: string } }) => i.division.name === 'Produk');
    const detail = (await yuni.get(`/api/v1/invoices/${produkOct.id}`)).body;
    expect(detail.lines).toHaveLength(3);
    const carried = detail.lines.find((l: { chargeId: number }) => l.chargeId === late);
    expect(carried).toMatchObject({ kind: 'charge', carriedOver: true, amount: 500_000 });
    const reversal = detail.lines.find((l: { kind: string }) => l.kind === 'reversal');
    expect(reversal).toMatchObject({ amount: -2_000_000, reversesChargeId: produkSep, carriedOver: false, reason: 'Salah jumlah paket' });
    expect(detail.total).toBe(500_000 + 1_000_000 - 2_000_000);
    expect(detail.total).toBe(detail.lines.reduce((sum: number, l: { amount: number }) => sum + l.amount, 0));
    expect(detail.providers.map((p: { name: string; subtotal: number }) => [p.name, p.subtotal])).toEqual([['DevOps', -500_000]]);

    // A late October charge for Big Data (23:30 WIB on the 31st), and one at 00:30 WIB on 1 December (still November in UTC).
    await world.charge('teguh@nusantara.test', 'consulting', 1, '2026-10-31T16:30:00Z');
    await world.charge('siti@nusantara.test', 'data', 1, '2026-11-10T03:00:00Z');
    const december = await world.charge('siti@nusantara.test', 'support', 1, '2026-11-30T17:30:00Z');

    // The schedule runs November at 01:00 WIB on invoice day, not a minute before.
    clock.at('2026-11-30T17:59:00Z');
    expect(await runDueCompanies(t.ctx)).toBe(0);
    clock.at('2026-11-30T18:00:00Z');
    expect(await runDueCompanies(t.ctx)).toBe(2);
    expect(await runDueCompanies(t.ctx)).toBe(0);

    const onInvoices = await chargesOnInvoices(t);
    expect(onInvoices.filter((c) => c.id !== december).every((c) => c.invoices === 1)).toBe(true);
    expect(onInvoices.find((c) => c.id === december)?.invoices).toBe(0);
    const rows = await invoiceRows();
    expect(rows.map((r) => [r.period, r.code])).toEqual([
      ['2026-09', 'DEVOPS'],
      ['2026-09', 'BIGDATA'],
      ['2026-09', 'PRODUK'],
      ['2026-10', 'PRODUK'],
      ['2026-10', 'OPS'],
      ['2026-11', 'BIGDATA'],
      ['2026-11', 'PRODUK'],
    ]);
    for (const r of rows) expect(r.total).toBe(r.sum);
    const allCharges = (await t.ctx.db.execute<{ sum: string }>(sql`SELECT sum(amount)::text AS sum FROM charges WHERE id <> ${december}`))
      .rows[0]?.sum;
    expect(rows.reduce((sum, r) => sum + BigInt(r.total), 0n).toString()).toBe(allCharges);
    // Gapless per company and year, whichever month the pattern shows.
    expect(rows.map((r) => r.number)).toEqual([
      'INV/2026/10/1',
      'INV/2026/10/2',
      'INV/2026/10/3',
      'INV/2026/11/4',
      'INV/2026/11/5',
      'INV/2026/12/6',
      'INV/2026/12/7',
    ]);
    const bigDataNov = rows.find((r) => r.period === '2026-11' && r.code === 'BIGDATA');
    const lines = (
      await t.ctx.db.execute<{ carried_over: boolean }>(sql`SELECT carried_over FROM invoice_lines WHERE invoice_id = ${bigDataNov?.id}`)
    ).rows;
    expect(lines).toEqual([{ carried_over: true }]);
  });

  it('keeps totals equal to the stored lines and lines append-only, in the database itself', async () => {
    const [first] = await invoiceRows();
    await expect(t.ctx.pool.query(`UPDATE invoices SET total = total + 1 WHERE id = ${first?.id}`)).rejects.toThrow(
      /not the sum of its lines/,
    );
    await expect(t.ctx.pool.query(`UPDATE invoice_lines SET amount = 1 WHERE invoice_id = ${first?.id}`)).rejects.toThrow(/append-only/);
    await expect(t.ctx.pool.query(`DELETE FROM invoice_lines WHERE invoice_id = ${first?.id}`)).rejects.toThrow(/append-only/);
  });

  it('leaves invoices as drafts for review when the company says so; the Billing Coordinator issues them with the next number', async () => {
    const settings = (await admin.get('/api/v1/billing/settings')).body;
    expect(settings).toMatchObject({ invoiceDay: 1, paymentTermDays: 14, numberPattern: 'INV/{YYYY}/{MM}/{seq}', autoIssue: true });
    const { companyId: _c, ...body } = settings;
    const unknown = await admin.put('/api/v1/billing/settings', { ...body, invoiceDays: 5 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    const ok = await admin.put('/api/v1/billing/settings', {
      ...body,
      autoIssue: false,
      invoiceDay: 5,
      paymentTermDays: 10,
      signatoryName: 'Sri Wahyuni',
    });
    expect(ok.status).toBe(200);
    expect((await admin.put('/api/v1/billing/settings', { ...body, autoIssue: false })).status).toBe(409);
    expect(
      (await admin.put('/api/v1/billing/settings', { ...body, version: ok.body.version, numberPattern: 'INV/{YYYY}' })).body.code,
    ).toBe('NUMBER_PATTERN_INVALID');
    expect((await yuni.get('/api/v1/billing/settings')).status).toBe(403);

    // December's charge is invoiced on 5 January at 01:00 WIB, as a draft.
    clock.at('2027-01-01T03:00:00Z');
    expect(await runDueCompanies(t.ctx)).toBe(0);
    clock.at('2027-01-04T18:00:00Z');
    expect(await runDueCompanies(t.ctx)).toBe(1);
    const draft = (await yuni.get('/api/v1/invoices?period=2026-12')).body.items[0];
    expect(draft).toMatchObject({ status: 'draft', number: null, dueDate: null });
    // DevOps' Billing Coordinator sees the invoice (its own lines) but may not issue it; a foreign division's does not see it.
    const provider = await (await t.signIn('wulan@nusantara.test')).post(`/api/v1/invoices/${draft.id}/issue`, { version: draft.version });
    expect(provider.status).toBe(403);
    expect(provider.body.code).toBe('FORBIDDEN');
    await factories(t.ctx).grant(world.user['teguh@nusantara.test'] as number, 'billing_coordinator', {
      unitId: world.unit.BIGDATA as number,
    });
    const other = await t.signIn('teguh@nusantara.test');
    const foreign = await other.post(`/api/v1/invoices/${draft.id}/issue`, { version: draft.version });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    expect((await yuni.post(`/api/v1/invoices/${draft.id}/issue`, { version: draft.version + 1 })).status).toBe(409);
    clock.at('2027-01-06T03:00:00Z');
    const issued = await yuni.post(`/api/v1/invoices/${draft.id}/issue`, { version: draft.version });
    expect(issued.status).toBe(200);
    // A new year starts the sequence again.
    expect(issued.body).toMatchObject({ status: 'issued', number: 'INV/2027/01/1', dueDate: '2027-01-16' });
    const again = await yuni.post(`/api/v1/invoices/${draft.id}/issue`, { version: issued.body.version });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVOICE_STATUS_CONFLICT');
    expect((await other.get(`/api/v1/invoices/${draft.id}`)).status).toBe(404);
  });
});
