import type { Locale } from './locale.ts';

/** Formats whole Rupiah (bigint or safe integer) for display: `Rp 5.000.000`. */
export function formatRupiah(amount: bigint | number, locale: Locale): string {
  const tag = locale === 'id' ? 'id-ID' : 'en-ID';
  return new Intl.NumberFormat(tag, { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(amount);
}

/** rate × quantity (in hundredths) rounded half-up to whole Rupiah, in integers only. */
export function amountOf(rate: bigint, quantityHundredths: bigint): bigint {
  const cents = rate * quantityHundredths;
  const sign = cents < 0n ? -1n : 1n;
  return (sign * (sign * cents + 50n)) / 100n;
}

/** `2.5` → 250; refuses more than two decimals so nothing is silently rounded. */
export function toHundredths(quantity: number): number {
  const h = Math.round(quantity * 100);
  if (Math.abs(h - quantity * 100) > 1e-6) throw new RangeError('at most two decimals');
  return h;
}
