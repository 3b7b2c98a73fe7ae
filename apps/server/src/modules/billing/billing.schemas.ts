import { DISPUTE_STATUSES, INVOICE_STATUSES, PERIOD_PATTERN } from '@ish/shared';
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/http/schemas.ts';

const money = z.number().int().describe('Whole Rupiah');
const id = z.number().int();
const named = z.object({ id, name: z.string() });
const person = named.nullable();
const file = z.object({ name: z.string(), contentType: z.string(), size: z.number().int(), url: z.string() });
export const period = z.string().regex(PERIOD_PATTERN, 'YYYY-MM').describe('A month, YYYY-MM');
const companyId = z.coerce.number().int().positive().optional();
/** `?company=`: another company than mine, for those who administer several. */
export const companyQuery = z.strictObject({ company: companyId });
export const periodExportQuery = z.strictObject({ period, company: companyId });

export const settingsBody = z.strictObject({
  invoiceDay: z.number().int().min(1).max(28).describe('Day of the month; the run starts at 01:00 in the company’s zone'),
  paymentTermDays: z.number().int().min(1).max(180),
  numberPattern: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .describe('Tokens {YYYY} {YY} {MM} {DD} and one {seq} or {seq:N}; counts per company and year'),
  signatoryName: z.string().trim().max(120),
  signatoryTitle: z.string().trim().max(120),
  autoIssue: z.boolean().describe('Issue on creation; false: drafts wait for a Billing Coordinator'),
  notifyApprovers: z.boolean().describe('Tell the paying division’s Approvers too'),
  reminderDays: z.number().int().min(0).max(60).describe('Remind this many days before the due date (0: never)'),
  version: z.number().int().min(0),
});
export const settingsOut = settingsBody.extend({
  companyId: id,
  signatoryName: z.string(),
  signatoryTitle: z.string(),
  numberPattern: z.string(),
});

export const runBody = z.strictObject({
  period,
  companyId: z.number().int().positive().optional().describe('Default: the caller’s company'),
});

const lineOut = z.object({
  id,
  chargeId: id,
  kind: z.enum(['charge', 'reversal', 'adjustment']),
  carriedOver: z.boolean().describe('Recorded in an earlier month, after that month’s run'),
  reversesChargeId: id.nullable(),
  provider: named,
  item: z.string(),
  itemVersion: z.number().int(),
  costModel: z.string(),
  unitLabel: z.string().nullable(),
  requestNumber: z.string(),
  ticketNumber: z.string().nullable(),
  quantity: z.number(),
  rate: money,
  amount: money,
  reason: z.string().nullable(),
  chargedAt: z.string(),
  remaining: money.nullable().describe('What is left of a charge after every correction so far'),
  disputable: z.boolean(),
});

const disputeOut = z.object({
  id,
  status: z.enum(DISPUTE_STATUSES),
  provider: named,
  lineIds: z.array(id),
  reason: z.string(),
  disputedAmount: money,
  file: file.nullable(),
  raisedBy: person,
  raisedAt: z.string(),
  answer: z.string().nullable(),
  acceptedAmount: money.nullable(),
  answeredBy: person,
  answeredAt: z.string().nullable(),
  escalationReason: z.string().nullable(),
  escalatedBy: person,
  escalatedAt: z.string().nullable(),
  decision: z.enum(['accept', 'reject']).nullable(),
  decisionReason: z.string().nullable(),
  decidedAmount: money.nullable(),
  decidedBy: person,
  decidedAt: z.string().nullable(),
  version: z.number().int(),
  actions: z.array(z.enum(['answer', 'escalate', 'decide', 'attach'])),
});

export const invoiceOut = z.object({
  id,
  number: z.string().nullable().describe('Given when issued'),
  status: z.enum(INVOICE_STATUSES),
  period: z.string(),
  view: z.enum(['full', 'provider']).describe('provider: a providing division sees its own lines and their total only'),
  company: named,
  division: named,
  total: money.describe('The sum of the lines shown'),
  totalInWords: z.string(),
  dueDate: z.string().nullable(),
  issuedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  lines: z.array(lineOut),
  providers: z.array(named.extend({ subtotal: money })),
  payment: z
    .object({
      reference: z.string(),
      paidOn: z.string(),
      amount: money,
      confirmedBy: person,
      confirmedAt: z.string(),
      proof: file.nullable(),
    })
    .nullable(),
  disputes: z.array(disputeOut),
  timeline: z.array(z.object({ id, kind: z.string(), actor: person, at: z.string(), data: z.record(z.string(), z.unknown()) })),
  actions: z.array(z.enum(['issue', 'pay', 'dispute', 'become_overdue', 'settle', 'escalate'])),
});

export const invoiceSummary = z.object({
  id,
  number: z.string().nullable(),
  status: z.enum(INVOICE_STATUSES),
  period: z.string(),
  view: z.enum(['full', 'provider']),
  division: named,
  total: money,
  receivable: money.nullable().describe('With ?provider=: what that division is owed on this invoice'),
  dueDate: z.string().nullable(),
  issuedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  version: z.number().int(),
});

export const invoicesQuery = z.strictObject({
  ...pageQuery,
  period: period.optional(),
  division: z.coerce.number().int().positive().optional().describe('The paying division'),
  status: z.enum(INVOICE_STATUSES).optional(),
  provider: z.coerce.number().int().positive().optional().describe('Only invoices with lines of this providing division (receivables)'),
  company: z.coerce.number().int().positive().optional(),
});

export const runOut = z.object({ created: z.number().int(), invoices: z.array(invoiceSummary) });
export const invoicesOut = pageOf(invoiceSummary);

export const versionBody = z.strictObject({ version: z.number().int().positive() });

export const paymentFields = z.strictObject({
  reference: z.string().trim().min(1).max(120),
  paidOn: z.string().describe('YYYY-MM-DD, not after today'),
  version: z.coerce.number().int().positive().optional(),
});

export const disputeBody = z.strictObject({
  chargeIds: z.array(z.number().int().positive()).min(1).max(200),
  reason: z.string().trim().min(1).max(2000),
});

export const resolutionBody = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  amount: z.number().int().positive().optional().describe('Accept part: whole Rupiah; without it, all that is disputed'),
  reason: z.string().trim().min(1).max(2000),
});

export const escalationBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

export const dashboardQuery = z.strictObject({
  from: period.optional().describe('Default: eleven months before `to`'),
  to: period.optional().describe('Default: this month'),
  company: z.coerce.number().int().positive().optional().describe('Default: the caller’s company'),
});

const side = z.array(named.extend({ requests: z.number().int(), amount: money }));
const service = named.extend({ provider: z.string(), requests: z.number().int(), amount: money });
export const dashboardOut = z.object({
  company: named,
  from: z.string(),
  to: z.string(),
  spendByDivision: z.array(named.extend({ requests: z.number().int(), amount: money, budget: money.nullable() })),
  revenueByProvider: side,
  topServicesByCount: z.array(service),
  topServicesByAmount: z.array(service),
  trend: z.array(z.object({ period: z.string(), spend: money, revenue: money })),
  outstanding: z.object({
    total: money,
    overdue: money,
    openInvoices: z.number().int(),
    overdueInvoices: z.number().int(),
    byDivision: z.array(named.extend({ outstanding: money, overdue: money })),
  }),
  budgets: z.array(named.extend({ period: z.string(), budget: money, spent: money, percent: z.number().int() })),
});

export const budgetOut = z.object({
  division: named,
  period: z.string(),
  budget: money.nullable(),
  spent: money,
  remaining: money.nullable(),
  version: z.number().int(),
  canEdit: z.boolean().describe('May the caller set this budget'),
});

export const budgetBody = z.strictObject({
  monthlyAmount: money.positive().nullable().describe('null removes the budget'),
  version: z.number().int().min(0),
});

export const billingDivisionsOut = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      companyId: z.number().int(),
      providing: z.boolean().describe('I read what it earns: its receivables and dashboard'),
      currentPeriod: z.string().describe('`YYYY-MM`: this month in its company’s time zone'),
    }),
  ),
});
export const budgetsOut = z.object({ items: z.array(budgetOut) });
export const budgetQuery = z.strictObject({ period: period.optional() });
