import type { RequestStatus } from './requests.tables.ts';

/**
 * What moves a request on. People do not move requests directly: ordering,
 * the end of the approval chain and the fulfilment ticket do.
 */
export type RequestEvent =
  | 'ordered'
  | 'ordered_for_approval'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'withdrawn'
  | 'fulfilment_opened'
  | 'ticket_resolved'
  | 'ticket_reopened'
  | 'ticket_closed'
  | 'ticket_cancelled';

/** A condition the request must meet for a transition; refused with its code. */
export type RequestGuard = 'quantity_known';

export interface RequestTransition {
  from: readonly RequestStatus[];
  on: RequestEvent;
  to: RequestStatus;
  guard?: RequestGuard;
}

/** The service request lifecycle (issue 5) as data: from, event, to and guard. */
export const REQUEST_TRANSITIONS: readonly RequestTransition[] = [
  { from: ['submitted'], on: 'ordered', to: 'approved' },
  { from: ['submitted'], on: 'ordered_for_approval', to: 'pending_approval' },
  { from: ['pending_approval'], on: 'approved', to: 'approved' },
  { from: ['pending_approval'], on: 'rejected', to: 'rejected' },
  { from: ['pending_approval'], on: 'expired', to: 'expired' },
  // The requester takes back a request still waiting for approval.
  { from: ['pending_approval'], on: 'withdrawn', to: 'cancelled' },
  { from: ['approved'], on: 'fulfilment_opened', to: 'in_fulfilment' },
  // Resolving the fulfilment ticket is the request's "done"; the charge needs the actual quantity of measured items.
  { from: ['in_fulfilment'], on: 'ticket_resolved', to: 'done', guard: 'quantity_known' },
  { from: ['done'], on: 'ticket_reopened', to: 'in_fulfilment' },
  { from: ['done'], on: 'ticket_closed', to: 'closed' },
  { from: ['approved', 'in_fulfilment', 'done'], on: 'ticket_cancelled', to: 'cancelled' },
];

/** Requests in these statuses change no more. */
export const FINAL_REQUEST_STATUSES: readonly RequestStatus[] = ['rejected', 'expired', 'closed', 'cancelled'];

/** The transition `event` takes from `status`, or undefined when the lifecycle has none. */
export function requestTransition(status: RequestStatus, event: RequestEvent): RequestTransition | undefined {
  return REQUEST_TRANSITIONS.find((t) => t.on === event && t.from.includes(status));
}

/** What a change of the fulfilment ticket's status means for its request (nothing for most). */
export function eventOfTicket(from: string, to: string): RequestEvent | null {
  if (to === 'resolved') return 'ticket_resolved';
  if (to === 'closed') return 'ticket_closed';
  if (to === 'cancelled') return 'ticket_cancelled';
  if (from === 'resolved') return 'ticket_reopened';
  return null;
}

/** What people do with a request, and in which statuses: the fulfilment ticket's steps offered where the request is read. */
export const REQUEST_ACTIONS = {
  start: ['in_fulfilment'],
  record_quantity: ['in_fulfilment'],
  complete: ['in_fulfilment'],
  confirm: ['done'],
} as const satisfies Record<string, readonly RequestStatus[]>;
export type RequestAction = keyof typeof REQUEST_ACTIONS;

export const actionOpen = (action: RequestAction, status: RequestStatus) =>
  (REQUEST_ACTIONS[action] as readonly RequestStatus[]).includes(status);
