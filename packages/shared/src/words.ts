import type { Locale } from './locale.ts';

// Amounts in words, as printed on invoices: Indonesian *terbilang* and English.
// Whole numbers only (money is whole Rupiah), any size a bigint holds up to 10^18.

const ID_ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const ID_SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'];

/** 0–999 in Indonesian ("seratus", "sebelas", "dua ratus lima puluh"). */
function idHundreds(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(ID_ONES[hundreds] as string, 'ratus');
  if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest > 11 && rest < 20) words.push(ID_ONES[rest - 10] as string, 'belas');
  else {
    const tens = Math.floor(rest / 10);
    if (tens > 0) words.push(ID_ONES[tens] as string, 'puluh');
    if (rest % 10 > 0) words.push(ID_ONES[rest % 10] as string);
  }
  return words;
}

const EN_ONES = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'];

/** 0–999 in English ("one hundred forty-seven"). */
function enHundreds(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) words.push(EN_ONES[hundreds] as string, 'hundred');
  if (rest > 0 && rest < 20) words.push(EN_ONES[rest] as string);
  else if (rest >= 20) words.push(rest % 10 ? `${EN_TENS[Math.floor(rest / 10)]}-${EN_ONES[rest % 10]}` : (EN_TENS[rest / 10] as string));
  return words;
}

/** Splits into groups of three digits, lowest first. */
function groups(n: bigint): number[] {
  const out: number[] = [];
  for (let rest = n; rest > 0n; rest /= 1000n) out.push(Number(rest % 1000n));
  return out;
}

function spell(amount: bigint | number, locale: Locale): string {
  const n = BigInt(amount);
  if (n < 0n) return `minus ${spell(-n, locale)}`;
  if (n === 0n) return locale === 'id' ? 'nol' : 'zero';
  const parts = groups(n);
  if (parts.length > ID_SCALES.length) throw new RangeError('amount too large to spell');
  const words: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const group = parts[i] as number;
    if (group === 0) continue;
    if (locale === 'id') {
      // 1.000 is "seribu", not "satu ribu"; every larger scale keeps "satu" (satu juta).
      if (i === 1 && group === 1) words.push('seribu');
      else words.push(...idHundreds(group), ID_SCALES[i] as string);
    } else words.push(...enHundreds(group), EN_SCALES[i] as string);
  }
  return words.filter(Boolean).join(' ');
}

/** A whole number in Indonesian words: 1250000 → "satu juta dua ratus lima puluh ribu". */
export function terbilang(amount: bigint | number): string {
  return spell(amount, 'id');
}

/** A whole number in English words: 1250000 → "one million two hundred fifty thousand". */
export function numberInEnglish(amount: bigint | number): string {
  return spell(amount, 'en');
}

/** A Rupiah amount in words for an invoice: "satu juta rupiah" / "one million rupiah". */
export function rupiahInWords(amount: bigint | number, locale: Locale): string {
  return `${spell(amount, locale)} rupiah`;
}
