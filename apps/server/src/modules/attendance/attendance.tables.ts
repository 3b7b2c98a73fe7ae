import { bigint, boolean, date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const LEAVE_KINDS = ['cuti', 'sakit', 'dinas_luar', 'izin'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];
export const LEAVE_STATES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export const ASSIGNMENT_MODES = ['off', 'round_robin', 'least_loaded'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A working day's [start, end) minutes after local midnight, or null for a day off. Index 0 = Sunday. */
export type WeekSchedule = ([number, number] | null)[];

export const workSchedules = pgTable('work_schedules', {
  id: id(),
  unitId: ref('unit_id').notNull(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  calendarId: ref('calendar_id'),
  days: jsonb('days').$type<WeekSchedule>().notNull(),
  graceMinutes: integer('grace_minutes').notNull().default(10),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const scheduleMembers = pgTable('schedule_members', {
  userId: ref('user_id').primaryKey(),
  scheduleId: ref('schedule_id').notNull(),
  assignedBy: ref('assigned_by'),
  assignedAt: at('assigned_at').notNull().defaultNow(),
});

export const attendanceRecords = pgTable('attendance_records', {
  id: id(),
  userId: ref('user_id').notNull(),
  day: date('day').notNull(),
  companyId: ref('company_id').notNull(),
  unitId: ref('unit_id').notNull(),
  unitPath: text('unit_path').notNull(),
  scheduleId: ref('schedule_id'),
  checkInAt: at('check_in_at'),
  checkOutAt: at('check_out_at'),
  checkInNote: text('check_in_note'),
  checkOutNote: text('check_out_note'),
  lateMinutes: integer('late_minutes').notNull().default(0),
  earlyMinutes: integer('early_minutes').notNull().default(0),
  corrected: boolean('corrected').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const leaveRequests = pgTable('leave_requests', {
  id: id(),
  userId: ref('user_id').notNull(),
  companyId: ref('company_id').notNull(),
  unitId: ref('unit_id').notNull(),
  unitPath: text('unit_path').notNull(),
  kind: text('kind').$type<LeaveKind>().notNull(),
  firstDay: date('first_day').notNull(),
  lastDay: date('last_day').notNull(),
  reason: text('reason').notNull(),
  state: text('state').$type<(typeof LEAVE_STATES)[number]>().notNull().default('pending'),
  decidedBy: ref('decided_by'),
  decidedAt: at('decided_at'),
  decisionNote: text('decision_note'),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const teamAssignment = pgTable('team_assignment', {
  teamId: ref('team_id').primaryKey(),
  mode: text('mode').$type<AssignmentMode>().notNull(),
  lastAssigneeId: ref('last_assignee_id'),
  version: integer('version').notNull().default(1),
  updatedBy: ref('updated_by'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
