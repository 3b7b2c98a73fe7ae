import { DEFAULT_TIME_ZONE } from '@ish/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { localTime } from '../../platform/time/zoned.ts';
import type { WeekSchedule } from './attendance.tables.ts';

/** What attendance needs of a schedule. */
export interface Schedule {
  id: number | null;
  name: string;
  timeZone: string;
  calendarId: number | null;
  days: WeekSchedule;
  graceMinutes: number;
}

/** Monday to Friday 08:00–17:00: the schedule of anyone whose unit has none. */
export const OFFICE_WEEK: WeekSchedule = [null, [480, 1020], [480, 1020], [480, 1020], [480, 1020], [480, 1020], null];

/** Sunday = 0 … Saturday = 6 of a `YYYY-MM-DD` day. */
export const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The hours of `day` under the schedule, or null when it is a day off (weekend or holiday). */
export function hoursOn(
  schedule: Schedule,
  day: string,
  holidays: ReadonlyMap<string, string> | ReadonlySet<string>,
): [number, number] | null {
  if (holidays.has(day)) return null;
  return schedule.days[weekdayOf(day)] ?? null;
}

const minuteOfDay = (at: Date, timeZone: string) => {
  const t = localTime(at, timeZone);
  return t.hour * 60 + t.minute;
};

/** Minutes late: after the start plus grace counts from the start; on a day off nobody is late. */
export function lateMinutes(schedule: Schedule, hours: [number, number] | null, checkIn: Date): number {
  if (!hours) return 0;
  const late = minuteOfDay(checkIn, schedule.timeZone) - hours[0];
  return late > schedule.graceMinutes ? late : 0;
}

/** Minutes left before the end of the working day at check-out. */
export function earlyMinutes(schedule: Schedule, hours: [number, number] | null, checkOut: Date): number {
  if (!hours) return 0;
  return Math.max(0, hours[1] - minuteOfDay(checkOut, schedule.timeZone));
}

type ScheduleRow = {
  id: number;
  active: boolean;
  unit_path: string;
  name: string;
  time_zone: string;
  calendar_id: number | null;
  days: WeekSchedule;
  grace_minutes: number;
};

const toSchedule = (row: ScheduleRow): Schedule => ({
  id: Number(row.id),
  name: row.name,
  timeZone: row.time_zone,
  calendarId: row.calendar_id === null ? null : Number(row.calendar_id),
  days: row.days,
  graceMinutes: row.grace_minutes,
});

export interface Person {
  userId: number;
  unitPath: string;
  companyId: number;
}

/**
 * Each person's schedule: the one they were given, else the active schedule
 * of their unit or the nearest unit above it, else the office week in their
 * company's time zone. One pass for any number of people (recaps).
 */
export async function schedulesFor(tx: Tx, people: Person[]): Promise<Map<number, Schedule>> {
  const result = new Map<number, Schedule>();
  if (!people.length) return result;
  const userIds = people.map((p) => p.userId);
  const [schedules, members, zones] = await Promise.all([
    tx.execute<ScheduleRow>(sql`
      SELECT s.id, s.active, u.path AS unit_path, s.name, s.time_zone, s.calendar_id, s.days, s.grace_minutes FROM work_schedules s JOIN units u ON u.id = s.unit_id
      WHERE s.active OR s.id IN (SELECT schedule_id FROM schedule_members WHERE user_id IN ${userIds})`),
    tx.execute<{ user_id: number; schedule_id: number }>(
      sql`SELECT user_id, schedule_id FROM schedule_members WHERE user_id IN ${userIds}`,
    ),
    tx.execute<{ id: number; time_zone: string }>(sql`SELECT id, time_zone FROM companies`),
  ]);
  const byId = new Map(schedules.rows.map((r) => [Number(r.id), r]));
  const memberOf = new Map(members.rows.map((r) => [Number(r.user_id), Number(r.schedule_id)]));
  const zoneOf = new Map(zones.rows.map((r) => [Number(r.id), r.time_zone]));
  // Deepest unit first, so the first prefix found is the nearest.
  const byUnit = schedules.rows.filter((r) => r.active).sort((a, b) => b.unit_path.length - a.unit_path.length);
  for (const p of people) {
    const own = byId.get(memberOf.get(p.userId) ?? 0);
    const unit = byUnit.find((s) => p.unitPath.startsWith(s.unit_path));
    const row = own ?? unit;
    result.set(
      p.userId,
      row
        ? toSchedule(row)
        : {
            id: null,
            name: '',
            timeZone: zoneOf.get(p.companyId) ?? DEFAULT_TIME_ZONE,
            calendarId: null,
            days: OFFICE_WEEK,
            graceMinutes: 10,
          },
    );
  }
  return result;
}

/** One person's schedule (see `schedulesFor`). */
export async function scheduleOf(tx: Tx, person: Person): Promise<Schedule> {
  return (await schedulesFor(tx, [person])).get(person.userId) as Schedule;
}
