import type { TicketStatus } from './tickets.tables.ts';

/** Who may take a transition: the people working the ticket, its requester, or either. */
export type Performer = 'worker' | 'requester' | 'worker_or_requester';

export interface Transition {
  from: readonly TicketStatus[];
  to: TicketStatus;
  /** The action name the UI shows and the API reports in `allowedActions`. */
  action: string;
  by: Performer;
  /** Input the transition cannot happen without. */
  requires: readonly ('assignee' | 'assignee_or_team' | 'solutionSummary' | 'pendingReason' | 'reason')[];
}

/** DESIGN §4: the incident/ticket state machine as data. */
export const TRANSITIONS: readonly Transition[] = [
  { from: ['new'], to: 'assigned', action: 'assign', by: 'worker', requires: ['assignee_or_team'] },
  { from: ['new', 'assigned', 'pending'], to: 'in_progress', action: 'start', by: 'worker', requires: ['assignee'] },
  { from: ['in_progress'], to: 'pending', action: 'pend', by: 'worker', requires: ['pendingReason'] },
  { from: ['in_progress', 'pending'], to: 'resolved', action: 'resolve', by: 'worker', requires: ['solutionSummary'] },
  { from: ['resolved'], to: 'closed', action: 'confirm', by: 'requester', requires: [] },
  { from: ['resolved'], to: 'in_progress', action: 'reopen', by: 'worker_or_requester', requires: ['reason'] },
  { from: ['new', 'assigned', 'in_progress', 'pending'], to: 'cancelled', action: 'cancel', by: 'worker', requires: ['reason'] },
];

/** What a ticket's SLA clocks do while it is in a status: count, wait, or stop. */
export type ClockBehaviour = 'runs' | 'paused' | 'stopped';

/**
 * DESIGN §5 per status: the clocks run while the ticket is worked, wait while
 * it is pending (on the requester or a vendor), and stop once it is resolved,
 * closed or cancelled. A stop in a `measured` status records each target as
 * met or breached; a cancelled ticket is not measured. Leaving a measured
 * stop (reopening) runs the resolution clock again with its time kept.
 */
export const SLA_CLOCK: Record<TicketStatus, { clock: ClockBehaviour; measured: boolean }> = {
  new: { clock: 'runs', measured: false },
  assigned: { clock: 'runs', measured: false },
  in_progress: { clock: 'runs', measured: false },
  pending: { clock: 'paused', measured: false },
  resolved: { clock: 'stopped', measured: true },
  closed: { clock: 'stopped', measured: true },
  cancelled: { clock: 'stopped', measured: false },
};

/** Closed (confirmed) and cancelled tickets accept no further change. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'cancelled'];
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'pending', 'resolved'];

export function findTransition(from: TicketStatus, to: TicketStatus): Transition | undefined {
  // Reopen and start both lead to in_progress; the source status tells them apart.
  return TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
}

/** Input every transition into `to` needs, whatever the ticket's status (a bulk change checks it once, before any ticket). */
export function inputRequiredFor(to: TicketStatus): Transition['requires'] {
  const into = TRANSITIONS.filter((t) => t.to === to);
  return (into[0]?.requires ?? []).filter((need) => into.every((t) => t.requires.includes(need)));
}

/**
 * The status after a ticket is handed to another team without a person (functional
 * escalation): work in progress needs an assignee, so it waits as assigned for the
 * new team to take it; a waiting (pending) ticket stays pending.
 */
export function statusAfterHandOver(status: TicketStatus): TicketStatus {
  return status === 'new' || status === 'in_progress' ? 'assigned' : status;
}
