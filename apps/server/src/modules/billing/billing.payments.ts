import { eq } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { IMAGE_TYPES } from '../../platform/files/sniff.ts';
import { cleanFileName, type Upload } from '../../platform/files/upload.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { acceptAttachment } from '../tickets/index.ts';
import {
  assertTransition,
  companyToday,
  loadForPayer,
  loadInvoice,
  moveInvoice,
  payerOf,
  providerOf,
  recordEvent,
} from './billing.invoices.ts';
import { notifyInvoice } from './billing.notify.ts';
import { invoicePayments } from './billing.tables.ts';

const PROOF_TYPES: readonly string[] = ['application/pdf', ...IMAGE_TYPES];

const fieldError = (status: number, code: string, path: string) => new AppError(status, code, {}, [{ path, message: code }]);

/** An uploaded file under the attachment policy (size, sniffed type) that must also be a PDF or an image. */
export async function acceptProof(ctx: AppContext, upload: Upload, path: string): Promise<string> {
  const type = await acceptAttachment(ctx.db, upload.data).catch((error: AppError) => {
    throw error.code === 'ATTACHMENT_TYPE' ? fieldError(415, 'PROOF_TYPE', path) : error;
  });
  if (!PROOF_TYPES.includes(type)) throw fieldError(415, 'PROOF_TYPE', path);
  return type;
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/**
 * The paying division's Billing Coordinator confirms payment with a
 * reference, the date paid and optionally a proof (PDF or image, sniffed).
 * A disputed or paid invoice refuses; the providing divisions are told.
 */
export async function confirmPayment(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { reference: string; paidOn: string; version?: number },
  proof: Upload | null,
  source: AuditSource,
): Promise<void> {
  if (!isCalendarDay(input.paidOn)) throw fieldError(400, 'PAYMENT_DATE_INVALID', 'paidOn');
  const proofType = proof ? await acceptProof(ctx, proof, 'proof') : null;
  await ctx.db.transaction(async (tx) => {
    const { invoice, lines } = await loadForPayer(tx, actor, id, input.version);
    const to = await assertTransition(ctx, tx, invoice, 'pay');
    if (input.paidOn > (await companyToday(ctx, tx, invoice.companyId))) throw fieldError(400, 'PAYMENT_DATE_FUTURE', 'paidOn');
    const proofFileId =
      proof && proofType
        ? await postgresFileStore.put(tx, {
            purpose: 'invoice_payment_proof',
            contentType: proofType,
            data: proof.data,
            createdBy: actor.userId,
          })
        : null;
    const now = ctx.clock.now();
    await tx.insert(invoicePayments).values({
      invoiceId: invoice.id,
      reference: input.reference,
      paidOn: input.paidOn,
      amount: invoice.total,
      proofFileId,
      proofName: proof ? cleanFileName(proof.filename) : null,
      proofType,
      proofSize: proof?.data.length ?? null,
      confirmedBy: actor.userId,
      confirmedAt: now,
    });
    await recordEvent(ctx, tx, invoice.id, 'paid', actor.userId, {
      reference: input.reference,
      paidOn: input.paidOn,
      proof: proofFileId !== null,
    });
    // The status change comes last: a paid invoice refuses every later write.
    await moveInvoice(ctx, tx, invoice, { status: to, paidAt: now });
    await recordAudit(tx, source, {
      action: 'invoice.paid',
      targetType: 'invoice',
      targetId: invoice.id,
      after: { reference: input.reference, paidOn: input.paidOn, amount: invoice.total.toString(), proofFileId },
    });
    const providers = [...new Map(lines.map((l) => [l.providingUnitId, providerOf(l)])).values()];
    await notifyInvoice(ctx, tx, {
      invoiceId: invoice.id,
      event: 'invoice_paid',
      occurrence: 'paid',
      audience: [...providers.map((provider) => ({ provider })), { payer: payerOf(invoice) }],
      actorId: actor.userId,
      reason: input.reference,
    });
  });
}

/** The payment proof, for whoever sees the invoice (the providing divisions included). */
export async function readProof(ctx: AppContext, actor: Actor, id: number) {
  const { invoice } = await loadInvoice(ctx.db, actor, id);
  const [payment] = await ctx.db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoice.id));
  const file = payment?.proofFileId ? await postgresFileStore.get(ctx.db, payment.proofFileId) : null;
  if (!payment || !file) throw notFound();
  return { name: payment.proofName ?? 'bukti', contentType: payment.proofType ?? file.contentType, data: file.data };
}
