import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/seed/demo-accounts.ts';
import { createTestApp, type TestApp } from './harness.ts';

// The statements one create, reply and transition send to PostgreSQL, as the bench drives them (issue 19 point 4):
// each costs a round trip and database CPU, so a change that adds one to these paths shows here. Counted on
// every pooled client, BEGIN and COMMIT included, after a warm-up (the process caches hold what they would
// on a running server). Raise a bound only for a statement the write cannot do without.
let t: TestApp;
let log: string[] | null = null;
const original = pg.Client.prototype.query;

beforeAll(async () => {
  t = await createTestApp({ settleNotices: false });
  (pg.Client.prototype as any).query = function (this: pg.Client, ...args: any[]) {
    const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
    // pg-boss's own upkeep runs on its timers: of its statements only a job the write queues counts.
    const upkeep = /pgboss\./.test(text ?? '') && !/^\s*INSERT INTO pgboss\.job/i.test(text ?? '');
    if (log && text && !/^LISTEN/.test(text) && !upkeep) log.push(text.replace(/\s+/g, ' ').slice(0, 160));
    return (original as any).apply(this, args);
  };
});
afterAll(async () => {
  pg.Client.prototype.query = original;
  await t.close();
});

async function counted(cookie: string, method: 'POST', url: string, body: unknown) {
  log = [];
  const res = await t.app.inject({ method, url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  const statements = log;
  log = null;
  return { res, statements };
}

describe('statements per ticket write', () => {
  it('stay within their budget: create 12, reply 8, transition 10', async () => {
    const requester = await t.actingAs('requester');
    const lead = await t.actingAs('team_lead');
    // Warm caches as a running server has them.
    for (let i = 0; i < 2; i++) {
      const c = await counted(requester.cookie!, 'POST', '/api/v1/tickets', {
        title: 'Printer',
        description: '<p>x</p>',
        urgency: 'medium',
        impact: 'medium',
      });
      expect(c.res.statusCode).toBe(201);
    }
    const created = await counted(requester.cookie!, 'POST', '/api/v1/tickets', {
      title: 'Printer',
      description: '<p>x</p>',
      urgency: 'medium',
      impact: 'medium',
    });
    const id = created.res.json().id;
    const agentId = Number(
      (await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${DEMO_ACCOUNTS.team_lead.email}`)).rows[0]?.id,
    );
    const started = await lead.post(`/api/v1/tickets/${id}/transitions`, { to: 'in_progress', assigneeId: agentId });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    await counted(lead.cookie!, 'POST', `/api/v1/tickets/${id}/comments`, { body: '<p>warm</p>' });
    const reply = await counted(lead.cookie!, 'POST', `/api/v1/tickets/${id}/comments`, { body: '<p>Teknisi akan datang.</p>' });
    expect(reply.res.statusCode).toBe(201);
    const pend = await counted(lead.cookie!, 'POST', `/api/v1/tickets/${id}/transitions`, {
      to: 'pending',
      pendingReason: 'vendor',
      reason: 'x',
    });
    expect(pend.res.statusCode, pend.res.body).toBe(200);
    const back = await counted(lead.cookie!, 'POST', `/api/v1/tickets/${id}/transitions`, { to: 'in_progress' });
    expect(back.res.statusCode, back.res.body).toBe(200);
    const counts = Object.fromEntries(Object.entries({ created, reply, pend, back }).map(([k, c]) => [k, c.statements]));
    expect(counts.created?.length, counts.created?.join('\n')).toBeLessThanOrEqual(12);
    expect(counts.reply?.length, counts.reply?.join('\n')).toBeLessThanOrEqual(8);
    expect(counts.pend?.length, counts.pend?.join('\n')).toBeLessThanOrEqual(10);
    expect(counts.back?.length, counts.back?.join('\n')).toBeLessThanOrEqual(10);
  });
});
