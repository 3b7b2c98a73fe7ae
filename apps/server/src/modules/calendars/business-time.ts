import { zoneOffset } from '../../platform/time/zoned.ts';

/**
 * Business time: working minutes between instants, and the instant a number
 * of working minutes after another, on a calendar of weekly working hours in a
 * time zone with holidays — or around the clock. Pure functions on epoch
 * milliseconds; every SLA due date and elapsed percentage is computed here.
 */

/** Working windows of one weekday as [start, end) minutes after local midnight. */
export type DayHours = readonly (readonly [number, number])[];

export interface Calendar {
  timeZone: string;
  /** 24×7: every minute counts, holidays included. */
  always: boolean;
  /** Index 0 = Sunday … 6 = Saturday. */
  hours: readonly DayHours[];
  /** Local dates `YYYY-MM-DD` on which nothing counts. */
  holidays: ReadonlySet<string>;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The UTC instant of a local wall-clock time (zones without DST, like WIB/WITA/WIT, are exact). */
function zonedToUtc(localMidnightAsUtc: number, minuteOfDay: number, timeZone: string): number {
  const wall = localMidnightAsUtc + minuteOfDay * MINUTE;
  const guess = wall - zoneOffset(wall, timeZone);
  return wall - zoneOffset(guess, timeZone);
}

/** Local midnight of the day containing `ms`, expressed as if it were UTC (for date arithmetic). */
function localDayOf(ms: number, timeZone: string): number {
  const local = ms + zoneOffset(ms, timeZone);
  return local - (((local % DAY) + DAY) % DAY);
}

export const localDateKey = (localMidnightAsUtc: number) => new Date(localMidnightAsUtc).toISOString().slice(0, 10);

/** The working windows of one local day, as UTC [start, end). */
function windowsOf(day: number, cal: Calendar): [number, number][] {
  if (cal.always) return [[zonedToUtc(day, 0, cal.timeZone), zonedToUtc(day + DAY, 0, cal.timeZone)]];
  if (cal.holidays.has(localDateKey(day))) return [];
  const weekday = new Date(day).getUTCDay();
  return (cal.hours[weekday] ?? []).map(([s, e]) => [zonedToUtc(day, s, cal.timeZone), zonedToUtc(day, e, cal.timeZone)]);
}

/** A calendar with no working minute would loop forever; this bounds any search (ten years). */
const MAX_DAYS = 3660;

/** The instant `minutes` working minutes after `start` (the earliest such instant). */
export function addBusinessMinutes(start: number, minutes: number, cal: Calendar): number {
  if (minutes <= 0) return start;
  let remaining = minutes * MINUTE;
  let day = localDayOf(start, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day += DAY) {
    for (const [ws, we] of windowsOf(day, cal)) {
      if (we <= start) continue;
      const from = Math.max(ws, start);
      if (remaining <= we - from) return from + remaining;
      remaining -= we - from;
    }
  }
  throw new Error('calendar has no working time within ten years');
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: number, to: number, cal: Calendar): number {
  if (to <= from) return 0;
  let total = 0;
  for (let day = localDayOf(from, cal.timeZone); day <= to + DAY; day += DAY) {
    for (const [ws, we] of windowsOf(day, cal)) {
      const s = Math.max(ws, from);
      const e = Math.min(we, to);
      if (e > s) total += e - s;
    }
  }
  return total / MINUTE;
}

const hm = (h: number, m = 0) => h * 60 + m;

/** Mon–Fri 08:00–17:00 in `timeZone`: the default business calendar. */
export function officeHours(timeZone: string, holidays: Iterable<string> = []): Calendar {
  const weekday: DayHours = [[hm(8), hm(17)]];
  return { timeZone, always: false, hours: [[], weekday, weekday, weekday, weekday, weekday, []], holidays: new Set(holidays) };
}

export function aroundTheClock(timeZone: string): Calendar {
  return { timeZone, always: true, hours: [], holidays: new Set() };
}
