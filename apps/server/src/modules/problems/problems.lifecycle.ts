import type { ProblemStatus } from './problems.tables.ts';

export interface ProblemStep {
  action: 'investigate' | 'known_error' | 'resolve' | 'close' | 'reopen';
  from: readonly ProblemStatus[];
  to: ProblemStatus;
  /** What the step cannot happen without (on the problem after the step's input is applied). */
  requires: readonly ('rootCause' | 'workaround' | 'permanentFix' | 'reason')[];
}

/**
 * DESIGN §4, a problem's life as data: new → investigating → known_error
 * (root cause and workaround known; the workaround is published as an
 * article) → resolved (permanent fix; linked incidents may be resolved with
 * it) → closed. A resolved problem that comes back is investigated again.
 */
export const PROBLEM_STEPS: readonly ProblemStep[] = [
  { action: 'investigate', from: ['new'], to: 'investigating', requires: [] },
  { action: 'known_error', from: ['new', 'investigating'], to: 'known_error', requires: ['rootCause', 'workaround'] },
  { action: 'resolve', from: ['investigating', 'known_error'], to: 'resolved', requires: ['permanentFix'] },
  { action: 'close', from: ['resolved'], to: 'closed', requires: [] },
  { action: 'reopen', from: ['resolved'], to: 'investigating', requires: ['reason'] },
];

export const OPEN_PROBLEM: readonly ProblemStatus[] = ['new', 'investigating', 'known_error'];
