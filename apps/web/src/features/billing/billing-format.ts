import { DEFAULT_LOCALE, formatRupiah, isLocale } from '@ish/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Money, months and calendar days in the UI language (a day is the same day wherever the reader is). */
export function useBillingFormat() {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  return useMemo(() => {
    const tag = locale === 'id' ? 'id-ID' : 'en-GB';
    const month = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const shortMonth = new Intl.DateTimeFormat(tag, { month: 'short', year: '2-digit', timeZone: 'UTC' });
    const day = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const compact = new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 });
    return {
      locale,
      money: (amount: number) => formatRupiah(amount, locale),
      /** "1,5 jt" on chart axes (their tables say Rupiah). */
      compactMoney: (amount: number) => compact.format(amount),
      period: (period: string) => month.format(new Date(`${period}-01T00:00:00Z`)),
      shortPeriod: (period: string) => shortMonth.format(new Date(`${period}-01T00:00:00Z`)),
      day: (value: string | null) => (value ? day.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : '—'),
    };
  }, [locale]);
}

export const INVOICE_COLORS: Record<string, string> = { draft: 'gray', issued: 'blue', overdue: 'red', disputed: 'orange', paid: 'green' };
export const DISPUTE_COLORS: Record<string, string> = {
  open: 'yellow',
  accepted: 'green',
  rejected: 'red',
  escalated: 'orange',
  decided: 'grape',
};

/** The current month in the given zone as YYYY-MM. */
export function periodNow(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
}

/** `YYYY-MM` moved by n months. */
export function shiftMonth(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
