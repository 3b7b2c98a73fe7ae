import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { holidaysBetween } from '../calendars/index.ts';
import { checkSlas } from './sla.service.ts';

let t: TestApp;
let other: TestApp; // a second "server process" on the same database
let requester: Client;
let agent: Client;
let budi: number;

beforeAll(async () => {
  t = await createTestApp();
  other = await createTestApp({ database: t.ctx.env.DATABASE_URL });
  [requester, agent] = await Promise.all([t.actingAs('requester'), t.actingAs('agent')]);
  budi = await factories(t.ctx).userId('budi@nusantara.test');
});
afterAll(async () => {
  await other.close();
  await t.close();
});

const MIN = 60_000;
const file = async (urgency: string, impact: string) =>
  (await requester.post('/api/v1/tickets', { title: 'Server aplikasi down', urgency, impact })).body;
const events = async (ticketId: number, kind: string) =>
  Number(
    (
      await t.ctx.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = ${ticketId} AND kind = ${kind}`,
      )
    ).rows[0]?.n,
  );

// Exact durations under an injected clock (pauses, priority changes, stops) are in sla.wiring.test.ts.
describe('SLA clocks on tickets', () => {
  it('starts P1 on 24×7 with 004 Table 6 targets (10 min response, 1 h resolution)', async () => {
    const ticket = await file('high', 'high');
    expect(ticket.priority).toBe('P1');
    const created = Date.parse(ticket.createdAt);
    expect(Date.parse(ticket.sla.responseDueAt) - created).toBe(10 * MIN);
    expect(Date.parse(ticket.sla.resolutionDueAt) - created).toBe(60 * MIN);
    expect(ticket.sla.state).toBe('ok');
  });

  it('warns at 75 %, breaches after the due time, each exactly once across two processes', async () => {
    const ticket = await file('high', 'high');
    const created = Date.parse(ticket.createdAt);
    // Answered in time, so only the resolution target is left to warn about.
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi });
    const [a, b] = await Promise.all([checkSlas(t.ctx, created + 46 * MIN), checkSlas(other.ctx, created + 46 * MIN)]);
    expect([...a.warned, ...b.warned].filter((id) => id === ticket.id)).toHaveLength(1);
    expect(await events(ticket.id, 'sla_warning')).toBe(1);
    const warned = (await agent.get(`/api/v1/tickets/${ticket.id}`)).body;
    expect(warned.sla.state).toBe('warning');
    expect((await agent.get('/api/v1/tickets?queue=breaching&sort=due')).body.items.map((i: { id: number }) => i.id)).toContain(ticket.id);

    const [c, d] = await Promise.all([checkSlas(t.ctx, created + 61 * MIN), checkSlas(other.ctx, created + 61 * MIN)]);
    expect([...c.breached, ...d.breached].filter((id) => id === ticket.id)).toHaveLength(1);
    expect(await events(ticket.id, 'sla_breached')).toBe(1);
    expect((await agent.get(`/api/v1/tickets/${ticket.id}`)).body.sla.state).toBe('breached');
    await Promise.all([checkSlas(t.ctx, created + 90 * MIN), checkSlas(other.ctx, created + 90 * MIN)]);
    expect(await events(ticket.id, 'sla_breached')).toBe(1);
  });

  it('breaches an unanswered response target on its own', async () => {
    const ticket = await file('high', 'high');
    const result = await checkSlas(t.ctx, Date.parse(ticket.createdAt) + 11 * MIN);
    expect(result.breached).toContain(ticket.id);
    expect((await agent.get(`/api/v1/tickets/${ticket.id}`)).body.sla.state).toBe('breached');
  });

  it('records the resolution outcome when resolved', async () => {
    const ticket = await file('medium', 'medium');
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi });
    const resolved = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'resolved', solutionSummary: 'Selesai' });
    expect(resolved.body.sla.state).toBe('met');
    expect(resolved.body.sla.resolutionOutcome).toBe('met');
  });
});

describe('SLA administration', () => {
  it('lets only Administrators edit calendars, holidays and policies', async () => {
    const admin = await t.actingAs('administrator');
    const calendars = (await agent.get('/api/v1/calendars')).body.items;
    expect(calendars.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['24×7']));
    expectProblem(
      await agent.post('/api/v1/holidays', {
        calendarId: null,
        day: '2026-12-24',
        nameId: 'Cuti bersama Natal',
        nameEn: 'Christmas collective leave',
        kind: 'cuti_bersama',
      }),
      403,
      'FORBIDDEN',
    );
    const added = await admin.post('/api/v1/holidays', {
      calendarId: null,
      day: '2026-12-24',
      nameId: 'Cuti bersama Natal',
      nameEn: 'Christmas collective leave',
      kind: 'cuti_bersama',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'Cuti bersama Natal', nameEn: 'Christmas collective leave' });
    expectProblem(
      await admin.post('/api/v1/holidays', { calendarId: null, day: '2026-12-24', nameId: 'lagi', nameEn: 'again', kind: 'local' }),
      409,
      'HOLIDAY_EXISTS',
    );
    const listed = await agent.get('/api/v1/holidays?from=2026-12-01&to=2026-12-31');
    expect(listed.body.items.map((h: { day: string }) => h.day)).toEqual(['2026-12-24', '2026-12-25']);
    const bad = await admin.post('/api/v1/calendars', {
      nameId: 'Salah',
      nameEn: 'Wrong',
      timeZone: 'Asia/Makassar',
      always: false,
      hours: [[], [[600, 500]], [], [], [], [], []],
    });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    const wita = await admin.post('/api/v1/calendars', {
      nameId: 'Kantor Makassar',
      nameEn: 'Makassar office',
      timeZone: 'Asia/Makassar',
      always: false,
      hours: [
        [],
        [
          [480, 720],
          [780, 1020],
        ],
        [[480, 1020]],
        [[480, 1020]],
        [[480, 1020]],
        [[480, 1020]],
        [],
      ],
    });
    expect(wita.status).toBe(201);
    const stale = await admin.patch(`/api/v1/calendars/${wita.body.id}`, { version: 9, nameId: 'x' });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
  });

  it('applies the most specific policy: a category policy beats the priority default', async () => {
    const admin = await t.actingAs('administrator');
    const category = Number(
      (await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM ticket_categories WHERE code = 'INFRA-NET-DOWN'`)).rows[0]?.id,
    );
    const calendar = (await admin.get('/api/v1/calendars')).body.items.find((c: { always: boolean }) => c.always).id;
    const policy = await admin.post('/api/v1/sla-policies', {
      nameId: 'Internet mati',
      nameEn: 'Internet down',
      ticketType: null,
      priority: null,
      categoryId: category,
      serviceId: null,
      responseMinutes: 5,
      resolutionMinutes: 30,
      calendarId: calendar,
    });
    expect(policy.status).toBe(201);
    const ticket = (
      await requester.post('/api/v1/tickets', { title: 'Internet mati', urgency: 'low', impact: 'low', categoryId: category })
    ).body;
    expect(Date.parse(ticket.sla.resolutionDueAt) - Date.parse(ticket.createdAt)).toBe(30 * MIN);
    expectProblem(
      await agent.post('/api/v1/sla-policies', { ...policy.body, id: undefined, version: undefined, active: undefined, name: undefined }),
      403,
      'FORBIDDEN',
    );
  });

  it('lets a company’s Administrator keep their company’s calendars and days off, never the organisation’s or another’s', async () => {
    const f = factories(t.ctx);
    const kominfo = await f.place('DISKOMINFO');
    const person = await f.user(kominfo, { roles: [['administrator', 'company']], demoPassword: true });
    const companyAdmin = await t.signIn(person.email);
    const admin = await t.actingAs('administrator');
    const hours = [[], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], []];
    const calendar = (companyId: number | null, teamId: number | null = null) => ({
      nameId: 'Kantor Bukittinggi',
      nameEn: 'Bukittinggi office',
      companyId,
      teamId,
      timeZone: 'Asia/Jakarta',
      always: false,
      hours,
    });
    const own = await companyAdmin.post('/api/v1/calendars', calendar(kominfo.companyId));
    expect(own.status).toBe(201);
    const team = await f.team(kominfo);
    expect((await companyAdmin.post('/api/v1/calendars', calendar(null, team.id))).status).toBe(201);
    const day = { day: '2031-05-05', nameId: 'Hari jadi kota', nameEn: 'City anniversary', kind: 'local' };
    const added = await companyAdmin.post('/api/v1/holidays', { ...day, calendarId: own.body.id });
    expect(added.status).toBe(201);
    expect(
      (await companyAdmin.patch(`/api/v1/calendars/${own.body.id}`, { version: own.body.version, nameEn: 'City office' })).status,
    ).toBe(200);

    const before = (await admin.get('/api/v1/calendars')).body;
    const office = before.items.find((c: { nameEn: string }) => c.nameEn === 'Office hours (WIB)');
    const jakarta = (await f.place('OU-JKT')).companyId;
    for (const refused of [
      await companyAdmin.post('/api/v1/calendars', calendar(null)),
      await companyAdmin.post('/api/v1/calendars', calendar(jakarta)),
      await companyAdmin.patch(`/api/v1/calendars/${office.id}`, { version: office.version, nameEn: 'Ours now' }),
      await companyAdmin.patch(`/api/v1/calendars/${own.body.id}`, { version: 2, companyId: jakarta }),
      await companyAdmin.post('/api/v1/holidays', { ...day, day: '2031-05-06', calendarId: null }),
      await companyAdmin.post('/api/v1/holidays', { ...day, day: '2031-05-07', calendarId: office.id }),
    ])
      expectProblem(refused, 403, 'FORBIDDEN');
    const national = (await admin.get('/api/v1/holidays?from=2026-08-17&to=2026-08-17')).body.items[0];
    expectProblem(await companyAdmin.delete(`/api/v1/holidays/${national.id}`), 403, 'FORBIDDEN');
    expect((await admin.get('/api/v1/calendars')).body.items.filter((c: { id: number }) => c.id !== own.body.id)).toEqual(
      before.items.filter((c: { id: number }) => c.id !== own.body.id),
    );
    expect((await companyAdmin.delete(`/api/v1/holidays/${added.body.id}`)).status).toBe(204);
  });

  it('names calendars and holidays in the reader’s language, both names edited by Administrators', async () => {
    const read = async (client: Client) => ({
      calendars: ((await client.get('/api/v1/calendars')).body.items as { always: boolean; name: string }[])
        .filter((c) => !c.always)
        .map((c) => c.name),
      independence: (await client.get('/api/v1/holidays?from=2026-08-17&to=2026-08-17')).body.items[0]?.name,
    });
    expect(await read(agent)).toMatchObject({
      calendars: expect.arrayContaining(['Jam kerja kantor (WIB)']),
      independence: 'Hari Kemerdekaan Republik Indonesia',
    });
    await t.ctx.db.execute(sql`UPDATE users SET locale = 'en' WHERE email = 'budi@nusantara.test'`);
    try {
      expect(await read(await t.actingAs('agent'))).toMatchObject({
        calendars: expect.arrayContaining(['Office hours (WIB)']),
        independence: 'Indonesian Independence Day',
      });
    } finally {
      await t.ctx.db.execute(sql`UPDATE users SET locale = 'id' WHERE email = 'budi@nusantara.test'`);
    }
    // Names of days off reach other modules (attendance) in the reader's language too.
    expect((await holidaysBetween(t.ctx.db, null, '2026-12-25', '2026-12-25', 'en')).get('2026-12-25')).toBe('Christmas Day');
    expect((await holidaysBetween(t.ctx.db, null, '2026-12-25', '2026-12-25')).get('2026-12-25')).toBe('Hari Raya Natal');

    const admin = await t.actingAs('administrator');
    const office = (await admin.get('/api/v1/calendars')).body.items.find((c: { nameEn: string }) => c.nameEn === 'Office hours (WIB)');
    const renamed = await admin.patch(`/api/v1/calendars/${office.id}`, { version: office.version, nameEn: 'Office hours, Jakarta' });
    expect(renamed.body).toMatchObject({
      name: 'Jam kerja kantor (WIB)',
      nameId: 'Jam kerja kantor (WIB)',
      nameEn: 'Office hours, Jakarta',
    });
    expectProblem(
      await admin.patch(`/api/v1/calendars/${office.id}`, { version: renamed.body.version, name: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await admin.post('/api/v1/holidays', { calendarId: null, day: '2031-03-03', nameId: 'Libur', kind: 'local' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('names policies in the reader’s language, both names edited by Administrators', async () => {
    const names = async (client: Client) =>
      ((await client.get('/api/v1/sla-policies')).body.items as { priority: string; name: string }[])
        .filter((p) => p.priority === 'P1')
        .map((p) => p.name);
    expect(await names(agent)).toContain('Kritis (P1)');
    await t.ctx.db.execute(sql`UPDATE users SET locale = 'en' WHERE email = 'budi@nusantara.test'`);
    try {
      expect(await names(await t.actingAs('agent'))).toContain('Critical (P1)');
    } finally {
      await t.ctx.db.execute(sql`UPDATE users SET locale = 'id' WHERE email = 'budi@nusantara.test'`);
    }
    const admin = await t.actingAs('administrator');
    const p1 = (await admin.get('/api/v1/sla-policies')).body.items.find((p: { nameEn: string }) => p.nameEn === 'Critical (P1)');
    expect(p1).toMatchObject({ nameId: 'Kritis (P1)', nameEn: 'Critical (P1)' });
    const renamed = await admin.patch(`/api/v1/sla-policies/${p1.id}`, { version: p1.version, nameId: 'Darurat (P1)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Darurat (P1)', nameId: 'Darurat (P1)', nameEn: 'Critical (P1)' });
    expectProblem(
      await admin.patch(`/api/v1/sla-policies/${p1.id}`, { version: renamed.body.version, nameEn: ' ' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await admin.patch(`/api/v1/sla-policies/${p1.id}`, { version: renamed.body.version, name: 'x' }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
