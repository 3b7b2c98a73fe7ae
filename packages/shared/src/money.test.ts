import { describe, expect, it } from 'vitest';
import { amountOf, formatRupiah, toHundredths } from './money.ts';

describe('money in whole Rupiah', () => {
  it.each([
    [250_000n, 100n, 250_000n],
    [250_000n, 250n, 625_000n],
    [1n, 50n, 1n], // 0,50 rounds half up
    [1n, 49n, 0n],
    [1n, 150n, 2n],
    [3n, 33n, 1n], // 0,99
    [-1n, 50n, -1n], // a reversal rounds away from zero as the charge did
    [-1n, 49n, 0n],
    [-250_000n, 250n, -625_000n],
    [0n, 1234n, 0n],
  ] as const)('%s × %s/100 = %s', (rate, hundredths, amount) => {
    expect(amountOf(rate, hundredths)).toBe(amount);
  });

  it('takes quantities with at most two decimals', () => {
    expect(toHundredths(2.5)).toBe(250);
    expect(toHundredths(0.01)).toBe(1);
    expect(toHundredths(1.1)).toBe(110);
    expect(toHundredths(3)).toBe(300);
    expect(() => toHundredths(1.005)).toThrow(RangeError);
    expect(() => toHundredths(0.001)).toThrow('at most two decimals');
  });

  it('shows Rupiah without decimals, in Indonesian and English', () => {
    expect(formatRupiah(5_000_000n, 'id').replace(/\s/g, ' ')).toBe('Rp 5.000.000');
    expect(formatRupiah(1_250, 'id').replace(/\s/g, ' ')).toBe('Rp 1.250');
    // English in Indonesia (en-ID) keeps the Rupiah's own separators.
    expect(formatRupiah(5_000_000n, 'en').replace(/\s/g, ' ')).toBe('Rp 5.000.000');
    expect(formatRupiah(-400_000n, 'id').replace(/\s/g, ' ')).toBe('-Rp 400.000');
  });
});
