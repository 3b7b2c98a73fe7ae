import type { Locale } from './locale.ts';

/** Formats whole Rupiah (bigint or safe integer) for display: `Rp 5.000.000`. */
export function formatRupiah(amount: bigint | number, locale: Locale): string {
  const tag = locale === 'id' ? 'id-ID' : 'en-ID';
  return new Intl.NumberFormat(tag, { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(amount);
}
