import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aroundTheClock, officeHours } from '../calendars/index.ts';
import { dueAt, elapsedPercent, pauseClock, remainingMinutes, resumeClock, retargetClock, spentAt, startClock } from './sla.clock.ts';

const at = (iso: string) => Date.parse(iso);
const instant = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') });
const calendars = fc.constantFrom(
  officeHours('Asia/Jakarta', ['2026-08-17', '2026-12-25']),
  officeHours('Asia/Makassar'),
  officeHours('Asia/Jayapura'),
  aroundTheClock('Asia/Jakarta'),
);

describe('SLA clock properties', () => {
  it('pausing then resuming never shortens the time left', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        calendars,
        (start, target, runFor, pauseFor, cal) => {
          const clock = startClock(target, start);
          const dueBefore = dueAt(clock, cal) ?? 0;
          const pausedAt = start + runFor * 60_000;
          const paused = pauseClock(clock, pausedAt, cal);
          const resumed = resumeClock(paused, pausedAt + pauseFor * 60_000);
          expect(dueAt(paused, cal)).toBeNull();
          expect(dueAt(resumed, cal) ?? 0).toBeGreaterThanOrEqual(dueBefore);
          // The pause itself consumed nothing.
          expect(spentAt(resumed, pausedAt + pauseFor * 60_000, cal)).toBeCloseTo(spentAt(paused, pausedAt, cal), 6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a new target keeps the time already spent and the pauses already taken', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 5000 }),
        calendars,
        (start, target, newTarget, runFor, cal) => {
          const now = start + runFor * 60_000;
          const spent = spentAt(startClock(target, start), now, cal);
          const changed = retargetClock(startClock(target, start), now, newTarget, cal);
          expect(spentAt(changed, now, cal)).toBeCloseTo(spent, 6);
          expect(changed.targetMinutes).toBe(newTarget);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('knows exact minutes on a 24×7 calendar', () => {
    const cal = aroundTheClock('Asia/Jakarta');
    const t0 = at('2026-11-03T02:00:00Z');
    const M = 60_000;
    const clock = startClock(60, t0);
    expect([spentAt(clock, t0 + 15 * M, cal), remainingMinutes(clock, t0 + 15 * M, cal), elapsedPercent(clock, t0 + 15 * M, cal)]).toEqual([
      15, 45, 25,
    ]);
    // Resuming a running clock changes nothing; pausing a paused one neither.
    expect(resumeClock(clock, t0 + 30 * M)).toEqual(clock);
    const paused = pauseClock(clock, t0 + 20 * M, cal);
    expect(pauseClock(paused, t0 + 50 * M, cal)).toEqual(paused);
    // A paused clock given a new target stays paused, with its 20 minutes.
    expect(retargetClock(paused, t0 + 40 * M, 90, cal)).toEqual({ targetMinutes: 90, spentMinutes: 20, runningSince: null });
    expect(remainingMinutes(paused, t0 + 90 * M, cal)).toBe(40);
    expect(elapsedPercent(startClock(0, t0), t0, cal)).toBe(100);
  });
});
