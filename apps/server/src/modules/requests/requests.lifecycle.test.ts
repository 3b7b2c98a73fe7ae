import { REQUEST_STATUSES } from '@ish/shared';
import { describe, expect, it } from 'vitest';
import {
  actionOpen,
  eventOfTicket,
  FINAL_REQUEST_STATUSES,
  REQUEST_TRANSITIONS,
  type RequestEvent,
  requestTransition,
} from './requests.lifecycle.ts';

describe('service request lifecycle', () => {
  it.each([
    ['submitted', 'ordered', 'approved'],
    ['submitted', 'ordered_for_approval', 'pending_approval'],
    ['pending_approval', 'approved', 'approved'],
    ['pending_approval', 'rejected', 'rejected'],
    ['pending_approval', 'expired', 'expired'],
    ['approved', 'fulfilment_opened', 'in_fulfilment'],
    ['in_fulfilment', 'ticket_resolved', 'done'],
    ['done', 'ticket_reopened', 'in_fulfilment'],
    ['done', 'ticket_closed', 'closed'],
    ['in_fulfilment', 'ticket_cancelled', 'cancelled'],
    ['done', 'ticket_cancelled', 'cancelled'],
    ['approved', 'ticket_cancelled', 'cancelled'],
  ] as const)('moves %s on %s to %s', (from, event, to) => {
    expect(requestTransition(from, event)?.to).toBe(to);
  });

  it.each([
    ['pending_approval', 'ticket_resolved'],
    ['in_fulfilment', 'approved'],
    ['rejected', 'approved'],
    ['done', 'ticket_resolved'],
    ['closed', 'ticket_reopened'],
    ['in_fulfilment', 'ticket_closed'],
    ['approved', 'ordered'],
  ] as const)('has no step from %s on %s', (from, event) => {
    expect(requestTransition(from, event)).toBeUndefined();
  });

  it('leaves a final status on no event, and guards "done" by a known quantity', () => {
    const events = [...new Set(REQUEST_TRANSITIONS.map((t) => t.on))] as RequestEvent[];
    for (const status of FINAL_REQUEST_STATUSES) for (const event of events) expect(requestTransition(status, event)).toBeUndefined();
    expect(REQUEST_TRANSITIONS.filter((t) => t.guard).map((t) => `${t.on}:${t.guard}`)).toEqual(['ticket_resolved:quantity_known']);
    expect(REQUEST_TRANSITIONS.every((t) => [...t.from, t.to].every((s) => (REQUEST_STATUSES as readonly string[]).includes(s)))).toBe(
      true,
    );
  });

  it.each([
    ['in_progress', 'resolved', 'ticket_resolved'],
    ['resolved', 'closed', 'ticket_closed'],
    ['pending', 'cancelled', 'ticket_cancelled'],
    ['resolved', 'in_progress', 'ticket_reopened'],
    ['new', 'in_progress', null],
    ['in_progress', 'pending', null],
  ] as const)('reads a fulfilment ticket going %s → %s as %s', (from, to, event) => {
    expect(eventOfTicket(from, to)).toBe(event);
  });

  it('offers the fulfilment steps while it is worked and the confirmation once done', () => {
    expect(REQUEST_STATUSES.filter((s) => actionOpen('complete', s))).toEqual(['in_fulfilment']);
    expect(REQUEST_STATUSES.filter((s) => actionOpen('record_quantity', s))).toEqual(['in_fulfilment']);
    expect(REQUEST_STATUSES.filter((s) => actionOpen('confirm', s))).toEqual(['done']);
  });
});
