import type { InvoiceStatus } from '@ish/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor, Placement } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { dayOf } from '../../platform/time/zoned.ts';
import { companyTimeZone } from '../org/index.ts';
import { type LifecycleFacts, nextStatus, type Transition } from './billing.lifecycle.ts';
import { notifyInvoice } from './billing.notify.ts';
import { type InvoiceView, invoiceView, mayActForPayer, visibleInvoices } from './billing.policy.ts';
import { readBillingSettings } from './billing.settings.ts';
import { invoiceDisputes, invoiceEvents, invoiceLines, invoices } from './billing.tables.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type LineRow = typeof invoiceLines.$inferSelect;

export const SYSTEM: AuditSource = { actorId: null, actorEmail: null, ip: null };

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today in the company's zone: due dates and overdue are calendar days there. */
export async function companyToday(ctx: AppContext, tx: Tx, companyId: number): Promise<string> {
  return dayOf(ctx.clock.now(), await companyTimeZone(tx, companyId));
}

export const payerOf = (i: InvoiceRow): Placement => ({ companyId: i.companyId, unitPath: i.unitPath });
export const providerOf = (l: Pick<LineRow, 'providingCompanyId' | 'providingUnitPath'>): Placement => ({
  companyId: l.providingCompanyId,
  unitPath: l.providingUnitPath,
});

/** One step on the invoice's timeline. */
export async function recordEvent(
  ctx: AppContext,
  tx: Tx,
  invoiceId: number,
  kind: string,
  actorId: number | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(invoiceEvents).values({ invoiceId, kind, actorId, data, at: ctx.clock.now() });
}

export async function linesOf(tx: Tx, invoiceId: number): Promise<LineRow[]> {
  return tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(invoiceLines.id);
}

export async function openDisputeCount(tx: Tx, invoiceId: number): Promise<number> {
  const rows = await tx
    .select({ id: invoiceDisputes.id })
    .from(invoiceDisputes)
    .where(and(eq(invoiceDisputes.invoiceId, invoiceId), inArray(invoiceDisputes.status, ['open', 'escalated'])));
  return rows.length;
}

export async function lifecycleFacts(ctx: AppContext, tx: Tx, invoice: InvoiceRow): Promise<LifecycleFacts> {
  return {
    status: invoice.status,
    dueDate: invoice.dueDate,
    today: await companyToday(ctx, tx, invoice.companyId),
    openDisputes: await openDisputeCount(tx, invoice.id),
  };
}

/** The status after `action`, or the translated refusal (409) naming why. */
export async function assertTransition(ctx: AppContext, tx: Tx, invoice: InvoiceRow, action: Transition['action']): Promise<InvoiceStatus> {
  const outcome = nextStatus(action, await lifecycleFacts(ctx, tx, invoice));
  if ('refused' in outcome) throw new AppError(409, outcome.refused, { number: invoice.number ?? '' });
  return outcome.to;
}

/** Writes a new status (and other columns), bumping the version, and announces a status change; the row must be locked by the caller. */
export async function moveInvoice(
  ctx: AppContext,
  tx: Tx,
  invoice: InvoiceRow,
  set: Partial<typeof invoices.$inferInsert>,
): Promise<InvoiceRow> {
  const [row] = await tx
    .update(invoices)
    .set({ ...set, version: sql`${invoices.version} + 1` })
    .where(eq(invoices.id, invoice.id))
    .returning();
  if (!row) throw notFound();
  if (row.status !== invoice.status)
    await ctx.events.emit(tx, 'invoice.status_changed', { invoiceId: row.id, from: invoice.status, to: row.status, version: row.version });
  return row;
}

/**
 * The invoice as the actor may see it, or 404: the list condition decides
 * (one rule for lists and reads), and the view says how much of it.
 */
export async function loadInvoice(
  tx: Tx,
  actor: Actor,
  id: number,
  lock = false,
): Promise<{ invoice: InvoiceRow; lines: LineRow[]; view: InvoiceView }> {
  const query = tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, id), visibleInvoices(actor)));
  const [invoice] = lock ? await query.for('update') : await query;
  if (!invoice) throw notFound();
  const lines = await linesOf(tx, id);
  const view = invoiceView(actor, { payer: payerOf(invoice), providers: lines.map(providerOf) });
  if (!view) throw notFound();
  return { invoice, lines, view };
}

/** Loads for a change by the paying division: locked, visible in full, theirs to act on, at the version they read. */
export async function loadForPayer(tx: Tx, actor: Actor, id: number, version?: number) {
  const loaded = await loadInvoice(tx, actor, id, true);
  if (loaded.view !== 'full' || !mayActForPayer(actor, payerOf(loaded.invoice))) throw forbidden();
  if (version !== undefined && loaded.invoice.version !== version) throw versionConflict();
  return loaded;
}

/**
 * Issues a draft: its number from the company's pattern (gapless per company
 * and year: a rolled-back issue gives the number back), its due date after
 * the payment term, and the paying division is told with the PDF attached.
 */
export async function issueDraft(ctx: AppContext, tx: Tx, invoice: InvoiceRow, actorId: number | null, source: AuditSource) {
  const settings = await readBillingSettings(tx, invoice.companyId);
  const zone = await companyTimeZone(tx, invoice.companyId);
  const now = ctx.clock.now();
  const today = dayOf(now, zone);
  const number = await nextNumber(tx, 'invoice', settings.numberPattern, {
    at: now,
    timeZone: zone,
    sequenceKey: `${invoice.companyId}:${today.slice(0, 4)}`,
  });
  const dueDate = addDays(today, settings.paymentTermDays);
  const issued = await moveInvoice(ctx, tx, invoice, { status: 'issued', number, issuedAt: now, dueDate });
  await recordEvent(ctx, tx, invoice.id, 'issued', actorId, { number, dueDate });
  await recordAudit(tx, source, { action: 'invoice.issued', targetType: 'invoice', targetId: invoice.id, after: { number, dueDate } });
  await notifyInvoice(ctx, tx, {
    invoiceId: invoice.id,
    event: 'invoice_issued',
    occurrence: 'issued',
    audience: [{ payer: payerOf(invoice), withApprovers: settings.notifyApprovers }],
    actorId,
    attachPdf: true,
  });
  return issued;
}

/** A Billing Coordinator issues a draft after review. */
export async function issueInvoice(ctx: AppContext, actor: Actor, id: number, version: number, source: AuditSource): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { invoice } = await loadForPayer(tx, actor, id, version);
    await assertTransition(ctx, tx, invoice, 'issue');
    await issueDraft(ctx, tx, invoice, actor.userId, source);
  });
}

/**
 * After a dispute ends: with no dispute left open the invoice is issued again,
 * or overdue when its due date has passed (and the paying division is told).
 */
export async function settleIfClear(ctx: AppContext, tx: Tx, invoice: InvoiceRow): Promise<InvoiceRow> {
  const facts = await lifecycleFacts(ctx, tx, invoice);
  const outcome = nextStatus('settle', facts);
  if ('refused' in outcome) return invoice;
  const moved = await moveInvoice(ctx, tx, invoice, { status: outcome.to });
  if (outcome.to === 'overdue') await announceOverdue(ctx, tx, moved);
  return moved;
}

export async function announceOverdue(ctx: AppContext, tx: Tx, invoice: InvoiceRow): Promise<void> {
  await recordEvent(ctx, tx, invoice.id, 'overdue', null, { dueDate: invoice.dueDate });
  await notifyInvoice(ctx, tx, {
    invoiceId: invoice.id,
    event: 'invoice_overdue',
    occurrence: 'overdue',
    audience: [{ payer: payerOf(invoice) }],
  });
}
