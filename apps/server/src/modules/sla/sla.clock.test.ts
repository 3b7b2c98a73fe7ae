import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aroundTheClock, officeHours } from '../calendars/index.ts';
import { dueAt, pauseClock, resumeClock, retargetClock, spentAt, startClock } from './sla.clock.ts';

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
});
