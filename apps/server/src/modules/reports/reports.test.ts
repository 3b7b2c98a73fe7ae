import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { checkSlas } from '../sla/index.ts';
import { compactReports, rebuildReports } from './index.ts';

const ids: Record<string, number> = {};
const idOf = async (t: TestApp, table: string, code: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM ${sql.identifier(table)} WHERE code = ${code}`)).rows[0]?.id);
const userOf = async (t: TestApp, email: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`)).rows[0]?.id);

async function file(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/tickets', { title: 'Jaringan lambat', urgency: 'medium', impact: 'low', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; version: number; number: string; priority: string };
}

async function move(client: Client, id: number, body: Record<string, unknown>) {
  const res = await client.post(`/api/v1/tickets/${id}/transitions`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Cells of a recap as `row|column → count`. */
function cellsOf(body: { rows: { value: string | null }[]; columns: { value: string | null }[]; cells: number[][] }) {
  const out = new Map<string, number>();
  body.rows.forEach((r, i) => {
    const columns = body.columns.length ? body.columns : [{ value: null }];
    columns.forEach((c, j) => {
      const n = body.cells[i]?.[j] ?? 0;
      if (n) out.set(`${r.value}|${c.value}`, n);
    });
  });
  return out;
}

describe('ticket recap against the tickets themselves (WIB, WITA and UTC companies)', () => {
  let t: TestApp;
  const clock = manualClock('2026-11-30T10:00:00Z');
  let executive: Client;
  let admin: Client;
  let lead: Client;

  /** Counts straight from `tickets`, each ticket's day read in its own company's zone. */
  async function direct(rows: string, columns: string | null, from: string, to: string, where: SQL = sql`true`) {
    const { rows: out } = await t.ctx.db.execute<{ r: string | null; c: string | null; n: number }>(sql`
      SELECT ${sql.raw(`t.${rows}`)}::text AS r, ${columns ? sql.raw(`t.${columns}`) : sql`NULL`}::text AS c, count(*)::int AS n
      FROM tickets t JOIN companies co ON co.id = t.company_id
      WHERE (t.created_at AT TIME ZONE co.time_zone)::date BETWEEN ${from}::date AND ${to}::date AND ${where}
      GROUP BY 1, 2`);
    return new Map(out.map((r) => [`${r.r}|${r.c}`, r.n]));
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    // Kominfo keeps its books in UTC here, so one instant falls in two different months.
    await t.ctx.db.execute(sql`UPDATE companies SET time_zone = 'UTC' WHERE code = 'KOMINFO'`);
    for (const code of ['NDS', 'AKI', 'KOMINFO']) ids[code] = await idOf(t, 'companies', code);
    for (const code of ['PRODUK', 'OU-JKT', 'DINKES', 'BIGDATA']) ids[code] = await idOf(t, 'units', code);
    for (const code of ['SD', 'INFRA', 'KOMINFO-SD']) ids[`team:${code}`] = await idOf(t, 'teams', code);
    for (const code of ['HW-PRINT', 'INFRA-NET', 'APP-BUG']) ids[`cat:${code}`] = await idOf(t, 'ticket_categories', code);
    ids.budi = await userOf(t, 'budi@nusantara.test');
    ids.yoga = await userOf(t, 'yoga@bukittinggi.test');
    [executive, admin, lead] = await Promise.all([t.actingAs('executive'), t.actingAs('administrator'), t.actingAs('team_lead')]);
    const siti = await t.actingAs('requester');
    const arif = await t.signIn('arif@arduo.test');
    const nurul = await t.signIn('nurul@bukittinggi.test');
    const budi = await t.actingAs('agent');
    const yoga = await t.signIn('yoga@bukittinggi.test');

    // 00:30 WIB on 1 November is still 31 October in UTC.
    clock.at('2026-10-31T17:30:00Z');
    await file(siti, { urgency: 'high', impact: 'medium', categoryId: ids['cat:HW-PRINT'] });
    await file(nurul, { urgency: 'low', impact: 'low' });
    // Daytime on 30 November everywhere.
    clock.at('2026-11-30T03:00:00Z');
    const a1 = await file(siti, { categoryId: ids['cat:INFRA-NET'] });
    const a2 = await file(siti, { urgency: 'high', impact: 'high', type: 'request' });
    const a3 = await file(arif, { urgency: 'low', impact: 'medium' });
    const a4 = await file(nurul, { categoryId: ids['cat:APP-BUG'] });
    // 23:30 WIB on 30 November is already 1 December in Makassar (WITA).
    clock.at('2026-11-30T16:30:00Z');
    const b1 = await file(siti, { urgency: 'low', impact: 'low' });
    await file(arif, { categoryId: ids['cat:HW-PRINT'] });
    // 01:30 WIB on 1 December is 18:30 on 30 November in UTC.
    clock.at('2026-11-30T18:30:00Z');
    const c1 = await file(siti, { urgency: 'medium', impact: 'medium', categoryId: ids['cat:APP-BUG'] });
    const c2 = await file(nurul, { urgency: 'high', impact: 'low' });
    clock.at('2026-12-01T04:00:00Z');
    await file(siti, { type: 'question' });
    const d2 = await file(arif, { urgency: 'high', impact: 'high' });

    // Work moves tickets between cells: team, assignee, status, priority, category, cancellation.
    clock.at('2026-12-01T06:00:00Z');
    await move(budi, a1.id, { to: 'in_progress', assigneeId: ids.budi, teamId: ids['team:SD'] });
    await move(budi, a1.id, { to: 'resolved', solutionSummary: 'Router diganti.' });
    await move(budi, a2.id, { to: 'assigned', teamId: ids['team:SD'] });
    await move(budi, c1.id, { to: 'in_progress', assigneeId: ids.budi, teamId: ids['team:SD'] });
    await move(budi, c1.id, { to: 'pending', pendingReason: 'vendor' });
    const b1now = (await budi.get(`/api/v1/tickets/${b1.id}`)).body;
    const edited = await budi.patch(`/api/v1/tickets/${b1.id}`, {
      version: b1now.version,
      categoryId: ids['cat:HW-PRINT'],
      priority: 'P2',
      priorityReason: 'Direktur menunggu',
      channel: 'phone',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await move(yoga, a4.id, { to: 'in_progress', assigneeId: ids.yoga, teamId: ids['team:KOMINFO-SD'] });
    await move(yoga, c2.id, { to: 'cancelled', reason: 'Duplikat laporan lain' });
    await move(admin, a3.id, { to: 'cancelled', reason: 'Salah kirim' });
    await move(admin, d2.id, { to: 'in_progress', assigneeId: ids.budi, teamId: ids['team:SD'] });
    clock.at('2026-12-02T02:00:00Z');
  });
  afterAll(() => t.close());

  const combos: { name: string; rows: string; columns: string | null; query: string; from: string; to: string; where?: () => SQL }[] = [
    {
      name: 'November by unit × status',
      rows: 'unit_id',
      columns: 'status',
      query: 'rows=unit&columns=status',
      from: '2026-11-01',
      to: '2026-11-30',
    },
    {
      name: 'December by company × priority',
      rows: 'company_id',
      columns: 'priority',
      query: 'rows=company&columns=priority',
      from: '2026-12-01',
      to: '2026-12-31',
    },
    {
      name: 'November by category × type, P3 and P4 only',
      rows: 'category_id',
      columns: 'type',
      query: 'rows=category&columns=type&priority=P3,P4',
      from: '2026-11-01',
      to: '2026-11-30',
      where: () => sql`t.priority IN ('P3', 'P4')`,
    },
    {
      name: 'both months by assignee × channel in NDS',
      rows: 'assignee_id',
      columns: 'channel',
      query: 'rows=assignee&columns=channel&companyId=NDS',
      from: '2026-11-01',
      to: '2026-12-31',
      where: () => sql`t.company_id = ${ids.NDS}`,
    },
    {
      name: '30 November by team, open statuses',
      rows: 'team_id',
      columns: null,
      query: 'rows=team&status=new,assigned,in_progress,pending',
      from: '2026-11-30',
      to: '2026-11-30',
      where: () => sql`t.status IN ('new', 'assigned', 'in_progress', 'pending')`,
    },
    { name: '31 October by unit (UTC only)', rows: 'unit_id', columns: null, query: 'rows=unit', from: '2026-10-31', to: '2026-10-31' },
    // Days of October, then the whole of November from the month summary.
    {
      name: 'mid-October to November by unit × status',
      rows: 'unit_id',
      columns: 'status',
      query: 'rows=unit&columns=status',
      from: '2026-10-15',
      to: '2026-11-30',
    },
    {
      name: 'across the month boundary, no whole month, by company × team',
      rows: 'company_id',
      columns: 'team_id',
      query: 'rows=company&columns=team',
      from: '2026-11-30',
      to: '2026-12-01',
    },
  ];

  it.each(combos)('$name equals the tickets counted directly', async (combo) => {
    const res = await executive.get(
      `/api/v1/reports/tickets?from=${combo.from}&to=${combo.to}&${combo.query.replace('NDS', String(ids.NDS))}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const expected = await direct(combo.rows, combo.columns, combo.from, combo.to, combo.where?.());
    expect(expected.size).toBeGreaterThan(0);
    expect(cellsOf(res.body)).toEqual(expected);
    expect(res.body.totals.all).toBe([...expected.values()].reduce((a, b) => a + b, 0));
  });

  it('puts the same instant in December for a WIB company and in November for a UTC one', async () => {
    const nov = await executive.get('/api/v1/reports/tickets?from=2026-11-01&to=2026-11-30&rows=company');
    const dec = await executive.get('/api/v1/reports/tickets?from=2026-12-01&to=2026-12-31&rows=company');
    const count = (body: { rows: { value: string | null }[]; totals: { rows: number[] } }, company: number | undefined) =>
      body.totals.rows[body.rows.findIndex((r) => r.value === String(company))] ?? 0;
    // NDS (WIB): 31 Oct 17:30Z, three on 30 Nov daytime and 16:30Z → November; 18:30Z and 1 Dec → December.
    expect(count(nov.body, ids.NDS)).toBe(4);
    expect(count(dec.body, ids.NDS)).toBe(2);
    // Kominfo (UTC): 31 Oct stays in October; 30 Nov 18:30Z stays in November.
    expect(count(nov.body, ids.KOMINFO)).toBe(2);
    expect(count(dec.body, ids.KOMINFO)).toBe(0);
    // AKI (WITA): 16:30Z on 30 November is 00:30 on 1 December.
    expect(count(nov.body, ids.AKI)).toBe(1);
    expect(count(dec.body, ids.AKI)).toBe(2);
  });

  it('drills down into the ticket list with the same filters and finds the same tickets', async () => {
    const res = await executive.get('/api/v1/reports/tickets?from=2026-11-01&to=2026-11-30&rows=unit&columns=status');
    for (const [key, n] of cellsOf(res.body)) {
      const [unitId, status] = key.split('|');
      const list = await executive.get(
        `/api/v1/tickets?queue=all&createdFrom=2026-11-01&createdTo=2026-11-30&unitId=${unitId}&status=${status}`,
      );
      expect(list.body.total, key).toBe(n);
    }
  });

  it('reads the same numbers after compaction, and a rebuild from the tickets gives the same summaries', async () => {
    const before = await executive.get('/api/v1/reports/tickets?from=2026-10-01&to=2026-12-31&rows=unit&columns=status');
    const summary = async () =>
      (
        await t.ctx.db.execute(sql`
          SELECT day::text, unit_id, team_id, status, priority, sum(tickets)::int AS n FROM report_ticket_days
          GROUP BY 1, 2, 3, 4, 5 HAVING sum(tickets) <> 0 ORDER BY 1, 2, 3, 4, 5`)
      ).rows;
    const months = async () =>
      (
        await t.ctx.db.execute(sql`
          SELECT month::text, unit_id, team_id, status, priority, sum(tickets)::int AS n FROM report_ticket_months
          GROUP BY 1, 2, 3, 4, 5 HAVING sum(tickets) <> 0 ORDER BY 1, 2, 3, 4, 5`)
      ).rows;
    const maintained = await summary();
    const maintainedMonths = await months();
    expect(maintainedMonths.length).toBeGreaterThan(0);
    expect(await compactReports(t.ctx)).toBeGreaterThan(0);
    const { rows } = await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM report_ticket_days WHERE NOT compacted`);
    expect(rows[0]?.n).toBe(0);
    expect(await summary()).toEqual(maintained);
    const after = await executive.get('/api/v1/reports/tickets?from=2026-10-01&to=2026-12-31&rows=unit&columns=status');
    expect(after.body).toEqual(before.body);
    await t.ctx.db.transaction((tx) => rebuildReports(tx));
    expect(await summary()).toEqual(maintained);
    expect(await months()).toEqual(maintainedMonths);
  });

  it('shows a Team Lead their scope only; another company’s unit or team is not found', async () => {
    const res = await lead.get('/api/v1/reports/tickets?from=2026-11-01&to=2026-12-31&rows=company');
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { value: string }) => r.value)).toEqual([String(ids.NDS)]);
    const unit = await lead.get(`/api/v1/reports/tickets?from=2026-11-01&to=2026-12-31&unitId=${ids['OU-JKT']}`);
    expect(unit.status).toBe(404);
    expect(unit.body.code).toBe('NOT_FOUND');
    const team = await lead.get(`/api/v1/reports/sla?teamId=${ids['team:KOMINFO-SD']}`);
    expect(team.status).toBe(404);
    expect(team.body.code).toBe('NOT_FOUND');
    const company = await lead.get(`/api/v1/reports/workload?companyId=${ids.AKI}`);
    expect(company.status).toBe(404);
  });

  it('refuses those without reports and bad periods, with problem codes', async () => {
    const siti = await t.actingAs('requester');
    const refused = await siti.get('/api/v1/reports/tickets');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect((await t.anonymous().get('/api/v1/reports/dashboard')).status).toBe(401);
    const reversed = await executive.get('/api/v1/reports/tickets?from=2026-12-01&to=2026-11-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.code).toBe('PERIOD_REVERSED');
    const unknown = await executive.get('/api/v1/reports/tickets?rows=colour');
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
  });

  it('counts created and resolved per day and carries the backlog', async () => {
    const res = await executive.get('/api/v1/reports/trends?from=2026-11-30&to=2026-12-01&interval=day');
    expect(res.status).toBe(200);
    const [nov30, dec1] = res.body.points;
    const created = await direct('company_id', null, '2026-11-30', '2026-11-30');
    expect(nov30.created).toBe([...created.values()].reduce((a, b) => a + b, 0));
    // One resolved (a1) on 1 December (WIB).
    expect(dec1.resolved).toBe(1);
    const { rows } = await t.ctx.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM tickets t JOIN companies co ON co.id = t.company_id
      WHERE (t.created_at AT TIME ZONE co.time_zone)::date <= '2026-12-01'
        AND NOT (t.status IN ('resolved', 'closed', 'cancelled') AND (coalesce(t.resolved_at, t.cancelled_at) AT TIME ZONE co.time_zone)::date <= '2026-12-01')`);
    expect(dec1.backlog).toBe(rows[0]?.n);
  });

  it('reports workload per agent with the days they were present', async () => {
    const budi = await t.actingAs('agent');
    clock.at('2026-12-01T01:00:00Z');
    expect((await budi.post('/api/v1/attendance/check-in', {})).status).toBe(201);
    clock.at('2026-12-02T02:00:00Z');
    const res = await executive.get('/api/v1/reports/workload?from=2026-11-01&to=2026-12-31&by=assignee');
    expect(res.status).toBe(200);
    const row = res.body.rows.find((r: { value: string }) => r.value === String(ids.budi));
    // a1, c1, d2 are his; a1 was resolved.
    expect(row).toMatchObject({ assigned: 3, resolved: 1, open: 2, presentDays: 1, resolvedPerPresentDay: 1 });
    expect(row.backlog.day + row.backlog.days3 + row.backlog.week + row.backlog.older).toBe(2);
  });
});

describe('SLA achievement and exports', () => {
  let t: TestApp;
  let executive: Client;
  let agent: Client;
  let requester: Client;

  beforeAll(async () => {
    t = await createTestApp();
    [executive, agent, requester] = await Promise.all([t.actingAs('executive'), t.actingAs('agent'), t.actingAs('requester')]);
    ids.budi = await userOf(t, 'budi@nusantara.test');
    ids.sd = await idOf(t, 'teams', 'SD');
  });
  afterAll(() => t.close());

  it('counts met and breached targets as the tickets’ clocks say, and drills into the breached ones', async () => {
    // P1 on 24×7: 10 minutes to respond, an hour to resolve.
    const quick = await file(requester, { urgency: 'high', impact: 'high' });
    const started = await file(requester, { urgency: 'high', impact: 'high' });
    const late = [await file(requester, { urgency: 'high', impact: 'high' }), await file(requester, { urgency: 'high', impact: 'high' })];
    await move(agent, quick.id, { to: 'in_progress', assigneeId: ids.budi, teamId: ids.sd });
    await move(agent, quick.id, { to: 'resolved', solutionSummary: 'Sudah beres.' });
    await move(agent, started.id, { to: 'in_progress', assigneeId: ids.budi, teamId: ids.sd });
    await checkSlas(t.ctx, Date.now() + 2 * 3_600_000);

    const res = await executive.get('/api/v1/reports/sla?by=priority');
    expect(res.status).toBe(200);
    const p1 = res.body.rows.find((r: { value: string }) => r.value === 'P1');
    const { rows } = await t.ctx.db.execute<{ rm: number; rb: number; sm: number; sb: number }>(sql`
      SELECT count(*) FILTER (WHERE coalesce(s.response_outcome, CASE WHEN s.response_breached THEN 'breached' END) = 'met')::int AS rm,
             count(*) FILTER (WHERE coalesce(s.response_outcome, CASE WHEN s.response_breached THEN 'breached' END) = 'breached')::int AS rb,
             count(*) FILTER (WHERE coalesce(s.resolution_outcome, CASE WHEN s.resolution_breached THEN 'breached' END) = 'met')::int AS sm,
             count(*) FILTER (WHERE coalesce(s.resolution_outcome, CASE WHEN s.resolution_breached THEN 'breached' END) = 'breached')::int AS sb
      FROM ticket_slas s JOIN tickets t ON t.id = s.ticket_id WHERE t.priority = 'P1'`);
    expect(rows[0]).toEqual({ rm: 2, rb: 2, sm: 1, sb: 3 });
    expect(p1.response).toEqual({ met: 2, breached: 2, rate: 50 });
    expect(p1.resolution).toEqual({ met: 1, breached: 3, rate: 25 });
    expect(res.body.total.resolution.breached).toBe(3);

    const dashboard = await executive.get('/api/v1/reports/dashboard');
    expect(dashboard.body.breached).toBe(3);
    expect(dashboard.body.slaAchievement).toBe(25);
    const list = await executive.get(
      `/api/v1/tickets?queue=all&sla=breached&createdFrom=${dashboard.body.from}&createdTo=${dashboard.body.to}`,
    );
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((i: { id: number }) => i.id).sort()).toEqual([started.id, ...late.map((l) => l.id)].sort());
    // A status filter counts from the per-ticket keys; the breach escalated the late ones to a level-2 team (assigned).
    const byTeam = await executive.get('/api/v1/reports/sla?by=team&status=assigned');
    expect(byTeam.status).toBe(200);
    const { rows: expected } = await t.ctx.db.execute<{ team: string; breached: number }>(sql`
      SELECT t.team_id::text AS team, count(*)::int AS breached FROM tickets t JOIN ticket_slas s ON s.ticket_id = t.id
      WHERE t.status = 'assigned' AND coalesce(s.resolution_outcome, CASE WHEN s.resolution_breached THEN 'breached' END) = 'breached' GROUP BY 1`);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      byTeam.body.rows.map((r: { value: string; resolution: { breached: number } }) => ({
        team: r.value,
        breached: r.resolution.breached,
      })),
    ).toEqual(expect.arrayContaining(expected));
    expect(byTeam.body.total.resolution.breached).toBe(expected.reduce((sum, r) => sum + r.breached, 0));
  });

  it('exports with formula cells neutralised (CSV and XLSX), and as a PDF with identity, period and pages', async () => {
    const titles = [
      '=HYPERLINK("http://contoh.test","klik")',
      '+62 812 sambungan',
      '@SUM(A1:A9)',
      '－1+2 lebar penuh',
      '＝1+1 lebar penuh',
    ];
    for (const title of titles) {
      const ticket = await file(requester, { title });
      await move(agent, ticket.id, { to: 'in_progress', assigneeId: ids.budi, teamId: ids.sd });
      await move(agent, ticket.id, { to: 'resolved', solutionSummary: '-cmd|calc' });
    }
    const csv = await executive.get('/api/v1/reports/completed?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    for (const title of titles) expect(csv.text).toContain(`'${title.replaceAll('"', '""')}`);
    expect(csv.text).toContain("'-cmd|calc");

    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/completed?format=xlsx',
      headers: { cookie: executive.cookie ?? '' },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    book.worksheets[0]?.eachRow((row) => {
      for (const value of (row.values as unknown[]).slice(1)) texts.push(String(value ?? ''));
    });
    for (const title of titles) expect(texts).toContain(`'${title}`);
    expect(texts.some((v) => /^[=+\-@＝＋－＠]/.test(v))).toBe(false);

    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/tickets?format=pdf&rows=status&companyId=${await idOf(t, 'companies', 'NDS')}`,
      headers: { cookie: executive.cookie ?? '' },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Grup Nusantara');
    expect(text).toContain('REKAP TIKET');
    expect(text).toMatch(/Periode 1 \w+ \d{4} s\.d\. \d+ \w+ \d{4}/);
    expect(text).toContain('Perusahaan: PT Nusantara Digital Sejahtera');
    expect(text).toContain('Terselesaikan');
    expect(text).toContain('Halaman 1 dari 1');
  });
});
