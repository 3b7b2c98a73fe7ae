// The billing module's public face: other modules and the composition root import only this.
import type { AppContext } from '../../platform/context.ts';
import { checkBudget } from './billing.budgets.ts';
import { registerBillingJobs } from './billing.run.ts';

export { myBudget, setBudget } from './billing.budgets.ts';
export { openDispute, resolveDispute } from './billing.disputes.ts';
export { invoiceAttachment } from './billing.documents.ts';
export { issueInvoice } from './billing.invoices.ts';
export { messages } from './billing.messages.ts';
export { confirmPayment } from './billing.payments.ts';
export { billingRoutes } from './billing.routes.ts';
export { runDueCompanies, runPeriod, sweepInvoices } from './billing.run.ts';
export { readBillingSettings, updateBillingSettings } from './billing.settings.ts';
export { invoices } from './billing.tables.ts';

/** The monthly run and the reminder sweep on the schedule, and budget thresholds as charges are recorded. */
export function registerBilling(ctx: AppContext): void {
  registerBillingJobs(ctx);
  ctx.events.on('charge.recorded', (tx, e) => checkBudget(ctx, tx, e.chargeId, e.requestingUnitId));
}
