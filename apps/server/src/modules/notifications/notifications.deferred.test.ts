import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { NOTIFY_TICKET_EVENT } from './notifications.service.ts';

// Issue 19 point 4: a ticket change records only what happened (a queued job in its own transaction);
// the job works out recipients, renders the messages and records each notice exactly once.
// This app runs no workers and does not play the worker after requests: the test runs the job itself.
let t: TestApp;
let requester: Client;
let agent: Client;
let siti: number;
let budi: number;

const idOf = async (email: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`)).rows[0]?.id);
const notices = async (ticketId: number) =>
  (
    await t.ctx.db.execute<{ user_id: number; event: string; title: string; body: string; link: string }>(
      sql`SELECT user_id, event, title, body, link FROM notifications WHERE ticket_id = ${ticketId} ORDER BY id`,
    )
  ).rows.map((r) => ({ ...r, user_id: Number(r.user_id) }));
const deliveries = async (ticketId: number) =>
  (
    await t.ctx.db.execute<{ user_id: number; event: string; channel: string; status: string }>(
      sql`SELECT user_id, event, channel, status FROM notification_deliveries WHERE ticket_id = ${ticketId} ORDER BY id`,
    )
  ).rows.map((r) => ({ ...r, user_id: Number(r.user_id) }));
const queued = async () =>
  Number(
    (
      await t.ctx.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${NOTIFY_TICKET_EVENT} AND state = 'created'`,
      )
    ).rows[0]?.n,
  );

beforeAll(async () => {
  t = await createTestApp({ settleNotices: false });
  [requester, agent] = await Promise.all([t.actingAs('requester'), t.actingAs('agent')]);
  [siti, budi] = await Promise.all([idOf('siti@nusantara.test'), idOf('budi@nusantara.test')]);
});
afterAll(() => t.close());

describe('ticket notices worked out after the change', () => {
  it('a new ticket queues one job and no notice; the job then tells the requester once, with the number', async () => {
    const before = await queued();
    const res = await requester.post('/api/v1/tickets', { title: 'Proyektor ruang rapat mati', urgency: 'medium', impact: 'low' });
    expect(res.status).toBe(201);
    const ticket = res.body as { id: number; number: string };
    expect(await queued()).toBe(before + 1);
    expect(await notices(ticket.id)).toEqual([]);
    expect(await deliveries(ticket.id)).toEqual([]);

    await t.settle();
    expect(await notices(ticket.id)).toEqual([
      {
        user_id: siti,
        event: 'ticket_created',
        title: `[${ticket.number}] Tiket Anda telah kami terima`,
        body: expect.stringContaining(ticket.number),
        link: `/tickets/${ticket.number}`,
      },
    ]);
    expect(await deliveries(ticket.id)).toEqual([
      { user_id: siti, event: 'ticket_created', channel: 'in_app', status: 'sent' },
      { user_id: siti, event: 'ticket_created', channel: 'email', status: 'queued' },
    ]);

    // A retried job (or a second process running the same one) adds nothing.
    await t.ctx.jobs.send(NOTIFY_TICKET_EVENT, { name: 'ticket.created', event: { ticketId: ticket.id, actorId: siti } });
    await t.settle();
    expect(await notices(ticket.id)).toHaveLength(1);
    expect(await deliveries(ticket.id)).toHaveLength(2);
  });

  it('a reply and a status change each reach the requester once, as the job finds the ticket', async () => {
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Keyboard tidak berfungsi', urgency: 'low', impact: 'low' })).body as {
      id: number;
      number: string;
    };
    await t.settle();
    const start = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi });
    expect(start.status).toBe(200);
    const reply = await agent.post(`/api/v1/tickets/${ticket.id}/comments`, { body: '<p>Keyboard pengganti sedang dikirim.</p>' });
    expect(reply.status).toBe(201);
    const note = await agent.post(`/api/v1/tickets/${ticket.id}/comments`, { body: '<p>Stok di gudang B.</p>', internal: true });
    expect(note.status).toBe(201);
    // Nothing but the created notice yet: the changes only queued their jobs (none for the internal note).
    expect((await notices(ticket.id)).map((n) => n.event)).toEqual(['ticket_created']);

    await t.settle();
    // Taking the ticket names who handles it (SOP 002 §4.k), starting it changes its status, then the reply
    // (jobs of one moment run in any order).
    const told = Object.fromEntries((await notices(ticket.id)).map((n) => [n.event, n]));
    expect(Object.keys(told).sort()).toEqual(['handler_changed', 'reply_added', 'status_changed', 'ticket_created']);
    expect(Object.values(told).every((n) => n.user_id === siti)).toBe(true);
    expect(told.status_changed?.title).toContain(ticket.number);
    expect(told.reply_added?.title).toBe(`[${ticket.number}] Balasan baru: Keyboard tidak berfungsi`);
  });

  it('a change that rolls back leaves no job behind and so no notice', async () => {
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Monitor berkedip', urgency: 'low', impact: 'low' })).body as {
      id: number;
    };
    await t.settle();
    const before = await queued();
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await t.ctx.events.emit(tx, 'ticket.commented', { ticketId: ticket.id, commentId: 999_999, authorId: budi, internal: false });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await queued()).toBe(before);
    await t.settle();
    expect((await notices(ticket.id)).map((n) => n.event)).toEqual(['ticket_created']);
  });
});
