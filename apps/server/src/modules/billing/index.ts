// The billing module's public face: other modules and the composition root import only this.
import type { AppContext } from '../../platform/context.ts';
import { checkBudget } from './billing.budgets.ts';
import { registerBillingJobs } from './billing.run.ts';

export { myBudget } from './billing.budgets.ts';
export { invoiceAttachment } from './billing.documents.ts';
export { messages } from './billing.messages.ts';
export { billingRoutes } from './billing.routes.ts';
export { runDueCompanies, runPeriod, sweepInvoices } from './billing.run.ts';

/** The monthly run and the reminder sweep on the schedule, and budget thresholds as charges are recorded. */
export function registerBilling(ctx: AppContext): void {
  registerBillingJobs(ctx);
  ctx.events.on('charge.recorded', (tx, e) => checkBudget(ctx, tx, e.chargeId, e.requestingUnitId));
}
