import { describe, expect, it } from 'vitest';
import { isoInstant } from './instant.ts';

describe('isoInstant', () => {
  it('writes what Date#toISOString writes for PostgreSQL text in UTC, in plain and JSON form', () => {
    for (const text of [
      '2026-11-30 01:02:03.123456+00',
      '2026-11-30 01:02:03.123999+00',
      '2026-11-30 23:59:59.9999+00',
      '2026-11-30 01:02:03.5+00',
      '2026-11-30 01:02:03+00',
      '2024-02-29T12:00:00.000001+00:00',
      '2026-11-30T01:02:03.123Z',
    ]) {
      expect(isoInstant(text)).toBe(new Date(text).toISOString());
    }
  });

  it('reads other offsets and Dates through Date', () => {
    expect(isoInstant('2026-11-30 08:02:03.123+07')).toBe('2026-11-30T01:02:03.123Z');
    expect(isoInstant('2026-11-30T08:02:03+07:00')).toBe('2026-11-30T01:02:03.000Z');
    expect(isoInstant(new Date(Date.UTC(2026, 10, 30, 1, 2, 3, 45)))).toBe('2026-11-30T01:02:03.045Z');
  });
});
