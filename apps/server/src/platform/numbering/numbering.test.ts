import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { isValidPattern, nextNumber } from './numbering.ts';

// Numbers from patterns on the real sequence table: tokens in any letter case, dates in the given zone, the
// sequence counting per distinct rendering of the other tokens (or per the caller's key), padded to width.
// Every test numbers in a scope of its own, so they run in any order.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let scopes = 0;
const scope = () => `test-${++scopes}`;
const at = (iso: string) => new Date(iso);
const WIB = 'Asia/Jakarta';
const number = (s: string, pattern: string, ctx: Parameters<typeof nextNumber>[3]) =>
  t.ctx.db.transaction((tx) => nextNumber(tx, s, pattern, ctx));

describe('number patterns', () => {
  it.each([
    ['INC-{yyyy}-{seq:6}', true],
    ['INV/{YYYY}/{MM}/{seq}', true],
    ['{unit}.{dd}{mm}{yy}.{Seq:3}', true],
    ['INV/{YYYY}', false], // no sequence
    ['{seq}-{seq}', false], // two
    ['{seq:123}', false], // width of three digits
    ['{yyyy}-{month}-{seq}', false], // unknown token
    ['{seq:}', false],
    ['{seq:12}', true],
    ['{unitx}-{seq}', false],
    ['{xunit}-{seq}', false],
    ['{yyyy}', false],
  ] as const)('%s is valid: %s', (pattern, valid) => {
    expect(isValidPattern(pattern)).toBe(valid);
  });

  it('fills the date in the given zone and pads the sequence to its width', async () => {
    const s = scope();
    // 31 December 17.30 UTC is already 1 January in WIB.
    const ctx = { at: at('2026-12-31T17:30:00Z'), timeZone: WIB, unitCode: 'PRD' };
    expect(await number(s, 'INC-{yyyy}-{seq:6}', ctx)).toBe('INC-2027-000001');
    expect(await number(s, 'INC-{yyyy}-{seq:6}', ctx)).toBe('INC-2027-000002');
    expect(await number(s, '{unit}.{dd}{mm}{yy}.{seq:3}', ctx)).toBe('PRD.010127.001');
    expect(await number(s, 'X{SEQ}', ctx)).toBe('X1');
    expect(await number(s, '{Unit}/{YYYY}/{Mm}/{DD}/{seq:2}', { at: at('2026-03-05T03:00:00Z'), timeZone: WIB })).toBe('/2026/03/05/01');
  });

  it('counts per rendering: a yearly pattern restarts each year, a daily one each day', async () => {
    const s = scope();
    const y = (iso: string) => number(s, 'RFC-{yyyy}-{seq}', { at: at(iso), timeZone: WIB });
    expect([await y('2026-05-01T00:00:00Z'), await y('2026-06-01T00:00:00Z'), await y('2027-01-02T00:00:00Z')]).toEqual([
      'RFC-2026-1',
      'RFC-2026-2',
      'RFC-2027-1',
    ]);
    const d = (iso: string) => number(s, '{dd}{mm}-{seq}', { at: at(iso), timeZone: WIB });
    expect([await d('2026-05-01T01:00:00Z'), await d('2026-05-01T09:00:00Z'), await d('2026-05-02T01:00:00Z')]).toEqual([
      '0105-1',
      '0105-2',
      '0205-1',
    ]);
  });

  it('counts by the caller’s key when given one (per company and year, whatever the pattern shows)', async () => {
    const s = scope();
    const inv = (iso: string, key: string) => number(s, 'INV/{YYYY}/{MM}/{seq}', { at: at(iso), timeZone: WIB, sequenceKey: key });
    expect(await inv('2026-01-10T03:00:00Z', '1:2026')).toBe('INV/2026/01/1');
    expect(await inv('2026-02-10T03:00:00Z', '1:2026')).toBe('INV/2026/02/2');
    expect(await inv('2026-02-11T03:00:00Z', '2:2026')).toBe('INV/2026/02/1');
  });

  it('gives a number back when its transaction rolls back', async () => {
    const s = scope();
    const ctx = { at: at('2026-05-01T03:00:00Z'), timeZone: WIB };
    expect(await number(s, 'N{seq}', ctx)).toBe('N1');
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await nextNumber(tx, s, 'N{seq}', ctx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await number(s, 'N{seq}', ctx)).toBe('N2');
  });
});
