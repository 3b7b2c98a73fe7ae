import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { billingWorld } from '../../../test/support/billing-world.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { sweepInvoices } from './index.ts';

const clock = manualClock('2026-09-01T03:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'ish-invoice-'));
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let world: Awaited<ReturnType<typeof billingWorld>>;
let yuni: Client;
let invoiceId: number;
let number: string;

/** A PDF's text as pdftotext reads it, spaces made plain. */
function pdfText(pdf: Buffer): string {
  const file = join(dir, `${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'])
    .toString('utf8')
    .replace(/\u00a0/g, ' ');
}

async function fetchBytes(client: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie ?? '' } });
  return { status: res.statusCode, type: res.headers['content-type'], bytes: res.rawPayload };
}

const until = async <T>(probe: () => T | undefined, ms = 25_000): Promise<T> => {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ jobs: true, clock });
  await t.ctx.db.execute(
    sql`INSERT INTO settings (key, value) VALUES ('smtp', ${JSON.stringify({ host: '127.0.0.1', port: smtp.port, secure: false, user: null, passwordEncrypted: null, from: 'Penagihan <tagihan@nusantara.test>' })}::jsonb)`,
  );
  // Produk's Approver reads English.
  await t.ctx.db.execute(sql`UPDATE users SET locale = 'en' WHERE email = 'hendra@nusantara.test'`);
  world = await billingWorld(t, clock);
  yuni = await t.actingAs('billing_coordinator');
  const admin = await t.actingAs('billing_admin');
  const settings = (await admin.get('/api/v1/billing/settings')).body;
  const { companyId: _c, ...body } = settings;
  await admin.put('/api/v1/billing/settings', { ...body, signatoryName: 'Sri Wahyuni', signatoryTitle: 'Kepala Divisi Keuangan' });
  await world.charge('siti@nusantara.test', 'consulting', 2, '2026-09-10T03:00:00Z');
  await world.charge('siti@nusantara.test', 'data', 1.5, '2026-09-11T03:00:00Z');
  clock.at('2026-10-01T02:00:00Z');
  const run = await admin.post('/api/v1/billing/runs', { period: '2026-09' });
  invoiceId = run.body.invoices[0].id;
  number = run.body.invoices[0].number;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('sending an invoice', () => {
  it('emails the paying division’s Billing Coordinator the PDF, whose text holds the number, the lines and the total in words', async () => {
    const mail = await smtp.waitFor('yuni@nusantara.test');
    expect(mail.subject).toBe(`[${number}] Tagihan internal Produk periode September 2026: Rp 2.450.000`.replace(/ Rp /, ' Rp\u00a0'));
    expect(mail.text).toContain(`http://localhost:3000/billing/invoices/${invoiceId}`);
    expect(mail.text).toContain('Jatuh tempo: 15 Oktober 2026');
    expect(mail.attachments).toHaveLength(1);
    const [pdf] = mail.attachments;
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.filename).toBe('INV-2026-10-1.pdf');
    const text = pdfText(pdf?.content ?? Buffer.alloc(0));
    expect(text).toContain('TAGIHAN INTERNAL');
    expect(text).toContain(number);
    expect(text).toContain('Produk — PT Nusantara Digital Sejahtera');
    expect(text).toContain('September 2026');
    expect(text).toMatch(/Paket konsultasi arsitektur v1\s+REQ-\d{4}-\d{6}\s+2 paket\s+Rp 1\.000\.000\s+Rp 2\.000\.000/);
    expect(text).toMatch(/Ekstraksi data v1\s+REQ-\d{4}-\d{6}\s+1,5 jam\s+Rp 300\.000\s+Rp 450\.000/);
    expect(text).toMatch(/Subtotal DevOps\s+Rp 2\.000\.000/);
    expect(text).toMatch(/Subtotal Big Data\s+Rp 450\.000/);
    expect(text).toMatch(/Total\s+Rp 2\.450\.000/);
    expect(text).toContain('Terbilang: dua juta empat ratus lima puluh ribu rupiah');
    expect(text).toContain('Kepala Divisi Keuangan');
    expect(text).toContain('Sri Wahyuni');
    expect(text).toContain('Halaman 1 dari 1');
  });

  it('sends the Approver the same invoice in English', async () => {
    const mail = await smtp.waitFor('hendra@nusantara.test');
    expect(mail.subject).toContain('Internal invoice for Produk, September 2026');
    const text = pdfText(mail.attachments[0]?.content ?? Buffer.alloc(0));
    expect(text).toContain('INTERNAL INVOICE');
    expect(text).toContain('Architecture consulting package v1');
    expect(text).toContain('In words: two million four hundred fifty thousand rupiah');
    expect(text).toContain('Page 1 of 1');
    // In the app too, linking to the invoice.
    const notices = (
      await t.ctx.db.execute<{ email: string; link: string }>(sql`
        SELECT u.email, n.link FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.event = 'invoice_issued' ORDER BY u.email`)
    ).rows;
    expect(notices).toEqual([
      { email: 'hendra@nusantara.test', link: `/billing/invoices/${invoiceId}` },
      { email: 'yuni@nusantara.test', link: `/billing/invoices/${invoiceId}` },
    ]);
  });

  it('prints the PDF on demand for the reader (a provider: its own lines, no grand total) and exports XLSX', async () => {
    const own = await fetchBytes(yuni, `/api/v1/invoices/${invoiceId}/document`);
    expect(own.status).toBe(200);
    expect(own.type).toBe('application/pdf');
    expect(pdfText(own.bytes)).toMatch(/Total\s+Rp 2\.450\.000/);
    const provider = pdfText((await fetchBytes(await t.signIn('wulan@nusantara.test'), `/api/v1/invoices/${invoiceId}/document`)).bytes);
    expect(provider).toContain('Paket konsultasi arsitektur');
    expect(provider).not.toContain('Ekstraksi data');
    expect(provider).not.toMatch(/Terbilang/);

    const sheet = await fetchBytes(yuni, `/api/v1/invoices/${invoiceId}/spreadsheet`);
    expect(sheet.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.bytes as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]?.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]).toContain('Nomor');
    expect(rows.slice(1, 3).map((r) => r[r.length - 1])).toEqual([450_000, 2_000_000]);
    expect(rows[3]?.[rows[3].length - 1]).toBe(2_450_000);
  });

  it('neutralises spreadsheet formulas hidden in service names', async () => {
    const andi = await world.as('andi@nusantara.test');
    let item = (
      await andi.post('/api/v1/catalog/items', {
        providerUnitId: world.unit.DEVOPS,
        nameId: '=HYPERLINK("http://evil.test","klik")',
        nameEn: '@SUM(A1:A9)',
        category: 'Uji',
        costModel: 'fixed',
        rate: 100_000,
        responseMinutes: 60,
        resolutionMinutes: 120,
        form: [],
      })
    ).body;
    item = (await andi.post(`/api/v1/catalog/items/${item.id}/submit`, { version: item.version })).body;
    await (await t.actingAs('catalog_manager')).post(`/api/v1/catalog/items/${item.id}/approve`, { version: item.version });
    const order = (await (await world.as('dimas@nusantara.test')).post('/api/v1/service-requests', { itemId: item.id, quantity: 1 })).body;
    expect(order.status).toBe('in_fulfilment');
    await factories(t.ctx).grant(world.user['dimas@nusantara.test'] as number, 'billing_coordinator', { unitId: world.unit.OPS as number });
    // An item without a team: the service desk lead fulfils it.
    clock.at('2026-09-20T03:00:00Z');
    const ticketId = order.ticket.id;
    const lead = await t.actingAs('team_lead');
    await lead.post(`/api/v1/tickets/${ticketId}/transitions`, { to: 'in_progress', assigneeId: world.user['dewi@nusantara.test'] });
    const fresh = (await lead.get(`/api/v1/service-requests/${order.id}`)).body;
    expect(
      (await lead.post(`/api/v1/service-requests/${order.id}/complete`, { version: fresh.version, solutionSummary: 'ok' })).status,
    ).toBe(200);
    clock.at('2026-10-01T03:00:00Z');
    const run = await (await t.actingAs('billing_admin')).post('/api/v1/billing/runs', { period: '2026-09' });
    expect(run.body.created).toBe(1);
    const ops = await t.signIn('dimas@nusantara.test');
    const sheet = await fetchBytes(ops, '/api/v1/invoices/export?period=2026-09');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(sheet.bytes as unknown as ArrayBuffer);
    const cells = ((workbook.worksheets[0]?.getSheetValues() ?? []).filter(Boolean) as unknown[][]).flat().map(String);
    expect(cells).toContain(`'=HYPERLINK("http://evil.test","klik")`);
    expect(cells.some((c) => c.startsWith('='))).toBe(false);
  });
});

describe('reminders', () => {
  it('reminds three days before the due date and once overdue, each once', async () => {
    clock.at('2026-10-11T03:00:00Z');
    expect(await sweepInvoices(t.ctx)).toEqual({ overdue: 0, reminded: 0 });
    clock.at('2026-10-12T03:00:00Z');
    expect((await sweepInvoices(t.ctx)).reminded).toBeGreaterThanOrEqual(1);
    expect((await sweepInvoices(t.ctx)).reminded).toBe(0);
    const reminder = await until(() => smtp.received.find((m) => m.to.includes('yuni@nusantara.test') && m.subject.includes('Pengingat')));
    expect(reminder.subject).toContain(number);
    expect(reminder.subject).toContain('15 Oktober 2026');
    expect(reminder.attachments).toEqual([]);

    clock.at('2026-10-15T16:59:00Z'); // 23:59 WIB on the due date: not yet
    expect((await sweepInvoices(t.ctx)).overdue).toBe(0);
    clock.at('2026-10-15T17:00:00Z'); // 00:00 WIB the day after
    expect((await sweepInvoices(t.ctx)).overdue).toBeGreaterThanOrEqual(1);
    expect((await sweepInvoices(t.ctx)).overdue).toBe(0);
    expect((await yuni.get(`/api/v1/invoices/${invoiceId}`)).body).toMatchObject({ status: 'overdue', actions: ['pay', 'dispute'] });
    const overdue = await until(() =>
      smtp.received.find((m) => m.to.includes('yuni@nusantara.test') && m.subject.includes('lewat jatuh tempo')),
    );
    expect(overdue.subject).toContain(number);
    // An overdue invoice can still be paid.
    const paid = await yuni.post(`/api/v1/invoices/${invoiceId}/payments`, { reference: 'TRF-99', paidOn: '2026-10-16' });
    expect(paid.status).toBe(201);
    expect(paid.body.status).toBe('paid');
  });
});
