/**
 * Calendar arithmetic in a named time zone, on instants (`Date`). Every
 * company has its zone (WIB, WITA, WIT); numbering, charge and invoice months,
 * report periods and schedules all ask these functions, never a hard-coded zone.
 */

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offsets already read, by zone and instant: the same period and day boundaries are asked on every dashboard and report request. */
const offsets = new Map<string, number>();

/** The zone's offset from UTC at the instant `ms` (epoch milliseconds), in milliseconds: WIB reads +25 200 000. */
export function zoneOffset(ms: number, timeZone: string): number {
  const key = `${timeZone} ${ms}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const seen = localTime(new Date(ms), timeZone);
  const offset = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second) - (ms - (ms % 1000));
  if (offsets.size >= 10_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The instant at which the wall clock in `timeZone` reads the given time (Indonesian zones have no DST). */
export function zonedInstant(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  return new Date(guess - zoneOffset(guess, timeZone));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM` of the month `at` falls in, in `timeZone`. */
export function periodOf(at: Date, timeZone: string): string {
  const t = localTime(at, timeZone);
  return `${pad(t.year, 4)}-${pad(t.month)}`;
}

/** `YYYY-MM-DD` of the day `at` falls in, in `timeZone`. */
export function dayOf(at: Date, timeZone: string): string {
  const t = localTime(at, timeZone);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/** A `YYYY-MM` period as the half-open range of instants [from, to) in `timeZone`. */
export function monthRange(period: string, timeZone: string): { from: Date; to: Date } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return { from: zonedInstant(timeZone, year, month, 1), to: zonedInstant(timeZone, next.year, next.month, 1) };
}

/** The period `n` months after `period` (negative: before). */
export function shiftPeriod(period: string, n: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** A `YYYY-MM-DD` day as the half-open range of instants [from, to) in `timeZone`. */
export function dayRange(day: string, timeZone: string): { from: Date; to: Date } {
  const [year, month, d] = day.split('-').map(Number) as [number, number, number];
  const from = zonedInstant(timeZone, year, month, d);
  const next = new Date(Date.UTC(year, month - 1, d + 1));
  return { from, to: zonedInstant(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()) };
}

/** Whole days `from`–`to` (inclusive, `YYYY-MM-DD`) as given, each defaulting to the first or last day of the month `at` falls in. */
export function daysOrMonth(days: { from?: string; to?: string }, at: Date, timeZone: string): { from: string; to: string } {
  const [year, month] = periodOf(at, timeZone).split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: days.from ?? `${pad(year, 4)}-${pad(month)}-01`, to: days.to ?? `${pad(year, 4)}-${pad(month)}-${pad(last)}` };
}

/** `YYYY-MM-DD` of the last day of a `YYYY-MM` period. */
export function lastDayOf(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return `${period}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}
