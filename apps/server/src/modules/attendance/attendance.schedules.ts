import { and, eq, ne, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, unknownReference, versionConflict } from '../../platform/http/errors.ts';
import { dayOf } from '../../platform/time/zoned.ts';
import { holidaysBetween } from '../calendars/index.ts';
import { peopleByIds } from '../identity/index.ts';
import { companyTimeZone, findTeam, findUnitPlacement, isTeamMember, memberIdsOf } from '../org/index.ts';
import { hoursOn, schedulesFor } from './attendance.schedule.ts';
import type { ScheduleInput } from './attendance.schemas.ts';
import { type LeaveKind, scheduleMembers, workSchedules } from './attendance.tables.ts';

type ScheduleRow = typeof workSchedules.$inferSelect;

async function present(tx: Tx, rows: ScheduleRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [units, members] = await Promise.all([
    tx.execute<{ id: number; name: string }>(sql`SELECT id, name FROM units WHERE id IN ${rows.map((r) => r.unitId)}`),
    tx.execute<{ schedule_id: number; id: number; name: string }>(sql`
      SELECT m.schedule_id, u.id, u.name FROM schedule_members m JOIN users u ON u.id = m.user_id WHERE m.schedule_id IN ${ids} ORDER BY u.name`),
  ]);
  const unitName = new Map(units.rows.map((u) => [Number(u.id), u.name]));
  return rows.map((r) => ({
    id: r.id,
    unit: { id: r.unitId, name: unitName.get(r.unitId) ?? '' },
    name: r.name,
    timeZone: r.timeZone,
    calendarId: r.calendarId,
    days: r.days,
    graceMinutes: r.graceMinutes,
    active: r.active,
    members: members.rows.filter((m) => Number(m.schedule_id) === r.id).map((m) => ({ id: Number(m.id), name: m.name })),
    version: r.version,
  }));
}

const placementCols = sql`(SELECT company_id FROM units WHERE id = ${workSchedules.unitId})`;
const pathCol = sql`(SELECT path FROM units WHERE id = ${workSchedules.unitId})`;

/** The schedules of the units where the actor reads or manages attendance. */
export async function listSchedules(tx: Tx, actor: Actor) {
  const cols = { companyId: placementCols, unitPath: pathCol };
  const rows = await tx
    .select()
    .from(workSchedules)
    .where(sql`(${scopeCondition(actor, 'attendance:manage', cols)} OR ${scopeCondition(actor, 'attendance:read', cols)})`)
    .orderBy(workSchedules.name, workSchedules.id);
  return present(tx, rows);
}

/** A unit the actor manages attendance of: one outside their attendance scope does not exist for them (404); one they only read, 403. */
async function managedUnit(tx: Tx, actor: Actor, unitId: number) {
  const placement = await findUnitPlacement(tx, unitId);
  if (!placement || !(can(actor, 'attendance:manage', placement) || can(actor, 'attendance:read', placement))) throw notFound();
  if (!can(actor, 'attendance:manage', placement)) throw forbidden();
  return placement;
}

/** An active calendar shared by every company or of the schedule's own company (another company's is unknown). */
async function assertCalendar(tx: Tx, calendarId: number | null | undefined, companyId: number) {
  if (calendarId == null) return;
  const { rows } = await tx.execute(
    sql`SELECT 1 FROM business_calendars WHERE id = ${calendarId} AND active AND (company_id IS NULL OR company_id = ${companyId})`,
  );
  if (!rows.length) throw unknownReference('calendarId');
}

async function assertNoOtherActive(tx: Tx, unitId: number, except: number) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('work_schedule'), ${unitId}::int)`);
  const others = await tx
    .select({ id: workSchedules.id })
    .from(workSchedules)
    .where(and(eq(workSchedules.unitId, unitId), eq(workSchedules.active, true), ne(workSchedules.id, except)));
  if (others.length) throw new AppError(409, 'SCHEDULE_EXISTS');
}

/** A unit's working days and hours; one active schedule per unit. */
export async function createSchedule(ctx: AppContext, actor: Actor, input: ScheduleInput, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    const unit = await managedUnit(tx, actor, input.unitId);
    await assertCalendar(tx, input.calendarId, unit.companyId);
    await assertNoOtherActive(tx, input.unitId, 0);
    const [row] = await tx.insert(workSchedules).values(input).returning();
    if (!row) throw new Error('schedule insert failed');
    await recordAudit(tx, source, { action: 'work_schedule.create', targetType: 'work_schedule', targetId: row.id, after: input });
    return (await present(tx, [row]))[0] as Awaited<ReturnType<typeof present>>[number];
  });
}

/** A schedule of a unit the actor manages (404 outside their attendance scope, 403 where they only read), with its unit's company. */
async function loadSchedule(tx: Tx, actor: Actor, id: number) {
  const [row] = await tx.select().from(workSchedules).where(eq(workSchedules.id, id)).for('update');
  if (!row) throw notFound();
  return { ...row, companyId: (await managedUnit(tx, actor, row.unitId)).companyId };
}

export async function updateSchedule(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Partial<Omit<ScheduleInput, 'unitId'>> & { version: number; active?: boolean | undefined },
  source: AuditSource,
) {
  return ctx.db.transaction(async (tx) => {
    const { companyId, ...before } = await loadSchedule(tx, actor, id);
    if (before.version !== input.version) throw versionConflict();
    await assertCalendar(tx, input.calendarId, companyId);
    const { version: _, ...changes } = input;
    if (changes.active ?? before.active) await assertNoOtherActive(tx, before.unitId, id);
    const [row] = await tx
      .update(workSchedules)
      .set({ ...changes, updatedAt: ctx.clock.now(), version: sql`${workSchedules.version} + 1` })
      .where(eq(workSchedules.id, id))
      .returning();
    await recordAudit(tx, source, { action: 'work_schedule.update', targetType: 'work_schedule', targetId: id, before, after: changes });
    return (await present(tx, [row as ScheduleRow]))[0] as Awaited<ReturnType<typeof present>>[number];
  });
}

/** Gives a person in the actor's scope another schedule than their unit's (null: back to the unit's). */
export async function setPersonSchedule(ctx: AppContext, actor: Actor, userId: number, scheduleId: number | null, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    const person = (await peopleByIds(tx, [userId])).get(userId);
    const { rows } = await tx.execute<{ path: string }>(sql`SELECT path FROM units WHERE id = ${person?.unit.id ?? 0}`);
    if (!person || !rows[0] || !can(actor, 'attendance:manage', { companyId: person.companyId, unitPath: rows[0].path })) throw notFound();
    // A schedule of one's own is how one's lateness is measured: someone else sets it, as with a correction.
    if (userId === actor.userId) throw new AppError(403, 'OWN_ATTENDANCE');
    if (scheduleId !== null) {
      const schedule = await loadSchedule(tx, actor, scheduleId);
      if (schedule.companyId !== person.companyId) throw unknownReference('scheduleId');
    }
    await tx.delete(scheduleMembers).where(eq(scheduleMembers.userId, userId));
    if (scheduleId !== null) await tx.insert(scheduleMembers).values({ userId, scheduleId, assignedBy: actor.userId });
    await recordAudit(tx, source, { action: 'work_schedule.assign', targetType: 'user', targetId: userId, after: { scheduleId } });
  });
}

/**
 * Who of a team is at work today, for its queue: members of the team and the
 * service desk of its company may look.
 */
export async function teamPresence(tx: Tx, actor: Actor, teamId: number, now: Date) {
  const team = await findTeam(tx, teamId);
  if (!team || !((await isTeamMember(tx, teamId, actor.userId)) || can(actor, 'ticket:work', { companyId: team.companyId, unitPath: '' })))
    throw notFound();
  const ids = await memberIdsOf(tx, teamId);
  const people = await peopleByIds(tx, ids);
  const { rows: paths } = await tx.execute<{ id: number; path: string }>(
    sql`SELECT u.id, n.path FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id IN ${ids.length ? ids : [0]}`,
  );
  const pathOf = new Map(paths.map((p) => [Number(p.id), p.path]));
  const schedules = await schedulesFor(
    tx,
    ids.map((id) => ({ userId: id, unitPath: pathOf.get(id) ?? '', companyId: people.get(id)?.companyId ?? team.companyId })),
  );
  const day = dayOf(now, await companyTimeZone(tx, team.companyId));
  const members = [];
  for (const id of ids) {
    const schedule = schedules.get(id);
    if (!schedule || !people.get(id)?.active) continue;
    const mine = dayOf(now, schedule.timeZone);
    const { rows } = await tx.execute<{ check_in_at: Date | null; check_out_at: Date | null }>(
      sql`SELECT check_in_at, check_out_at FROM attendance_records WHERE user_id = ${id} AND day = ${mine}::date`,
    );
    const { rows: leave } = await tx.execute<{ kind: LeaveKind }>(
      sql`SELECT kind FROM leave_requests WHERE user_id = ${id} AND state = 'approved' AND ${mine}::date BETWEEN first_day AND last_day LIMIT 1`,
    );
    const record = rows[0];
    const working = hoursOn(schedule, mine, await holidaysBetween(tx, schedule.calendarId, mine, mine)) !== null;
    const state = record?.check_in_at ? (record.check_out_at ? 'left' : 'present') : leave[0] ? 'leave' : working ? 'absent' : 'day_off';
    members.push({
      id,
      name: people.get(id)?.name ?? '',
      state: state as 'present' | 'left' | 'leave' | 'absent' | 'day_off',
      checkInAt: record?.check_in_at ? new Date(record.check_in_at).toISOString() : null,
      leaveKind: leave[0]?.kind ?? null,
    });
  }
  return { day, members };
}
