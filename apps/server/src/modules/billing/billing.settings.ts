import { eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { isValidPattern } from '../../platform/numbering/numbering.ts';
import { mayAdminister } from './billing.policy.ts';
import { billingSettings } from './billing.tables.ts';

/** A company's billing rules (Administrator-editable); `version` 0 until first saved. */
export interface BillingSettings {
  companyId: number;
  /** Day of the month (1–28) whose 01:00 in the company's zone runs the month before. */
  invoiceDay: number;
  paymentTermDays: number;
  /** Tokens {YYYY} {YY} {MM} {DD} {seq} or {seq:N} (any letter case); the sequence counts per company and year. */
  numberPattern: string;
  signatoryName: string;
  signatoryTitle: string;
  /** Issue on creation; otherwise invoices wait as drafts for a Billing Coordinator's review. */
  autoIssue: boolean;
  /** Also tell the paying division's Approvers when its invoice is issued. */
  notifyApprovers: boolean;
  /** Remind this many days before the due date (0: no reminder). */
  reminderDays: number;
  version: number;
}

export const BILLING_DEFAULTS: Omit<BillingSettings, 'companyId' | 'version'> = {
  invoiceDay: 1,
  paymentTermDays: 14,
  numberPattern: 'INV/{YYYY}/{MM}/{seq}',
  signatoryName: '',
  signatoryTitle: '',
  autoIssue: true,
  notifyApprovers: true,
  reminderDays: 3,
};

const present = (row: typeof billingSettings.$inferSelect): BillingSettings => ({
  companyId: row.companyId,
  invoiceDay: row.invoiceDay,
  paymentTermDays: row.paymentTermDays,
  numberPattern: row.numberPattern,
  signatoryName: row.signatoryName,
  signatoryTitle: row.signatoryTitle,
  autoIssue: row.autoIssue,
  notifyApprovers: row.notifyApprovers,
  reminderDays: row.reminderDays,
  version: row.version,
});

/** A company's settings, or the defaults (version 0) when never saved. */
export async function readBillingSettings(tx: Tx, companyId: number): Promise<BillingSettings> {
  const [row] = await tx.select().from(billingSettings).where(eq(billingSettings.companyId, companyId));
  return row ? present(row) : { companyId, ...BILLING_DEFAULTS, version: 0 };
}

/**
 * The company's settings row, locked until commit: every run of one company
 * queues here, so two processes running the same period never interleave.
 */
export async function lockBillingSettings(tx: Tx, companyId: number): Promise<BillingSettings> {
  await tx.insert(billingSettings).values({ companyId, version: 0 }).onConflictDoNothing();
  const [row] = await tx.select().from(billingSettings).where(eq(billingSettings.companyId, companyId)).for('update');
  if (!row) throw notFound();
  return present(row);
}

async function companyExists(tx: Tx, companyId: number): Promise<boolean> {
  const { rows } = await tx.execute(sql`SELECT 1 FROM companies WHERE id = ${companyId}`);
  return rows.length > 0;
}

/** Settings of a company the actor administers billing for; another company answers 404. */
export async function getBillingSettings(tx: Tx, actor: Actor, companyId: number): Promise<BillingSettings> {
  if (!mayAdminister(actor, companyId) || !(await companyExists(tx, companyId))) throw notFound();
  return readBillingSettings(tx, companyId);
}

export async function updateBillingSettings(
  ctx: AppContext,
  actor: Actor,
  companyId: number,
  input: Omit<BillingSettings, 'companyId'>,
  source: AuditSource,
): Promise<BillingSettings> {
  // As for reading: another company's billing is invisible (404), whether or not the company exists.
  if (!mayAdminister(actor, companyId) || !(await companyExists(ctx.db, companyId))) throw notFound();
  if (!isValidPattern(input.numberPattern))
    throw new AppError(400, 'NUMBER_PATTERN_INVALID', {}, [{ path: 'numberPattern', message: 'NUMBER_PATTERN_INVALID' }]);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(billingSettings).where(eq(billingSettings.companyId, companyId)).for('update');
    if ((current?.version ?? 0) !== input.version) throw versionConflict();
    const { version: _v, ...values } = input;
    const [row] = await tx
      .insert(billingSettings)
      .values({ companyId, ...values, version: 1, updatedBy: actor.userId, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({
        target: billingSettings.companyId,
        set: { ...values, version: sql`${billingSettings.version} + 1`, updatedBy: actor.userId, updatedAt: ctx.clock.now() },
      })
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, source, {
      action: 'billing.settings_updated',
      targetType: 'company',
      targetId: companyId,
      before: current ? present(current) : null,
      after: present(row),
    });
    return present(row);
  });
}
