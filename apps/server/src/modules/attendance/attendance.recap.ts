import type { Locale } from '@ish/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { TableExport } from '../../platform/documents/table-export.ts';
import { notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { dayOf, lastDayOf } from '../../platform/time/zoned.ts';
import { holidaysBetween } from '../calendars/index.ts';
import { findUnitPlacement } from '../org/index.ts';
import { readerTimeZone } from '../settings/index.ts';
import { hoursOn, type Schedule, schedulesFor } from './attendance.schedule.ts';
import type { AttendanceRecapOut, RecordOut } from './attendance.schemas.ts';
import { presentRecord } from './attendance.service.ts';
import type { attendanceRecords, LeaveKind } from './attendance.tables.ts';

type PersonRow = {
  id: number;
  name: string;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  company_id: number;
};

/** Active people whose unit lies where the actor reads attendance, optionally within one unit's subtree (404 outside). */
async function peopleInScope(tx: Tx, actor: Actor, unitId: number | undefined, page?: { limit: number; offset: number }) {
  let within: SQL = sql`true`;
  if (unitId !== undefined) {
    const placement = await findUnitPlacement(tx, unitId);
    if (!placement || !can(actor, 'attendance:read', placement)) throw notFound();
    within = sql`n.path LIKE ${`${placement.unitPath}%`}`;
  }
  const where = sql`u.active AND ${scopeCondition(actor, 'attendance:read', { companyId: sql`n.company_id`, unitPath: sql`n.path` })} AND ${within}`;
  const [people, total] = await Promise.all([
    tx.execute<PersonRow>(sql`
      SELECT u.id, u.name, u.unit_id, n.name AS unit_name, n.path AS unit_path, n.company_id FROM users u JOIN units n ON n.id = u.unit_id
      WHERE ${where} ORDER BY n.name, u.name, u.id ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`),
    tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users u JOIN units n ON n.id = u.unit_id WHERE ${where}`),
  ]);
  return {
    people: people.rows.map((p) => ({ ...p, id: Number(p.id), unit_id: Number(p.unit_id), company_id: Number(p.company_id) })),
    total: total.rows[0]?.n ?? 0,
  };
}

type Row = typeof attendanceRecords.$inferSelect;

async function recordsOf(tx: Tx, userIds: number[], from: string, to: string) {
  if (!userIds.length)
    return { records: new Map<string, Row>(), leave: [] as { user_id: number; kind: LeaveKind; first_day: string; last_day: string }[] };
  const [records, leave] = await Promise.all([
    tx.execute<Record<string, unknown>>(sql`
      SELECT id, user_id AS "userId", day::text AS day, check_in_at AS "checkInAt", check_out_at AS "checkOutAt", check_in_note AS "checkInNote",
        check_out_note AS "checkOutNote", late_minutes AS "lateMinutes", early_minutes AS "earlyMinutes", corrected, version
      FROM attendance_records WHERE user_id IN ${userIds} AND day BETWEEN ${from}::date AND ${to}::date`),
    tx.execute<{ user_id: number; kind: LeaveKind; first_day: string; last_day: string }>(sql`
      SELECT user_id, kind, first_day::text, last_day::text FROM leave_requests
      WHERE user_id IN ${userIds} AND state = 'approved' AND first_day <= ${to}::date AND last_day >= ${from}::date`),
  ]);
  const map = new Map<string, Row>();
  for (const r of records.rows) {
    const row = {
      ...r,
      checkInAt: r.checkInAt ? new Date(r.checkInAt as string) : null,
      checkOutAt: r.checkOutAt ? new Date(r.checkOutAt as string) : null,
    } as Row;
    map.set(`${Number(r.userId)}:${r.day}`, row);
  }
  return { records: map, leave: leave.rows.map((l) => ({ ...l, user_id: Number(l.user_id) })) };
}

/** Holidays per calendar of the schedules in play, for a range of days. */
async function holidaysOf(tx: Tx, schedules: Iterable<Schedule>, from: string, to: string) {
  const calendars = new Map<number | null, Map<string, string>>();
  for (const s of schedules)
    if (!calendars.has(s.calendarId)) calendars.set(s.calendarId, await holidaysBetween(tx, s.calendarId, from, to));
  return calendars;
}

/** Everything a recap needs of these people over these days: schedules, their holidays, records and approved leave. */
async function attendanceOf(tx: Tx, people: PersonRow[], from: string, to: string) {
  const schedules = await schedulesFor(
    tx,
    people.map((p) => ({ userId: p.id, unitPath: p.unit_path, companyId: p.company_id })),
  );
  const holidays = await holidaysOf(tx, schedules.values(), from, to);
  const { records, leave } = await recordsOf(
    tx,
    people.map((p) => p.id),
    from,
    to,
  );
  return { schedules, holidays, records, leave };
}

function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1))
    days.push(d.toISOString().slice(0, 10));
  return days;
}

async function readerToday(tx: Tx, actor: Actor, now: Date) {
  return dayOf(now, await readerTimeZone(tx, actor));
}

/**
 * Attendance per person for a month (up to today while it runs): working days
 * under their schedule and its holidays, present, late, on approved leave and
 * absent (a working day with neither).
 */
export async function attendanceRecap(
  tx: Tx,
  actor: Actor,
  query: { month?: string | undefined; unitId?: number | undefined },
  now: Date,
): Promise<AttendanceRecapOut> {
  const today = await readerToday(tx, actor, now);
  const month = query.month ?? today.slice(0, 7);
  const from = `${month}-01`;
  const to = [lastDayOf(month), today].sort()[0] as string;
  const { people } = await peopleInScope(tx, actor, query.unitId);
  const { schedules, holidays, records, leave } = await attendanceOf(tx, people, from, to);
  const days = to >= from ? daysFrom(from, to) : [];
  const rows = people.map((p) => {
    const schedule = schedules.get(p.id) as Schedule;
    const off = holidays.get(schedule.calendarId) ?? new Map();
    const counts = { workingDays: 0, present: 0, late: 0, absent: 0, leave: 0, lateMinutes: 0 };
    for (const day of days) {
      const working = hoursOn(schedule, day, off) !== null;
      const record = records.get(`${p.id}:${day}`);
      const onLeave = leave.some((l) => l.user_id === p.id && l.first_day <= day && l.last_day >= day);
      if (working) counts.workingDays++;
      if (record?.checkInAt) {
        counts.present++;
        if (record.lateMinutes > 0) {
          counts.late++;
          counts.lateMinutes += record.lateMinutes;
        }
      } else if (working && onLeave) counts.leave++;
      else if (working) counts.absent++;
    }
    return { person: { id: p.id, name: p.name }, unit: { id: p.unit_id, name: p.unit_name }, ...counts };
  });
  const totals = { workingDays: 0, present: 0, late: 0, absent: 0, leave: 0, lateMinutes: 0 };
  for (const r of rows) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += r[key];
  return { month, from, to, rows, totals };
}

/** Who was where on one day: each person in scope with their record, leave or absence. */
export async function attendanceOfDay(
  tx: Tx,
  actor: Actor,
  query: { date?: string | undefined; unit?: number | undefined; page: number; pageSize: number },
  now: Date,
) {
  const date = query.date ?? (await readerToday(tx, actor, now));
  const { people, total } = await peopleInScope(tx, actor, query.unit, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const { schedules, holidays, records, leave } = await attendanceOf(tx, people, date, date);
  return {
    date,
    total,
    page: query.page,
    pageSize: query.pageSize,
    items: people.map((p) => {
      const schedule = schedules.get(p.id) as Schedule;
      const record = records.get(`${p.id}:${date}`) ?? null;
      const onLeave = leave.find((l) => l.user_id === p.id) ?? null;
      const working = hoursOn(schedule, date, holidays.get(schedule.calendarId) ?? new Map()) !== null;
      const state = record?.checkInAt ? (record.checkOutAt ? 'left' : 'present') : onLeave ? 'leave' : working ? 'absent' : 'day_off';
      return {
        person: { id: p.id, name: p.name },
        unit: { id: p.unit_id, name: p.unit_name },
        state: state as 'present' | 'left' | 'leave' | 'absent' | 'day_off',
        record: record ? (presentRecord(record) as RecordOut) : null,
        leaveKind: onLeave?.kind ?? null,
      };
    }),
  };
}

/** The recap as a table for its CSV, XLSX or PDF file, in the reader's language. */
export function recapTable(recap: AttendanceRecapOut, locale: Locale): TableExport {
  const L = (key: string) => t(locale, `attendance.recap.${key}`);
  const n = (key: string) => ({ header: L(key), numeric: true });
  return {
    title: L('title'),
    meta: [`${L('month')} ${recap.month} (${recap.from} – ${recap.to})`],
    columns: [
      { header: L('person'), width: 2 },
      { header: L('unit'), width: 1.5 },
      n('workingDays'),
      n('present'),
      n('late'),
      n('absent'),
      n('leave'),
      n('lateMinutes'),
    ],
    rows: [recap.rows.map((r) => [r.person.name, r.unit.name, r.workingDays, r.present, r.late, r.absent, r.leave, r.lateMinutes])],
    totals: [
      L('total'),
      '',
      recap.totals.workingDays,
      recap.totals.present,
      recap.totals.late,
      recap.totals.absent,
      recap.totals.leave,
      recap.totals.lateMinutes,
    ],
  };
}
