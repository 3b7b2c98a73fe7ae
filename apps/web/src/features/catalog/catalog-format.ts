import { DEFAULT_LOCALE, formatRupiah, isLocale } from '@ish/shared';
import { useTranslation } from 'react-i18next';

/** Money in whole Rupiah and quantities (hundredths: 2,5 jam) in the UI language. */
export function useCatalogFormat() {
  const { t, i18n } = useTranslation('catalog');
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const number = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 });
  const quantity = (value: number, unitLabel: string | null, costModel: string) =>
    costModel === 'fixed'
      ? t('cost.once')
      : unitLabel
        ? `${number.format(value)} ${unitLabel}`
        : t(`cost.count.${costModel === 'per_hour' ? 'hour' : 'unit'}`, { count: value, value: number.format(value) });
  const calendarDate = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    money: (amount: number) => formatRupiah(amount, locale),
    /** A calendar date answer (YYYY-MM-DD), the same day wherever the reader is. */
    date: (value: string) => calendarDate.format(new Date(`${value}T00:00:00Z`)),
    /** A quantity or hours without its unit (hundredths shown only when present). */
    count: (value: number) => number.format(value),
    quantity,
    /** "12 kB", "1,4 MB": the size of an uploaded file. */
    fileSize: (bytes: number) => {
      const [value, unit] =
        bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 ** 2 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 ** 2, 'megabyte'];
      // Whole bytes read best spelt out ("193 bytes"); larger sizes short ("1,4 MB").
      return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
        style: 'unit',
        unit: unit as string,
        unitDisplay: unit === 'byte' ? 'long' : 'short',
        maximumFractionDigits: 1,
      }).format(value as number);
    },
    /** "Rp 250.000 per jam", "Rp 300.000 (harga tetap)". */
    rate: (rate: number, costModel: string, unitLabel: string | null) =>
      costModel === 'fixed'
        ? t('cost.fixedRate', { rate: formatRupiah(rate, locale) })
        : t('cost.perRate', {
            rate: formatRupiah(rate, locale),
            unit: unitLabel ?? t(`cost.unit.${costModel === 'per_hour' ? 'hour' : 'unit'}`),
          }),
  };
}
