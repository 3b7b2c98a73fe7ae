import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../session/use-format.ts';

/** Dates of changes: in the reader's zone, and a window also in the zone it was planned in when that differs. */
export function useChangeFormat() {
  const { i18n } = useTranslation();
  const { timeZone, dateTime } = useFormat();
  return useMemo(() => {
    const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
    const time = (zone: string) => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone });
    const zoneName = (zone: string, at: Date) =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')
        ?.value ?? zone;
    /** "12 Des 2026 20.00 – 22.00 (WIB)", spelled out in the planning zone too when the reader is elsewhere. */
    const window = (start: string | null, end: string | null, plannedZone?: string) => {
      if (!start || !end) return '—';
      const s = new Date(start);
      const e = new Date(end);
      const sameDay = dateTime(start).split(' ').slice(0, 3).join(' ') === dateTime(end).split(' ').slice(0, 3).join(' ');
      const mine = `${dateTime(start)} – ${sameDay ? time(timeZone).format(e) : dateTime(end)} (${zoneName(timeZone, s)})`;
      if (!plannedZone || plannedZone === timeZone || zoneName(plannedZone, s) === zoneName(timeZone, s)) return mine;
      const theirs = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: plannedZone }).format(s);
      return `${mine} · ${theirs} (${zoneName(plannedZone, s)})`;
    };
    return { timeZone, dateTime, time: (iso: string) => time(timeZone).format(new Date(iso)), window };
  }, [i18n.language, timeZone, dateTime]);
}

const wallParts = (at: Date, zone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
};

/** What the wall clock in `zone` reads at an instant, as the date pickers hold it (`YYYY-MM-DD HH:mm:00`). */
export function wallIn(iso: string, zone: string): string {
  const p = wallParts(new Date(iso), zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:00`;
}

/** The instant at which the wall clock in `zone` reads `wall` (Indonesian zones keep no daylight saving). */
export function zonedIso(wall: string, zone: string): string {
  const [date = '', time = '00:00'] = wall.split(/[ T]/);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, h, min);
  const seen = wallParts(new Date(guess), zone);
  const offset = Date.UTC(+seen.year, +seen.month - 1, +seen.day, +seen.hour, +seen.minute) - guess;
  return new Date(guess - offset).toISOString();
}
