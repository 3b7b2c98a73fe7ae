import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { pickAssignee } from './attendance.assignment.ts';

// Tuesday 1 December 2026, 08:20 in Jakarta (WIB).
const clock = manualClock('2026-12-01T01:20:00Z');
let t: TestApp;
let budi: Client; // agent, IT, Service Desk
let andi: Client; // DevOps
let fajar: Client; // Division Admin of DevOps
let hendra: Client; // Approver of Produk
let dewi: Client; // Team Lead, Service Desk
const id: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ clock });
  [budi, andi, fajar, hendra, dewi] = await Promise.all([
    t.actingAs('agent'),
    t.actingAs('service_provider'),
    t.actingAs('division_admin'),
    t.actingAs('approver'),
    t.actingAs('team_lead'),
  ]);
  for (const r of (await t.ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows)
    id[r.email.split('@')[0] as string] = Number(r.id);
  for (const r of (await t.ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM units`)).rows)
    id[`unit:${r.code}`] = Number(r.id);
  for (const r of (await t.ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM teams`)).rows)
    id[`team:${r.code}`] = Number(r.id);
});
afterAll(() => t.close());

/** Monday to Friday from `start` to `end` (minutes after midnight). */
const weekdays = (start: number, end: number) => [null, ...Array.from({ length: 5 }, () => [start, end]), null];
/** Fajar (DevOps' Division Admin) sets a unit's schedule. */
const setSchedule = (unit: string, name: string, days: unknown[] = weekdays(450, 960)) =>
  fajar.post('/api/v1/work-schedules', { unitId: id[`unit:${unit}`], name, timeZone: 'Asia/Jakarta', days });

describe('checking in and out', () => {
  it('checks in once a day, late against the office week, and out early', async () => {
    const first = await budi.post('/api/v1/attendance/check-in', { note: 'Kantor pusat lt. 5' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ day: '2026-12-01', lateMinutes: 20, checkInNote: 'Kantor pusat lt. 5' });
    const twice = await budi.post('/api/v1/attendance/check-in', {});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_CHECKED_IN');
    const today = await budi.get('/api/v1/attendance/today');
    expect(today.body).toMatchObject({
      day: '2026-12-01',
      timeZone: 'Asia/Jakarta',
      schedule: { start: 480, end: 1020 },
      record: { lateMinutes: 20 },
    });

    clock.at('2026-12-01T09:00:00Z'); // 16:00 WIB, an hour before the end
    const out = await budi.post('/api/v1/attendance/check-out', {});
    expect(out.status).toBe(200);
    expect(out.body.earlyMinutes).toBe(60);
    expect((await budi.post('/api/v1/attendance/check-out', {})).body.code).toBe('ALREADY_CHECKED_OUT');
    const month = await budi.get('/api/v1/attendance/mine?month=2026-11');
    expect(month.status).toBe(200);
    expect(month.body.items).toEqual([]);
    const december = await budi.get('/api/v1/attendance/mine');
    expect(december.body).toMatchObject({ month: '2026-12', items: [{ day: '2026-12-01', lateMinutes: 20, earlyMinutes: 60 }] });
    const never = await hendra.post('/api/v1/attendance/check-out', {});
    expect(never.status).toBe(409);
    expect(never.body.code).toBe('NOT_CHECKED_IN');
    expect((await t.anonymous().post('/api/v1/attendance/check-in', {})).status).toBe(401);
  });

  it('follows the unit’s own schedule: the Division Admin sets one for DevOps, not for another division', async () => {
    const created = await setSchedule('DEVOPS', 'DevOps 07.30');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const again = await setSchedule('DEVOPS', 'Kedua');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SCHEDULE_EXISTS');
    // Another division does not exist for him (as in his recap), nor does another company's unit.
    for (const unit of ['PRODUK', 'OU-JKT']) expectProblem(await setSchedule(unit, 'Lain'), 404, 'NOT_FOUND');
    const bad = await setSchedule('DEVOPS', 'x', weekdays(450, 960).slice(1));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    clock.at('2026-12-01T00:38:00Z'); // 07:38 WIB: within ten minutes of 07:30
    const onTime = await andi.post('/api/v1/attendance/check-in', {});
    expect(onTime.status).toBe(201);
    expect(onTime.body.lateMinutes).toBe(0);
    expect((await andi.get('/api/v1/attendance/today')).body.schedule).toMatchObject({ name: 'DevOps 07.30', start: 450, end: 960 });
  });
});

describe('leave', () => {
  let leaveId: number;

  it('is asked by the person and approved by their Division Admin, never by someone out of scope or by themselves', async () => {
    const asked = await andi.post('/api/v1/leave-requests', {
      kind: 'cuti',
      firstDay: '2026-12-02',
      lastDay: '2026-12-03',
      reason: 'Acara keluarga',
    });
    expect(asked.status).toBe(201);
    leaveId = asked.body.id;
    const overlap = await andi.post('/api/v1/leave-requests', {
      kind: 'izin',
      firstDay: '2026-12-03',
      lastDay: '2026-12-03',
      reason: 'Lagi',
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('LEAVE_OVERLAPS');

    const outside = await hendra.post(`/api/v1/leave-requests/${leaveId}/decision`, { decision: 'approve', version: 1 });
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('NOT_FOUND');
    const noRight = await budi.post(`/api/v1/leave-requests/${leaveId}/decision`, { decision: 'approve', version: 1 });
    expect(noRight.status).toBe(403);
    expect(noRight.body.code).toBe('FORBIDDEN');

    const queue = await fajar.get('/api/v1/leave-requests?state=pending');
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ id: leaveId, kind: 'cuti', allowedActions: ['approve', 'reject'] })]);
    const stale = await fajar.post(`/api/v1/leave-requests/${leaveId}/decision`, { decision: 'approve', version: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await fajar.post(`/api/v1/leave-requests/${leaveId}/decision`, { decision: 'approve', version: 1 })).status).toBe(204);
    const decided = await fajar.post(`/api/v1/leave-requests/${leaveId}/decision`, { decision: 'reject', version: 2 });
    expect(decided.status).toBe(409);
    expect(decided.body.code).toBe('LEAVE_DECIDED');

    const own = await fajar.post('/api/v1/leave-requests', {
      kind: 'sakit',
      firstDay: '2026-12-07',
      lastDay: '2026-12-07',
      reason: 'Demam',
    });
    const self = await fajar.post(`/api/v1/leave-requests/${own.body.id}/decision`, { decision: 'approve', version: 1 });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('OWN_LEAVE');
    const mine = await andi.get('/api/v1/leave-requests?mine=true');
    expect(mine.body.items[0]).toMatchObject({ state: 'approved', decidedBy: { id: id.fajar } });
  });

  it('lets a Division Admin correct a day in their division with a reason, audited, and nobody else’s', async () => {
    const corrected = await fajar.put('/api/v1/attendance/records', {
      userId: id.andi,
      day: '2026-12-01',
      checkInAt: '2026-12-01T00:45:00Z',
      checkOutAt: '2026-12-01T09:10:00Z',
      reason: 'Mesin absensi terlambat sinkron',
      version: 1,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ corrected: true, lateMinutes: 15, earlyMinutes: 0 });
    const { rows } = await t.ctx.db.execute<{ before: { lateMinutes: number }; after: { reason: string; lateMinutes: number } }>(
      sql`SELECT before, after FROM audit_log WHERE action = 'attendance.correct' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]?.before.lateMinutes).toBe(0);
    expect(rows[0]?.after).toMatchObject({ reason: 'Mesin absensi terlambat sinkron', lateMinutes: 15 });
    const outside = await fajar.put('/api/v1/attendance/records', {
      userId: id.budi,
      day: '2026-12-01',
      checkInAt: null,
      checkOutAt: null,
      reason: 'x',
    });
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('NOT_FOUND');
    const wrongDay = await fajar.put('/api/v1/attendance/records', {
      userId: id.andi,
      day: '2026-12-01',
      checkInAt: '2026-12-02T01:00:00Z',
      checkOutAt: null,
      reason: 'x',
    });
    expect(wrongDay.status).toBe(400);
    expect(wrongDay.body.code).toBe('TIME_NOT_ON_DAY');
  });

  it('recaps a month per person in scope: present, leave and absent working days', async () => {
    clock.at('2026-12-04T10:00:00Z'); // Friday
    const recap = await fajar.get('/api/v1/attendance/recap?month=2026-12');
    expect(recap.status).toBe(200);
    expect(recap.body).toMatchObject({ from: '2026-12-01', to: '2026-12-04' });
    const row = recap.body.rows.find((r: { person: { id: number } }) => r.person.id === id.andi);
    expect(row).toMatchObject({ workingDays: 4, present: 1, late: 1, leave: 2, absent: 1 });
    // The Division Admin sees DevOps only.
    expect(recap.body.rows.every((r: { unit: { id: number } }) => [id['unit:DEVOPS'], id['unit:DEVOPS-PLT']].includes(r.unit.id))).toBe(
      true,
    );
    const otherUnit = await fajar.get(`/api/v1/attendance/recap?unitId=${id['unit:IT']}`);
    expect(otherUnit.status).toBe(404);
    const csv = await fajar.get('/api/v1/attendance/recap?month=2026-12&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('Andi Wijaya');
    const day = await fajar.get('/api/v1/attendance?date=2026-12-02');
    expect(day.body.items.find((i: { person: { id: number } }) => i.person.id === id.andi)).toMatchObject({
      state: 'leave',
      leaveKind: 'cuti',
    });
    const refused = await budi.get('/api/v1/attendance/recap');
    expect(refused.status).toBe(403);
  });
});

describe('attendance-aware assignment', () => {
  it('picks round-robin after the last one, or the least loaded, among those present', () => {
    expect(pickAssignee('round_robin', [7, 3, 5], 5, new Map())).toBe(7);
    expect(pickAssignee('round_robin', [7, 3, 5], 7, new Map())).toBe(3);
    expect(
      pickAssignee(
        'least_loaded',
        [3, 5, 7],
        3,
        new Map([
          [3, 0],
          [5, 2],
          [7, 2],
        ]),
      ),
    ).toBe(3);
    expect(
      pickAssignee(
        'least_loaded',
        [3, 5, 7],
        3,
        new Map([
          [3, 4],
          [5, 2],
          [7, 2],
        ]),
      ),
    ).toBe(5);
    expect(pickAssignee('round_robin', [], null, new Map())).toBeNull();
  });

  it('assigns a ticket arriving in the team to a member at work, skipping one on leave and one not checked in', async () => {
    clock.at('2026-12-08T01:00:00Z'); // Tuesday 08:00 WIB
    const ratna = await t.signIn('ratna@nusantara.test');
    // Ratna is on approved sick leave today, though she checked in; Dewi has not checked in.
    const leave = await ratna.post('/api/v1/leave-requests', {
      kind: 'sakit',
      firstDay: '2026-12-08',
      lastDay: '2026-12-08',
      reason: 'Flu',
    });
    const admin = await t.actingAs('administrator');
    expect((await admin.post(`/api/v1/leave-requests/${leave.body.id}/decision`, { decision: 'approve', version: 1 })).status).toBe(204);
    expect((await ratna.post('/api/v1/attendance/check-in', {})).status).toBe(201);
    expect((await budi.post('/api/v1/attendance/check-in', {})).status).toBe(201);

    const team = id['team:SD'];
    const refused = await budi.put(`/api/v1/teams/${team}/assignment`, { mode: 'round_robin' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const set = await dewi.put(`/api/v1/teams/${team}/assignment`, { mode: 'round_robin' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ mode: 'round_robin', version: 1 });

    const presence = await budi.get(`/api/v1/teams/${team}/presence`);
    const state = (who: number | undefined) => presence.body.members.find((m: { id: number }) => m.id === who)?.state;
    expect([state(id.budi), state(id.ratna), state(id.dewi)]).toEqual(['present', 'present', 'absent']);

    const siti = await t.actingAs('requester');
    const assigned: number[] = [];
    for (const title of ['Printer macet', 'VPN putus', 'Monitor mati']) {
      const filed = await siti.post('/api/v1/tickets', { title, urgency: 'medium', impact: 'low' });
      const moved = await dewi.patch(`/api/v1/tickets/${filed.body.id}`, { version: filed.body.version, teamId: team });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      const after = await dewi.get(`/api/v1/tickets/${filed.body.id}`);
      assigned.push(after.body.assignee?.id);
    }
    // Ratna is on leave even though checked in: everything goes to Budi, the only one present.
    expect(assigned).toEqual([id.budi, id.budi, id.budi]);
    const timeline = await dewi.get(
      `/api/v1/tickets/${assigned.length && (await siti.get('/api/v1/tickets?queue=my_requests')).body.items[0].id}/timeline`,
    );
    expect(
      timeline.body.items.some((e: { kind: string; data: { automatic?: boolean } }) => e.kind === 'assigned' && e.data.automatic),
    ).toBe(true);

    // Off again: a ticket arriving stays with the team.
    await dewi.put(`/api/v1/teams/${team}/assignment`, { mode: 'off', version: 1 });
    const filed = await siti.post('/api/v1/tickets', { title: 'Keyboard rusak', urgency: 'low', impact: 'low' });
    await dewi.patch(`/api/v1/tickets/${filed.body.id}`, { version: filed.body.version, teamId: team });
    expect((await dewi.get(`/api/v1/tickets/${filed.body.id}`)).body.assignee).toBeNull();
  });
});

describe('separation of duties', () => {
  it('lets nobody correct their own day or pick their own schedule, nor use another company’s calendar or schedule', async () => {
    const own = await fajar.put('/api/v1/attendance/records', {
      userId: id.fajar,
      day: '2026-12-01',
      checkInAt: '2026-12-01T00:30:00Z',
      checkOutAt: null,
      reason: 'Lupa absen',
    });
    expectProblem(own, 403, 'OWN_ATTENDANCE');
    const corrected = await t.ctx.db.execute(sql`SELECT 1 FROM attendance_records WHERE user_id = ${id.fajar} AND corrected`);
    expect(corrected.rows).toEqual([]);

    const platform = await setSchedule('DEVOPS-PLT', 'Platform 06.00', weekdays(360, 900));
    expect(platform.status, JSON.stringify(platform.body)).toBe(201);
    const mine = await fajar.put(`/api/v1/attendance/people/${id.fajar}/schedule`, { scheduleId: platform.body.id });
    expectProblem(mine, 403, 'OWN_ATTENDANCE');
    expect(await t.ctx.db.execute(sql`SELECT 1 FROM schedule_members WHERE user_id = ${id.fajar}`).then((r) => r.rows)).toEqual([]);
    expect((await fajar.put(`/api/v1/attendance/people/${id.andi}/schedule`, { scheduleId: platform.body.id })).status).toBe(204);

    // An Administrator of the whole organisation still keeps each company's people on its own schedules and calendars.
    const admin = await t.actingAs('administrator');
    expectProblem(
      await admin.put(`/api/v1/attendance/people/${id.arif}/schedule`, { scheduleId: platform.body.id }),
      400,
      'UNKNOWN_REFERENCE',
    );
    const { rows } = await t.ctx.db.execute<{ id: number }>(sql`
      INSERT INTO business_calendars (name_id, name_en, company_id, hours) SELECT 'Kalender Arduo', 'Arduo calendar', company_id, '[[],[],[],[],[],[],[]]'::jsonb
      FROM units WHERE code = 'OU-JKT' RETURNING id`);
    const foreignCalendar = await fajar.patch(`/api/v1/work-schedules/${platform.body.id}`, {
      calendarId: Number(rows[0]?.id),
      version: platform.body.version,
    });
    expectProblem(foreignCalendar, 400, 'UNKNOWN_REFERENCE');
  });
});
