import { accessMatrix, type Cell } from '../../../test/access-matrix.ts';
import { reportsAttendanceFactories } from '../../../test/factories/reports-attendance.ts';
import { OFFICE_WEEK } from './attendance.schedule.ts';
import { checkIn } from './attendance.service.ts';

// Attendance (absensi). Everyone records their own day, reads their own month and asks for leave. Executives read
// the attendance of the whole organisation, a Division Admin reads and manages his division's (schedules,
// corrections) and decides its leave, an Approver decides his unit's leave; Administrators do all of it. A person
// or schedule outside the caller's reach does not exist for them (404); nobody decides their own leave or corrects
// their own day (the module's tests). A cell's person is a new colleague in the cell's place.

const ra = (c: Cell) => reportsAttendanceFactories(c.ctx, c.f);

/** The actor's records of the last days gone (a cell checks in on a clean day). */
async function clearRecentDays(c: Cell) {
  if (!c.me) return;
  const since = new Date(c.ctx.clock.now().getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
  await c.ctx.pool.query('DELETE FROM attendance_records WHERE user_id = $1 AND day >= $2::date', [c.me.userId, since]);
}

/** Who reads attendance over a place: Executives and Administrators everywhere, the Division Admin in DevOps. */
const READERS = { executive: '200', division_admin: '200 404 404', administrator: '200', others: '403' } as const;
/** Who manages attendance over a place: the Division Admin in DevOps, Administrators everywhere. */
const MANAGERS = (ok: string) => ({ division_admin: `${ok} 404 404`, administrator: ok, others: '403' }) as const;

export const matrix = accessMatrix({
  'GET /attendance/today': { call: () => '/attendance/today', expect: { anonymous: 401, others: '200' } },
  'POST /attendance/check-in': {
    call: async (c) => {
      await clearRecentDays(c);
      return { path: '/attendance/check-in', body: { note: 'Kantor pusat' } };
    },
    expect: { anonymous: 401, others: '201' },
  },
  'POST /attendance/check-out': {
    call: async (c) => {
      await clearRecentDays(c);
      if (c.me) await checkIn(c.ctx, c.me, undefined);
      return { path: '/attendance/check-out', body: {} };
    },
    expect: { anonymous: 401, others: '200' },
  },
  'GET /attendance/mine': { call: () => '/attendance/mine', expect: { anonymous: 401, others: '200' } },
  'GET /attendance': {
    call: (c) => `/attendance?unit=${c.place.unitId}`,
    expect: { anonymous: 401, ...READERS },
  },
  'GET /attendance/recap': {
    call: (c) => `/attendance/recap?unitId=${c.place.unitId}`,
    expect: { anonymous: 401, ...READERS },
  },
  'PUT /attendance/records': {
    call: async (c) => ({
      path: '/attendance/records',
      body: {
        userId: (await c.f.user(c.place)).id,
        day: '2026-11-02',
        checkInAt: null,
        checkOutAt: null,
        reason: 'Lupa absen, hadir rapat di luar kantor',
      },
    }),
    expect: { anonymous: 401, ...MANAGERS('200') },
  },
  'PUT /attendance/people/{id}/schedule': {
    call: async (c) => ({ path: `/attendance/people/${(await c.f.user(c.place)).id}/schedule`, body: { scheduleId: null } }),
    expect: { anonymous: 401, ...MANAGERS('204') },
  },

  'GET /leave-requests': { call: () => '/leave-requests', expect: { anonymous: 401, others: '200' } },
  'POST /leave-requests': {
    call: (c) => ({ path: '/leave-requests', body: { kind: 'cuti', ...ra(c).leaveDays(), reason: 'Acara keluarga' } }),
    expect: { anonymous: 401, others: '201' },
  },
  'POST /leave-requests/{id}/decision': {
    // A colleague's request: decided by the Approver of Produk and the Division Admin of DevOps in their own unit.
    call: async (c) => {
      const leave = await ra(c).leave(c.place);
      return { path: `/leave-requests/${leave.id}/decision`, body: { decision: 'approve', version: leave.version } };
    },
    expect: { anonymous: 401, approver: '204 404 404', division_admin: '204 404 404', administrator: '204', others: '403' },
  },
  'POST /leave-requests/{id}/cancel': {
    // In their own unit the actor withdraws his own request; elsewhere a colleague's, which only its owner withdraws
    // (403 where the actor reads it, else 404).
    call: async (c) => {
      const leave = await ra(c).leave(c.place, c.scope === 'own' && c.me ? { userId: c.me.userId } : {});
      return { path: `/leave-requests/${leave.id}/cancel`, body: { version: leave.version } };
    },
    expect: { anonymous: 401, executive: '204 403 403', administrator: '204 403 403', others: '204 404 404' },
  },

  'GET /work-schedules': {
    call: () => '/work-schedules',
    expect: { anonymous: 401, executive: '200', division_admin: '200', administrator: '200', others: '403' },
  },
  'POST /work-schedules': {
    call: async (c) => ({
      path: '/work-schedules',
      body: {
        unitId: (await ra(c).subUnit(c.place)).unitId,
        name: 'Kantor 08.00',
        timeZone: 'Asia/Jakarta',
        days: OFFICE_WEEK,
      },
    }),
    expect: { anonymous: 401, ...MANAGERS('201') },
  },
  'PATCH /work-schedules/{id}': {
    call: async (c) => {
      const schedule = await ra(c).workSchedule(c.place);
      return { path: `/work-schedules/${schedule.id}`, body: { name: 'Kantor 07.30', version: schedule.version } };
    },
    expect: { anonymous: 401, ...MANAGERS('200') },
  },
});
