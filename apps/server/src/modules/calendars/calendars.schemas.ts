import { z } from 'zod';
import { calendarDate, timeZone, version } from '../../platform/http/schemas.ts';

const window = z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)]);
const hours = z
  .array(z.array(window).max(4))
  .length(7)
  .refine((days) => days.every((d) => d.every(([s, e], i) => s < e && (i === 0 || (d[i - 1]?.[1] ?? 0) <= s))), {
    message: 'CALENDAR_INVALID',
  });

/** A name in Indonesian and in English; readers get theirs as `name`. */
const names = {
  nameId: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().min(1).max(120),
};

export const calendarFields = {
  ...names,
  companyId: z.number().int().positive().nullable().optional(),
  teamId: z.number().int().positive().nullable().optional(),
  timeZone,
  always: z.boolean(),
  hours,
};
export const calendarBody = z.strictObject(calendarFields);
export const calendarPatch = z.strictObject({ version, ...z.object(calendarFields).partial().shape, active: z.boolean().optional() });
export const calendarOut = z.object({
  id: z.number().int(),
  ...calendarFields,
  name: z.string(),
  companyId: z.number().int().nullable(),
  teamId: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});

const holidayKind = z.enum(['national', 'cuti_bersama', 'local']);
export const holidayOut = z.object({
  id: z.number().int(),
  calendarId: z.number().int().nullable(),
  day: z.string(),
  ...names,
  name: z.string(),
  kind: holidayKind,
});
export const holidayQuery = z.strictObject({
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  calendarId: z.coerce.number().int().optional(),
});
export const holidayBody = z.strictObject({
  calendarId: z.number().int().positive().nullable(),
  day: calendarDate,
  ...names,
  kind: holidayKind,
});

export type CalendarInput = z.infer<typeof calendarBody>;
export type CalendarPatch = z.infer<typeof calendarPatch>;
export type HolidayQuery = z.infer<typeof holidayQuery>;
export type HolidayInput = z.infer<typeof holidayBody>;

export const calendarList = z.object({ items: z.array(calendarOut) });
export const holidayList = z.object({ items: z.array(holidayOut) });
