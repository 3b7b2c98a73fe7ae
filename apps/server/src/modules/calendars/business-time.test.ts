import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, aroundTheClock, businessMinutesBetween, officeHours } from './business-time.ts';

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

// Indonesian national holidays used by the fixed cases (2026).
const HOLIDAYS_2026 = ['2026-08-17', '2026-12-25', '2026-03-19', '2026-03-20'];
const office = officeHours(WIB, HOLIDAYS_2026);

describe('fixed cases', () => {
  it('P1 created Friday 16:55 WIB on 24×7: response 10 min, resolution 1 h, same evening', () => {
    const created = at('2026-11-27T16:55:00+07:00');
    const cal = aroundTheClock(WIB);
    expect(iso(addBusinessMinutes(created, 10, cal))).toBe(iso(at('2026-11-27T17:05:00+07:00')));
    expect(iso(addBusinessMinutes(created, 60, cal))).toBe(iso(at('2026-11-27T17:55:00+07:00')));
  });

  it('P3 created Friday 16:55 WIB on office hours lands on Monday', () => {
    const created = at('2026-11-27T16:55:00+07:00');
    // Response 60 min: 5 min on Friday, 55 on Monday morning.
    expect(iso(addBusinessMinutes(created, 60, office))).toBe(iso(at('2026-11-30T08:55:00+07:00')));
    // Resolution 8 h: 5 min Friday + 475 min Monday → Monday 15:55.
    expect(iso(addBusinessMinutes(created, 480, office))).toBe(iso(at('2026-11-30T15:55:00+07:00')));
  });

  it('skips a national holiday (17 August 2026 is a Monday)', () => {
    const created = at('2026-08-14T16:00:00+07:00'); // Friday
    expect(iso(addBusinessMinutes(created, 120, office))).toBe(iso(at('2026-08-18T09:00:00+07:00')));
  });

  it('crosses a month end', () => {
    const created = at('2026-09-30T16:30:00+07:00'); // Wednesday
    expect(iso(addBusinessMinutes(created, 8 * 60, office))).toBe(iso(at('2026-10-01T15:30:00+07:00')));
    expect(businessMinutesBetween(created, at('2026-10-01T15:30:00+07:00'), office)).toBe(480);
  });

  it('counts office hours in the calendar’s own zone: WITA opens an hour before WIB', () => {
    const created = at('2026-11-30T00:00:00Z'); // Monday 07:00 WIB, 08:00 WITA
    expect(iso(addBusinessMinutes(created, 60, officeHours(WIB)))).toBe(iso(at('2026-11-30T09:00:00+07:00')));
    expect(iso(addBusinessMinutes(created, 60, officeHours(WITA)))).toBe(iso(at('2026-11-30T09:00:00+08:00')));
  });
});

const instant = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') });
const minutes = fc.integer({ min: 0, max: 5 * 24 * 60 });
const calendars = fc.constantFrom(office, officeHours(WITA), officeHours('Asia/Jayapura'), aroundTheClock(WIB));

describe('properties', () => {
  it('due is never before start', () => {
    fc.assert(fc.property(instant, minutes, calendars, (start, m, cal) => addBusinessMinutes(start, m, cal) >= start));
  });

  it('a target of T business minutes contains exactly T working minutes', () => {
    fc.assert(
      fc.property(instant, minutes, calendars, (start, m, cal) => {
        const due = addBusinessMinutes(start, m, cal);
        expect(businessMinutesBetween(start, due, cal)).toBeCloseTo(m, 6);
      }),
      { numRuns: 300 },
    );
  });
});
