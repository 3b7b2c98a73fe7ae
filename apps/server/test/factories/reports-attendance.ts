import { eq } from 'drizzle-orm';
import { leaveRequests, OFFICE_WEEK, workSchedules } from '../../src/modules/attendance/index.ts';
import { units } from '../../src/modules/org/index.ts';
import { reportSubscriptions } from '../../src/modules/reports/index.ts';
import type { AppContext } from '../../src/platform/context.ts';
import type { Factories, Place } from '../factories.ts';

/** Leave days handed out so far (module-wide: every factory of a test file shares them). */
let leaveDay = 0;

/**
 * Records of the reports and attendance modules for tests: leave requests, work schedules (each on a unit of
 * its own, as a unit has one active schedule) and report subscriptions, made in the place a test names.
 */
export function reportsAttendanceFactories(ctx: AppContext, f: Factories) {
  const db = ctx.db;
  const one = async <T>(rows: Promise<T[]>, what: string): Promise<T> => {
    const [row] = await rows;
    if (!row) throw new Error(`factory: no ${what}`);
    return row;
  };

  const r = {
    /** A day range nobody's leave uses yet (years ahead, so it never started and overlaps nothing). */
    leaveDays(): { firstDay: string; lastDay: string } {
      const day = new Date(Date.UTC(2040, 0, 1) + leaveDay++ * 86_400_000).toISOString().slice(0, 10);
      return { firstDay: day, lastDay: day };
    },
    /** A pending leave request of `userId` (default: a new colleague in `place`), placed where its owner sits. */
    async leave(place: Place, o: { userId?: number } = {}) {
      const userId = o.userId ?? (await f.user(place)).id;
      return one(
        db
          .insert(leaveRequests)
          .values({
            userId,
            companyId: place.companyId,
            unitId: place.unitId,
            unitPath: place.unitPath,
            kind: 'cuti',
            ...r.leaveDays(),
            reason: 'Acara keluarga',
          })
          .returning(),
        'leave request',
      );
    },
    /** A new sub-unit of `place` (a unit of its own, free of any schedule). */
    async subUnit(place: Place): Promise<Place> {
      const code = `SUB-${Math.random().toString(36).slice(2, 10)}`;
      const unit = await one(
        db
          .insert(units)
          .values({ companyId: place.companyId, parentId: place.unitId, code, name: `Seksi ${code}`, type: 'department' })
          .returning(),
        'unit',
      );
      const unitPath = `${place.unitPath}${unit.id}/`;
      await db.update(units).set({ path: unitPath }).where(eq(units.id, unit.id));
      return { unitId: unit.id, companyId: place.companyId, unitPath };
    },
    /** An active work schedule on a new sub-unit of `place`. */
    async workSchedule(place: Place) {
      const unit = await r.subUnit(place);
      return one(
        db
          .insert(workSchedules)
          .values({ unitId: unit.unitId, name: 'Kantor 08.00', timeZone: 'Asia/Jakarta', days: OFFICE_WEEK })
          .returning(),
        'work schedule',
      );
    },
    /** A weekly ticket-recap subscription of `userId`. */
    async subscription(userId: number) {
      return one(
        db
          .insert(reportSubscriptions)
          .values({
            userId,
            kind: 'tickets',
            query: {},
            frequency: 'weekly',
            format: 'pdf',
            recipientIds: [],
            nextRunAt: new Date(Date.UTC(2040, 0, 1)),
          })
          .returning(),
        'subscription',
      );
    },
  };
  return r;
}
