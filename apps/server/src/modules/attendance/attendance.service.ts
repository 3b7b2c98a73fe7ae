import type { Locale } from '@ish/shared';
import { and, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { dayOf, lastDayOf } from '../../platform/time/zoned.ts';
import { holidaysBetween } from '../calendars/index.ts';
import { findUnitPlacement } from '../org/index.ts';
import { earlyMinutes, hoursOn, lateMinutes, type Schedule, scheduleOf } from './attendance.schedule.ts';
import type { CorrectionInput, LeaveInput, RecordOut, TodayOut } from './attendance.schemas.ts';
import { attendanceRecords, leaveRequests } from './attendance.tables.ts';

type RecordRow = typeof attendanceRecords.$inferSelect;

export function presentRecord(r: RecordRow): RecordOut {
  return {
    id: r.id,
    day: r.day,
    checkInAt: r.checkInAt?.toISOString() ?? null,
    checkOutAt: r.checkOutAt?.toISOString() ?? null,
    checkInNote: r.checkInNote,
    checkOutNote: r.checkOutNote,
    lateMinutes: r.lateMinutes,
    earlyMinutes: r.earlyMinutes,
    corrected: r.corrected,
    version: r.version,
  };
}

interface Person {
  userId: number;
  unitId: number;
  unitPath: string;
  companyId: number;
}
const personOf = (actor: Actor): Person => ({
  userId: actor.userId,
  unitId: actor.unitId,
  unitPath: actor.unitPath,
  companyId: actor.companyId,
});

/** A person's day under their schedule: which day it is for them now, its hours and holiday. */
async function dayFor(tx: Tx, person: Person, at: Date, locale?: Locale) {
  const schedule = await scheduleOf(tx, person);
  const day = dayOf(at, schedule.timeZone);
  const holidays = await holidaysBetween(tx, schedule.calendarId, day, day, locale);
  return { schedule, day, hours: hoursOn(schedule, day, holidays), holiday: holidays.get(day) ?? null };
}

async function approvedLeaveOn(tx: Tx, userId: number, day: string) {
  const [leave] = await tx
    .select({ id: leaveRequests.id, kind: leaveRequests.kind, firstDay: leaveRequests.firstDay, lastDay: leaveRequests.lastDay })
    .from(leaveRequests)
    .where(
      and(
        eq(leaveRequests.userId, userId),
        eq(leaveRequests.state, 'approved'),
        lte(leaveRequests.firstDay, day),
        gte(leaveRequests.lastDay, day),
      ),
    );
  return leave ?? null;
}

/** The caller's attendance today: their schedule's hours, their record and any approved leave. */
export async function today(tx: Tx, actor: Actor, now: Date): Promise<TodayOut> {
  const { schedule, day, hours, holiday } = await dayFor(tx, personOf(actor), now, actor.locale);
  const [record] = await tx
    .select()
    .from(attendanceRecords)
    .where(and(eq(attendanceRecords.userId, actor.userId), eq(attendanceRecords.day, day)));
  return {
    day,
    timeZone: schedule.timeZone,
    schedule: { name: schedule.name, start: hours?.[0] ?? null, end: hours?.[1] ?? null, holiday },
    record: record ? presentRecord(record) : null,
    leave: await approvedLeaveOn(tx, actor.userId, day),
  };
}

/** Checks the caller in for their day; once a day (409 ALREADY_CHECKED_IN). Lateness is measured against their schedule. */
export async function checkIn(ctx: AppContext, actor: Actor, note: string | undefined): Promise<RecordOut> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { schedule, day, hours } = await dayFor(tx, personOf(actor), now);
    const [row] = await tx
      .insert(attendanceRecords)
      .values({
        userId: actor.userId,
        day,
        companyId: actor.companyId,
        unitId: actor.unitId,
        unitPath: actor.unitPath,
        scheduleId: schedule.id,
        checkInAt: now,
        checkInNote: note || null,
        lateMinutes: lateMinutes(schedule, hours, now),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError(409, 'ALREADY_CHECKED_IN');
    return presentRecord(row);
  });
}

/** Checks the caller out of the day they checked in; early leave is measured against their schedule. */
export async function checkOut(ctx: AppContext, actor: Actor, note: string | undefined): Promise<RecordOut> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { schedule, day, hours } = await dayFor(tx, personOf(actor), now);
    const [record] = await tx
      .select()
      .from(attendanceRecords)
      .where(and(eq(attendanceRecords.userId, actor.userId), eq(attendanceRecords.day, day)))
      .for('update');
    if (!record?.checkInAt) throw new AppError(409, 'NOT_CHECKED_IN');
    if (record.checkOutAt) throw new AppError(409, 'ALREADY_CHECKED_OUT');
    const [row] = await tx
      .update(attendanceRecords)
      .set({
        checkOutAt: now,
        checkOutNote: note || null,
        earlyMinutes: earlyMinutes(schedule, hours, now),
        updatedAt: now,
        version: sql`${attendanceRecords.version} + 1`,
      })
      .where(eq(attendanceRecords.id, record.id))
      .returning();
    return presentRecord(row as RecordRow);
  });
}

/** The caller's records of one month of their calendar. */
export async function myMonth(tx: Tx, actor: Actor, month: string | undefined, now: Date) {
  const schedule = await scheduleOf(tx, personOf(actor));
  const m = month ?? dayOf(now, schedule.timeZone).slice(0, 7);
  const rows = await tx
    .select()
    .from(attendanceRecords)
    .where(and(eq(attendanceRecords.userId, actor.userId), gte(attendanceRecords.day, `${m}-01`), lte(attendanceRecords.day, lastDayOf(m))))
    .orderBy(attendanceRecords.day);
  return { month: m, items: rows.map(presentRecord) };
}

/** A person the actor manages attendance for (404 outside their scope). */
async function managedPerson(tx: Tx, actor: Actor, userId: number, permission: 'attendance:manage' | 'attendance:read'): Promise<Person> {
  const { rows } = await tx.execute<{ unit_id: number }>(sql`SELECT unit_id FROM users WHERE id = ${userId}`);
  const placement = rows[0] ? await findUnitPlacement(tx, Number(rows[0].unit_id)) : null;
  if (!placement || !can(actor, permission, placement)) throw notFound();
  return { userId, unitId: placement.unitId, unitPath: placement.unitPath, companyId: placement.companyId };
}

/**
 * A Division Admin corrects (or records) a person's day in their division:
 * times, a reason, and the audit log keeps before and after.
 */
export async function correctRecord(ctx: AppContext, actor: Actor, input: CorrectionInput, source: AuditSource): Promise<RecordOut> {
  return ctx.db.transaction(async (tx) => {
    const person = await managedPerson(tx, actor, input.userId, 'attendance:manage');
    if (input.userId === actor.userId) throw new AppError(403, 'OWN_ATTENDANCE');
    const checkIn = input.checkInAt ? new Date(input.checkInAt) : null;
    const checkOut = input.checkOutAt ? new Date(input.checkOutAt) : null;
    if (checkIn && checkOut && checkOut <= checkIn)
      throw new AppError(400, 'CHECK_OUT_BEFORE_IN', {}, [{ path: 'checkOutAt', message: 'CHECK_OUT_BEFORE_IN' }]);
    const schedule: Schedule = await scheduleOf(tx, person);
    const holidays = await holidaysBetween(tx, schedule.calendarId, input.day, input.day);
    const hours = hoursOn(schedule, input.day, holidays);
    for (const [field, at] of [
      ['checkInAt', checkIn],
      ['checkOutAt', checkOut],
    ] as const)
      if (at && dayOf(at, schedule.timeZone) !== input.day)
        throw new AppError(400, 'TIME_NOT_ON_DAY', {}, [{ path: field, message: 'TIME_NOT_ON_DAY' }]);
    const [before] = await tx
      .select()
      .from(attendanceRecords)
      .where(and(eq(attendanceRecords.userId, input.userId), eq(attendanceRecords.day, input.day)))
      .for('update');
    if (before && input.version !== undefined && input.version !== before.version) throw versionConflict();
    const values = {
      checkInAt: checkIn,
      checkOutAt: checkOut,
      lateMinutes: checkIn ? lateMinutes(schedule, hours, checkIn) : 0,
      earlyMinutes: checkOut ? earlyMinutes(schedule, hours, checkOut) : 0,
      corrected: true,
      updatedAt: ctx.clock.now(),
    };
    const [row] = before
      ? await tx
          .update(attendanceRecords)
          .set({ ...values, version: sql`${attendanceRecords.version} + 1` })
          .where(eq(attendanceRecords.id, before.id))
          .returning()
      : await tx
          .insert(attendanceRecords)
          .values({ ...person, day: input.day, scheduleId: schedule.id, ...values })
          .returning();
    if (!row) throw new Error('attendance correction failed');
    await recordAudit(tx, source, {
      action: 'attendance.correct',
      targetType: 'attendance_record',
      targetId: row.id,
      before: before ? presentRecord(before) : null,
      after: { ...presentRecord(row), userId: input.userId, reason: input.reason },
    });
    return presentRecord(row);
  });
}

/** Asks for leave; overlapping a pending or approved one is refused. */
export async function requestLeave(ctx: AppContext, actor: Actor, input: LeaveInput) {
  if (input.lastDay < input.firstDay) throw new AppError(400, 'PERIOD_REVERSED', {}, [{ path: 'lastDay', message: 'PERIOD_REVERSED' }]);
  return ctx.db.transaction(async (tx) => {
    // One request at a time per person: the overlap check cannot race with itself.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('leave'), ${actor.userId}::int)`);
    const overlap = await tx
      .select({ id: leaveRequests.id })
      .from(leaveRequests)
      .where(
        and(
          eq(leaveRequests.userId, actor.userId),
          inArray(leaveRequests.state, ['pending', 'approved']),
          lte(leaveRequests.firstDay, input.lastDay),
          gte(leaveRequests.lastDay, input.firstDay),
        ),
      );
    if (overlap.length) throw new AppError(409, 'LEAVE_OVERLAPS');
    const [row] = await tx
      .insert(leaveRequests)
      .values({ userId: actor.userId, companyId: actor.companyId, unitId: actor.unitId, unitPath: actor.unitPath, ...input })
      .returning();
    if (!row) throw new Error('leave insert failed');
    return row.id;
  });
}

type LeaveRow = typeof leaveRequests.$inferSelect;
const placementOf = (l: LeaveRow) => ({ companyId: l.companyId, unitPath: l.unitPath });

/** What the actor may do with a leave request: its approvers decide (never their own), its owner withdraws. */
export function leaveActions(actor: Actor, l: LeaveRow): ('approve' | 'reject' | 'cancel')[] {
  const actions: ('approve' | 'reject' | 'cancel')[] = [];
  if (l.state === 'pending' && l.userId !== actor.userId && can(actor, 'leave:approve', placementOf(l))) actions.push('approve', 'reject');
  if ((l.state === 'pending' || l.state === 'approved') && l.userId === actor.userId) actions.push('cancel');
  return actions;
}

/** The leave requests the actor may see: their own, and those of the people they approve for or read attendance of. */
export function visibleLeave(actor: Actor): SQL {
  const cols = { companyId: leaveRequests.companyId, unitPath: leaveRequests.unitPath };
  return sql`(${leaveRequests.userId} = ${actor.userId} OR ${scopeCondition(actor, 'leave:approve', cols)} OR ${scopeCondition(actor, 'attendance:read', cols)})`;
}

async function loadLeave(tx: Tx, actor: Actor, id: number): Promise<LeaveRow> {
  const [row] = await tx
    .select()
    .from(leaveRequests)
    .where(and(eq(leaveRequests.id, id), visibleLeave(actor)))
    .for('update');
  if (!row) throw notFound();
  return row;
}

/** The Division Admin or Approver over the person's unit approves or rejects a pending request. */
export async function decideLeave(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { decision: 'approve' | 'reject'; note?: string | undefined; version: number },
  source: AuditSource,
) {
  return ctx.db.transaction(async (tx) => {
    const leave = await loadLeave(tx, actor, id);
    if (leave.userId === actor.userId) throw new AppError(403, 'OWN_LEAVE');
    if (!can(actor, 'leave:approve', placementOf(leave))) throw forbidden();
    if (leave.state !== 'pending') throw new AppError(409, 'LEAVE_DECIDED');
    if (leave.version !== input.version) throw versionConflict();
    const now = ctx.clock.now();
    await tx
      .update(leaveRequests)
      .set({
        state: input.decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: actor.userId,
        decidedAt: now,
        decisionNote: input.note || null,
        updatedAt: now,
        version: sql`${leaveRequests.version} + 1`,
      })
      .where(eq(leaveRequests.id, id));
    await recordAudit(tx, source, {
      action: `leave.${input.decision}`,
      targetType: 'leave_request',
      targetId: id,
      before: { state: leave.state },
    });
  });
}

/** The owner withdraws a request that is pending, or approved and not started yet. */
export async function cancelLeave(ctx: AppContext, actor: Actor, id: number, version: number) {
  return ctx.db.transaction(async (tx) => {
    const leave = await loadLeave(tx, actor, id);
    if (!leaveActions(actor, leave).includes('cancel')) throw forbidden();
    const today = dayOf(ctx.clock.now(), (await scheduleOf(tx, personOf(actor))).timeZone);
    if (leave.state === 'approved' && leave.firstDay <= today) throw new AppError(409, 'LEAVE_STARTED');
    if (leave.version !== version) throw versionConflict();
    await tx
      .update(leaveRequests)
      .set({ state: 'cancelled', updatedAt: ctx.clock.now(), version: sql`${leaveRequests.version} + 1` })
      .where(eq(leaveRequests.id, id));
  });
}

/** Leave requests the actor may see, newest first: their own (`mine`) or those they decide on or read. */
export async function listLeave(
  tx: Tx,
  actor: Actor,
  query: { mine?: 'true' | 'false' | undefined; state?: LeaveRow['state'] | undefined; page: number; pageSize: number },
) {
  const where = and(
    query.mine === 'true' ? eq(leaveRequests.userId, actor.userId) : visibleLeave(actor),
    query.state ? eq(leaveRequests.state, query.state) : undefined,
  );
  const [rows, total] = await Promise.all([
    tx.execute<LeaveRow & { person_name: string; unit_name: string; decider_name: string | null }>(sql`
      SELECT leave_requests.id, leave_requests.user_id AS "userId", leave_requests.company_id AS "companyId", leave_requests.unit_id AS "unitId", leave_requests.unit_path AS "unitPath", leave_requests.kind,
        leave_requests.first_day::text AS "firstDay", leave_requests.last_day::text AS "lastDay", leave_requests.reason, leave_requests.state, leave_requests.decided_by AS "decidedBy", leave_requests.decided_at AS "decidedAt",
        leave_requests.decision_note AS "decisionNote", leave_requests.version, leave_requests.created_at AS "createdAt", leave_requests.updated_at AS "updatedAt",
        (SELECT name FROM users WHERE id = leave_requests.user_id) AS person_name, (SELECT name FROM units WHERE id = leave_requests.unit_id) AS unit_name,
        (SELECT name FROM users WHERE id = leave_requests.decided_by) AS decider_name
      FROM leave_requests WHERE ${where} ORDER BY leave_requests.created_at DESC, leave_requests.id DESC
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`),
    tx.select({ n: sql<number>`count(*)::int` }).from(leaveRequests).where(where),
  ]);
  return {
    items: rows.rows.map((l) => ({
      id: Number(l.id),
      person: { id: Number(l.userId), name: l.person_name },
      unit: { id: Number(l.unitId), name: l.unit_name },
      kind: l.kind,
      firstDay: l.firstDay,
      lastDay: l.lastDay,
      reason: l.reason,
      state: l.state,
      decidedBy: l.decidedBy ? { id: Number(l.decidedBy), name: l.decider_name ?? '' } : null,
      decidedAt: l.decidedAt ? new Date(l.decidedAt).toISOString() : null,
      decisionNote: l.decisionNote,
      createdAt: new Date(l.createdAt).toISOString(),
      version: l.version,
      allowedActions: leaveActions(actor, { ...l, userId: Number(l.userId), companyId: Number(l.companyId) }),
    })),
    total: Number(total[0]?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Days each person checked in between `from` and `to` (inclusive). */
export async function presentDaysOf(tx: Tx, userIds: number[], from: string, to: string): Promise<Map<number, number>> {
  if (!userIds.length) return new Map();
  const rows = await tx
    .select({ userId: attendanceRecords.userId, n: sql<number>`count(*)::int` })
    .from(attendanceRecords)
    .where(
      and(
        inArray(attendanceRecords.userId, userIds),
        sql`${attendanceRecords.checkInAt} IS NOT NULL`,
        gte(attendanceRecords.day, from),
        lte(attendanceRecords.day, to),
      ),
    )
    .groupBy(attendanceRecords.userId);
  return new Map(rows.map((r) => [Number(r.userId), Number(r.n)]));
}

/**
 * Of `userIds`, those at work now: checked in on their own today and not
 * checked out, and not on approved leave.
 */
export async function presentNow(tx: Tx, userIds: number[], now: Date): Promise<number[]> {
  if (!userIds.length) return [];
  const { rows } = await tx.execute<{ user_id: number }>(sql`
    SELECT r.user_id FROM attendance_records r
    LEFT JOIN work_schedules ws ON ws.id = r.schedule_id JOIN companies c ON c.id = r.company_id
    WHERE r.user_id IN ${userIds} AND r.check_in_at IS NOT NULL AND r.check_out_at IS NULL
      AND r.day = (${now}::timestamptz AT TIME ZONE coalesce(ws.time_zone, c.time_zone))::date
      AND NOT EXISTS (SELECT 1 FROM leave_requests l WHERE l.user_id = r.user_id AND l.state = 'approved' AND r.day BETWEEN l.first_day AND l.last_day)`);
  return rows.map((r) => Number(r.user_id));
}
