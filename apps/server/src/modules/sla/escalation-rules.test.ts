import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { checkIdleTickets } from './escalation-rules.ts';
import { checkSlas } from './sla.service.ts';

let t: TestApp;
let requester: Client;
let agent: Client;
let admin: Client;
let budi: number;
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent, admin] = await Promise.all([t.actingAs('requester'), t.actingAs('agent'), t.actingAs('administrator')]);
  budi = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = 'budi@nusantara.test'`)).rows[0]?.id);
});
afterAll(() => t.close());

const timeline = async (id: number) =>
  (await agent.get(`/api/v1/tickets/${id}/timeline`)).body.items as { kind: string; actor: unknown; data: Record<string, unknown> }[];

async function serviceDeskTicket(urgency = 'high', impact = 'high') {
  const ticket = (await requester.post('/api/v1/tickets', { title: 'Aplikasi keuangan down', urgency, impact })).body;
  const sd = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'SD'`)).rows[0]?.id);
  await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, teamId: sd, assigneeId: budi });
  await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
  return ticket;
}

describe('default escalation rules', () => {
  it('on breach escalates one functional level to a level-2 team, as a timeline entry naming the rule', async () => {
    const ticket = await serviceDeskTicket();
    await checkSlas(t.ctx, Date.parse(ticket.createdAt) + 61 * MIN);
    const after = (await agent.get(`/api/v1/tickets/${ticket.id}`)).body;
    expect(after.escalationLevel).toBe(2);
    expect(after.team.name).toBe('Infrastruktur');
    const entry = (await timeline(ticket.id)).find((e) => e.kind === 'escalated');
    expect(entry?.data).toMatchObject({ kind: 'functional', rule: 'SLA terlampaui → naik satu level', automatic: true });
    expect(entry?.actor).toBeNull();
  });
});

describe('administered rules', () => {
  it('raises the priority of P3 tickets at 50 % and only Administrators may add rules', async () => {
    const body = {
      name: 'P3 setengah waktu → naikkan prioritas',
      trigger: 'percent',
      percent: 50,
      priorities: ['P3'],
      action: 'raise_priority',
    };
    expectProblem(await agent.post('/api/v1/escalation-rules', body), 403, 'FORBIDDEN');
    expectProblem(await admin.post('/api/v1/escalation-rules', { ...body, percent: null }), 400, 'VALIDATION_FAILED');
    const created = await admin.post('/api/v1/escalation-rules', body);
    expect(created.status).toBe(201);
    const ticket = await serviceDeskTicket('medium', 'medium'); // P3: 8 business hours
    const due = Date.parse(ticket.sla.resolutionDueAt);
    const created_ = Date.parse(ticket.createdAt);
    // Find an instant past 50 % and before 75 % of the business-time target by stepping through the checker.
    let raised = false;
    for (let step = created_; step <= due && !raised; step += 15 * MIN) {
      await checkSlas(t.ctx, step);
      raised = (await agent.get(`/api/v1/tickets/${ticket.id}`)).body.priority === 'P2';
    }
    expect(raised).toBe(true);
    const entry = (await timeline(ticket.id)).find((e) => e.kind === 'priority_overridden');
    expect(entry?.data).toMatchObject({ priority: ['P3', 'P2'], rule: body.name });
    const paused = await admin.patch(`/api/v1/escalation-rules/${created.body.id}`, { version: created.body.version, active: false });
    // Only what was sent changes: the trigger's percentage and the filters stay.
    expect(paused.body).toMatchObject({ active: false, percent: created.body.percent, priorities: created.body.priorities });
  });

  it('notifies a role when a ticket sits idle, once per quiet spell', async () => {
    const rule = await admin.post('/api/v1/escalation-rules', {
      name: 'Diam 4 jam → eksekutif',
      trigger: 'idle',
      idleHours: 4,
      action: 'notify_role',
      role: 'executive',
    });
    expect(rule.status).toBe(201);
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Tidak ada yang menangani', urgency: 'low', impact: 'low' })).body;
    const later = Date.now() + 5 * 3_600_000;
    await Promise.all([checkIdleTickets(t.ctx, later), checkIdleTickets(t.ctx, later)]);
    const rows = await t.ctx.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM notification_deliveries d JOIN users u ON u.id = d.user_id
      WHERE d.ticket_id = ${ticket.id} AND u.email = 'bambang@nusantara.test' AND d.channel = 'in_app'`);
    expect(rows.rows[0]?.n).toBe(1);
    await admin.patch(`/api/v1/escalation-rules/${rule.body.id}`, { version: rule.body.version, active: false });
  });
});
