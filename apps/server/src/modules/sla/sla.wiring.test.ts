import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import type { DomainEventMap } from '../../platform/events/events.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { holidays } from '../calendars/index.ts';
import { openFulfilmentTicket, ticketEvents } from '../tickets/index.ts';
import { checkSlas } from './sla.service.ts';
import { ticketSlas } from './sla.tables.ts';

// The SLA clocks as ticket events drive them, at an injected "now", asserted to the minute: a mutant that lets a
// clock run while the ticket waits, or forgets time already spent when the priority changes, fails here.
// Every test moves the clock forward from where it stands and makes its own tickets, so the tests run in any
// order or alone. Tuesdays from 4 November 2025, 09.00 WIB: inside office hours (Mon–Fri 08.00–17.00 WIB), so
// business minutes and wall minutes agree within each test's hours, and before every demo ticket, so the
// checker's batch holds only this file's tickets.
const clock = manualClock('2025-11-04T02:00:00Z');
const MIN = 60_000;
let t: TestApp;
let f: Factories;
let requester: Client;
let agent: Client;
let admin: Client;
let budi: number;
/** What the checker announced to the other modules (escalation rules, notifications, reports listen to these). */
const announced: { warning: DomainEventMap['sla.warning'][]; breached: DomainEventMap['sla.breached'][] } = { warning: [], breached: [] };

beforeAll(async () => {
  t = await createTestApp({ clock });
  f = factories(t.ctx);
  [requester, agent, admin] = await Promise.all([t.actingAs('requester'), t.actingAs('agent'), t.actingAs('administrator')]);
  budi = await f.userId('budi@nusantara.test');
  t.ctx.events.on('sla.warning', async (_tx, e) => void announced.warning.push(e));
  t.ctx.events.on('sla.breached', async (_tx, e) => void announced.breached.push(e));
});
afterAll(() => t.close());

/** A new day's 09.00 WIB, so every test has a working day of its own ahead of it (a Tuesday each week, holidays skipped). */
let day = 0;
async function morning(): Promise<number> {
  for (;;) {
    day += 1;
    const at = Date.parse('2025-11-04T02:00:00Z') + day * 7 * 24 * 60 * MIN;
    const [off] = await t.ctx.db
      .select({ id: holidays.id })
      .from(holidays)
      .where(eq(holidays.day, new Date(at).toISOString().slice(0, 10)));
    if (off) continue;
    clock.at(new Date(at));
    return at;
  }
}
const advance = (minutes: number) => clock.advance(minutes * MIN);
const file = async (urgency: string, impact: string) =>
  (await requester.post('/api/v1/tickets', { title: 'Aplikasi absensi tidak bisa dibuka', urgency, impact })).body;
const move = async (id: number, body: Record<string, unknown>) => {
  const res = await agent.post(`/api/v1/tickets/${id}/transitions`, body);
  expect(res.status).toBe(200);
  return res.body;
};
/** How many timeline entries of `kind` a ticket has, and their data. */
const eventsOf = async (ticketId: number, kind: string) =>
  (
    await t.ctx.db
      .select({ data: ticketEvents.data })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, kind)))
  ).map((e) => e.data);
const announcedFor = (ticketId: number) => ({
  warning: announced.warning.filter((e) => e.ticketId === ticketId),
  breached: announced.breached.filter((e) => e.ticketId === ticketId),
});
const clocks = async (ticketId: number) => {
  const [row] = await t.ctx.db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, ticketId));
  if (!row) throw new Error('no SLA row');
  return row;
};

describe('SLA clocks driven by ticket events, at an injected now', () => {
  it('starts both clocks at the ticket’s creation with its policy’s targets (P2: 30 min response, 3 h resolution, office hours)', async () => {
    const t0 = await morning();
    const ticket = await file('high', 'medium');
    expect(ticket.priority).toBe('P2');
    expect(Date.parse(ticket.createdAt)).toBe(t0);
    expect(Date.parse(ticket.sla.responseDueAt) - t0).toBe(30 * MIN);
    expect(Date.parse(ticket.sla.resolutionDueAt) - t0).toBe(180 * MIN);
  });

  it('counts a holiday added while the server runs for the very next ticket (the calendars each process keeps are dropped)', async () => {
    const t0 = await morning();
    advance(6 * 60); // 15.00 WIB: two office hours left today
    const before = await file('high', 'medium');
    // 180 min: two hours today, one from 08.00 tomorrow.
    expect(Date.parse(before.sla.resolutionDueAt) - t0).toBe(24 * 60 * MIN);
    const tomorrow = new Date(t0 + 24 * 60 * MIN).toISOString().slice(0, 10);
    const [added] = await t.ctx.db
      .insert(holidays)
      .values({ day: tomorrow, nameId: 'Libur uji', nameEn: 'Test holiday', kind: 'national' })
      .returning();
    try {
      const after = await file('high', 'medium');
      expect(Date.parse(after.sla.resolutionDueAt) - t0).toBe(48 * 60 * MIN);
    } finally {
      if (added) await t.ctx.db.delete(holidays).where(eq(holidays.id, added.id));
    }
  });

  it('records the first response at the minute it happens and stops only the response clock', async () => {
    const t0 = await morning();
    const ticket = await file('high', 'medium');
    advance(12);
    const started = await move(ticket.id, { to: 'in_progress', assigneeId: budi });
    expect(started.sla.responseOutcome).toBe('met');
    const row = await clocks(ticket.id);
    expect([row.responseSpent, row.responseSince]).toEqual([12, null]);
    expect(row.resolutionSince?.getTime()).toBe(t0);
    expect(Date.parse(started.sla.resolutionDueAt) - t0).toBe(180 * MIN);
  });

  it('pauses while pending: the due date after resuming is later by exactly the pause', async () => {
    await morning();
    const ticket = await file('high', 'medium');
    advance(5);
    const started = await move(ticket.id, { to: 'in_progress', assigneeId: budi });
    const dueBefore = Date.parse(started.sla.resolutionDueAt);
    advance(10);
    const pending = await move(ticket.id, { to: 'pending', pendingReason: 'requester' });
    expect(pending.sla.state).toBe('paused');
    expect(await clocks(ticket.id)).toMatchObject({ resolutionSpent: 15, resolutionSince: null, paused: true });

    // Waiting past the old due date breaches nothing: the clock is not running.
    advance(190);
    expect((await checkSlas(t.ctx)).breached).not.toContain(ticket.id);

    const resumed = await move(ticket.id, { to: 'in_progress' });
    expect(resumed.sla.state).not.toBe('paused');
    expect(Date.parse(resumed.sla.resolutionDueAt) - dueBefore).toBe(190 * MIN);
    // The response was answered at minute 5: resuming runs the resolution clock only.
    expect(await clocks(ticket.id)).toMatchObject({ resolutionSpent: 15, paused: false, responseSpent: 5, responseSince: null });
  });

  it('keeps the time spent when the priority changes: the new target counts from the minutes already used', async () => {
    const t0 = await morning();
    const ticket = await file('medium', 'medium'); // P3: 8 h resolution
    expect(ticket.priority).toBe('P3');
    await move(ticket.id, { to: 'in_progress', assigneeId: budi });
    advance(40);
    const before = await clocks(ticket.id);
    const current = (await agent.get(`/api/v1/tickets/${ticket.id}`)).body;
    const raised = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: current.version,
      priority: 'P2',
      priorityReason: 'Seluruh divisi terdampak',
    });
    expect(raised.status).toBe(200);
    const after = await clocks(ticket.id);
    // Before: running since creation with nothing closed yet, so 40 minutes spent now; after: the same 40 kept,
    // and 140 of the new 180 left.
    expect([before.resolutionSpent, before.resolutionSince?.getTime(), before.resolutionTarget]).toEqual([0, t0, 480]);
    expect([after.resolutionSpent, after.resolutionSince?.getTime(), after.resolutionTarget]).toEqual([40, t0 + 40 * MIN, 180]);
    // The response was answered when work started: its target and due date are history, not re-targeted.
    expect([after.responseTarget, after.responseDueAt]).toEqual([before.responseTarget, before.responseDueAt]);
    expect(after.policyId).not.toBe(before.policyId);
    expect(after.policyId).not.toBeNull();
    expect(Date.parse(raised.body.sla.resolutionDueAt) - t0).toBe(180 * MIN);
  });

  it('stops and measures on resolve; reopening runs the resolution clock again with the spent time kept', async () => {
    await morning();
    const ticket = await file('high', 'medium');
    await move(ticket.id, { to: 'in_progress', assigneeId: budi });
    advance(50);
    const resolved = await move(ticket.id, { to: 'resolved', solutionSummary: 'Layanan dimulai ulang' });
    expect(resolved.sla.resolutionOutcome).toBe('met');
    expect(await clocks(ticket.id)).toMatchObject({ resolutionSpent: 50, resolutionSince: null });
    // A stopped clock falls due never: nothing is announced however late it gets.
    const late = await checkSlas(t.ctx, clock.now().getTime() + 400 * MIN);
    expect([late.warned.includes(ticket.id), late.breached.includes(ticket.id)]).toEqual([false, false]);
    advance(30);
    const reopened = await requester.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', reason: 'Masih gagal' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.sla.resolutionOutcome).toBeNull();
    const reopenedAt = clock.now().getTime();
    expect(Date.parse(reopened.body.sla.resolutionDueAt) - reopenedAt).toBe(130 * MIN);
  });

  it('measures a resolution at the due minute as met, and one minute later as breached', async () => {
    for (const [minutes, outcome] of [
      [180, 'met'],
      [181, 'breached'],
    ] as const) {
      await morning();
      const ticket = await file('high', 'medium');
      await move(ticket.id, { to: 'in_progress', assigneeId: budi });
      advance(minutes);
      const resolved = await move(ticket.id, { to: 'resolved', solutionSummary: 'Selesai' });
      expect(resolved.sla.resolutionOutcome).toBe(outcome);
    }
  });

  it('stops without measuring when cancelled', async () => {
    await morning();
    const ticket = await file('high', 'medium');
    advance(20);
    const cancelled = await move(ticket.id, { to: 'cancelled', reason: 'Dilaporkan dua kali' });
    expect(cancelled.sla.resolutionOutcome).toBeNull();
    expect(await clocks(ticket.id)).toMatchObject({ resolutionSpent: 20, resolutionSince: null, resolutionOutcome: null });
    advance(400);
    expect((await checkSlas(t.ctx)).breached).not.toContain(ticket.id);
  });

  it('warns once at the escalation rules’ 75 % of the resolution target, to the minute', async () => {
    const t0 = await morning();
    const ticket = await file('high', 'medium'); // 180 min: 75 % is 135
    await move(ticket.id, { to: 'in_progress', assigneeId: budi });
    expect((await checkSlas(t.ctx, t0 + 134 * MIN)).warned).not.toContain(ticket.id);
    expect((await checkSlas(t.ctx, t0 + 135 * MIN)).warned).toContain(ticket.id);
    expect(await clocks(ticket.id)).toMatchObject({ warnedPercent: 75 });
    expect((await checkSlas(t.ctx, t0 + 140 * MIN)).warned).not.toContain(ticket.id);
    // Past the due date the breach is announced once, and the warning not again.
    expect((await checkSlas(t.ctx, t0 + 181 * MIN)).breached).toContain(ticket.id);
    expect((await checkSlas(t.ctx, t0 + 200 * MIN)).breached).not.toContain(ticket.id);
    expect(await eventsOf(ticket.id, 'sla_warning')).toEqual([{ percent: 75, target: 'resolution' }]);
    expect(await eventsOf(ticket.id, 'sla_breached')).toEqual([{ target: 'resolution' }]);
    expect(await clocks(ticket.id)).toMatchObject({ resolutionBreached: true, responseBreached: false, nextCheckAt: null });
  });

  it('looks at a ticket next when its first target falls due: the response, then the warning, then the resolution', async () => {
    const t0 = await morning();
    const ticket = await file('high', 'medium');
    expect((await clocks(ticket.id)).nextCheckAt?.getTime()).toBe(t0 + 30 * MIN);
    advance(5);
    await move(ticket.id, { to: 'in_progress', assigneeId: budi });
    expect((await clocks(ticket.id)).nextCheckAt?.getTime()).toBe(t0 + 135 * MIN);
    await checkSlas(t.ctx, t0 + 135 * MIN);
    expect((await clocks(ticket.id)).nextCheckAt?.getTime()).toBe(t0 + 180 * MIN);
    // Paused, nothing falls due; resumed 20 minutes later, everything moves by 20.
    advance(5);
    await move(ticket.id, { to: 'pending', pendingReason: 'vendor' });
    expect((await clocks(ticket.id)).nextCheckAt).toBeNull();
    advance(20);
    await move(ticket.id, { to: 'in_progress' });
    expect((await clocks(ticket.id)).nextCheckAt?.getTime()).toBe(t0 + 200 * MIN);
  });

  it('breaches an unanswered response once, at its due minute, and only the response', async () => {
    const t0 = await morning();
    const ticket = await file('high', 'medium');
    expect((await checkSlas(t.ctx, t0 + 29 * MIN)).breached).not.toContain(ticket.id);
    const [first, again] = [await checkSlas(t.ctx, t0 + 30 * MIN), await checkSlas(t.ctx, t0 + 31 * MIN)];
    expect([first.breached.includes(ticket.id), again.breached.includes(ticket.id)]).toEqual([true, false]);
    expect(await clocks(ticket.id)).toMatchObject({ responseBreached: true, resolutionBreached: false, warnedPercent: 0 });
    expect(await eventsOf(ticket.id, 'sla_breached')).toEqual([{ target: 'response' }]);
    expect(await eventsOf(ticket.id, 'sla_warning')).toEqual([]);
  });

  it('breaches at the due minute and not one minute before', async () => {
    const t0 = await morning();
    const ticket = await file('high', 'medium');
    await move(ticket.id, { to: 'in_progress', assigneeId: budi });
    expect((await checkSlas(t.ctx, t0 + 179 * MIN)).breached).not.toContain(ticket.id);
    expect((await checkSlas(t.ctx, t0 + 180 * MIN)).breached).toContain(ticket.id);
  });

  it('re-targets an unanswered response when the priority changes, counting the minutes already waited', async () => {
    const t0 = await morning();
    const ticket = await file('medium', 'medium'); // P3
    const before = await clocks(ticket.id);
    advance(10);
    const raised = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      priority: 'P2',
      priorityReason: 'Direksi terdampak',
    });
    expect(raised.status).toBe(200);
    const after = await clocks(ticket.id);
    expect(before.responseTarget).not.toBe(30);
    // P2 answers within 30 minutes: 10 already waited, due 20 minutes from now.
    expect([after.responseTarget, after.responseSpent, after.responseSince?.getTime()]).toEqual([30, 10, t0 + 10 * MIN]);
    expect(after.responseDueAt?.getTime()).toBe(t0 + 30 * MIN);
    expect(after.nextCheckAt?.getTime()).toBe(t0 + 30 * MIN);
  });

  it('measures a first response at the due minute as met, one minute later as breached, and announces neither', async () => {
    for (const [minutes, outcome] of [
      [30, 'met'],
      [31, 'breached'],
    ] as const) {
      const t0 = await morning();
      const ticket = await file('high', 'medium'); // P2: 30 min response
      advance(minutes);
      const started = await move(ticket.id, { to: 'in_progress', assigneeId: budi });
      expect(started.sla.responseOutcome).toBe(outcome);
      // Answered (late or not) before the checker looked: nothing left to announce for the response.
      const looked = await checkSlas(t.ctx, t0 + 135 * MIN);
      expect([looked.warned.includes(ticket.id), looked.breached.includes(ticket.id)]).toEqual([true, false]);
      expect(await clocks(ticket.id)).toMatchObject({ responseOutcome: outcome, responseBreached: false });
      expect(await eventsOf(ticket.id, 'sla_breached')).toEqual([]);
    }
  });

  it('announces an unanswered ticket’s response breach, warning and resolution breach once each, in that order', async () => {
    const t0 = await morning();
    const ticket = await file('high', 'medium');
    expect((await checkSlas(t.ctx, t0 + 30 * MIN)).breached).toContain(ticket.id);
    // A breached response is not looked at again: the next look is the warning.
    expect((await clocks(ticket.id)).nextCheckAt?.getTime()).toBe(t0 + 135 * MIN);
    const warned = await checkSlas(t.ctx, t0 + 135 * MIN);
    expect([warned.warned.includes(ticket.id), warned.breached.includes(ticket.id)]).toEqual([true, false]);
    expect((await clocks(ticket.id)).nextCheckAt?.getTime()).toBe(t0 + 180 * MIN);
    const late = await checkSlas(t.ctx, t0 + 180 * MIN);
    expect([late.warned.includes(ticket.id), late.breached.includes(ticket.id)]).toEqual([false, true]);
    expect(await eventsOf(ticket.id, 'sla_breached')).toEqual([{ target: 'response' }, { target: 'resolution' }]);
    expect(announcedFor(ticket.id)).toEqual({
      warning: [{ ticketId: ticket.id, percent: 75 }],
      breached: [
        { ticketId: ticket.id, target: 'response' },
        { ticketId: ticket.id, target: 'resolution' },
      ],
    });
    expect(await clocks(ticket.id)).toMatchObject({
      responseBreached: true,
      resolutionBreached: true,
      warnedPercent: 75,
      nextCheckAt: null,
    });
  });

  it('announces every threshold crossed since the last look, and looks next at the first one still ahead', async () => {
    // A second level at 50 % (for P4 only: it acts on no ticket here, but every ticket's clock stops at it).
    const rule = await admin.post('/api/v1/escalation-rules', {
      name: 'P4 setengah waktu',
      trigger: 'percent',
      percent: 50,
      priorities: ['P4'],
      action: 'raise_priority',
    });
    expect(rule.status).toBe(201);
    try {
      // Looked at when each threshold falls due: one warning per look, the next look at the next threshold.
      const t0 = await morning();
      const stepwise = (await file('high', 'medium')).id; // 180 min: 50 % is 90, 75 % is 135
      await move(stepwise, { to: 'in_progress', assigneeId: budi });
      expect((await clocks(stepwise)).nextCheckAt?.getTime()).toBe(t0 + 90 * MIN);
      expect((await checkSlas(t.ctx, t0 + 90 * MIN)).warned).toContain(stepwise);
      expect(await clocks(stepwise)).toMatchObject({ warnedPercent: 50 });
      expect((await clocks(stepwise)).nextCheckAt?.getTime()).toBe(t0 + 135 * MIN);
      expect((await checkSlas(t.ctx, t0 + 140 * MIN)).warned).toContain(stepwise);
      expect(await eventsOf(stepwise, 'sla_warning')).toEqual([
        { percent: 50, target: 'resolution' },
        { percent: 75, target: 'resolution' },
      ]);

      // Looked at only after both have passed (the checker was down): both announced, in order, in one look.
      const t1 = await morning();
      const atOnce = (await file('high', 'medium')).id;
      await move(atOnce, { to: 'in_progress', assigneeId: budi });
      expect((await checkSlas(t.ctx, t1 + 140 * MIN)).warned).toContain(atOnce);
      expect(await eventsOf(atOnce, 'sla_warning')).toEqual([
        { percent: 50, target: 'resolution' },
        { percent: 75, target: 'resolution' },
      ]);
      expect(announcedFor(atOnce).warning).toEqual([
        { ticketId: atOnce, percent: 50 },
        { ticketId: atOnce, percent: 75 },
      ]);
      expect(await clocks(atOnce)).toMatchObject({ warnedPercent: 75 });
      expect((await clocks(atOnce)).nextCheckAt?.getTime()).toBe(t1 + 180 * MIN);
    } finally {
      await admin.patch(`/api/v1/escalation-rules/${rule.body.id}`, { version: rule.body.version, active: false });
    }
  });

  it('counts a catalog item’s own targets instead of its policy’s, on the policy’s calendar, under no policy', async () => {
    const t0 = await morning();
    const ticket = await t.ctx.db.transaction((tx) =>
      openFulfilmentTicket(t.ctx, tx, {
        requesterId: budi,
        teamId: null,
        title: 'Akun VPN baru',
        description: 'Untuk staf baru',
        origin: { kind: 'service_request', id: 1, number: 'SR-UJI-1', serviceName: { id: 'Akun VPN', en: 'VPN account' } },
        slaTargets: { responseMinutes: 45, resolutionMinutes: 200 },
      }),
    );
    const row = await clocks(ticket.id);
    expect(row).toMatchObject({ policyId: null, responseTarget: 45, resolutionTarget: 200 });
    expect(row.calendarId).not.toBeNull();
    expect([row.responseDueAt?.getTime(), row.resolutionDueAt?.getTime()]).toEqual([t0 + 45 * MIN, t0 + 200 * MIN]);
  });

  it('refuses to deactivate a calendar an active SLA policy still counts on', async () => {
    await morning();
    const ticket = await file('high', 'medium');
    const { calendarId } = await clocks(ticket.id);
    const calendar = (await admin.get('/api/v1/calendars')).body.items.find((c: { id: number }) => c.id === calendarId);
    expectProblem(
      await admin.patch(`/api/v1/calendars/${calendarId}`, { version: calendar.version, active: false }),
      409,
      'CALENDAR_IN_USE',
    );
    expect((await admin.get('/api/v1/calendars')).body.items.find((c: { id: number }) => c.id === calendarId)).toMatchObject({
      active: true,
      version: calendar.version,
    });
  });
});
