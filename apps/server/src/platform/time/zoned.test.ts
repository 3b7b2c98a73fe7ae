import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayRange, localTime, monthRange, periodOf, shiftPeriod, zonedInstant } from './zoned.ts';

const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'UTC'] as const;

describe('zoned calendar', () => {
  it('puts an instant in the month its zone reads, not UTC’s', () => {
    const lastEveningUtc = new Date('2026-11-30T18:30:00Z'); // 1 December 01:30 WIB
    expect(periodOf(lastEveningUtc, 'Asia/Jakarta')).toBe('2026-12');
    expect(periodOf(lastEveningUtc, 'UTC')).toBe('2026-11');
    expect(periodOf(new Date('2026-11-30T16:30:00Z'), 'Asia/Jayapura')).toBe('2026-12'); // 01:30 WIT
  });

  it('turns a month into the instants of its first moment and the next month’s, per zone', () => {
    expect(monthRange('2026-12', 'Asia/Jakarta')).toEqual({
      from: new Date('2026-11-30T17:00:00Z'),
      to: new Date('2026-12-31T17:00:00Z'),
    });
    expect(monthRange('2027-02', 'Asia/Makassar').to).toEqual(new Date('2027-02-28T16:00:00Z'));
  });

  it('finds the instant of a wall-clock time (01:00 on invoice day in WIT)', () => {
    expect(zonedInstant('Asia/Jayapura', 2027, 1, 1, 1, 0)).toEqual(new Date('2026-12-31T16:00:00Z'));
  });

  it('shifts periods across years', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-05', -17)).toBe('2024-12');
  });

  it('round-trips every minute: the wall clock of zonedInstant(t) reads t, and every instant lies in its own day and month', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        (zone, at) => {
          const t = localTime(at, zone);
          const back = zonedInstant(zone, t.year, t.month, t.day, t.hour, t.minute);
          expect(back.getTime()).toBe(Math.floor(at.getTime() / 60_000) * 60_000);
          const day = `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
          const d = dayRange(day, zone);
          expect(at >= d.from && at < d.to).toBe(true);
          const m = monthRange(periodOf(at, zone), zone);
          expect(at >= m.from && at < m.to).toBe(true);
        },
      ),
    );
  });
});
