import { describe, expect, it } from 'vitest';
import { numberInEnglish, rupiahInWords, terbilang } from './words.ts';

describe('amounts in words', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [15, 'lima belas'],
    [20, 'dua puluh'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [111, 'seratus sebelas'],
    [250, 'dua ratus lima puluh'],
    [1_000, 'seribu'],
    [1_500, 'seribu lima ratus'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [101_001, 'seratus satu ribu satu'],
    [1_000_000, 'satu juta'],
    [1_250_000, 'satu juta dua ratus lima puluh ribu'],
    [5_000_000_000, 'lima miliar'],
    [2_147_483_648, 'dua miliar seratus empat puluh tujuh juta empat ratus delapan puluh tiga ribu enam ratus empat puluh delapan'],
    [1_000_000_000_000, 'satu triliun'],
    [1_000_000_000_000_000, 'satu kuadriliun'],
  ])('terbilang(%d) = %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
    expect(terbilang(BigInt(n))).toBe(words);
  });

  it.each([
    [0, 'zero'],
    [11, 'eleven'],
    [20, 'twenty'],
    [21, 'twenty-one'],
    [40, 'forty'],
    [99, 'ninety-nine'],
    [100, 'one hundred'],
    [115, 'one hundred fifteen'],
    [101_001, 'one hundred one thousand one'],
    [1_000, 'one thousand'],
    [1_000_000, 'one million'],
    [1_250_000, 'one million two hundred fifty thousand'],
    [1_000_000_000_000_000, 'one quadrillion'],
    [2_147_483_648, 'two billion one hundred forty-seven million four hundred eighty-three thousand six hundred forty-eight'],
  ])('numberInEnglish(%d) = %s', (n, words) => {
    expect(numberInEnglish(n)).toBe(words);
  });

  it('says rupiah in either language, and minus for a credit', () => {
    expect(rupiahInWords(1_250_000n, 'id')).toBe('satu juta dua ratus lima puluh ribu rupiah');
    expect(rupiahInWords(1_250_000n, 'en')).toBe('one million two hundred fifty thousand rupiah');
    expect(rupiahInWords(-400_000n, 'id')).toBe('minus empat ratus ribu rupiah');
    expect(rupiahInWords(-5n, 'en')).toBe('minus five rupiah');
  });

  it('spells every amount below 10^18 and refuses larger ones rather than printing a wrong number', () => {
    const nines = 'sembilan ratus sembilan puluh sembilan';
    expect(terbilang(999_999_999_999_999_999n)).toBe(
      `${nines} kuadriliun ${nines} triliun ${nines} miliar ${nines} juta ${nines} ribu ${nines}`,
    );
    expect(() => terbilang(10n ** 18n)).toThrow(new RangeError('amount too large to spell'));
    expect(() => numberInEnglish(10n ** 18n)).toThrow(RangeError);
  });
});
