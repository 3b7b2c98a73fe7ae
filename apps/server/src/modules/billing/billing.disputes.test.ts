import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { billingWorld } from '../../../test/support/billing-world.ts';
import { manualClock } from '../../platform/time/clock.ts';

const clock = manualClock('2026-09-01T03:00:00Z');
let t: TestApp;
let world: Awaited<ReturnType<typeof billingWorld>>;
let yuni: Client; // Produk's Billing Coordinator: the payer
let wulan: Client; // DevOps' Billing Coordinator: a provider
let teguh: Client; // made Big Data's Billing Coordinator below: the other provider
let bambang: Client; // Executive
let invoiceId: number;
let consulting: number; // the Rp 1.000.000 DevOps line's charge
let data: number; // the Rp 600.000 Big Data line's charge

/** A one-pixel PNG and a PDF: proofs the server accepts on their bytes. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp({ clock });
  world = await billingWorld(t, clock);
  const f = factories(t.ctx);
  await f.grant(world.user['teguh@nusantara.test'] as number, 'billing_coordinator', { unitId: world.unit.BIGDATA as number });
  await f.grant(world.user['dimas@nusantara.test'] as number, 'billing_coordinator', { unitId: world.unit.OPS as number });
  [yuni, wulan, teguh, bambang] = await Promise.all([
    t.actingAs('billing_coordinator'),
    t.signIn('wulan@nusantara.test'),
    t.signIn('teguh@nusantara.test'),
    t.actingAs('executive'),
  ]);
  consulting = await world.charge('siti@nusantara.test', 'consulting', 1, '2026-09-10T03:00:00Z');
  data = await world.charge('siti@nusantara.test', 'data', 2, '2026-09-11T03:00:00Z');
  clock.at('2026-10-01T02:00:00Z');
  const run = await (await t.actingAs('billing_admin')).post('/api/v1/billing/runs', { period: '2026-09' });
  invoiceId = run.body.invoices[0].id;
  clock.at('2026-10-02T03:00:00Z');
});
afterAll(() => t.close());

const invoice = async (client: Client = yuni) => (await client.get(`/api/v1/invoices/${invoiceId}`)).body;
const lineOf = (body: { lines: { chargeId: number }[] }, chargeId: number) => body.lines.find((l) => l.chargeId === chargeId);
const disputeOf = (body: { disputes: { id: number; status: string; file?: unknown; actions?: string[] }[] }) =>
  body.disputes[body.disputes.length - 1] as { id: number; status: string; file?: unknown; actions?: string[] };

describe('who sees an invoice', () => {
  it('shows the paying division everything, each provider its own lines and the status, and others nothing', async () => {
    const full = await invoice();
    expect(full).toMatchObject({ view: 'full', status: 'issued', total: 1_600_000, division: { name: 'Produk' } });
    expect(full.totalInWords).toBe('satu juta enam ratus ribu rupiah');
    expect(full.lines).toHaveLength(2);
    expect(full.actions).toEqual(['pay', 'dispute']);

    const devops = await invoice(wulan);
    expect(devops).toMatchObject({ view: 'provider', status: 'issued', total: 1_000_000, actions: [] });
    expect(devops.lines.map((l: { chargeId: number }) => l.chargeId)).toEqual([consulting]);
    const list = (await wulan.get('/api/v1/invoices?period=2026-09')).body.items;
    expect(list).toEqual([expect.objectContaining({ id: invoiceId, view: 'provider', total: 1_000_000 })]);
    const receivables = (await wulan.get(`/api/v1/invoices?provider=${world.unit.DEVOPS}`)).body.items;
    expect(receivables).toEqual([expect.objectContaining({ id: invoiceId, receivable: 1_000_000 })]);
    expect((await invoice(teguh)).lines.map((l: { chargeId: number }) => l.chargeId)).toEqual([data]);

    // Produk's Approver reads its invoices; the Executive reads all.
    expect(await invoice(await t.actingAs('approver'))).toMatchObject({ view: 'full', actions: [] });
    expect(await invoice(bambang)).toMatchObject({ view: 'full', actions: [] });

    // Operasional's Billing Coordinator: 404, as for an invoice that does not exist; a requester holds no billing rights at all.
    const foreign = await (await t.signIn('dimas@nusantara.test')).get(`/api/v1/invoices/${invoiceId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    expect((await (await t.signIn('dimas@nusantara.test')).get('/api/v1/invoices')).body.items).toEqual([]);
    const requester = await (await t.actingAs('requester')).get(`/api/v1/invoices/${invoiceId}`);
    expect(requester.status).toBe(403);
    expect(requester.body.code).toBe('FORBIDDEN');
    for (const url of ['document', 'spreadsheet']) {
      const res = await (await t.signIn('dimas@nusantara.test')).get(`/api/v1/invoices/${invoiceId}/${url}`);
      expect(res.status).toBe(404);
    }
  });
});

describe('disputes', () => {
  it('refuses lines not on the invoice, lines of two providers, and anyone but the payer', async () => {
    const other = await world.charge('dimas@nusantara.test', 'support', 1, '2026-10-02T03:00:00Z');
    const cases = [
      [{ chargeIds: [other], reason: 'bukan milik kami' }, 400, 'DISPUTE_LINES_INVALID'],
      [{ chargeIds: [consulting, data], reason: 'dua penyedia' }, 400, 'DISPUTE_ONE_PROVIDER'],
      [{ chargeIds: [], reason: 'kosong' }, 400, 'VALIDATION_FAILED'],
      [{ chargeIds: [consulting], reason: '' }, 400, 'VALIDATION_FAILED'],
    ] as const;
    for (const [body, status, code] of cases) {
      const res = await yuni.post(`/api/v1/invoices/${invoiceId}/disputes`, body);
      expect([res.status, res.body.code]).toEqual([status, code]);
    }
    const provider = await wulan.post(`/api/v1/invoices/${invoiceId}/disputes`, { chargeIds: [consulting], reason: 'x' });
    expect([provider.status, provider.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(await invoice()).toMatchObject({ status: 'issued', disputes: [], total: 1_600_000 });
  });

  it('accepting Rp 400.000 of a Rp 1.000.000 line reduces the total by exactly Rp 400.000, as a negative adjustment line', async () => {
    const opened = await yuni.post(`/api/v1/invoices/${invoiceId}/disputes`, {
      chargeIds: [consulting],
      reason: 'Hanya setengah paket yang dikerjakan',
    });
    expect(opened.status).toBe(201);
    expect(opened.body.status).toBe('disputed');
    const dispute = disputeOf(opened.body);
    expect(dispute).toMatchObject({ status: 'open', disputedAmount: 1_000_000, provider: { name: 'DevOps' } });
    expect(lineOf(opened.body, consulting)).toMatchObject({ disputable: false });
    const again = await yuni.post(`/api/v1/invoices/${invoiceId}/disputes`, { chargeIds: [consulting], reason: 'lagi' });
    expect([again.status, again.body.code]).toEqual([409, 'DISPUTE_LINE_BUSY']);
    // While disputed, payment waits (and nothing is recorded).
    const pay = await yuni.post(`/api/v1/invoices/${invoiceId}/payments`, { reference: 'TRF-1', paidOn: '2026-10-02' });
    expect([pay.status, pay.body.code]).toEqual([409, 'INVOICE_DISPUTED']);
    expect((await t.ctx.db.execute(sql`SELECT 1 FROM invoice_payments`)).rows).toHaveLength(0);

    // The provider sees the dispute and answers it; the payer, Big Data, and the paying side's Approver may not.
    expect((await invoice(wulan)).disputes[0]).toMatchObject({ id: dispute.id, actions: ['answer'] });
    expect((await invoice(teguh)).disputes).toEqual([]);
    const hidden = await teguh.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'accept', reason: 'x' });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'NOT_FOUND']);
    const payer = await yuni.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'accept', reason: 'x' });
    expect([payer.status, payer.body.code]).toEqual([403, 'FORBIDDEN']);

    for (const [amount, code] of [
      [1_000_001, 'DISPUTE_AMOUNT_INVALID'],
      [400_000.5, 'VALIDATION_FAILED'],
      [-400_000, 'VALIDATION_FAILED'],
      [0, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await wulan.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'accept', amount, reason: 'x' });
      expect([res.status, res.body.code]).toEqual([400, code]);
    }
    expect((await invoice()).total).toBe(1_600_000);

    const accepted = await wulan.post(`/api/v1/disputes/${dispute.id}/resolution`, {
      decision: 'accept',
      amount: 400_000,
      reason: 'Disetujui sebagian: 40 % belum dikerjakan',
    });
    expect(accepted.status).toBe(200);
    const after = await invoice();
    expect(after.total).toBe(1_600_000 - 400_000);
    expect(after.total).toBe(after.lines.reduce((sum: number, l: { amount: number }) => sum + l.amount, 0));
    expect(after.status).toBe('issued');
    const adjustment = after.lines.find((l: { kind: string }) => l.kind === 'adjustment');
    expect(adjustment).toMatchObject({ amount: -400_000, reversesChargeId: consulting, provider: { name: 'DevOps' } });
    expect(lineOf(after, consulting)).toMatchObject({ remaining: 600_000, disputable: true });
    expect(disputeOf(after)).toMatchObject({ status: 'accepted', acceptedAmount: 400_000, answeredBy: { name: 'Wulan Anggraini' } });
    // The reversing charge is in the charges ledger, on this invoice only.
    const reversal = (
      await t.ctx.db.execute<{ amount: string; n: number }>(sql`
        SELECT c.amount::text, (SELECT count(*)::int FROM invoice_lines l WHERE l.charge_id = c.id) AS n
        FROM charges c WHERE c.reversal_of = ${consulting}`)
    ).rows;
    expect(reversal).toEqual([{ amount: '-400000', n: 1 }]);
  });

  it('lets a charge be corrected in several parts over time, never beyond what was charged', async () => {
    const opened = await yuni.post(`/api/v1/invoices/${invoiceId}/disputes`, {
      chargeIds: [consulting],
      reason: 'Sisa paket tidak dipakai',
    });
    const dispute = disputeOf(opened.body);
    expect(dispute).toMatchObject({ disputedAmount: 600_000 });
    const tooMuch = await wulan.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'accept', amount: 600_001, reason: 'x' });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([400, 'DISPUTE_AMOUNT_INVALID']);
    expect(
      (await wulan.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'accept', amount: 100_000, reason: 'Sebagian' })).status,
    ).toBe(200);
    expect((await invoice()).total).toBe(1_100_000);
    // The charges ledger refuses a correction beyond the charge itself (the database guard).
    const { rows } = await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM charges WHERE reversal_of = ${consulting}`);
    expect(rows[0]?.n).toBe(2);
    const overReversal = await yuni.post(`/api/v1/charges/${consulting}/reverse`, { reason: 'seluruhnya' });
    expect([overReversal.status, overReversal.body.code]).toEqual([409, 'CHARGE_REVERSED']);
  });

  it('escalates a rejected dispute to an Executive, whose decision is final', async () => {
    // An Administrator may dispute for the paying division, but never answers a dispute they raised.
    const admin = await t.actingAs('administrator');
    const opened = await admin.post(`/api/v1/invoices/${invoiceId}/disputes`, { chargeIds: [data], reason: 'Data tidak lengkap' });
    const dispute = disputeOf(opened.body);
    expect(dispute.actions).toEqual(['attach']);
    const self = await admin.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'reject', reason: 'x' });
    expect([self.status, self.body.code]).toEqual([403, 'FORBIDDEN']);
    const noReason = await teguh.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'reject', reason: ' ' });
    expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const early = await bambang.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'reject', reason: 'x' });
    expect([early.status, early.body.code]).toEqual([403, 'FORBIDDEN']);
    const rejected = await teguh.post(`/api/v1/disputes/${dispute.id}/resolution`, {
      decision: 'reject',
      reason: 'Data sesuai permintaan',
    });
    expect(rejected.status).toBe(200);
    expect(disputeOf(await invoice())).toMatchObject({ status: 'rejected', answer: 'Data sesuai permintaan', actions: ['escalate'] });
    expect((await invoice()).status).toBe('issued');

    const provider = await teguh.post(`/api/v1/disputes/${dispute.id}/escalation`, { reason: 'x' });
    expect([provider.status, provider.body.code]).toEqual([403, 'FORBIDDEN']);
    const escalated = await yuni.post(`/api/v1/disputes/${dispute.id}/escalation`, { reason: 'Kolom alamat kosong di semua baris' });
    expect(escalated.status).toBe(200);
    expect(escalated.body).toMatchObject({ status: 'disputed' });
    expect(disputeOf(escalated.body).status).toBe('escalated');
    expect(disputeOf(await invoice(bambang))).toMatchObject({ actions: ['decide'] });
    const byProvider = await teguh.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'reject', reason: 'tetap' });
    expect([byProvider.status, byProvider.body.code]).toEqual([403, 'FORBIDDEN']);

    const decided = await bambang.post(`/api/v1/disputes/${dispute.id}/resolution`, {
      decision: 'accept',
      amount: 150_000,
      reason: 'Setengah jam pekerjaan ulang ditanggung penyedia',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'issued', total: 1_100_000 - 150_000 });
    expect(disputeOf(decided.body)).toMatchObject({
      status: 'decided',
      decision: 'accept',
      decidedAmount: 150_000,
      decidedBy: { name: 'Bambang Sutrisno' },
    });
    const final = await yuni.post(`/api/v1/disputes/${dispute.id}/escalation`, { reason: 'lagi' });
    expect([final.status, final.body.code]).toEqual([409, 'DISPUTE_STATUS_CONFLICT']);
    const kinds = (await invoice()).timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      'created',
      'issued',
      'dispute_opened',
      'dispute_accepted',
      'dispute_opened',
      'dispute_accepted',
      'dispute_opened',
      'dispute_rejected',
      'dispute_escalated',
      'dispute_decided',
    ]);
    const audit = (
      await t.ctx.db.execute<{ action: string }>(
        sql`SELECT action FROM audit_log WHERE target_type = 'invoice' AND target_id = ${String(invoiceId)} ORDER BY id`,
      )
    ).rows.map((r) => r.action);
    expect(audit).toEqual(
      expect.arrayContaining(['invoice.disputed', 'invoice.dispute_rejected', 'invoice.dispute_escalated', 'invoice.dispute_decided']),
    );
    const notices = (
      await t.ctx.db.execute<{ event: string; email: string }>(sql`
        SELECT n.event, u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.event LIKE 'dispute_%' ORDER BY n.id`)
    ).rows;
    expect(notices).toEqual(
      expect.arrayContaining([
        { event: 'dispute_opened', email: 'wulan@nusantara.test' },
        { event: 'dispute_opened', email: 'teguh@nusantara.test' },
        { event: 'dispute_answered', email: 'yuni@nusantara.test' },
        { event: 'dispute_escalated', email: 'bambang@nusantara.test' },
        { event: 'dispute_escalated', email: 'admin@nusantara.test' },
        { event: 'dispute_decided', email: 'teguh@nusantara.test' },
      ]),
    );
  });

  it('attaches a supporting file to an open dispute, for its raiser only, sniffed on its bytes', async () => {
    const opened = await yuni.post(`/api/v1/invoices/${invoiceId}/disputes`, { chargeIds: [data], reason: 'Format salah' });
    const dispute = disputeOf(opened.body);
    const html = await yuni.upload(`/api/v1/disputes/${dispute.id}/file`, {
      name: 'bukti.pdf',
      type: 'application/pdf',
      data: Buffer.from('<html></html>'),
    });
    expect([html.status, html.body.code]).toEqual([415, 'ATTACHMENT_TYPE']);
    const notMine = await teguh.upload(`/api/v1/disputes/${dispute.id}/file`, { name: 'a.pdf', type: 'application/pdf', data: PDF });
    expect(notMine.status).toBe(403);
    const ok = await yuni.upload(`/api/v1/disputes/${dispute.id}/file`, { name: 'contoh data.pdf', type: 'application/pdf', data: PDF });
    expect(ok.status).toBe(201);
    expect(disputeOf(ok.body).file).toMatchObject({ name: 'contoh data.pdf', contentType: 'application/pdf' });
    const download = await teguh.get(`/api/v1/disputes/${dispute.id}/file`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect((await (await t.signIn('dimas@nusantara.test')).get(`/api/v1/disputes/${dispute.id}/file`)).status).toBe(404);
    // Settled by accepting it all.
    const all = await teguh.post(`/api/v1/disputes/${dispute.id}/resolution`, { decision: 'accept', reason: 'Diterima' });
    // Big Data sees its own lines: the Rp 600.000 charge and its two adjustments.
    expect(all.body).toMatchObject({ status: 'issued', total: 0, view: 'provider' });
    expect(await invoice()).toMatchObject({ status: 'issued', total: 950_000 - 450_000 });
  });
});

describe('payment', () => {
  it('refuses a proof that is not a PDF or image, a date to come or not a date, and anyone but the payer; nothing changes', async () => {
    const form = (fields: Record<string, string>, data: Buffer, name = 'bukti.png', type = 'image/png') =>
      yuni.upload(`/api/v1/invoices/${invoiceId}/payments`, { field: 'proof', name, type, data }, fields);
    const cases = [
      [await form({ reference: 'TRF-1', paidOn: '2026-10-02' }, Buffer.from('<html>x</html>'), 'bukti.png'), 415, 'PROOF_TYPE'],
      [
        await form(
          { reference: 'TRF-1', paidOn: '2026-10-02' },
          Buffer.from('PK\u0003\u0004 not really an office file but zip-like bytes'),
          'bukti.docx',
          'application/zip',
        ),
        415,
        'PROOF_TYPE',
      ],
      [await form({ reference: 'TRF-1', paidOn: '2026-10-03' }, PNG), 400, 'PAYMENT_DATE_FUTURE'],
      [await form({ reference: 'TRF-1', paidOn: '2026-02-30' }, PNG), 400, 'PAYMENT_DATE_INVALID'],
      [await form({ paidOn: '2026-10-02' }, PNG), 400, 'VALIDATION_FAILED'],
    ] as const;
    for (const [res, status, code] of cases) expect([res.status, res.body.code]).toEqual([status, code]);
    const provider = await wulan.upload(
      `/api/v1/invoices/${invoiceId}/payments`,
      { field: 'proof', name: 'a.png', type: 'image/png', data: PNG },
      { reference: 'x', paidOn: '2026-10-02' },
    );
    expect([provider.status, provider.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(await invoice()).toMatchObject({ status: 'issued', payment: null });
  });

  it('records the payment with its proof; providers see it; a paid invoice never changes again', async () => {
    const pay = () =>
      yuni.upload(
        `/api/v1/invoices/${invoiceId}/payments`,
        { field: 'proof', name: 'bukti transfer.png', type: 'image/png', data: PNG },
        { reference: 'TRF/2026/10/0042', paidOn: '2026-10-02' },
        { 'idempotency-key': `bayar-${invoiceId}` },
      );
    const paid = await pay();
    expect(paid.status).toBe(201);
    // A retry whose first answer was lost gets that answer again, not "already paid".
    const retried = await pay();
    expect([retried.status, retried.headers['idempotency-replayed']]).toEqual([201, 'true']);
    expect(retried.body).toEqual(paid.body);
    expect((await t.ctx.db.execute(sql`SELECT 1 FROM invoice_payments`)).rows).toHaveLength(1);
    expect(paid.body).toMatchObject({
      status: 'paid',
      actions: [],
      payment: {
        reference: 'TRF/2026/10/0042',
        paidOn: '2026-10-02',
        amount: 500_000,
        proof: { name: 'bukti transfer.png', contentType: 'image/png' },
      },
    });
    const seen = await invoice(wulan);
    expect(seen).toMatchObject({ status: 'paid', payment: { reference: 'TRF/2026/10/0042' } });
    const proof = await wulan.get(seen.payment.proof.url);
    expect(proof.status).toBe(200);
    expect(Buffer.from(proof.text, 'binary').length).toBeGreaterThan(0);
    expect(proof.headers['content-type']).toBe('image/png');

    const twice = await yuni.post(`/api/v1/invoices/${invoiceId}/payments`, { reference: 'TRF-2', paidOn: '2026-10-02' });
    expect([twice.status, twice.body.code]).toEqual([409, 'INVOICE_PAID']);
    const dispute = await yuni.post(`/api/v1/invoices/${invoiceId}/disputes`, { chargeIds: [consulting], reason: 'terlambat' });
    expect([dispute.status, dispute.body.code]).toEqual([409, 'INVOICE_PAID']);
    await expect(t.ctx.pool.query(`UPDATE invoices SET due_date = '2030-01-01' WHERE id = ${invoiceId}`)).rejects.toThrow(
      /paid and never changes/,
    );
    const told = (
      await t.ctx.db.execute<{ email: string }>(sql`
        SELECT u.email FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.event = 'invoice_paid' ORDER BY u.email`)
    ).rows.map((r) => r.email);
    expect(told).toEqual(['teguh@nusantara.test', 'wulan@nusantara.test']);
  });
});
