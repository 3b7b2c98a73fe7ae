import { sql } from 'drizzle-orm';
import { holidaysBetween } from '../modules/calendars/index.ts';
import { loadActor } from '../modules/identity/index.ts';
import { createSubscription } from '../modules/reports/index.ts';
import type { AppContext } from '../platform/context.ts';
import { dayOf, zonedInstant } from '../platform/time/zoned.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';

/** A small deterministic generator, so every demo database looks the same. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

const shiftDay = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const OFFICE: ([number, number] | null)[] = [null, [480, 1020], [480, 1020], [480, 1020], [480, 1020], [480, 1020], null];
const EARLY: ([number, number] | null)[] = [null, [450, 960], [450, 960], [450, 960], [450, 960], [450, 960], null];

/**
 * Two months of attendance for the demo staff up to yesterday in their
 * company's calendar (today is left for them to check in): work schedules for IT and
 * DevOps, some late arrivals and early leaves, a few absences, approved and
 * pending leave; the Infrastructure team assigns automatically among those at
 * work; and the Executive's weekly and monthly report subscriptions.
 */
export async function seedDemoAttendance(ctx: AppContext): Promise<void> {
  const rnd = random(20261201);
  const db = ctx.db;
  const { rows: company } = await db.execute<{ id: number; time_zone: string }>(
    sql`SELECT id, time_zone FROM companies WHERE code = 'NDS'`,
  );
  const nds = company[0];
  if (!nds) return;
  const zone = nds.time_zone;
  const { rows: calendar } = await db.execute<{ id: number }>(
    sql`SELECT id FROM business_calendars WHERE active AND NOT always AND company_id IS NULL AND team_id IS NULL ORDER BY id LIMIT 1`,
  );
  const calendarId = calendar[0] ? Number(calendar[0].id) : null;
  const unit = async (code: string) =>
    Number((await db.execute<{ id: number }>(sql`SELECT id FROM units WHERE code = ${code}`)).rows[0]?.id);
  const schedules = [
    { unitId: await unit('IT'), name: 'Jam kantor TI', days: OFFICE },
    { unitId: await unit('DEVOPS'), name: 'DevOps pagi', days: EARLY },
  ];
  for (const s of schedules)
    await db.execute(sql`
      INSERT INTO work_schedules (unit_id, name, time_zone, calendar_id, days, grace_minutes)
      VALUES (${s.unitId}, ${s.name}, ${zone}, ${calendarId}, ${JSON.stringify(s.days)}::jsonb, 10)`);

  const { rows: staff } = await db.execute<{
    id: number;
    email: string;
    unit_id: number;
    unit_path: string;
    unit_code: string;
    company_id: number;
    time_zone: string;
  }>(sql`
    SELECT u.id, u.email, u.unit_id, n.path AS unit_path, n.code AS unit_code, n.company_id, c.time_zone
    FROM users u JOIN units n ON n.id = u.unit_id JOIN companies c ON c.id = n.company_id WHERE u.active ORDER BY u.id`);
  const hoursOf = (code: string) => (code.startsWith('DEVOPS') ? EARLY : OFFICE);
  const scheduleOf = async (code: string) => (code.startsWith('DEVOPS') ? await unit('DEVOPS') : code === 'IT' ? await unit('IT') : null);

  const today = dayOf(ctx.clock.now(), zone);
  const first = shiftDay(today, -61);
  const yesterday = shiftDay(today, -1);
  const holidays = await holidaysBetween(db, calendarId, first, yesterday);
  const at = (day: string, minute: number, timeZone = zone) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return zonedInstant(timeZone, y, m, d, Math.floor(minute / 60), minute % 60);
  };

  // Leave: some approved in the past, one waiting for the Division Admin, one for the Approver.
  const id = (email: string) => Number(staff.find((s) => s.email === email)?.id);
  // DevOps people ask their Division Admin; the others the Administrator.
  const decider = (email: string) => (staff.find((s) => s.email === email)?.unit_code.startsWith('DEVOPS') ? 'fajar' : 'admin');
  const leave: { email: string; kind: string; from: string; to: string; state: string; reason: string }[] = [
    {
      email: 'budi@nusantara.test',
      kind: 'cuti',
      from: shiftDay(today, -40),
      to: shiftDay(today, -38),
      state: 'approved',
      reason: 'Pulang kampung',
    },
    {
      email: 'ratna@nusantara.test',
      kind: 'sakit',
      from: shiftDay(today, -12),
      to: shiftDay(today, -12),
      state: 'approved',
      reason: 'Demam',
    },
    {
      email: 'joko@nusantara.test',
      kind: 'dinas_luar',
      from: shiftDay(today, -20),
      to: shiftDay(today, -19),
      state: 'approved',
      reason: 'Instalasi di Cikarang',
    },
    {
      email: 'andi@nusantara.test',
      kind: 'cuti',
      from: shiftDay(today, -27),
      to: shiftDay(today, -25),
      state: 'approved',
      reason: 'Menikahkan adik',
    },
    {
      email: 'putri@nusantara.test',
      kind: 'izin',
      from: shiftDay(today, 6),
      to: shiftDay(today, 6),
      state: 'pending',
      reason: 'Mengurus dokumen',
    },
    {
      email: 'siti@nusantara.test',
      kind: 'cuti',
      from: shiftDay(today, 8),
      to: shiftDay(today, 9),
      state: 'pending',
      reason: 'Liburan keluarga',
    },
  ];
  const { rows: deciders } = await db.execute<{ id: number; email: string }>(
    sql`SELECT id, email FROM users WHERE email IN (${DEMO_ACCOUNTS.division_admin.email}, ${DEMO_ACCOUNTS.administrator.email})`,
  );
  const deciderId = (who: 'fajar' | 'admin') =>
    Number(
      deciders.find((d) => d.email === (who === 'fajar' ? DEMO_ACCOUNTS.division_admin.email : DEMO_ACCOUNTS.administrator.email))?.id,
    );
  for (const l of leave) {
    const person = staff.find((s) => s.email === l.email);
    if (!person) continue;
    const decided = l.state === 'approved';
    await db.execute(sql`
      INSERT INTO leave_requests (user_id, company_id, unit_id, unit_path, kind, first_day, last_day, reason, state, decided_by, decided_at)
      VALUES (${person.id}, ${person.company_id}, ${person.unit_id}, ${person.unit_path}, ${l.kind}, ${l.from}::date, ${l.to}::date, ${l.reason}, ${l.state},
        ${decided ? deciderId(decider(l.email)) : null}, ${decided ? at(shiftDay(l.from, -3), 600) : null})`);
  }
  const onLeave = (email: string, day: string) =>
    leave.some((l) => l.state === 'approved' && l.email === email && l.from <= day && l.to >= day);

  const values: ReturnType<typeof sql>[] = [];
  for (let day = first; day <= yesterday; day = shiftDay(day, 1)) {
    if (holidays.has(day)) continue;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    for (const person of staff) {
      const hours = hoursOf(person.unit_code)[weekday];
      if (!hours || onLeave(person.email, day) || rnd() < 0.03) continue;
      const late = rnd() < 0.09;
      const inMinute = late ? hours[0] + 11 + Math.floor(rnd() * 40) : hours[0] - Math.floor(rnd() * 25);
      const early = rnd() < 0.05;
      const outMinute = early ? hours[1] - 15 - Math.floor(rnd() * 60) : hours[1] + Math.floor(rnd() * 50);
      const note = rnd() < 0.15 ? 'Kerja dari lokasi klien' : null;
      values.push(sql`(${person.id}, ${day}::date, ${person.company_id}, ${person.unit_id}, ${person.unit_path}, (SELECT id FROM work_schedules WHERE active AND unit_id = ${await scheduleOf(person.unit_code)}),
        ${at(day, inMinute, person.time_zone)}, ${at(day, outMinute, person.time_zone)}, ${note}, ${late ? inMinute - hours[0] : 0}, ${early ? hours[1] - outMinute : 0})`);
    }
  }
  for (let i = 0; i < values.length; i += 500)
    await db.execute(sql`
      INSERT INTO attendance_records (user_id, day, company_id, unit_id, unit_path, schedule_id, check_in_at, check_out_at, check_in_note, late_minutes, early_minutes)
      VALUES ${sql.join(values.slice(i, i + 500), sql`, `)}`);

  // Escalations to Infrastructure go to whoever of the team is at work, the least loaded first.
  await db.execute(sql`INSERT INTO team_assignment (team_id, mode) SELECT id, 'least_loaded' FROM teams WHERE code = 'INFRA'`);

  const executive = await loadActor(db, id(DEMO_ACCOUNTS.executive.email));
  const lead = Number(
    (await db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${DEMO_ACCOUNTS.team_lead.email}`)).rows[0]?.id,
  );
  if (executive) {
    await createSubscription(ctx, executive, {
      kind: 'tickets',
      query: { rows: 'unit', columns: 'status' },
      frequency: 'weekly',
      format: 'pdf',
      recipientIds: [lead],
    });
    await createSubscription(ctx, executive, {
      kind: 'sla',
      query: { by: 'priority' },
      frequency: 'monthly',
      format: 'xlsx',
      recipientIds: [],
    });
  }
}
