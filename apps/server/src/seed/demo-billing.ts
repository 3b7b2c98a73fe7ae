import { sql } from 'drizzle-orm';
import {
  confirmPayment,
  issueInvoice,
  openDispute,
  readBillingSettings,
  resolveDispute,
  runPeriod,
  setBudget,
  sweepInvoices,
  updateBillingSettings,
} from '../modules/billing/index.ts';
import { loadActor } from '../modules/identity/index.ts';
import { companyTimeZone } from '../modules/org/index.ts';
import { completeRequest, createRequest } from '../modules/requests/index.ts';
import { transitionTicket } from '../modules/tickets/index.ts';
import type { Actor } from '../platform/authz/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { dayOf, periodOf, shiftPeriod, zonedInstant } from '../platform/time/zoned.ts';

const SYSTEM = { actorId: null, actorEmail: 'seed', ip: null };

/** A one-page PDF and a one-pixel PNG standing in for transfer receipts. */
const RECEIPT_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const RECEIPT_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/**
 * Invoices for the last three months in every status, made by the real run,
 * issue, dispute and payment code at the moments they would have happened:
 * paid with proof, settled after a partly accepted dispute, overdue, issued,
 * disputed and a draft waiting for review; and two divisions' budgets. Other
 * divisions order too (their charges moved into past months as the demo
 * catalog's are), so every billing screen has more than one division.
 */
export async function seedDemoBilling(ctx: AppContext): Promise<void> {
  const ids = Object.fromEntries(
    (await ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows.map((r) => [r.email, Number(r.id)]),
  );
  const unit = Object.fromEntries(
    (await ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM units`)).rows.map((r) => [r.code, Number(r.id)]),
  );
  const item = Object.fromEntries(
    (
      await ctx.db.execute<{ id: number; name: string }>(sql`
        SELECT i.id, v.name_id AS name FROM catalog_items i JOIN catalog_item_versions v ON v.id = i.published_version_id`)
    ).rows.map((r) => [r.name, Number(r.id)]),
  );
  const as = async (email: string): Promise<Actor> => {
    const actor = await loadActor(ctx.db, ids[email] ?? 0);
    if (!actor) throw new Error(`demo user ${email} missing`);
    return actor;
  };
  const [andi, joko, yuni, wulan, sri] = await Promise.all(
    ['andi@nusantara.test', 'joko@nusantara.test', 'yuni@nusantara.test', 'wulan@nusantara.test', 'sri@nusantara.test'].map(as),
  );
  if (!andi || !joko || !yuni || !wulan || !sri) return;
  const companyId = sri.companyId;
  const zone = await companyTimeZone(ctx.db, companyId);

  const now = ctx.clock.now();
  const thisMonth = periodOf(now, zone);
  const [p3, p2, p1] = [-3, -2, -1].map((n) => shiftPeriod(thisMonth, n)) as [string, string, string];
  /** A moment of a period's month (or the month after, with `next`) in WIB. */
  const on = (period: string, day: number, hour = 10, next = false) => {
    const [y, m] = shiftPeriod(period, next ? 1 : 0)
      .split('-')
      .map(Number) as [number, number];
    return zonedInstant(zone, y, m, day, hour);
  };
  /** The context as it was at `at`: billing records its steps at that moment. */
  const at = (when: Date): AppContext => ({ ...ctx, clock: { now: () => new Date(when) } });
  const day = (when: Date) => dayOf(when, zone);

  // Other divisions' orders over the three months, fulfilled by the providers' teams.
  const fulfil = async (provider: Actor, requestId: number, actualQuantity: number) => {
    const row = (await ctx.db.execute<{ ticket_id: number }>(sql`SELECT ticket_id FROM service_requests WHERE id = ${requestId}`)).rows[0];
    await transitionTicket(ctx, provider, Number(row?.ticket_id), { to: 'in_progress', assigneeId: provider.userId });
    const fresh = (await ctx.db.execute<{ version: number }>(sql`SELECT version FROM service_requests WHERE id = ${requestId}`)).rows[0];
    await completeRequest(ctx, provider, requestId, {
      version: Number(fresh?.version),
      actualQuantity,
      solutionSummary: 'Selesai sesuai permintaan.',
    });
  };
  const orders: [string, string, number, Record<string, unknown>, Actor, Date][] = [
    ['dimas@nusantara.test', 'Penyediaan VM', 3, { os: 'ubuntu' }, andi, on(p3, 8)],
    ['dimas@nusantara.test', 'Konsultasi fitur', 5, { topic: 'Alur retur barang di aplikasi gudang' }, andi, on(p2, 9)],
    ['teguh@nusantara.test', 'Penyediaan VM', 4, { os: 'rhel' }, andi, on(p2, 14)],
    ['dimas@nusantara.test', 'Konsultasi fitur', 4, { topic: 'Integrasi pemindai kode batang' }, andi, on(p1, 10)],
    ['teguh@nusantara.test', 'Konsultasi fitur', 3, { topic: 'Dasbor kualitas data harian' }, andi, on(p1, 16)],
    ['sri@nusantara.test', 'Ekstraksi data ad-hoc', 4, { dataset: 'Rekap biaya per pusat biaya' }, joko, on(p1, 18)],
  ];
  const moved: { id: number; at: Date }[] = [];
  for (const [email, name, quantity, answers, provider, when] of orders) {
    const id = await createRequest(ctx, await as(email), { itemId: item[name] ?? 0, quantity, answers }, SYSTEM);
    await fulfil(provider, id, quantity);
    moved.push({ id, at: when });
  }
  // Charges are append-only; only the seed moves its own new rows into the past, with the guard lifted for that moment.
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE charges DISABLE TRIGGER charges_no_update`);
    for (const { id, at: when } of moved) {
      await tx.execute(sql`UPDATE charges SET charged_at = ${when.toISOString()}::timestamptz WHERE request_id = ${id}`);
      await tx.execute(
        sql`UPDATE service_requests SET created_at = ${when.toISOString()}::timestamptz - interval '2 days', updated_at = ${when.toISOString()}::timestamptz WHERE id = ${id}`,
      );
    }
    await tx.execute(sql`ALTER TABLE charges ENABLE TRIGGER charges_no_update`);
  });

  // Finance signs the invoices; the company's rules are the defaults otherwise.
  const signed = { signatoryName: sri.name, signatoryTitle: 'Kepala Divisi Keuangan' };
  const settings = await readBillingSettings(ctx.db, companyId);
  const { companyId: _c, ...rules } = settings;
  await updateBillingSettings(ctx, sri, companyId, { ...rules, ...signed }, SYSTEM);

  const invoiceOf = async (period: string, code: string) => {
    const { rows } = await ctx.db.execute<{ id: number; version: number }>(
      sql`SELECT i.id, i.version FROM invoices i JOIN units u ON u.id = i.unit_id WHERE i.period = ${period} AND u.code = ${code}`,
    );
    return { id: Number(rows[0]?.id), version: Number(rows[0]?.version) };
  };
  const chargeOn = async (invoiceId: number, itemName: string) => {
    const { rows } = await ctx.db.execute<{ charge_id: number }>(
      sql`SELECT charge_id FROM invoice_lines WHERE invoice_id = ${invoiceId} AND item_name_id = ${itemName} AND kind = 'charge' ORDER BY id LIMIT 1`,
    );
    return Number(rows[0]?.charge_id);
  };
  const proof = (name: string, data: Buffer) => ({ data, filename: name, fields: {} });

  // Three months ago: both invoices paid, with transfer receipts.
  await runPeriod(at(on(p3, 1, 1, true)), { companyId, period: p3, trigger: 'schedule', actorId: null, source: SYSTEM });
  const produk3 = await invoiceOf(p3, 'PRODUK');
  const paidOn3 = on(p3, 9, 14, true);
  await confirmPayment(
    at(paidOn3),
    yuni,
    produk3.id,
    { reference: 'TRF/PRD/0912', paidOn: day(paidOn3) },
    proof('bukti-transfer.pdf', RECEIPT_PDF),
    SYSTEM,
  );
  const ops3 = await invoiceOf(p3, 'OPS');
  const paidOps3 = on(p3, 12, 11, true);
  await confirmPayment(
    at(paidOps3),
    sri,
    ops3.id,
    { reference: 'TRF/OPS/1203', paidOn: day(paidOps3) },
    proof('bukti-transfer.png', RECEIPT_PNG),
    SYSTEM,
  );

  // Two months ago: Produk disputes a VM that never worked, DevOps accepts half, the rest is paid (settled);
  // Operasional pays; Big Data has not paid and is overdue.
  await runPeriod(at(on(p2, 1, 1, true)), { companyId, period: p2, trigger: 'schedule', actorId: null, source: SYSTEM });
  const produk2 = await invoiceOf(p2, 'PRODUK');
  const vmCharge = await chargeOn(produk2.id, 'Penyediaan VM');
  await openDispute(
    at(on(p2, 3, 9, true)),
    yuni,
    produk2.id,
    { chargeIds: [vmCharge], reason: 'Satu dari dua VM tidak pernah dapat diakses.' },
    SYSTEM,
  );
  const disputeId = Number(
    (await ctx.db.execute<{ id: number }>(sql`SELECT id FROM invoice_disputes WHERE invoice_id = ${produk2.id}`)).rows[0]?.id,
  );
  await resolveDispute(
    at(on(p2, 5, 15, true)),
    wulan,
    disputeId,
    { decision: 'accept', amount: 750_000, reason: 'Benar, VM kedua gagal dibuat; biayanya kami batalkan.' },
    SYSTEM,
  );
  const paidOn2 = on(p2, 8, 10, true);
  await confirmPayment(
    at(paidOn2),
    yuni,
    produk2.id,
    { reference: 'TRF/PRD/1008', paidOn: day(paidOn2) },
    proof('bukti-transfer.pdf', RECEIPT_PDF),
    SYSTEM,
  );
  const ops2 = await invoiceOf(p2, 'OPS');
  const paidOps2 = on(p2, 14, 13, true);
  await confirmPayment(
    at(paidOps2),
    sri,
    ops2.id,
    { reference: 'TRF/OPS/1014', paidOn: day(paidOps2) },
    proof('bukti-transfer.png', RECEIPT_PNG),
    SYSTEM,
  );

  // Last month: run while the company reviewed drafts. Produk's and Keuangan's are issued and not yet due,
  // Operasional disputes DevOps' hours, Big Data's waits as a draft.
  await updateBillingSettings(ctx, sri, companyId, { ...rules, ...signed, autoIssue: false, version: settings.version + 1 }, SYSTEM);
  await runPeriod(at(on(p1, 1, 1, true)), { companyId, period: p1, trigger: 'schedule', actorId: null, source: SYSTEM });
  await updateBillingSettings(ctx, sri, companyId, { ...rules, ...signed, autoIssue: true, version: settings.version + 2 }, SYSTEM);
  const recently = at(new Date(now.getTime() - 2 * 3_600_000));
  for (const [code, by] of [
    ['PRODUK', yuni],
    ['FIN', sri],
    ['OPS', sri],
  ] as const) {
    const draft = await invoiceOf(p1, code);
    await issueInvoice(recently, by, draft.id, draft.version, SYSTEM);
  }
  const ops1 = await invoiceOf(p1, 'OPS');
  await openDispute(
    recently,
    sri,
    ops1.id,
    { chargeIds: [await chargeOn(ops1.id, 'Konsultasi fitur')], reason: 'Tercatat 4 jam, notulen rapat hanya 2 jam.' },
    SYSTEM,
  );
  // The overdue one is found overdue by the sweep, as the schedule would.
  await sweepInvoices(ctx);

  // Monthly budgets: Produk has used over half of this month's, Operasional little.
  await setBudget(ctx, yuni, unit.PRODUK ?? 0, { monthlyAmount: 10_000_000, version: 0 }, SYSTEM);
  await setBudget(ctx, sri, unit.OPS ?? 0, { monthlyAmount: 5_000_000, version: 0 }, SYSTEM);
}
