import { z } from 'zod';
import { pageOf, pageQuery, timeZone, version } from '../../platform/http/schemas.ts';
import { ASSIGNMENT_MODES, LEAVE_KINDS, LEAVE_STATES } from './attendance.tables.ts';

const id = z.number().int().positive();
const instant = z.iso.datetime();
const note = z.string().trim().max(300).optional();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const checkBody = z.strictObject({ note });

const record = z.object({
  id: z.number().int(),
  day: z.iso.date(),
  checkInAt: instant.nullable(),
  checkOutAt: instant.nullable(),
  checkInNote: z.string().nullable(),
  checkOutNote: z.string().nullable(),
  lateMinutes: z.number().int(),
  earlyMinutes: z.number().int(),
  corrected: z.boolean(),
  version: z.number().int(),
});
export type RecordOut = z.infer<typeof record>;

const leaveSummary = z.object({ id: z.number().int(), kind: z.enum(LEAVE_KINDS), firstDay: z.iso.date(), lastDay: z.iso.date() });

export const todayOut = z.object({
  day: z.iso.date(),
  timeZone: z.string(),
  schedule: z.object({
    name: z.string(),
    /** Minutes after local midnight; null on a day off. */
    start: z.number().int().nullable(),
    end: z.number().int().nullable(),
    holiday: z.string().nullable(),
  }),
  record: record.nullable(),
  leave: leaveSummary.nullable(),
});
export type TodayOut = z.infer<typeof todayOut>;

export const monthQuery = z.strictObject({ month: month.optional() });
export const myMonthOut = z.object({ month, items: z.array(record) });

export const dayQuery = z.strictObject({
  date: z.iso.date().optional(),
  unit: z.coerce.number().int().positive().optional(),
  ...pageQuery,
});
/** At work, gone home, on approved leave, missing on a working day, or a day off without a record. */
export const PRESENCE = ['present', 'left', 'leave', 'absent', 'day_off'] as const;
export const dayOut = pageOf(
  z.object({
    person: z.object({ id: z.number().int(), name: z.string() }),
    unit: z.object({ id: z.number().int(), name: z.string() }),
    state: z.enum(PRESENCE),
    record: record.nullable(),
    leaveKind: z.enum(LEAVE_KINDS).nullable(),
  }),
).extend({ date: z.iso.date() });

export const correctionBody = z.strictObject({
  userId: id,
  day: z.iso.date(),
  checkInAt: instant.nullable(),
  checkOutAt: instant.nullable(),
  reason: z.string().trim().min(1).max(500),
  /** The record's version when correcting one that exists. */
  version: version.optional(),
});
export type CorrectionInput = z.infer<typeof correctionBody>;

export const recapQuery = z.strictObject({
  month: month.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
});
export type AttendanceRecapQuery = z.infer<typeof recapQuery>;
const counts = {
  workingDays: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  absent: z.number().int(),
  leave: z.number().int(),
  lateMinutes: z.number().int(),
};
export const recapOut = z.object({
  month,
  from: z.iso.date(),
  /** The last day counted: the month's end, or today while it runs. */
  to: z.iso.date(),
  rows: z.array(
    z.object({
      person: z.object({ id: z.number().int(), name: z.string() }),
      unit: z.object({ id: z.number().int(), name: z.string() }),
      ...counts,
    }),
  ),
  totals: z.object(counts),
});
export type AttendanceRecapOut = z.infer<typeof recapOut>;

export const leaveBody = z.strictObject({
  kind: z.enum(LEAVE_KINDS),
  firstDay: z.iso.date(),
  lastDay: z.iso.date(),
  reason: z.string().trim().min(1).max(1000),
});
export type LeaveInput = z.infer<typeof leaveBody>;

export const leaveQuery = z.strictObject({
  mine: z.enum(['true', 'false']).optional(),
  state: z.enum(LEAVE_STATES).optional(),
  ...pageQuery,
});
export const leaveOut = z.object({
  id: z.number().int(),
  person: z.object({ id: z.number().int(), name: z.string() }),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  kind: z.enum(LEAVE_KINDS),
  firstDay: z.iso.date(),
  lastDay: z.iso.date(),
  reason: z.string(),
  state: z.enum(LEAVE_STATES),
  decidedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  decidedAt: instant.nullable(),
  decisionNote: z.string().nullable(),
  createdAt: instant,
  version: z.number().int(),
  /** What the caller may do now. */
  allowedActions: z.array(z.enum(['approve', 'reject', 'cancel'])),
});
export const leavePage = pageOf(leaveOut);
export const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(500).optional(),
  version,
});

const week = z
  .array(z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)]).nullable())
  .length(7)
  .refine((days) => days.every((d) => d === null || d[0] < d[1]), 'a working day ends after it starts');
export const scheduleBody = z.strictObject({
  unitId: id,
  name: z.string().trim().min(1).max(120),
  timeZone,
  calendarId: id.nullable().default(null),
  days: week,
  graceMinutes: z.number().int().min(0).max(240).default(10),
});
export type ScheduleInput = z.infer<typeof scheduleBody>;
export const scheduleUpdateBody = scheduleBody.omit({ unitId: true }).partial().extend({ version, active: z.boolean().optional() });
export const scheduleOut = z.object({
  id: z.number().int(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  name: z.string(),
  timeZone: z.string(),
  calendarId: z.number().int().nullable(),
  days: z.array(z.tuple([z.number().int(), z.number().int()]).nullable()),
  graceMinutes: z.number().int(),
  active: z.boolean(),
  members: z.array(z.object({ id: z.number().int(), name: z.string() })),
  version: z.number().int(),
});
export const personScheduleBody = z.strictObject({ scheduleId: id.nullable() });

export const presenceOut = z.object({
  day: z.iso.date(),
  members: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      state: z.enum(PRESENCE),
      checkInAt: instant.nullable(),
      leaveKind: z.enum(LEAVE_KINDS).nullable(),
    }),
  ),
});

export const assignmentBody = z.strictObject({ mode: z.enum(ASSIGNMENT_MODES), version: version.optional() });
export const assignmentOut = z.object({ teamId: z.number().int(), mode: z.enum(ASSIGNMENT_MODES), version: z.number().int() });

export const leaveCreated = z.object({ id: z.number().int() });
export const cancelLeaveBody = z.strictObject({ version });
export const scheduleList = z.object({ items: z.array(scheduleOut) });
