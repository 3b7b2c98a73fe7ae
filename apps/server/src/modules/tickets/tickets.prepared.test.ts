import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { connect } from '../../platform/db/client.ts';
import { preparedNames } from '../../platform/db/prepared.ts';
import { DEMO_ACCOUNTS } from '../../seed/demo-accounts.ts';
import { loadActor } from '../identity/index.ts';
import { listTickets } from './tickets.queries.ts';
import { listQuery } from './tickets.schemas.ts';

let test: TestApp;
let url: string;

beforeAll(async () => {
  test = await createTestApp();
  url = String(test.ctx.pool.options.connectionString);
});
afterAll(async () => {
  await test?.close();
});

async function onlyClient(db: { pool: { connect(): Promise<{ release(): void }> } }) {
  const client = await db.pool.connect();
  client.release();
  return client as never;
}

describe('lists as named prepared statements', () => {
  it('names a queue’s page and count, each actor seeing their own rows, and plans a search for its words each time', async () => {
    const lists = connect(url, 1);
    try {
      const actorOf = async (email: string) => {
        const { rows } = await lists.pool.query('SELECT id FROM users WHERE email = $1', [email]);
        return (await loadActor(lists.db, Number(rows[0].id)))!;
      };
      const requesters = [await test.actingAs('requester'), await test.actingAs('agent')];
      for (const client of requesters) {
        const res = await client.post('/api/v1/tickets', { title: 'Printer lantai 5 macet', urgency: 'medium', impact: 'low' });
        expect(res.status).toBe(201);
      }
      const agent = await actorOf(DEMO_ACCOUNTS.agent.email);
      const requester = await actorOf(DEMO_ACCOUNTS.requester.email);
      const queue = listQuery.parse({ pageSize: '100' });
      const byAgent = await listTickets(lists.db, agent, queue);
      const byRequester = await listTickets(lists.db, requester, queue);
      const statements = preparedNames(await onlyClient(lists));
      expect([...statements.keys()].filter((text) => text.includes('FROM tickets')).length).toBeGreaterThanOrEqual(2);
      expect(byRequester.items.length).toBeGreaterThan(0);
      expect(byAgent.total).toBeGreaterThan(byRequester.total);
      expect(byRequester.items.every((t) => t.requester?.id === requester.userId)).toBe(true);
      const before = statements.size;
      await listTickets(lists.db, agent, listQuery.parse({ q: 'printer' }));
      await listTickets(lists.db, agent, listQuery.parse({ createdFrom: '2026-01-01' }));
      expect(preparedNames(await onlyClient(lists)).size).toBe(before);
    } finally {
      await lists.close();
    }
  });
});

describe('reference names in lists', () => {
  it('come from the process cache and follow a rename of a category, service, company, unit or team at once', async () => {
    const requester = await test.actingAs('requester');
    const agent = await test.actingAs('agent');
    const filed = await requester.post('/api/v1/tickets', { title: 'Proyektor ruang rapat mati', urgency: 'low', impact: 'low' });
    expect(filed.status).toBe(201);
    const id = filed.body.id as number;
    const pick = async (table: string) => Number((await test.ctx.pool.query(`SELECT min(id) AS id FROM ${table}`)).rows[0].id);
    const refs = {
      category: { table: 'ticket_categories', column: 'name_id', id: await pick('ticket_categories') },
      service: { table: 'business_services', column: 'name', id: await pick('business_services') },
      team: { table: 'teams', column: 'name', id: await pick('teams') },
    };
    await test.ctx.pool.query('UPDATE tickets SET category_id = $2, service_id = $3, team_id = $4 WHERE id = $1', [
      id,
      refs.category.id,
      refs.service.id,
      refs.team.id,
    ]);
    const listed = async () => {
      const res = await agent.get('/api/v1/tickets?pageSize=100&sort=-created');
      expect(res.status).toBe(200);
      return res.body.items.find((t: { id: number }) => t.id === id);
    };
    const before = await listed();
    const all = {
      ...refs,
      company: { table: 'companies', column: 'name', id: before.company.id },
      unit: { table: 'units', column: 'name', id: before.unit.id },
    };
    for (const [field, ref] of Object.entries(all)) {
      const { rows } = await test.ctx.pool.query(`SELECT ${ref.column} AS name FROM ${ref.table} WHERE id = $1`, [ref.id]);
      expect(before[field]).toEqual({ id: ref.id, name: rows[0].name });
    }
    for (const [field, ref] of Object.entries(all)) {
      await test.ctx.pool.query(`UPDATE ${ref.table} SET ${ref.column} = ${ref.column} || ' (baru)' WHERE id = $1`, [ref.id]);
      expect((await listed())[field].name).toMatch(/ \(baru\)$/);
    }
  });
});
