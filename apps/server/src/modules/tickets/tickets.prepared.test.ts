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
