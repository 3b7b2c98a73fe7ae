import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { fileReport } from '../../../test/support/public-report.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { runTicketAutomation } from '../tickets/index.ts';

const clock = manualClock('2026-11-20T02:00:00Z');
let t: TestApp;
let anonymous: Client;
let siti: Client;
let budi: Client;
let dewi: Client; // team lead of the Service Desk, report reader of PT Nusantara
let yoga: Client;
let budiId: number;
let yogaId: number;
let sd: number;

const rows = async <T>(query: ReturnType<typeof sql>) => (await t.ctx.db.execute<T & Record<string, unknown>>(query)).rows as T[];
const tokenOf = (link: string) => link.split('/survey/')[1] ?? '';

beforeAll(async () => {
  t = await createTestApp({ clock });
  anonymous = t.anonymous();
  [siti, budi, dewi, yoga] = await Promise.all([
    t.actingAs('requester'),
    t.actingAs('agent'),
    t.actingAs('team_lead'),
    t.signIn('yoga@bukittinggi.test'),
  ]);
  budiId = (await rows<{ id: number }>(sql`SELECT id FROM users WHERE email = 'budi@nusantara.test'`))[0]?.id as number;
  yogaId = (await rows<{ id: number }>(sql`SELECT id FROM users WHERE email = 'yoga@bukittinggi.test'`))[0]?.id as number;
  sd = (await rows<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'SD'`))[0]?.id as number;
});
afterAll(() => t.close());

/** A ticket of Siti's that Budi of the Service Desk resolves; Siti confirms it unless told not to. */
async function closedTicket(title: string, confirm = true) {
  const ticket = (await siti.post('/api/v1/tickets', { title, urgency: 'low', impact: 'low' })).body;
  await budi.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budiId, teamId: sd });
  await budi.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'resolved', solutionSummary: 'Selesai.' });
  if (confirm) expect((await siti.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'closed' })).status).toBe(200);
  return ticket as { id: number; number: string };
}

async function surveyLinkOf(ticketId: number) {
  const [row] = await rows<{ variables: Record<string, string> }>(
    sql`SELECT variables FROM notification_deliveries WHERE ticket_id = ${ticketId} AND event IN ('survey_requested', 'report_resolved') ORDER BY id LIMIT 1`,
  );
  return row?.variables.survey_link ?? '';
}

describe('the satisfaction survey', () => {
  it('reaches the requester when the ticket closes, works once without a session and shows on the ticket', async () => {
    const ticket = await closedTicket('Monitor berkedip');
    const channels = await rows<{ channel: string }>(
      sql`SELECT channel FROM notification_deliveries WHERE ticket_id = ${ticket.id} AND event = 'survey_requested' ORDER BY channel`,
    );
    expect(channels.map((c) => c.channel)).toEqual(['email', 'in_app']);
    const token = tokenOf(await surveyLinkOf(ticket.id));
    const page = await anonymous.get(`/api/v1/public/surveys/${token}`);
    expect(page.body).toMatchObject({ number: ticket.number, state: 'open', answers: null });
    expect((await budi.get(`/api/v1/tickets/${ticket.id}/survey`)).body.state).toBe('open');

    const answered = await anonymous.post(`/api/v1/public/surveys/${token}`, {
      answers: [5, 4, 4],
      suggestion: 'Waktu penanganan bisa lebih ditingkatkan',
    });
    expect(answered.status).toBe(204);
    const twice = await anonymous.post(`/api/v1/public/surveys/${token}`, { answers: [1, 1, 1] });
    expect([twice.status, twice.body.code]).toEqual([409, 'SURVEY_ANSWERED']);
    const shown = (await budi.get(`/api/v1/tickets/${ticket.number}/survey`)).body;
    expect(shown).toMatchObject({
      state: 'answered',
      answers: [5, 4, 4],
      suggestion: 'Waktu penanganan bisa lebih ditingkatkan',
      average: 4.33,
    });
    expect((await yoga.get(`/api/v1/tickets/${ticket.id}/survey`)).status).toBe(404);
  });

  it('expires after 14 days, and a forged or mistyped link is unknown', async () => {
    const ticket = await closedTicket('Keyboard rusak');
    const token = tokenOf(await surveyLinkOf(ticket.id));
    clock.advance(14 * 86_400_000 + 60_000);
    expect((await anonymous.get(`/api/v1/public/surveys/${token}`)).body.state).toBe('expired');
    const late = await anonymous.post(`/api/v1/public/surveys/${token}`, { answers: [3, 3, 3] });
    expect([late.status, late.body.code]).toEqual([410, 'SURVEY_EXPIRED']);
    const [id] = token.split('.');
    const forged = await anonymous.get(`/api/v1/public/surveys/${id}.AAAAAAAAAAAAAAAAAAAAAA`);
    expect([forged.status, forged.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await budi.get(`/api/v1/tickets/${ticket.id}/survey`)).body.state).toBe('expired');
  });

  it('takes three scores from 1 to 5 and refuses anything else, changing nothing', async () => {
    const ticket = await closedTicket('Mouse macet');
    const token = tokenOf(await surveyLinkOf(ticket.id));
    for (const answers of [
      [0, 3, 3],
      [3, 6, 3],
      [3, 3],
      [3, 3, 3.5],
    ]) {
      const res = await anonymous.post(`/api/v1/public/surveys/${token}`, { answers });
      expect([res.status, res.body.code], JSON.stringify(answers)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await anonymous.get(`/api/v1/public/surveys/${token}`)).body.state).toBe('open');
  });

  it('tells the team lead about a low score', async () => {
    const ticket = await closedTicket('Printer tidak terdeteksi');
    const token = tokenOf(await surveyLinkOf(ticket.id));
    await anonymous.post(`/api/v1/public/surveys/${token}`, { answers: [4, 2, 4], suggestion: 'Lama sekali' });
    const notices = await rows<{ email: string; channel: string }>(sql`
      SELECT u.email, d.channel FROM notification_deliveries d JOIN users u ON u.id = d.user_id
      WHERE d.ticket_id = ${ticket.id} AND d.event = 'csat_low' ORDER BY d.channel`);
    expect(notices).toEqual([
      { email: 'dewi@nusantara.test', channel: 'email' },
      { email: 'dewi@nusantara.test', channel: 'in_app' },
    ]);
    const inbox = (await dewi.get('/api/v1/notifications')).body.items;
    expect(inbox.some((n: { title: string }) => n.title.includes(ticket.number))).toBe(true);
  });

  it('goes out when a resolved ticket closes by itself', async () => {
    const ticket = await closedTicket('Scanner lambat', false);
    expect(await surveyLinkOf(ticket.id)).toBe('');
    const later = Date.now() + 30 * 86_400_000;
    await runTicketAutomation(t.ctx, later);
    await runTicketAutomation(t.ctx, later + 86_400_000);
    expect((await budi.get(`/api/v1/tickets/${ticket.id}`)).body.status).toBe('closed');
    expect(await surveyLinkOf(ticket.id)).toMatch(/\/survey\/\d+\./);
  });

  it('reaches a public reporter by SMS with the resolution, with the tracking link to confirm', async () => {
    const filed = await fileReport(anonymous, clock);
    const [ticket] = await rows<{ id: number }>(sql`SELECT id FROM tickets WHERE number = ${filed.number}`);
    await yoga.post(`/api/v1/tickets/${ticket?.id}/transitions`, { to: 'in_progress', assigneeId: yogaId });
    await yoga.post(`/api/v1/tickets/${ticket?.id}/transitions`, { to: 'resolved', solutionSummary: 'Router diganti.' });
    const [sms] = await rows<{ channel: string; address: string; variables: Record<string, string> }>(
      sql`SELECT channel, address, variables FROM notification_deliveries WHERE ticket_id = ${ticket?.id} AND event = 'report_resolved'`,
    );
    expect(sms?.channel).toBe('sms');
    expect(sms?.variables.link).toBe(`http://localhost:3000/track/${filed.number}?code=${filed.trackingCode}`);
    const token = tokenOf(sms?.variables.survey_link ?? '');
    // The tracking page offers the survey too, to whoever holds the code.
    const tracked = await anonymous.get(`/api/v1/public/tickets/${filed.number}/survey?code=${filed.trackingCode}`);
    expect(tracked.body.survey).toEqual({ state: 'open', url: `/survey/${token}` });
    expect((await anonymous.get(`/api/v1/public/tickets/${filed.number}/survey?code=AAAA-AAAA`)).status).toBe(404);
    expect((await anonymous.post(`/api/v1/public/surveys/${token}`, { answers: [5, 5, 5] })).status).toBe(204);
    expect((await anonymous.get(`/api/v1/public/tickets/${filed.number}/survey?code=${filed.trackingCode}`)).body.survey).toEqual({
      state: 'answered',
      url: null,
    });
    expect((await yoga.get(`/api/v1/tickets/${ticket?.id}/survey`)).body.answers).toEqual([5, 5, 5]);
  });
});

describe('CSAT for reports', () => {
  it('groups answers by team, agent, category and month within the reader’s scope', async () => {
    const period = 'from=2026-11-01&to=2026-12-31';
    const res = await dewi.get(`/api/v1/reports/csat?${period}&by=team`);
    expect(res.status, res.text).toBe(200);
    const byTeam = res.body;
    const team = byTeam.groups.find((g: { label: string }) => g.label === 'Service Desk');
    // Answered in NDS: 5/4/4 and 4/2/4 (the expired survey and the Kominfo one do not count for Dewi).
    expect(team).toMatchObject({
      responses: 2,
      service: 4.5,
      restored: 3,
      information: 4,
      overall: 3.83,
      satisfiedPercent: 50,
      lowScores: 1,
    });
    expect(byTeam.total.responses).toBe(2);
    expect(byTeam.groups.some((g: { label: string }) => g.label === 'Petugas Kominfo')).toBe(false);

    const byAgent = (await dewi.get(`/api/v1/reports/csat?${period}&by=agent`)).body;
    expect(byAgent.groups.map((g: { label: string; responses: number }) => [g.label, g.responses])).toEqual([['Budi Santoso', 2]]);
    const monthRes = await dewi.get(`/api/v1/reports/csat?${period}&by=month`);
    expect(monthRes.status, monthRes.text).toBe(200);
    const byMonth = monthRes.body;
    // The first answer came on 20 November; the clock passed 14 days before the low score came in.
    expect(byMonth.groups.map((g: { key: string; responses: number }) => [g.key, g.responses])).toEqual([
      ['2026-11', 1],
      ['2026-12', 1],
    ]);
    const byCategory = (await dewi.get(`/api/v1/reports/csat?${period}&by=category`)).body;
    expect(byCategory.groups).toEqual([expect.objectContaining({ key: '', responses: 2 })]);

    const executive = await t.actingAs('executive');
    expect((await executive.get(`/api/v1/reports/csat?${period}&by=team`)).body.total.responses).toBe(3);
    const refused = await siti.get('/api/v1/reports/csat');
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const bad = await dewi.get('/api/v1/reports/csat?by=weather');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const reversed = await dewi.get('/api/v1/reports/csat?from=2026-12-01&to=2026-11-01');
    expect([reversed.status, reversed.body.code]).toEqual([400, 'PERIOD_REVERSED']);
  });
});
