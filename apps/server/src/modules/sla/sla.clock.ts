import { addBusinessMinutes, businessMinutesBetween, type Calendar } from '../calendars/index.ts';

/**
 * One SLA target's clock (response or resolution). Time spent in finished
 * running segments is kept as business minutes, so pauses and changes of
 * target or calendar never lose or re-count time already spent.
 */
export interface SlaClock {
  targetMinutes: number;
  /** Business minutes spent in segments already closed (by a pause or a retarget). */
  spentMinutes: number;
  /** Epoch ms the current running segment began; null while paused. */
  runningSince: number | null;
}

export const startClock = (targetMinutes: number, at: number): SlaClock => ({ targetMinutes, spentMinutes: 0, runningSince: at });

export function spentAt(clock: SlaClock, now: number, cal: Calendar): number {
  return clock.spentMinutes + (clock.runningSince === null ? 0 : businessMinutesBetween(clock.runningSince, now, cal));
}

export function pauseClock(clock: SlaClock, now: number, cal: Calendar): SlaClock {
  if (clock.runningSince === null) return clock;
  return { ...clock, spentMinutes: spentAt(clock, now, cal), runningSince: null };
}

export function resumeClock(clock: SlaClock, now: number): SlaClock {
  return clock.runningSince === null ? { ...clock, runningSince: now } : clock;
}

/** A new target (priority or policy change) or calendar: the time spent so far stays spent. */
export function retargetClock(clock: SlaClock, now: number, targetMinutes: number, oldCal: Calendar): SlaClock {
  const paused = pauseClock(clock, now, oldCal);
  return { ...paused, targetMinutes, runningSince: clock.runningSince === null ? null : now };
}

/** When the target falls due, or null while paused (the due date moves with the pause). */
export function dueAt(clock: SlaClock, cal: Calendar): number | null {
  if (clock.runningSince === null) return null;
  return addBusinessMinutes(clock.runningSince, Math.max(0, clock.targetMinutes - clock.spentMinutes), cal);
}

export function remainingMinutes(clock: SlaClock, now: number, cal: Calendar): number {
  return clock.targetMinutes - spentAt(clock, now, cal);
}

/** Elapsed share of the target in percent (over 100 once breached). */
export function elapsedPercent(clock: SlaClock, now: number, cal: Calendar): number {
  return clock.targetMinutes === 0 ? 100 : (spentAt(clock, now, cal) / clock.targetMinutes) * 100;
}
