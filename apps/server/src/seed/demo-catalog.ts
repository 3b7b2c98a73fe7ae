import { sql } from 'drizzle-orm';
import { decideApproval, sweepApprovals } from '../modules/approvals/index.ts';
import { createItem, decideItem } from '../modules/catalog/index.ts';
import { loadActor } from '../modules/identity/index.ts';
import { completeRequest, createRequest, uploadAnswerFile } from '../modules/requests/index.ts';
import { transitionTicket } from '../modules/tickets/index.ts';
import type { Actor } from '../platform/authz/actor.ts';
import type { AppContext } from '../platform/context.ts';

const SYSTEM = { actorId: null, actorEmail: 'seed', ip: null };

/**
 * A believable catalog from the provider divisions, some items waiting for the
 * Catalog Manager, and requests in every state with their charges, made
 * through the real services so every rule and record is as in production.
 */
export async function seedDemoCatalog(ctx: AppContext): Promise<void> {
  const ids = Object.fromEntries(
    (await ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows.map((r) => [r.email, Number(r.id)]),
  );
  const units = Object.fromEntries(
    (await ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM units`)).rows.map((r) => [r.code, Number(r.id)]),
  );
  const teams = Object.fromEntries(
    (await ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM teams`)).rows.map((r) => [r.code, Number(r.id)]),
  );
  const as = async (email: string): Promise<Actor> => {
    const actor = await loadActor(ctx.db, ids[email] ?? 0);
    if (!actor) throw new Error(`demo user ${email} missing`);
    return actor;
  };
  const [andi, lina, rina, siti, hendra] = await Promise.all(
    ['andi@nusantara.test', 'lina@nusantara.test', 'rina@nusantara.test', 'siti@nusantara.test', 'hendra@nusantara.test'].map(as),
  );
  if (!andi || !lina || !rina || !siti || !hendra) return;

  const base = { descriptionEn: '', predefined: true, alwaysApproval: false, audience: { all: true as const }, form: [] };
  const register = async (provider: Actor, unit: string, team: string, content: Record<string, unknown>, publish = true) => {
    let item = await createItem(
      ctx,
      provider,
      { providerUnitId: units[unit] ?? 0, teamId: teams[team] ?? null, ...base, ...content } as never,
      SYSTEM,
    );
    item = await decideItem(ctx, provider, item.id, 'submit', { version: item.version }, SYSTEM);
    if (publish) item = await decideItem(ctx, rina, item.id, 'approve', { version: item.version }, SYSTEM);
    return item;
  };
  const vm = await register(andi, 'DEVOPS', 'DEVOPS-SVC', {
    nameId: 'Penyediaan VM',
    nameEn: 'VM provisioning',
    descriptionId: 'Mesin virtual di klaster internal, siap pakai dengan akses SSH.',
    descriptionEn: 'A virtual machine on the internal cluster, ready with SSH access.',
    category: 'Infrastruktur',
    categoryEn: 'Infrastructure',
    costModel: 'per_unit',
    rate: 750_000,
    unitLabel: 'VM',
    responseMinutes: 240,
    resolutionMinutes: 1440,
    form: [
      {
        key: 'os',
        type: 'choice',
        labelId: 'Sistem operasi',
        labelEn: 'Operating system',
        required: true,
        options: [
          { value: 'ubuntu', labelId: 'Ubuntu 24.04', labelEn: 'Ubuntu 24.04' },
          { value: 'rhel', labelId: 'RHEL 9', labelEn: 'RHEL 9' },
        ],
      },
    ],
  });
  const data = await register(lina, 'BIGDATA', 'INFRA', {
    nameId: 'Ekstraksi data ad-hoc',
    nameEn: 'Ad-hoc data extraction',
    descriptionId: 'Penarikan data dari data warehouse sesuai kebutuhan.',
    descriptionEn: 'Data pulled from the warehouse on demand.',
    category: 'Data',
    categoryEn: 'Data',
    costModel: 'per_hour',
    rate: 250_000,
    unitLabel: null,
    responseMinutes: 480,
    resolutionMinutes: 2880,
    form: [{ key: 'dataset', type: 'short_text', labelId: 'Data yang dibutuhkan', labelEn: 'Data needed', required: true }],
  });
  const consultation = await register(andi, 'DEVOPS', 'DEVOPS-SVC', {
    nameId: 'Konsultasi fitur',
    nameEn: 'Feature consultation',
    category: 'Produk',
    categoryEn: 'Product',
    costModel: 'per_hour',
    rate: 400_000,
    unitLabel: null,
    responseMinutes: 480,
    resolutionMinutes: 4320,
    form: [
      { key: 'topic', type: 'long_text', labelId: 'Fitur yang dibahas', labelEn: 'Feature to discuss', required: true },
      { key: 'owner', type: 'person', labelId: 'Pemilik produk', labelEn: 'Product owner' },
      {
        key: 'brief',
        type: 'file',
        labelId: 'Dokumen pendukung',
        labelEn: 'Supporting document',
        helpId: 'PDF, gambar atau dokumen Office',
        helpEn: 'PDF, image or Office document',
      },
    ],
  });
  const laptop = await register(andi, 'DEVOPS', 'DEVOPS-SVC', {
    nameId: 'Pengadaan laptop standar',
    nameEn: 'Standard laptop procurement',
    category: 'Perangkat',
    categoryEn: 'Devices',
    costModel: 'fixed',
    rate: 14_500_000,
    unitLabel: null,
    responseMinutes: 480,
    resolutionMinutes: 14_400,
    alwaysApproval: true,
    form: [{ key: 'user', type: 'person', labelId: 'Pengguna laptop', labelEn: 'Laptop user', required: true }],
  });
  await register(
    lina,
    'BIGDATA',
    'INFRA',
    {
      nameId: 'Dasbor BI khusus',
      nameEn: 'Custom BI dashboard',
      category: 'Data',
      categoryEn: 'Data',
      costModel: 'fixed',
      rate: 8_000_000,
      unitLabel: null,
      responseMinutes: 480,
      resolutionMinutes: 7200,
    },
    false,
  );

  const joko = await as('joko@nusantara.test');
  /** Starts and completes a request's fulfilment ticket as its provider, with the actual quantity. */
  const fulfil = async (provider: Actor, requestId: number, actualQuantity: number, solutionSummary: string) => {
    const row = (await ctx.db.execute<{ ticket_id: number }>(sql`SELECT ticket_id FROM service_requests WHERE id = ${requestId}`)).rows[0];
    const ticketId = Number(row?.ticket_id);
    await transitionTicket(ctx, provider, ticketId, { to: 'in_progress', assigneeId: provider.userId });
    const fresh = (await ctx.db.execute<{ version: number }>(sql`SELECT version FROM service_requests WHERE id = ${requestId}`)).rows[0];
    await completeRequest(ctx, provider, requestId, { version: Number(fresh?.version), actualQuantity, solutionSummary });
    return ticketId;
  };
  const firstStep = async (requestId: number) =>
    Number(
      (await ctx.db.execute<{ id: number }>(sql`SELECT id FROM approvals WHERE request_id = ${requestId} AND state = 'pending'`)).rows[0]
        ?.id,
    );

  // Requests in every state. Done (charged) straight away, below every threshold:
  const done = await createRequest(ctx, siti, { itemId: data.id, quantity: 3, answers: { dataset: 'Penjualan per cabang Q3' } }, SYSTEM);
  await fulfil(joko, done, 2.5, 'Data dikirim dalam format CSV.');
  // Waiting for Produk's approver (Rp 6.000.000 > Rp 5.000.000):
  await createRequest(ctx, siti, { itemId: vm.id, quantity: 8, answers: { os: 'ubuntu' } }, SYSTEM);
  // Approved after a step…
  const approved = await createRequest(ctx, siti, { itemId: vm.id, quantity: 7, answers: { os: 'rhel' } }, SYSTEM);
  await decideApproval(ctx, hendra, await firstStep(approved), { decision: 'approve', comment: 'Disetujui untuk proyek migrasi.' }, SYSTEM);
  // …and since fulfilled by DevOps, so this month's charges show on both sides.
  await fulfil(andi, approved, 7, 'Tujuh VM siap, akses SSH dikirim.');
  // Rejected with a reason:
  const rejected = await createRequest(ctx, siti, { itemId: vm.id, quantity: 12, answers: { os: 'ubuntu' } }, SYSTEM);
  await decideApproval(
    ctx,
    hendra,
    await firstStep(rejected),
    { decision: 'reject', comment: 'Anggaran kuartal ini sudah habis.' },
    SYSTEM,
  );
  // Expired: nobody decided in time (its deadline is moved into the past and the sweep ends it).
  const expired = await createRequest(ctx, siti, { itemId: laptop.id, quantity: 1, answers: { user: siti.userId } }, SYSTEM);
  await ctx.db.execute(sql`UPDATE approvals SET due_at = now() - interval '1 hour' WHERE request_id = ${expired}`);
  await sweepApprovals(ctx);
  // Cancelled by the provider team before work started:
  const cancelled = await createRequest(ctx, siti, { itemId: data.id, quantity: 1, answers: { dataset: 'Data uji coba' } }, SYSTEM);
  const cancelledTicket = (await ctx.db.execute<{ ticket_id: number }>(sql`SELECT ticket_id FROM service_requests WHERE id = ${cancelled}`))
    .rows[0];
  await transitionTicket(ctx, joko, Number(cancelledTicket?.ticket_id), { to: 'cancelled', reason: 'Permintaan ganda.' });
  // In fulfilment with a person and a file answer:
  const brief = await uploadAnswerFile(ctx, siti, { data: DEMO_BRIEF, filename: 'ringkasan-fitur.pdf', fields: {} });
  await createRequest(
    ctx,
    siti,
    {
      itemId: consultation.id,
      quantity: 2,
      answers: { topic: 'Notifikasi WhatsApp untuk status pesanan', owner: hendra.userId, brief: { fileId: brief.fileId } },
    },
    SYSTEM,
  );

  // Earlier months: done and confirmed then, so the charges pages have history on both sides. Charges are
  // append-only; only this seed moves its own new rows into the past, with the guard lifted for that moment.
  const history: { id: number; at: string }[] = [];
  for (const [monthsAgo, hours, dataset] of [
    [3, 6, 'Rekap pelanggan aktif'],
    [2, 4.5, 'Transaksi gagal per kanal'],
    [1, 8, 'Kinerja kampanye promosi'],
  ] as const) {
    const id = await createRequest(ctx, siti, { itemId: data.id, quantity: hours, answers: { dataset } }, SYSTEM);
    const ticketId = await fulfil(joko, id, hours, 'Data dikirim.');
    await transitionTicket(ctx, siti, ticketId, { to: 'closed' });
    const at = new Date();
    at.setUTCMonth(at.getUTCMonth() - monthsAgo, 12);
    history.push({ id, at: at.toISOString() });
  }
  const vmEarlier = await createRequest(ctx, siti, { itemId: vm.id, quantity: 2, answers: { os: 'ubuntu' } }, SYSTEM);
  await fulfil(andi, vmEarlier, 2, 'Dua VM siap, akses SSH dikirim.');
  history.push({ id: vmEarlier, at: new Date(Date.parse(history[1]?.at ?? '') + 5 * 86_400_000).toISOString() });
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE charges DISABLE TRIGGER charges_no_update`);
    for (const { id, at } of history) {
      await tx.execute(sql`UPDATE charges SET charged_at = ${at}::timestamptz WHERE request_id = ${id}`);
      await tx.execute(
        sql`UPDATE service_requests SET created_at = ${at}::timestamptz - interval '2 days', updated_at = ${at}::timestamptz WHERE id = ${id}`,
      );
    }
    await tx.execute(sql`ALTER TABLE charges ENABLE TRIGGER charges_no_update`);
  });
}

/** A one-page PDF standing in for a requester's brief. */
const DEMO_BRIEF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
