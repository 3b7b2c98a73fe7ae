import { DEFAULT_LOCALE, isLocale } from '@ish/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from './session.queries.ts';

/** Date and time formatters in the UI language and the user's time zone (money: `formatRupiah` from @ish/shared). */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const timeZone = useTimeZone();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
    return { timeZone, dateTime: (iso: string) => dateTime.format(new Date(iso)) };
  }, [timeZone, locale]);
}
