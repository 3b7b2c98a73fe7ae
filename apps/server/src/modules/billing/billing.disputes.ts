import { formatRupiah, type Locale } from '@ish/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { cleanFileName, type Upload } from '../../platform/files/upload.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { charges, insertReversal } from '../charges/index.ts';
import { acceptAttachment } from '../tickets/index.ts';
import {
  assertTransition,
  type InvoiceRow,
  type LineRow,
  loadForPayer,
  loadInvoice,
  moveInvoice,
  payerOf,
  providerOf,
  recordEvent,
  settleIfClear,
} from './billing.invoices.ts';
import { notifyInvoice } from './billing.notify.ts';
import { mayAnswerFor, mayDecide, ownsLine } from './billing.policy.ts';
import { invoiceDisputeLines, invoiceDisputes, invoiceLines, invoices } from './billing.tables.ts';

type DisputeRow = typeof invoiceDisputes.$inferSelect;

const UNRESOLVED = ['open', 'rejected', 'escalated'] as const;
const lineError = (status: number, code: string, params: Record<string, string> = {}) =>
  new AppError(status, code, params, [{ path: 'chargeIds', message: code }]);

/** What is left of each charge after every reversal so far (a charge may be corrected in parts). */
async function remainingOfCharges(tx: Tx, chargeIds: number[]): Promise<Map<number, bigint>> {
  const rows = await tx
    .select({ id: charges.id, kind: charges.kind, reversalOf: charges.reversalOf, amount: charges.amount })
    .from(charges)
    .where(inArray(charges.id, chargeIds));
  const reversals = await tx
    .select({ reversalOf: charges.reversalOf, amount: charges.amount })
    .from(charges)
    .where(and(eq(charges.kind, 'reversal'), inArray(charges.reversalOf, chargeIds)));
  return new Map(rows.map((c) => [c.id, c.amount + reversals.filter((r) => r.reversalOf === c.id).reduce((sum, r) => sum + r.amount, 0n)]));
}

/**
 * The paying division's Billing Coordinator contests charges on an issued
 * invoice, all of one providing division, with a reason. The invoice is
 * disputed (payment waits) until the provider answers or a decision is made.
 */
export async function openDispute(
  ctx: AppContext,
  actor: Actor,
  invoiceId: number,
  input: { chargeIds: number[]; reason: string },
  source: AuditSource,
): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const { invoice, lines } = await loadForPayer(tx, actor, invoiceId);
    const to = await assertTransition(ctx, tx, invoice, 'dispute');
    const chosen = lines.filter((l) => input.chargeIds.includes(l.chargeId));
    if (chosen.length !== new Set(input.chargeIds).size || chosen.some((l) => l.kind !== 'charge'))
      throw lineError(400, 'DISPUTE_LINES_INVALID');
    if (new Set(chosen.map((l) => l.providingUnitId)).size !== 1) throw lineError(400, 'DISPUTE_ONE_PROVIDER');
    const busy = await tx
      .select({ lineId: invoiceDisputeLines.lineId })
      .from(invoiceDisputeLines)
      .innerJoin(invoiceDisputes, eq(invoiceDisputes.id, invoiceDisputeLines.disputeId))
      .where(
        and(
          inArray(
            invoiceDisputeLines.lineId,
            chosen.map((l) => l.id),
          ),
          inArray(invoiceDisputes.status, [...UNRESOLVED]),
        ),
      );
    if (busy.length) throw lineError(409, 'DISPUTE_LINE_BUSY');
    const remaining = await remainingOfCharges(
      tx,
      chosen.map((l) => l.chargeId),
    );
    const amount = chosen.reduce((sum, l) => sum + (remaining.get(l.chargeId) ?? 0n), 0n);
    if (chosen.some((l) => (remaining.get(l.chargeId) ?? 0n) <= 0n)) throw lineError(409, 'DISPUTE_NOTHING_LEFT');
    const provider = chosen[0] as LineRow;
    const [dispute] = await tx
      .insert(invoiceDisputes)
      .values({
        invoiceId: invoice.id,
        providingUnitId: provider.providingUnitId,
        status: 'open',
        reason: input.reason,
        disputedAmount: amount,
        raisedBy: actor.userId,
        raisedAt: ctx.clock.now(),
      })
      .returning();
    if (!dispute) throw notFound();
    await tx.insert(invoiceDisputeLines).values(chosen.map((l) => ({ disputeId: dispute.id, lineId: l.id })));
    await moveInvoice(ctx, tx, invoice, { status: to });
    await recordEvent(ctx, tx, invoice.id, 'dispute_opened', actor.userId, {
      disputeId: dispute.id,
      provider: provider.providerName,
      amount: amount.toString(),
      reason: input.reason,
    });
    await recordAudit(tx, source, {
      action: 'invoice.disputed',
      targetType: 'invoice',
      targetId: invoice.id,
      after: { disputeId: dispute.id, chargeIds: chosen.map((l) => l.chargeId), amount: amount.toString(), reason: input.reason },
    });
    await notifyInvoice(ctx, tx, {
      invoiceId: invoice.id,
      event: 'dispute_opened',
      occurrence: `d${dispute.id}`,
      audience: [{ provider: providerOf(provider) }],
      actorId: actor.userId,
      reason: input.reason,
    });
    return dispute.id;
  });
}

/** A dispute and its invoice as the actor may see them (a provider sees only disputes about their own lines), locked. */
async function loadDispute(tx: Tx, actor: Actor, disputeId: number, lock = false) {
  const query = tx.select().from(invoiceDisputes).where(eq(invoiceDisputes.id, disputeId));
  const [found] = await query;
  if (!found) throw notFound();
  const loaded = await loadInvoice(tx, actor, found.invoiceId, lock);
  const [dispute] = lock ? await query.for('update') : [found];
  const lineIds = (
    await tx.select({ lineId: invoiceDisputeLines.lineId }).from(invoiceDisputeLines).where(eq(invoiceDisputeLines.disputeId, disputeId))
  ).map((r) => r.lineId);
  const disputed = loaded.lines.filter((l) => lineIds.includes(l.id));
  if (!dispute || !disputed.length) throw notFound();
  if (loaded.view === 'provider' && !disputed.some((l) => ownsLine(actor, providerOf(l)))) throw notFound();
  return { ...loaded, dispute, disputed };
}

/**
 * Reverses `amount` of the disputed charges, line by line in order, each by at
 * most what is left of it; every reversal is a negative adjustment line on
 * this invoice, and the total falls by exactly `amount`.
 */
async function adjust(
  ctx: AppContext,
  tx: Tx,
  invoice: InvoiceRow,
  disputed: LineRow[],
  amount: bigint,
  reason: string,
  actor: Actor,
  source: AuditSource,
) {
  const remaining = await remainingOfCharges(
    tx,
    disputed.map((l) => l.chargeId),
  );
  const max = disputed.reduce((sum, l) => sum + (remaining.get(l.chargeId) ?? 0n), 0n);
  if (amount <= 0n || amount > max)
    throw new AppError(400, 'DISPUTE_AMOUNT_INVALID', { max: formatRupiah(max, actor.locale) }, [
      { path: 'amount', message: 'DISPUTE_AMOUNT_INVALID' },
    ]);
  let left = amount;
  for (const line of disputed) {
    const take = (remaining.get(line.chargeId) ?? 0n) < left ? (remaining.get(line.chargeId) ?? 0n) : left;
    if (take <= 0n) continue;
    const [charge] = await tx.select().from(charges).where(eq(charges.id, line.chargeId));
    if (!charge) throw notFound();
    const reversalId = await insertReversal(ctx, tx, charge, -take, reason, actor.userId, source);
    const { id: _id, chargeId: _c, kind: _k, carriedOver: _co, ...copy } = line;
    await tx.insert(invoiceLines).values({
      ...copy,
      invoiceId: invoice.id,
      chargeId: reversalId,
      kind: 'adjustment',
      reversesChargeId: line.chargeId,
      amount: -take,
      reason,
      chargedAt: ctx.clock.now(),
    });
    left -= take;
  }
  return moveInvoice(ctx, tx, invoice, { total: invoice.total - amount });
}

/**
 * The answer to an open dispute by the providing division's Billing
 * Coordinator, or the final decision on an escalated one by an Administrator
 * or Executive: accept (all, or `amount` of it) or reject, with a reason.
 */
export async function resolveDispute(
  ctx: AppContext,
  actor: Actor,
  disputeId: number,
  input: { decision: 'accept' | 'reject'; amount?: number; reason: string },
  source: AuditSource,
): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const { invoice, dispute, disputed } = await loadDispute(tx, actor, disputeId, true);
    if (invoice.status === 'paid') throw new AppError(409, 'INVOICE_PAID', { number: invoice.number ?? '' });
    const final = dispute.status === 'escalated';
    if (dispute.status !== 'open' && !final) throw new AppError(409, 'DISPUTE_STATUS_CONFLICT');
    // Nobody answers or decides their own dispute.
    const allowed = final ? mayDecide(actor, payerOf(invoice)) : mayAnswerFor(actor, providerOf(disputed[0] as LineRow));
    if (!allowed || dispute.raisedBy === actor.userId) throw forbidden();
    let current = invoice;
    let accepted: bigint | null = null;
    if (input.decision === 'accept') {
      const left = await remainingOfCharges(
        tx,
        disputed.map((l) => l.chargeId),
      );
      accepted = input.amount === undefined ? disputed.reduce((sum, l) => sum + (left.get(l.chargeId) ?? 0n), 0n) : BigInt(input.amount);
      current = await adjust(ctx, tx, invoice, disputed, accepted, input.reason, actor, source);
    }
    const now = ctx.clock.now();
    await tx
      .update(invoiceDisputes)
      .set({
        ...(final
          ? {
              status: 'decided' as const,
              decision: input.decision,
              decisionReason: input.reason,
              decidedAmount: accepted,
              decidedBy: actor.userId,
              decidedAt: now,
            }
          : {
              status: input.decision === 'accept' ? ('accepted' as const) : ('rejected' as const),
              answer: input.reason,
              acceptedAmount: accepted,
              answeredBy: actor.userId,
              answeredAt: now,
            }),
        version: dispute.version + 1,
      })
      .where(eq(invoiceDisputes.id, dispute.id));
    const [fresh] = await tx.select().from(invoices).where(eq(invoices.id, invoice.id));
    await settleIfClear(ctx, tx, fresh ?? current);
    const kind = final ? 'dispute_decided' : input.decision === 'accept' ? 'dispute_accepted' : 'dispute_rejected';
    await recordEvent(ctx, tx, invoice.id, kind, actor.userId, {
      disputeId: dispute.id,
      decision: input.decision,
      amount: accepted?.toString() ?? null,
      reason: input.reason,
    });
    await recordAudit(tx, source, {
      action: `invoice.${kind}`,
      targetType: 'invoice',
      targetId: invoice.id,
      after: { disputeId: dispute.id, decision: input.decision, amount: accepted?.toString() ?? null, reason: input.reason },
    });
    const provider = providerOf(disputed[0] as LineRow);
    const outcome = (locale: Locale) =>
      `${accepted === null ? t(locale, 'billing.answer.rejected') : t(locale, 'billing.answer.accepted', { amount: formatRupiah(accepted, locale) })} — ${input.reason}`;
    await notifyInvoice(ctx, tx, {
      invoiceId: invoice.id,
      event: final ? 'dispute_decided' : 'dispute_answered',
      occurrence: `d${dispute.id}`,
      audience: final ? [{ payer: payerOf(invoice) }, { provider }] : [{ payer: payerOf(invoice) }],
      actorId: actor.userId,
      reason: outcome,
    });
    return invoice.id;
  });
}

/** A rejected dispute goes to an Administrator or Executive for a final decision; the invoice is disputed again meanwhile. */
export async function escalateDispute(ctx: AppContext, actor: Actor, disputeId: number, reason: string, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    const { dispute } = await loadDispute(tx, actor, disputeId);
    const { invoice } = await loadForPayer(tx, actor, dispute.invoiceId);
    const to = await assertTransition(ctx, tx, invoice, 'escalate');
    const [locked] = await tx.select().from(invoiceDisputes).where(eq(invoiceDisputes.id, disputeId)).for('update');
    if (locked?.status !== 'rejected') throw new AppError(409, 'DISPUTE_STATUS_CONFLICT');
    await tx
      .update(invoiceDisputes)
      .set({
        status: 'escalated',
        escalationReason: reason,
        escalatedBy: actor.userId,
        escalatedAt: ctx.clock.now(),
        version: locked.version + 1,
      })
      .where(eq(invoiceDisputes.id, disputeId));
    await moveInvoice(ctx, tx, invoice, { status: to });
    await recordEvent(ctx, tx, invoice.id, 'dispute_escalated', actor.userId, { disputeId, reason });
    await recordAudit(tx, source, {
      action: 'invoice.dispute_escalated',
      targetType: 'invoice',
      targetId: invoice.id,
      after: { disputeId, reason },
    });
    await notifyInvoice(ctx, tx, {
      invoiceId: invoice.id,
      event: 'dispute_escalated',
      occurrence: `d${disputeId}`,
      audience: [{ deciders: payerOf(invoice) }],
      actorId: actor.userId,
      reason,
    });
    return invoice.id;
  });
}

/** The person who raised an open dispute attaches one supporting file (checked under the attachment policy). */
export async function attachDisputeFile(ctx: AppContext, actor: Actor, disputeId: number, upload: Upload): Promise<number> {
  const contentType = await acceptAttachment(ctx.db, upload.data);
  return ctx.db.transaction(async (tx) => {
    const { dispute, invoice } = await loadDispute(tx, actor, disputeId, true);
    if (dispute.raisedBy !== actor.userId) throw forbidden();
    if (dispute.status !== 'open') throw new AppError(409, 'DISPUTE_STATUS_CONFLICT');
    if (dispute.fileId) throw new AppError(409, 'DISPUTE_FILE_EXISTS');
    const fileId = await postgresFileStore.put(tx, { purpose: 'invoice_dispute', contentType, data: upload.data, createdBy: actor.userId });
    await tx
      .update(invoiceDisputes)
      .set({
        fileId,
        fileName: cleanFileName(upload.filename),
        fileType: contentType,
        fileSize: upload.data.length,
        version: dispute.version + 1,
      })
      .where(eq(invoiceDisputes.id, disputeId));
    return invoice.id;
  });
}

/** A dispute's file, for whoever sees the dispute. */
export async function readDisputeFile(ctx: AppContext, actor: Actor, disputeId: number) {
  const { dispute } = await loadDispute(ctx.db, actor, disputeId);
  const file = dispute.fileId ? await postgresFileStore.get(ctx.db, dispute.fileId) : null;
  if (!file) throw notFound();
  return { name: dispute.fileName ?? 'lampiran', contentType: dispute.fileType ?? file.contentType, data: file.data };
}

export type { DisputeRow };
