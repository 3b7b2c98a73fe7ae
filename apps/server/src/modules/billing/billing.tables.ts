import type { DisputeStatus, InvoiceStatus } from '@ish/shared';
import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
const money = (name: string) => bigint(name, { mode: 'bigint' });
const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();

export const billingSettings = pgTable('billing_settings', {
  companyId: ref('company_id').primaryKey(),
  invoiceDay: integer('invoice_day').notNull().default(1),
  paymentTermDays: integer('payment_term_days').notNull().default(14),
  numberPattern: text('number_pattern').notNull().default('INV/{YYYY}/{MM}/{seq}'),
  signatoryName: text('signatory_name').notNull().default(''),
  signatoryTitle: text('signatory_title').notNull().default(''),
  autoIssue: boolean('auto_issue').notNull().default(true),
  notifyApprovers: boolean('notify_approvers').notNull().default(true),
  reminderDays: integer('reminder_days').notNull().default(3),
  version: integer('version').notNull().default(1),
  updatedBy: ref('updated_by'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const invoices = pgTable('invoices', {
  id: id(),
  companyId: ref('company_id').notNull(),
  unitId: ref('unit_id').notNull(),
  unitPath: text('unit_path').notNull(),
  period: text('period').notNull(),
  number: text('number'),
  status: text('status').$type<InvoiceStatus>().notNull(),
  total: money('total').notNull().default(0n),
  issuedAt: at('issued_at'),
  dueDate: date('due_date', { mode: 'string' }),
  paidAt: at('paid_at'),
  remindedAt: at('reminded_at'),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
});

export type LineKind = 'charge' | 'reversal' | 'adjustment';

export const invoiceLines = pgTable('invoice_lines', {
  id: id(),
  invoiceId: ref('invoice_id').notNull(),
  chargeId: ref('charge_id').notNull(),
  kind: text('kind').$type<LineKind>().notNull(),
  carriedOver: boolean('carried_over').notNull().default(false),
  reversesChargeId: ref('reverses_charge_id'),
  providingUnitId: ref('providing_unit_id').notNull(),
  providingCompanyId: ref('providing_company_id').notNull(),
  providingUnitPath: text('providing_unit_path').notNull(),
  providerName: text('provider_name').notNull(),
  itemNameId: text('item_name_id').notNull(),
  itemNameEn: text('item_name_en').notNull(),
  itemVersion: integer('item_version').notNull(),
  costModel: text('cost_model').notNull(),
  unitLabel: text('unit_label'),
  requestNumber: text('request_number').notNull(),
  ticketNumber: text('ticket_number'),
  quantityHundredths: integer('quantity_hundredths').notNull(),
  rate: money('rate').notNull(),
  amount: money('amount').notNull(),
  reason: text('reason'),
  chargedAt: at('charged_at').notNull(),
});

export const invoiceEvents = pgTable('invoice_events', {
  id: id(),
  invoiceId: ref('invoice_id').notNull(),
  kind: text('kind').notNull(),
  actorId: ref('actor_id'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  at: at('at').notNull(),
});

export const invoicePayments = pgTable('invoice_payments', {
  id: id(),
  invoiceId: ref('invoice_id').notNull(),
  reference: text('reference').notNull(),
  paidOn: date('paid_on', { mode: 'string' }).notNull(),
  amount: money('amount').notNull(),
  proofFileId: ref('proof_file_id'),
  proofName: text('proof_name'),
  proofType: text('proof_type'),
  proofSize: integer('proof_size'),
  confirmedBy: ref('confirmed_by').notNull(),
  confirmedAt: at('confirmed_at').notNull(),
});

export const invoiceDisputes = pgTable('invoice_disputes', {
  id: id(),
  invoiceId: ref('invoice_id').notNull(),
  providingUnitId: ref('providing_unit_id').notNull(),
  status: text('status').$type<DisputeStatus>().notNull(),
  reason: text('reason').notNull(),
  disputedAmount: money('disputed_amount').notNull(),
  fileId: ref('file_id'),
  fileName: text('file_name'),
  fileType: text('file_type'),
  fileSize: integer('file_size'),
  raisedBy: ref('raised_by').notNull(),
  raisedAt: at('raised_at').notNull(),
  answer: text('answer'),
  acceptedAmount: money('accepted_amount'),
  answeredBy: ref('answered_by'),
  answeredAt: at('answered_at'),
  escalationReason: text('escalation_reason'),
  escalatedBy: ref('escalated_by'),
  escalatedAt: at('escalated_at'),
  decision: text('decision').$type<'accept' | 'reject'>(),
  decisionReason: text('decision_reason'),
  decidedAmount: money('decided_amount'),
  decidedBy: ref('decided_by'),
  decidedAt: at('decided_at'),
  version: integer('version').notNull().default(1),
});

export const invoiceDisputeLines = pgTable(
  'invoice_dispute_lines',
  { disputeId: ref('dispute_id').notNull(), lineId: ref('line_id').notNull() },
  (t) => [primaryKey({ columns: [t.disputeId, t.lineId] })],
);

export const billingRuns = pgTable('billing_runs', {
  id: id(),
  companyId: ref('company_id').notNull(),
  period: text('period').notNull(),
  trigger: text('trigger').$type<'schedule' | 'manual'>().notNull(),
  created: integer('created').notNull(),
  runBy: ref('run_by'),
  at: at('at').notNull(),
});

export const divisionBudgets = pgTable('division_budgets', {
  unitId: ref('unit_id').primaryKey(),
  monthlyAmount: money('monthly_amount').notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: ref('updated_by'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const budgetAlerts = pgTable(
  'budget_alerts',
  {
    unitId: ref('unit_id').notNull(),
    period: text('period').notNull(),
    threshold: integer('threshold').notNull(),
    spent: money('spent').notNull(),
    at: at('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.period, t.threshold] })],
);
