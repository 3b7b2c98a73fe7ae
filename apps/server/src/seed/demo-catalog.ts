import { sql } from 'drizzle-orm';
import { createItem, decideItem } from '../modules/catalog/catalog.service.ts';
import { loadActor } from '../modules/identity/actor.loader.ts';
import { completeRequest, createRequest, decideApproval } from '../modules/requests/requests.service.ts';
import { transitionTicket } from '../modules/tickets/tickets.service.ts';
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
    costModel: 'per_hour',
    rate: 250_000,
    unitLabel: 'jam',
    responseMinutes: 480,
    resolutionMinutes: 2880,
    form: [{ key: 'dataset', type: 'short_text', labelId: 'Data yang dibutuhkan', labelEn: 'Data needed', required: true }],
  });
  await register(andi, 'DEVOPS', 'DEVOPS-SVC', {
    nameId: 'Konsultasi fitur',
    nameEn: 'Feature consultation',
    category: 'Produk',
    costModel: 'per_hour',
    rate: 400_000,
    unitLabel: 'jam',
    responseMinutes: 480,
    resolutionMinutes: 4320,
  });
  await register(andi, 'DEVOPS', 'DEVOPS-SVC', {
    nameId: 'Pengadaan laptop standar',
    nameEn: 'Standard laptop procurement',
    category: 'Perangkat',
    costModel: 'fixed',
    rate: 14_500_000,
    unitLabel: null,
    responseMinutes: 480,
    resolutionMinutes: 14_400,
    alwaysApproval: true,
  });
  await register(
    lina,
    'BIGDATA',
    'INFRA',
    {
      nameId: 'Dasbor BI khusus',
      nameEn: 'Custom BI dashboard',
      category: 'Data',
      costModel: 'fixed',
      rate: 8_000_000,
      unitLabel: null,
      responseMinutes: 480,
      resolutionMinutes: 7200,
    },
    false,
  );

  // Requests: one straight to fulfilment and done (charged), one waiting for approval, one approved and in progress.
  const done = await createRequest(ctx, siti, { itemId: data.id, quantity: 3, answers: { dataset: 'Penjualan per cabang Q3' } }, SYSTEM);
  const doneRow = (
    await ctx.db.execute<{ ticket_id: number; version: number }>(sql`SELECT ticket_id, version FROM service_requests WHERE id = ${done}`)
  ).rows[0];
  if (doneRow?.ticket_id) {
    const joko = await as('joko@nusantara.test');
    await transitionTicket(ctx, joko, Number(doneRow.ticket_id), { to: 'in_progress', assigneeId: joko.userId });
    const fresh = (await ctx.db.execute<{ version: number }>(sql`SELECT version FROM service_requests WHERE id = ${done}`)).rows[0];
    await completeRequest(ctx, joko, done, {
      version: Number(fresh?.version),
      actualQuantity: 2.5,
      solutionSummary: 'Data dikirim dalam format CSV.',
    });
  }
  await createRequest(ctx, siti, { itemId: vm.id, quantity: 8, answers: { os: 'ubuntu' } }, SYSTEM);
  const approved = await createRequest(ctx, siti, { itemId: vm.id, quantity: 7, answers: { os: 'rhel' } }, SYSTEM);
  const step = (await ctx.db.execute<{ id: number }>(sql`SELECT id FROM approvals WHERE request_id = ${approved} AND state = 'pending'`))
    .rows[0];
  if (step) await decideApproval(ctx, hendra, Number(step.id), { decision: 'approve', comment: 'Disetujui untuk proyek migrasi.' }, SYSTEM);
}
