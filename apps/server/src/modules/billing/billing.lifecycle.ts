import type { InvoiceStatus } from '@ish/shared';

/** What the lifecycle needs to know about an invoice. */
export interface LifecycleFacts {
  status: InvoiceStatus;
  /** `YYYY-MM-DD`; null while a draft. */
  dueDate: string | null;
  /** Today in the company's zone, `YYYY-MM-DD`. */
  today: string;
  /** Disputes waiting for the provider or for an escalation's decision. */
  openDisputes: number;
}

/** Who takes a transition: the paying division's Billing Coordinator, or the system (runs, sweeps, dispute outcomes). */
export type Performer = 'payer' | 'system';

export interface Transition {
  action: 'issue' | 'pay' | 'dispute' | 'escalate' | 'become_overdue' | 'settle';
  from: readonly InvoiceStatus[];
  /** The status after it; settling a dispute returns to issued or overdue, whichever the date says. */
  to: InvoiceStatus | ((f: LifecycleFacts) => InvoiceStatus);
  by: Performer;
  /** Input the transition cannot happen without. */
  requires: readonly ('reference' | 'paidOn' | 'reason' | 'lines')[];
  /** True when the facts allow it (beyond the source status). */
  guard?: (f: LifecycleFacts) => boolean;
  /** The error code when attempted from a status not in `from`: the most telling reason first. */
  refused: Partial<Record<InvoiceStatus, string>>;
}

/** Past its due date and not paid. */
export const isPastDue = (f: Pick<LifecycleFacts, 'dueDate' | 'today'>) => f.dueDate !== null && f.today > f.dueDate;
const unpaid = (f: LifecycleFacts): InvoiceStatus => (isPastDue(f) ? 'overdue' : 'issued');

const PAID = { paid: 'INVOICE_PAID', draft: 'INVOICE_NOT_ISSUED' } as const;

/** DESIGN §4: the invoice's state machine as data. */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'issue', from: ['draft'], to: 'issued', by: 'payer', requires: [], refused: { paid: 'INVOICE_PAID' } },
  {
    action: 'pay',
    from: ['issued', 'overdue'],
    to: 'paid',
    by: 'payer',
    requires: ['reference', 'paidOn'],
    refused: { ...PAID, disputed: 'INVOICE_DISPUTED' },
  },
  { action: 'dispute', from: ['issued', 'overdue', 'disputed'], to: 'disputed', by: 'payer', requires: ['reason', 'lines'], refused: PAID },
  { action: 'escalate', from: ['issued', 'overdue', 'disputed'], to: 'disputed', by: 'payer', requires: ['reason'], refused: PAID },
  { action: 'become_overdue', from: ['issued'], to: 'overdue', by: 'system', requires: [], guard: isPastDue, refused: PAID },
  {
    action: 'settle',
    from: ['disputed'],
    to: unpaid,
    by: 'system',
    requires: [],
    guard: (f) => f.openDisputes === 0,
    refused: PAID,
  },
];

export function transitionOf(action: Transition['action']): Transition {
  const found = TRANSITIONS.find((t) => t.action === action);
  if (!found) throw new Error(`unknown invoice action ${action}`);
  return found;
}

/**
 * The status after `action`, or the error code that refuses it: a source
 * status outside `from` names its reason (paid, disputed, not issued), a
 * failed guard is a conflict with the invoice's state.
 */
export function nextStatus(action: Transition['action'], f: LifecycleFacts): { to: InvoiceStatus } | { refused: string } {
  const t = transitionOf(action);
  if (!t.from.includes(f.status)) return { refused: t.refused[f.status] ?? 'INVOICE_STATUS_CONFLICT' };
  if (t.guard && !t.guard(f)) return { refused: 'INVOICE_STATUS_CONFLICT' };
  return { to: typeof t.to === 'function' ? t.to(f) : t.to };
}

/** The payer's actions possible now (the UI shows exactly these). */
export function payerActions(f: LifecycleFacts): Transition['action'][] {
  return TRANSITIONS.filter((t) => t.by === 'payer' && t.from.includes(f.status) && (!t.guard || t.guard(f)))
    .map((t) => t.action)
    .filter((a) => a !== 'escalate');
}
