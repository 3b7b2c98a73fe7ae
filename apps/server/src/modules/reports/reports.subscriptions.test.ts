import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { runDueSubscriptions } from './index.ts';
import { nextRunAfter, periodBefore } from './reports.subscriptions.ts';

describe('schedules', () => {
  it('runs at 07:00 of the subscriber’s day: daily, on Mondays, on the 1st', () => {
    const sunday = new Date('2026-11-29T10:00:00Z');
    expect(nextRunAfter('daily', sunday, 'Asia/Jakarta')).toEqual(new Date('2026-11-30T00:00:00Z'));
    expect(nextRunAfter('weekly', sunday, 'Asia/Jakarta')).toEqual(new Date('2026-11-30T00:00:00Z'));
    expect(nextRunAfter('monthly', sunday, 'Asia/Jayapura')).toEqual(new Date('2026-11-30T22:00:00Z'));
    // Exactly at a run, the next one is a period later.
    expect(nextRunAfter('weekly', new Date('2026-11-30T00:00:00Z'), 'Asia/Jakarta')).toEqual(new Date('2026-12-07T00:00:00Z'));
  });

  it('reports on the day, week or month just ended', () => {
    const monday = new Date('2026-11-30T00:00:00Z');
    expect(periodBefore('daily', monday, 'Asia/Jakarta')).toEqual({ from: '2026-11-29', to: '2026-11-29' });
    expect(periodBefore('weekly', monday, 'Asia/Jakarta')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodBefore('monthly', new Date('2026-12-01T00:00:00Z'), 'Asia/Jakarta')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodBefore('monthly', new Date('2027-01-01T00:00:00Z'), 'Asia/Jakarta')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('scheduled reports by email', () => {
  const clock = manualClock('2026-11-26T03:00:00Z');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let first: TestApp;
  let second: TestApp;
  let executive: Client;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    first = await createTestApp({ jobs: true, clock });
    second = await createTestApp({ jobs: true, clock, database: first.ctx.env.DATABASE_URL });
    await first.ctx.db.execute(
      sql`INSERT INTO settings (key, value) VALUES ('smtp', ${JSON.stringify({ host: '127.0.0.1', port: smtp.port, secure: false, user: null, passwordEncrypted: null, from: 'Laporan <laporan@nusantara.test>' })}::jsonb)`,
    );
    executive = await first.actingAs('executive');
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await smtp.close();
  });

  const userId = async (email: string) =>
    Number((await first.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`)).rows[0]?.id);

  it('lets only Executives and Administrators add colleagues, and only colleagues who read reports', async () => {
    const lead = await first.actingAs('team_lead');
    const refused = await lead.post('/api/v1/report-subscriptions', {
      kind: 'tickets',
      frequency: 'weekly',
      recipientIds: [await userId('bambang@nusantara.test')],
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('RECIPIENTS_NOT_ALLOWED');
    const cannotRead = await executive.post('/api/v1/report-subscriptions', {
      kind: 'tickets',
      frequency: 'weekly',
      recipientIds: [await userId('siti@nusantara.test')],
    });
    expect(cannotRead.status).toBe(400);
    expect(cannotRead.body.code).toBe('RECIPIENT_CANNOT_READ');
    const badFilter = await executive.post('/api/v1/report-subscriptions', {
      kind: 'tickets',
      frequency: 'weekly',
      query: { rows: 'colour' },
    });
    expect(badFilter.status).toBe(400);
    expect((await (await first.actingAs('requester')).get('/api/v1/report-subscriptions')).status).toBe(403);
  });

  it('names only units the subscriber reports on, and sends them only to colleagues who read those units', async () => {
    const unitId = async (code: string) =>
      String((await first.ctx.db.execute<{ id: number }>(sql`SELECT id FROM units WHERE code = ${code}`)).rows[0]?.id);
    const count = async () =>
      Number((await first.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM report_subscriptions`)).rows[0]?.n);
    const [jakarta, bigData, before] = [await unitId('OU-JKT'), await unitId('BIGDATA'), await count()];
    const lead = await first.actingAs('team_lead'); // Team Lead of PT Nusantara: another company's unit does not exist for her

    const foreign = await lead.post('/api/v1/report-subscriptions', { kind: 'sla', frequency: 'weekly', query: { unitId: jakarta } });
    expectProblem(foreign, 404, 'NOT_FOUND');
    expect(await count()).toBe(before);
    const own = await lead.post('/api/v1/report-subscriptions', { kind: 'sla', frequency: 'weekly', query: { unitId: bigData } });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const moved = await lead.patch(`/api/v1/report-subscriptions/${own.body.id}`, {
      query: { unitId: jakarta },
      version: own.body.version,
    });
    expectProblem(moved, 404, 'NOT_FOUND');
    const [kept] = (await lead.get('/api/v1/report-subscriptions')).body.items;
    expect(kept).toMatchObject({ id: own.body.id, query: { unitId: bigData }, version: own.body.version });

    // The Executive reads Jakarta, the Team Lead he would send it to does not.
    const dewi = await userId('dewi@nusantara.test');
    const shared = await executive.post('/api/v1/report-subscriptions', {
      kind: 'sla',
      frequency: 'weekly',
      query: { unitId: jakarta },
      recipientIds: [dewi],
    });
    expectProblem(shared, 400, 'RECIPIENT_CANNOT_READ');
    expect(await count()).toBe(before + 1);
    expect((await lead.delete(`/api/v1/report-subscriptions/${own.body.id}`)).status).toBe(204);
  });

  it('sends a weekly report once, with its PDF, though two server processes run the schedule', async () => {
    const siti = await first.actingAs('requester');
    expect((await siti.post('/api/v1/tickets', { title: 'Proyektor ruang rapat mati', urgency: 'medium', impact: 'low' })).status).toBe(
      201,
    );
    clock.at('2026-11-29T10:00:00Z'); // Sunday
    const created = await executive.post('/api/v1/report-subscriptions', {
      kind: 'tickets',
      query: { rows: 'unit', columns: 'status' },
      frequency: 'weekly',
      format: 'pdf',
      recipientIds: [await userId('dewi@nusantara.test')],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.nextRunAt).toBe('2026-11-30T00:00:00.000Z');
    expect(await runDueSubscriptions(first.ctx)).toEqual([]);

    clock.at('2026-11-30T00:02:00Z'); // Monday 07:02 WIB
    const [a, b] = await Promise.all([runDueSubscriptions(first.ctx), runDueSubscriptions(second.ctx)]);
    expect([...a, ...b]).toEqual([created.body.id]);

    const mail = await smtp.waitFor('bambang@nusantara.test');
    await smtp.waitFor('dewi@nusantara.test');
    expect(mail.subject).toBe('Rekap Tiket 2026-11-23 s.d. 2026-11-29');
    expect(mail.raw).toContain('application/pdf');
    expect(mail.raw).toContain('tickets-2026-11-23-2026-11-29.pdf');
    // Whatever either process still has queued, nothing arrives twice.
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.received.filter((m) => m.to.includes('bambang@nusantara.test'))).toHaveLength(1);
    expect(smtp.received.filter((m) => m.to.includes('dewi@nusantara.test'))).toHaveLength(1);
    expect(await runDueSubscriptions(second.ctx)).toEqual([]);
    const listed = await executive.get('/api/v1/report-subscriptions');
    expect(listed.body.items[0].nextRunAt).toBe('2026-12-07T00:00:00.000Z');
  });
});
