/**
 * The source of "now" for every time-dependent service and job. Production
 * reads the system clock; tests inject a fixed or advancing one so they can
 * assert exact durations.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved: `at` sets it, `advance` moves it on. */
export function manualClock(start: Date | string): Clock & { at(t: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    at: (t) => {
      current = new Date(t);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
