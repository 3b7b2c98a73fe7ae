import { type SQL, sql } from 'drizzle-orm';
import { type Actor, can, type Placement } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import { invoiceLines, invoices } from './billing.tables.ts';

/**
 * Who sees an invoice, and how much of it:
 * - `full`: those who read the paying division's charges (its Billing
 *   Coordinator, Executives, Administrators) and its Approvers (they are told
 *   about its invoices);
 * - `provider`: the providing divisions' charge readers, who see their own
 *   lines, the status and the payment, nothing else;
 * - nobody else (404).
 */
export type InvoiceView = 'full' | 'provider';

export interface InvoicePlaces {
  payer: Placement;
  providers: Placement[];
}

export function invoiceView(actor: Actor, facts: InvoicePlaces): InvoiceView | null {
  if (can(actor, 'charge:read', facts.payer) || can(actor, 'request:approve', facts.payer)) return 'full';
  return facts.providers.some((p) => can(actor, 'charge:read', p)) ? 'provider' : null;
}

/** A line the actor sees in the provider's view: one of their own division's. */
export function ownsLine(actor: Actor, provider: Placement): boolean {
  return can(actor, 'charge:read', provider);
}

const payerCols = { companyId: invoices.companyId, unitPath: invoices.unitPath };
const lineCols = { companyId: invoiceLines.providingCompanyId, unitPath: invoiceLines.providingUnitPath };

/** The SQL twin of `ownsLine`, over `invoice_lines`. */
export function ownLines(actor: Actor): SQL {
  return scopeCondition(actor, 'charge:read', lineCols);
}

/** The SQL twin of a `full` view, over `invoices`. */
export function fullInvoices(actor: Actor): SQL {
  return sql`(${scopeCondition(actor, 'charge:read', payerCols)} OR ${scopeCondition(actor, 'request:approve', payerCols)})`;
}

/** The SQL twin of `invoiceView(…) !== null`: lists and single reads share it. */
export function visibleInvoices(actor: Actor): SQL {
  return sql`(${fullInvoices(actor)} OR EXISTS (SELECT 1 FROM ${invoiceLines} WHERE ${invoiceLines.invoiceId} = ${invoices.id} AND ${ownLines(actor)}))`;
}

/** Issues, pays, disputes and escalates for the paying division: its Billing Coordinator (or an Administrator). */
export const mayActForPayer = (actor: Actor, payer: Placement) => can(actor, 'invoice:manage', payer);

/** Answers a dispute about a providing division's lines: that division's Billing Coordinator. */
export const mayAnswerFor = (actor: Actor, provider: Placement) => can(actor, 'invoice:manage', provider);

/** Decides an escalated dispute, finally: an Administrator or an Executive. */
export const mayDecide = (actor: Actor, payer: Placement) => can(actor, 'billing:decide', payer);

/** Billing settings and runs of a company: billing administration over the whole company. */
export const mayAdminister = (actor: Actor, companyId: number) => can(actor, 'billing:admin', { companyId, unitPath: '' });
