import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { until } from '../../../test/support/wait.ts';
import { checkSlas } from '../sla/index.ts';

let t: TestApp;
let second: TestApp; // another server process on the same database, also running workers
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let gateway: Server;
const gatewayCalls: { status: number; body: string }[] = [];
let requester: Client;
let agent: Client;
let admin: Client;
let budi: number;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // A gateway that fails twice, then accepts.
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = gatewayCalls.length < 2 ? 500 : 200;
      gatewayCalls.push({ status, body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  // The test gateway listens on loopback, which outbound calls may reach only when the operator allows it.
  const env = { ALLOW_PRIVATE_OUTBOUND: 'true' };
  t = await createTestApp({ jobs: true, env });
  second = await createTestApp({ jobs: true, database: t.ctx.env.DATABASE_URL, env });
  await t.ctx.db.execute(
    sql`INSERT INTO settings (key, value) VALUES ('smtp', ${JSON.stringify({ host: '127.0.0.1', port: smtp.port, secure: false, user: null, passwordEncrypted: null, from: 'Helpdesk Nusantara <helpdesk@nusantara.test>' })}::jsonb)`,
  );
  [requester, agent, admin] = await Promise.all([t.actingAs('requester'), t.actingAs('agent'), t.actingAs('administrator')]);
  budi = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = 'budi@nusantara.test'`)).rows[0]?.id);
});
afterAll(async () => {
  await second.close();
  await t.close();
  await smtp.close();
  gateway.close();
});

const mails = (to: string, subject: RegExp) => smtp.received.filter((m) => m.to.includes(to) && subject.test(m.subject));

describe('email', () => {
  it('sends created, assigned and resolved emails in Indonesian with threading headers', async () => {
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Internet kantor cabang mati', urgency: 'high', impact: 'medium' }))
      .body;
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi });
    await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Mohon dipercepat' });
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'resolved', solutionSummary: 'Router diganti.' });

    const created = await until(async () => mails('siti@nusantara.test', /telah kami terima/)[0]);
    expect(created.subject).toBe(`[${ticket.number}] Tiket Anda telah kami terima`);
    expect(created.text).toContain(ticket.number);
    expect(created.text).toContain(`http://localhost:3000/tickets/${ticket.number}`);
    expect(created.headers.get('references')).toBe(`<ticket-${ticket.number}@nusantara.test>`);
    expect(String(created.headers.get('message-id'))).toMatch(new RegExp(`^<ticket-${ticket.number}-d\\d+@nusantara\\.test>$`));
    // Replies go to the helpdesk address (here the SMTP sender, no mailbox configured); nobody should answer automatically.
    expect(JSON.stringify(created.headers.get('reply-to'))).toContain('"address":"helpdesk@nusantara.test"');
    expect(created.headers.get('in-reply-to')).toBe(`<ticket-${ticket.number}@nusantara.test>`);
    expect(created.headers.get('auto-submitted')).toBe('auto-generated');

    const reply = await until(async () => mails('budi@nusantara.test', /Balasan baru/)[0]);
    expect(reply.subject).toBe(`[${ticket.number}] Balasan baru: Internet kantor cabang mati`);
    const resolved = await until(async () => mails('siti@nusantara.test', /telah diselesaikan/)[0]);
    expect(resolved.text).toContain('Budi Santoso');
    // The agent assigned himself: nobody is told about their own action.
    expect(mails('budi@nusantara.test', /Ditugaskan kepada Anda/)).toHaveLength(0);
  });

  it('assigning someone else emails them', async () => {
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Printer macet', urgency: 'low', impact: 'low' })).body;
    const lead = await t.actingAs('team_lead');
    const sd = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'SD'`)).rows[0]?.id);
    await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, teamId: sd, assigneeId: budi });
    const mail = await until(async () => mails('budi@nusantara.test', new RegExp(`${ticket.number}.*Ditugaskan kepada Anda`))[0]);
    expect(mail.subject).toBe(`[${ticket.number}] Ditugaskan kepada Anda: Printer macet`);
  });

  it('respects a user’s preference to receive no email for an event', async () => {
    const hendra = await t.actingAs('approver');
    const prefs = await hendra.put('/api/v1/me/notification-preferences', {
      items: [{ event: 'ticket_created', channel: 'email', enabled: false }],
    });
    expect(prefs.status).toBe(204);
    const ticket = (await hendra.post('/api/v1/tickets', { title: 'Akses VPN', urgency: 'low', impact: 'low' })).body;
    // The notice is worked out by a job after the ticket is committed (issue 19): wait for it.
    const rows = await until(async () => {
      const found = await t.ctx.db.execute<{ channel: string }>(
        sql`SELECT channel FROM notification_deliveries WHERE ticket_id = ${ticket.id}`,
      );
      return found.rows.length > 0 && found;
    });
    expect(rows.rows.map((r) => r.channel)).toEqual(['in_app']);
  });

  it('saves every preference the profile shows at once, as the profile sends them', async () => {
    const hendra = await t.actingAs('approver');
    const { items } = (await hendra.get('/api/v1/me/notification-preferences')).body as { items: { enabled: boolean }[] };
    expect(items.length).toBeGreaterThan(100);
    const saved = await hendra.put('/api/v1/me/notification-preferences', { items: items.map((i) => ({ ...i, enabled: false })) });
    expect(saved.status).toBe(204);
    const after = (await hendra.get('/api/v1/me/notification-preferences')).body as { items: { enabled: boolean }[] };
    expect(after.items.every((i) => !i.enabled)).toBe(true);
  });
});

describe('SMS gateway', () => {
  it('retries a gateway answering 500 twice, then logs the delivery as sent', async () => {
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
    const saved = await admin.put('/api/v1/settings/sms-gateway', {
      version: 0,
      enabled: true,
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      bodyTemplate: '{"to":"{phone}","text":"{message}"}',
    });
    expect(saved.status).toBe(204);
    await requester.put('/api/v1/me/notification-preferences', { items: [{ event: 'ticket_created', channel: 'sms', enabled: true }] });
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Aplikasi SIK error', urgency: 'medium', impact: 'medium' })).body;
    const delivery = await until(async () => {
      const row = (
        await t.ctx.db.execute<{ status: string; attempts: number }>(
          sql`SELECT status, attempts FROM notification_deliveries WHERE ticket_id = ${ticket.id} AND channel = 'sms'`,
        )
      ).rows[0];
      return row?.status === 'sent' ? row : undefined;
    }, 40_000);
    expect(delivery.attempts).toBe(3);
    expect(gatewayCalls.map((c) => c.status)).toEqual([500, 500, 200]);
    expect(JSON.parse(gatewayCalls[2]?.body ?? '{}')).toMatchObject({ to: '+6281211112001' }); // the profile's 0812-1111-2001, as E.164;
    expect(JSON.parse(gatewayCalls[2]?.body ?? '{}').text).toContain(ticket.number);
    const log = await admin.get(`/api/v1/notification-deliveries?ticketId=${ticket.id}&channel=sms`);
    expect(log.body.items.length).toBeGreaterThan(0);
    expect(log.body.items.every((d: { channel: string }) => d.channel === 'sms')).toBe(true);
    expect(log.body.items[0]).toMatchObject({ status: 'sent', attempts: 3, recipient: 'Siti Rahmawati', reference: ticket.number });
  }, 60_000);
});

describe('SLA notices across two server processes', () => {
  it('gives one email and one in-app notification per warning and per breach', async () => {
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Server down', urgency: 'high', impact: 'high' })).body;
    const sd = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'SD'`)).rows[0]?.id);
    await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, teamId: sd, assigneeId: budi });
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    const created = Date.parse(ticket.createdAt);
    for (const minutes of [46, 47, 61, 62]) {
      await Promise.all([checkSlas(t.ctx, created + minutes * 60_000), checkSlas(second.ctx, created + minutes * 60_000)]);
    }
    const count = async (event: string, channel: string) =>
      Number(
        (
          await t.ctx.db.execute<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM notification_deliveries WHERE ticket_id = ${ticket.id} AND event = ${event} AND channel = ${channel}`,
          )
        ).rows[0]?.n,
      );
    expect(await count('sla_warning', 'in_app')).toBe(1);
    expect(await count('sla_warning', 'email')).toBe(1);
    expect(await count('sla_breached', 'in_app')).toBe(1);
    expect(await count('sla_breached', 'email')).toBe(1);
    await until(async () => mails('budi@nusantara.test', new RegExp(`\\[${ticket.number}\\] Mendekati batas SLA`)).length === 1);
    await until(async () => mails('dewi@nusantara.test', new RegExp(`\\[${ticket.number}\\] SLA terlampaui`)).length === 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(mails('budi@nusantara.test', new RegExp(`\\[${ticket.number}\\] Mendekati batas SLA`))).toHaveLength(1);
    expect(mails('dewi@nusantara.test', new RegExp(`\\[${ticket.number}\\] SLA terlampaui`))).toHaveLength(1);
  }, 60_000);
});

describe('in-app', () => {
  it('lists, counts and marks notifications read, and announces them to another process live', async () => {
    const heard: number[] = [];
    const hub = (await import('./notifications.realtime.ts')).RealtimeHub;
    const listener = new hub(second.ctx.pool);
    const unsubscribe = listener.subscribe(budi, (id) => heard.push(id));
    // What is sent before the LISTEN is in place is not heard (a stream resyncs only after a loss).
    await until(async () => listener.listening);
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Email dinas penuh', urgency: 'low', impact: 'medium' })).body;
    await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Tolong dicek' });
    const lead = await t.actingAs('team_lead');
    const fresh = (await lead.get(`/api/v1/tickets/${ticket.id}`)).body;
    await lead.patch(`/api/v1/tickets/${ticket.id}`, {
      version: fresh.version,
      assigneeId: budi,
      teamId: Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'SD'`)).rows[0]?.id),
    });
    await until(async () => heard.length > 0);
    expect(heard).toContain(budi);
    unsubscribe();
    await listener.stop();

    // Notices are worked out by a job, so the requester's reply may be announced to Budi too once he is
    // assigned, and be what was heard first: wait for the assignment's own notice.
    const assigned = (n: { ticketId: number; title: string }) => n.ticketId === ticket.id && n.title.includes('Ditugaskan');
    const inbox = await until(async () => {
      const res = await agent.get('/api/v1/notifications?unread=true');
      return res.body.items.some(assigned) ? res : undefined;
    });
    expect(inbox.body.unread).toBeGreaterThan(0);
    const item = inbox.body.items.find(assigned);
    expect(item.title).toBe(`[${ticket.number}] Ditugaskan kepada Anda: Email dinas penuh`);
    expect(item.link).toBe(`/tickets/${ticket.number}`);
    expect((await agent.post('/api/v1/notifications/read', { ids: [item.id] })).status).toBe(204);
    const after = await agent.get('/api/v1/notifications?unread=true');
    expect(after.body.unread).toBe(inbox.body.unread - 1);
    // Nobody reads another's notifications.
    expect((await requester.get('/api/v1/notifications')).body.items.some((n: { id: number }) => n.id === item.id)).toBe(false);
  });
});

describe('templates', () => {
  it('lets an Administrator edit and preview a template; others get 403', async () => {
    expectProblem(await agent.get('/api/v1/notification-templates'), 403, 'FORBIDDEN');
    const all = await admin.get('/api/v1/notification-templates');
    const created = all.body.items.find(
      (i: { event: string; locale: string; channel: string }) => i.event === 'ticket_created' && i.locale === 'id' && i.channel === 'email',
    );
    expect(created.custom).toBe(false);
    const put = await admin.put('/api/v1/notification-templates', {
      event: 'ticket_created',
      locale: 'id',
      channel: 'email',
      subject: 'Nomor tiket Anda {number}',
      body: 'Halo {requester}, tiket {number}: {title}. {link}',
      version: 0,
    });
    expect(put.status).toBe(204);
    const preview = await admin.post('/api/v1/notification-templates/preview', { event: 'ticket_created', locale: 'id', channel: 'email' });
    expect(preview.body).toEqual({
      subject: 'Nomor tiket Anda INC-2026-000123',
      body: 'Halo Siti Rahmawati, tiket INC-2026-000123: Internet kantor cabang mati. https://ish.example/tickets/INC-2026-000123',
    });
    // The text being edited, before it is saved; an unknown variable stays visible.
    const draft = await admin.post('/api/v1/notification-templates/preview', {
      event: 'ticket_created',
      locale: 'id',
      channel: 'email',
      subject: 'Tiket {number} ({priority})',
      body: '{requester}: {judul}',
    });
    expect(draft.body).toEqual({ subject: 'Tiket INC-2026-000123 (P2)', body: 'Siti Rahmawati: {judul}' });
    expectProblem(
      await admin.put('/api/v1/notification-templates', {
        event: 'ticket_created',
        locale: 'id',
        channel: 'email',
        subject: 'x',
        body: 'y',
        version: 0,
      }),
      409,
      'VERSION_CONFLICT',
    );
    await admin.put('/api/v1/notification-templates', {
      event: 'ticket_created',
      locale: 'id',
      channel: 'email',
      subject: '',
      body: '',
      version: 1,
    });
  });
});
