import { describe, expect, it } from 'vitest';
import { isPastDue, type LifecycleFacts, nextStatus, payerActions, transitionOf } from './billing.lifecycle.ts';

// The invoice's state machine as a table: each action from each status, with the date and open disputes deciding
// the guarded ones.
const facts = (o: Partial<LifecycleFacts> = {}): LifecycleFacts => ({
  status: 'issued',
  dueDate: '2026-10-15',
  today: '2026-10-10',
  openDisputes: 0,
  ...o,
});
const late = { today: '2026-10-16' };

describe('invoice lifecycle', () => {
  it.each([
    ['issue', facts({ status: 'draft', dueDate: null }), { to: 'issued' }],
    ['issue', facts(), { refused: 'INVOICE_STATUS_CONFLICT' }],
    ['issue', facts({ status: 'paid' }), { refused: 'INVOICE_PAID' }],
    ['pay', facts(), { to: 'paid' }],
    ['pay', facts({ status: 'overdue', ...late }), { to: 'paid' }],
    ['pay', facts({ status: 'disputed' }), { refused: 'INVOICE_DISPUTED' }],
    ['pay', facts({ status: 'draft', dueDate: null }), { refused: 'INVOICE_NOT_ISSUED' }],
    ['pay', facts({ status: 'paid' }), { refused: 'INVOICE_PAID' }],
    ['dispute', facts(), { to: 'disputed' }],
    ['dispute', facts({ status: 'overdue', ...late }), { to: 'disputed' }],
    ['dispute', facts({ status: 'disputed', openDisputes: 1 }), { to: 'disputed' }],
    ['dispute', facts({ status: 'draft', dueDate: null }), { refused: 'INVOICE_NOT_ISSUED' }],
    ['escalate', facts({ status: 'disputed' }), { to: 'disputed' }],
    ['escalate', facts({ status: 'paid' }), { refused: 'INVOICE_PAID' }],
    ['become_overdue', facts(late), { to: 'overdue' }],
    ['become_overdue', facts({ today: '2026-10-15' }), { refused: 'INVOICE_STATUS_CONFLICT' }], // due today: not yet
    ['become_overdue', facts({ status: 'disputed', ...late }), { refused: 'INVOICE_STATUS_CONFLICT' }],
    ['settle', facts({ status: 'disputed' }), { to: 'issued' }],
    ['settle', facts({ status: 'disputed', ...late }), { to: 'overdue' }],
    ['settle', facts({ status: 'disputed', openDisputes: 1 }), { refused: 'INVOICE_STATUS_CONFLICT' }],
    ['settle', facts({ status: 'paid' }), { refused: 'INVOICE_PAID' }],
  ] as const)('%s from %o → %o', (action, f, outcome) => {
    expect(nextStatus(action, f)).toEqual(outcome);
  });

  it.each([
    [facts({ status: 'draft', dueDate: null }), ['issue']],
    [facts(), ['pay', 'dispute']],
    [facts({ status: 'overdue', ...late }), ['pay', 'dispute']],
    [facts({ status: 'disputed', openDisputes: 1 }), ['dispute']],
    [facts({ status: 'paid' }), []],
  ] as const)('offers the payer on %o exactly %o', (f, actions) => {
    expect(payerActions(f)).toEqual(actions);
  });

  it('knows when an invoice is past due, and that a draft never is', () => {
    expect([isPastDue(facts()), isPastDue(facts(late)), isPastDue(facts({ dueDate: null, ...late }))]).toEqual([false, true, false]);
  });

  it('names every action once and refuses an unknown one', () => {
    expect(transitionOf('pay').requires).toEqual(['reference', 'paidOn']);
    expect(() => transitionOf('archive' as never)).toThrow('unknown invoice action archive');
  });
});
