import { sql } from 'drizzle-orm';
import type { Clock } from '../../src/platform/time/clock.ts';
import type { Client, TestApp } from '../harness.ts';

type ManualClock = Clock & { at(t: Date | string): void };

/**
 * Charges for billing tests, made the way production makes them: DevOps and
 * Big Data publish priced items, a division's member orders, the provider's
 * team fulfils with the actual quantity, and the charge is recorded at the
 * clock's time.
 */
export async function billingWorld(t: TestApp, clock: ManualClock) {
  const unit: Record<string, number> = {};
  const user: Record<string, number> = {};
  for (const r of (await t.ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM units`)).rows) unit[r.code] = Number(r.id);
  for (const r of (await t.ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows)
    user[r.email] = Number(r.id);
  const team = async (code: string) =>
    Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM teams WHERE code = ${code}`)).rows[0]?.id);
  const clients = new Map<string, Client>();
  const as = async (email: string) => {
    let client = clients.get(email);
    if (!client) {
      client = await t.signIn(email);
      clients.set(email, client);
    }
    return client;
  };
  const manager = await t.actingAs('catalog_manager');
  const publish = async (providerEmail: string, body: Record<string, unknown>) => {
    const provider = await as(providerEmail);
    let item = (await provider.post('/api/v1/catalog/items', { responseMinutes: 240, resolutionMinutes: 2880, form: [], ...body })).body;
    if (!item?.id) throw new Error(`item not created: ${JSON.stringify(item)}`);
    item = (await provider.post(`/api/v1/catalog/items/${item.id}/submit`, { version: item.version })).body;
    return (await manager.post(`/api/v1/catalog/items/${item.id}/approve`, { version: item.version })).body as { id: number };
  };
  const devopsTeam = await team('DEVOPS-SVC');
  const items = {
    /** DevOps, Rp 1.000.000 per package. */
    consulting: await publish('andi@nusantara.test', {
      providerUnitId: unit.DEVOPS,
      teamId: devopsTeam,
      nameId: 'Paket konsultasi arsitektur',
      nameEn: 'Architecture consulting package',
      category: 'Konsultasi',
      costModel: 'per_unit',
      rate: 1_000_000,
      unitLabel: 'paket',
    }),
    /** DevOps, Rp 250.000 per hour. */
    support: await publish('andi@nusantara.test', {
      providerUnitId: unit.DEVOPS,
      teamId: devopsTeam,
      nameId: 'Dukungan server',
      nameEn: 'Server support',
      category: 'Infrastruktur',
      costModel: 'per_hour',
      rate: 250_000,
      unitLabel: null,
    }),
    /** Big Data, Rp 300.000 per hour, fulfilled by the Infrastruktur team. */
    data: await publish('lina@nusantara.test', {
      providerUnitId: unit.BIGDATA,
      teamId: await team('INFRA'),
      nameId: 'Ekstraksi data',
      nameEn: 'Data extraction',
      category: 'Data',
      costModel: 'per_hour',
      rate: 300_000,
      unitLabel: null,
    }),
  };
  const fulfillers: Record<keyof typeof items, string> = {
    consulting: 'andi@nusantara.test',
    support: 'andi@nusantara.test',
    data: 'joko@nusantara.test',
  };

  /** Orders `quantity` of an item as `requester` and fulfils it at `at`: returns the charge's id. */
  const charge = async (requester: string, item: keyof typeof items, quantity: number, at: string): Promise<number> => {
    clock.at(at);
    const order = (await (await as(requester)).post('/api/v1/service-requests', { itemId: items[item].id, quantity })).body;
    if (order?.status !== 'in_fulfilment') throw new Error(`order not in fulfilment: ${JSON.stringify(order)}`);
    const fulfiller = await as(fulfillers[item]);
    await fulfiller.post(`/api/v1/tickets/${order.ticket.id}/transitions`, { to: 'in_progress', assigneeId: user[fulfillers[item]] });
    const fresh = (await fulfiller.get(`/api/v1/service-requests/${order.id}`)).body;
    const done = await fulfiller.post(`/api/v1/service-requests/${order.id}/complete`, {
      version: fresh.version,
      actualQuantity: quantity,
      solutionSummary: 'Selesai.',
    });
    if (done.status !== 200) throw new Error(`completion failed: ${done.status} ${done.text}`);
    const row = (await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM charges WHERE request_id = ${order.id} AND kind = 'charge'`))
      .rows[0];
    return Number(row?.id);
  };
  return { unit, user, items, as, charge };
}

/** Every invoice line's charge with the number of invoices it is on. */
export async function chargesOnInvoices(t: TestApp) {
  const { rows } = await t.ctx.db.execute<{ id: number; invoices: number }>(sql`
    SELECT c.id, count(l.id)::int AS invoices FROM charges c LEFT JOIN invoice_lines l ON l.charge_id = c.id GROUP BY c.id ORDER BY c.id`);
  return rows.map((r) => ({ id: Number(r.id), invoices: r.invoices }));
}
