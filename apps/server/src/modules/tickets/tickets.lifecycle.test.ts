import { describe, expect, it } from 'vitest';
import { findTransition, inputRequiredFor, SLA_CLOCK, statusAfterHandOver, TRANSITIONS } from './tickets.lifecycle.ts';

describe('ticket lifecycle', () => {
  it.each([
    ['new', 'assigned', 'assign'],
    ['new', 'in_progress', 'start'],
    ['pending', 'in_progress', 'start'],
    ['resolved', 'in_progress', 'reopen'],
    ['in_progress', 'pending', 'pend'],
    ['pending', 'resolved', 'resolve'],
    ['resolved', 'closed', 'confirm'],
    ['assigned', 'cancelled', 'cancel'],
    ['new', 'resolved', undefined],
    ['closed', 'in_progress', undefined],
    ['cancelled', 'new', undefined],
    ['resolved', 'cancelled', undefined],
  ] as const)('%s → %s is %s', (from, to, action) => {
    expect(findTransition(from, to)?.action).toBe(action);
  });

  it('asks for what each step cannot happen without', () => {
    const requires = Object.fromEntries(TRANSITIONS.map((t) => [t.action, t.requires]));
    expect(requires).toEqual({
      assign: ['assignee_or_team'],
      start: ['assignee'],
      pend: ['pendingReason'],
      resolve: ['solutionSummary'],
      confirm: [],
      reopen: ['reason'],
      cancel: ['reason'],
    });
  });

  it('declares per status what the SLA clocks do', () => {
    expect(SLA_CLOCK).toEqual({
      new: { clock: 'runs', measured: false },
      assigned: { clock: 'runs', measured: false },
      in_progress: { clock: 'runs', measured: false },
      pending: { clock: 'paused', measured: false },
      resolved: { clock: 'stopped', measured: true },
      closed: { clock: 'stopped', measured: true },
      cancelled: { clock: 'stopped', measured: false },
    });
  });

  it.each([
    ['new', 'assigned'],
    ['in_progress', 'assigned'],
    ['pending', 'pending'],
    ['assigned', 'assigned'],
  ] as const)('handed to another team from %s, it waits as %s', (from, to) => {
    expect(statusAfterHandOver(from)).toBe(to);
  });

  it.each([
    ['pending', ['pendingReason']],
    ['resolved', ['solutionSummary']],
    ['cancelled', ['reason']],
    // Starting needs an assignee, reopening a reason: nothing every way into in_progress needs.
    ['in_progress', []],
    ['closed', []],
  ] as const)('a bulk change to %s needs %j of every ticket', (to, needs) => {
    expect(inputRequiredFor(to)).toEqual(needs);
  });
});
