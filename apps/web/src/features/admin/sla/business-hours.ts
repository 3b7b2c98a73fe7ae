/**
 * Weekly working hours as the server stores them: one list of [start, end)
 * minute windows per weekday, index 0 = Sunday, and as the form edits them
 * ("08:00"–"17:00" per day, Monday first as Indonesian offices count the week).
 */
export type WeekHours = number[][][];

export interface DayForm {
  open: boolean;
  windows: { start: string; end: string }[];
}

/** Monday … Sunday as indexes into WeekHours. */
export const WEEK_ORDER: readonly number[] = [1, 2, 3, 4, 5, 6, 0];

/** Mon–Fri 08:00–17:00, the office default. */
export const DEFAULT_HOURS: WeekHours = [[], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], []];

export const MAX_WINDOWS = 4;

const pad = (n: number) => String(n).padStart(2, '0');

/** 480 → "08:00"; the end of the day (1440) reads "24:00". */
export const toClock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** "08:00" → 480; an end of "00:00" means midnight at the end of the day. */
function fromClock(clock: string, end: boolean): number | null {
  const match = /^(\d{2}):(\d{2})/.exec(clock);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return end && minutes === 0 ? 1440 : minutes;
}

export function toDayForms(hours: WeekHours): DayForm[] {
  return hours.map((day) => ({
    open: day.length > 0,
    windows: (day.length ? day : [[480, 1020]]).map(([s = 0, e = 0]) => ({ start: toClock(s), end: toClock(e === 1440 ? 0 : e) })),
  }));
}

/** The windows of each open day, sorted; null for a day whose windows are incomplete, reversed or overlapping. */
export function toWeekHours(days: DayForm[]): ([number, number][] | null)[] {
  return days.map((day) => {
    if (!day.open) return [];
    const windows = day.windows.map((w) => [fromClock(w.start, false), fromClock(w.end, true)] as const);
    if (windows.some(([s, e]) => s === null || e === null || s >= e)) return null;
    const sorted = [...(windows as [number, number][])].sort((a, b) => a[0] - b[0]);
    return sorted.every(([s], i) => i === 0 || (sorted[i - 1]?.[1] ?? 0) <= s) ? sorted : null;
  });
}

/** Short weekday names in the UI language (2024-01-07 was a Sunday). */
export function weekdayNames(locale: string, width: 'short' | 'long' = 'short'): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 7 + i))));
}

/** "Mon–Fri 08:00–17:00 · Sat 08:00–12:00": consecutive days with the same hours are joined. */
export function summariseHours(hours: WeekHours, locale: string): string[] {
  const names = weekdayNames(locale);
  const text = (day: number[][]) => day.map(([s = 0, e = 0]) => `${toClock(s)}–${toClock(e)}`).join(', ');
  // Positions in WEEK_ORDER, so "consecutive" means Monday-first neighbours.
  const runs: { from: number; to: number; hours: string }[] = [];
  WEEK_ORDER.forEach((index, position) => {
    const day = hours[index] ?? [];
    if (!day.length) return;
    const last = runs.at(-1);
    if (last && last.hours === text(day) && last.to === position - 1) last.to = position;
    else runs.push({ from: position, to: position, hours: text(day) });
  });
  const name = (position: number) => names[WEEK_ORDER[position] ?? 0];
  return runs.map((r) => `${name(r.from)}${r.to === r.from ? '' : `–${name(r.to)}`} ${r.hours}`);
}
