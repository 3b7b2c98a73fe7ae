import { useTranslation } from 'react-i18next';

/** `08.00` from minutes after midnight. */
export const clockOf = (minutes: number | null | undefined) =>
  minutes == null ? '–' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}.${String(minutes % 60).padStart(2, '0')}`;

/** Times of day in the UI language and a given time zone (a schedule's). */
export function useTimeOfDay(timeZone: string | undefined) {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  return (iso: string | null | undefined) => (iso ? format.format(new Date(iso)) : '–');
}

/** A `YYYY-MM-DD` day as "Selasa, 1 Desember 2026". */
export function useLongDay() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'id' ? 'id-ID' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
}
