import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { runTicketAutomation } from './tickets.automation.ts';

let t: TestApp;
let requester: Client;
let agent: Client;
let budi: number;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent] = await Promise.all([t.actingAs('requester'), t.actingAs('agent')]);
  budi = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = 'budi@nusantara.test'`)).rows[0]?.id);
});
afterAll(() => t.close());

async function resolvedTicket() {
  const ticket = (await requester.post('/api/v1/tickets', { title: 'Mouse rusak', urgency: 'low', impact: 'low' })).body;
  await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi });
  await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'resolved', solutionSummary: 'Mouse diganti.' });
  return ticket;
}

describe('automation', () => {
  it('reminds once, then closes a resolved ticket after 3 business days without a reply', async () => {
    const ticket = await resolvedTicket();
    const first = await runTicketAutomation(t.ctx, Date.now() + 1 * 3_600_000);
    expect(first.reminded).not.toContain(ticket.id);
    const reminded = await Promise.all([
      runTicketAutomation(t.ctx, Date.now() + 4 * DAY),
      runTicketAutomation(t.ctx, Date.now() + 4 * DAY),
    ]);
    expect(reminded.flatMap((r) => r.reminded).filter((id) => id === ticket.id)).toHaveLength(1);
    const inbox = (await requester.get('/api/v1/notifications')).body.items;
    expect(inbox.some((n: { title: string }) => n.title === `[${ticket.number}] Mohon konfirmasi penyelesaian tiket`)).toBe(true);
    const closed = await runTicketAutomation(t.ctx, Date.now() + 8 * DAY);
    expect(closed.closed).toContain(ticket.id);
    const after = (await requester.get(`/api/v1/tickets/${ticket.id}`)).body;
    expect(after.status).toBe('closed');
    expect(after.locked).toBe(true);
  });

  it('does not close a resolved ticket the requester answered', async () => {
    const ticket = await resolvedTicket();
    await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Masih bermasalah kadang-kadang' });
    const result = await runTicketAutomation(t.ctx, Date.now() + 10 * DAY);
    expect(result.closed).not.toContain(ticket.id);
    expect(result.reminded).not.toContain(ticket.id);
  });

  it('reminds a requester every N days while a ticket waits on them', async () => {
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Butuh data tambahan', urgency: 'low', impact: 'low' })).body;
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi });
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'pending', pendingReason: 'requester' });
    expect((await runTicketAutomation(t.ctx, Date.now() + 1 * DAY)).pendingReminded).not.toContain(ticket.id);
    expect((await runTicketAutomation(t.ctx, Date.now() + 2.1 * DAY)).pendingReminded).toContain(ticket.id);
    expect((await runTicketAutomation(t.ctx, Date.now() + 2.2 * DAY)).pendingReminded).not.toContain(ticket.id);
    expect((await runTicketAutomation(t.ctx, Date.now() + 4.3 * DAY)).pendingReminded).toContain(ticket.id);
  });
});
