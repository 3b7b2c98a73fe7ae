/** An invoice's statuses (DESIGN §4): overdue when unpaid past its due date, disputed while a dispute is open. */
export const INVOICE_STATUSES = ['draft', 'issued', 'overdue', 'disputed', 'paid'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * A dispute: open until the provider answers; accepted (in full or in part) or
 * rejected; a rejected one may be escalated, and the escalation's decision is final.
 */
export const DISPUTE_STATUSES = ['open', 'accepted', 'rejected', 'escalated', 'decided'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** A `YYYY-MM` billing period. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
