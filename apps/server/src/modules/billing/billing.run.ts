import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { localTime, monthRange, periodOf, shiftPeriod, zonedInstant } from '../../platform/time/zoned.ts';
import { companyTimeZone } from '../org/index.ts';
import { addDays, announceOverdue, companyToday, issueDraft, moveInvoice, payerOf, recordEvent, SYSTEM } from './billing.invoices.ts';
import { isPastDue } from './billing.lifecycle.ts';
import { notifyInvoice } from './billing.notify.ts';
import { mayAdminister } from './billing.policy.ts';
import { listInvoices } from './billing.present.ts';
import { lockBillingSettings, readBillingSettings } from './billing.settings.ts';
import { billingRuns, invoices } from './billing.tables.ts';

class NothingToInvoice extends Error {}

/**
 * One division's invoice for a period: every charge (and reversing charge)
 * of the division and its sub-units recorded before the period's end and not
 * on any invoice yet, copied as its lines. The unique charge on a line makes
 * a charge land on exactly one invoice even against a concurrent run.
 */
async function createInvoice(
  ctx: AppContext,
  tx: Tx,
  run: { companyId: number; period: string; from: Date; to: Date; divisionId: number; divisionPath: string },
) {
  const [invoice] = await tx
    .insert(invoices)
    .values({
      companyId: run.companyId,
      unitId: run.divisionId,
      unitPath: run.divisionPath,
      period: run.period,
      status: 'draft',
      createdAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (!invoice) return null;
  const { rows } = await tx.execute<{ amount: string; carried_over: boolean }>(sql`
    INSERT INTO invoice_lines (invoice_id, charge_id, kind, carried_over, reverses_charge_id, providing_unit_id, providing_company_id,
      providing_unit_path, provider_name, item_name_id, item_name_en, item_version, cost_model, unit_label, request_number, ticket_number,
      quantity_hundredths, rate, amount, reason, charged_at)
    SELECT ${invoice.id}, c.id, c.kind, c.charged_at < ${run.from.toISOString()}::timestamptz, c.reversal_of, c.providing_unit_id, pu.company_id,
      pu.path, pu.name, v.name_id, v.name_en, v.number, v.cost_model, v.unit_label, r.number, t.number,
      c.quantity_hundredths, c.rate, c.amount, c.reason, c.charged_at
    FROM charges c
    JOIN units ru ON ru.id = c.requesting_unit_id
    JOIN units pu ON pu.id = c.providing_unit_id
    JOIN service_requests r ON r.id = c.request_id
    JOIN catalog_item_versions v ON v.id = c.version_id
    LEFT JOIN tickets t ON t.id = c.ticket_id
    WHERE ru.path LIKE ${`${run.divisionPath}%`} AND c.charged_at < ${run.to.toISOString()}::timestamptz
      AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.charge_id = c.id)
    ORDER BY pu.name, c.charged_at, c.id
    ON CONFLICT (charge_id) DO NOTHING
    RETURNING amount::text, carried_over`);
  if (rows.length === 0) throw new NothingToInvoice();
  const total = rows.reduce((sum, r) => sum + BigInt(r.amount), 0n);
  const created = await moveInvoice(ctx, tx, invoice, { total });
  await recordEvent(ctx, tx, invoice.id, 'created', null, {
    lines: rows.length,
    carriedOver: rows.filter((r) => r.carried_over).length,
    total: total.toString(),
  });
  return created;
}

/**
 * Invoices a period for one company: one invoice per division with charges
 * not yet invoiced up to the period's end, in the company's zone. Runs of a
 * company queue on its settings row; a division that has an invoice for this
 * period or a later one gets none (its late charges wait for the next), so
 * re-running, or running from two processes at once, creates nothing twice.
 */
export async function runPeriod(
  ctx: AppContext,
  input: { companyId: number; period: string; trigger: 'schedule' | 'manual'; actorId: number | null; source: AuditSource },
): Promise<{ created: number; invoiceIds: number[] }> {
  const zone = await companyTimeZone(ctx.db, input.companyId);
  const { from, to } = monthRange(input.period, zone);
  return ctx.db.transaction(async (tx) => {
    const settings = await lockBillingSettings(tx, input.companyId);
    if (input.trigger === 'schedule') {
      const [done] = await tx
        .select({ id: billingRuns.id })
        .from(billingRuns)
        .where(and(eq(billingRuns.companyId, input.companyId), eq(billingRuns.period, input.period)));
      if (done) return { created: 0, invoiceIds: [] };
    }
    // A sub-unit's charges are its division's: the division is the top-level unit of the company's tree.
    const { rows } = await tx.execute<{ division_id: number; path: string }>(sql`
      SELECT d.id AS division_id, d.path FROM units d
      WHERE d.id IN (
        SELECT split_part(ru.path, '/', 2)::bigint FROM charges c JOIN units ru ON ru.id = c.requesting_unit_id
        WHERE ru.company_id = ${input.companyId} AND c.charged_at < ${to.toISOString()}::timestamptz
          AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.charge_id = c.id))
      AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.company_id = ${input.companyId} AND i.unit_id = d.id AND i.period >= ${input.period})
      ORDER BY d.path`);
    const invoiceIds: number[] = [];
    for (const division of rows) {
      try {
        // A savepoint per division: one with nothing left to invoice (taken meanwhile) leaves no empty invoice.
        const invoice = await tx.transaction((sp) =>
          createInvoice(ctx, sp, { ...input, from, to, divisionId: Number(division.division_id), divisionPath: division.path }),
        );
        if (!invoice) continue;
        invoiceIds.push(invoice.id);
        await recordAudit(tx, input.source, {
          action: 'invoice.created',
          targetType: 'invoice',
          targetId: invoice.id,
          after: { period: input.period, unitId: invoice.unitId, total: invoice.total.toString() },
        });
        if (settings.autoIssue) await issueDraft(ctx, tx, invoice, null, SYSTEM);
      } catch (error) {
        if (!(error instanceof NothingToInvoice)) throw error;
      }
    }
    await tx.insert(billingRuns).values({
      companyId: input.companyId,
      period: input.period,
      trigger: input.trigger,
      created: invoiceIds.length,
      runBy: input.actorId,
      at: ctx.clock.now(),
    });
    await recordAudit(tx, input.source, {
      action: 'billing.run',
      targetType: 'company',
      targetId: input.companyId,
      after: { period: input.period, trigger: input.trigger, created: invoiceIds.length },
    });
    return { created: invoiceIds.length, invoiceIds };
  });
}

/** A run by hand (POST /billing/runs): the period must have ended in the company's zone. */
export async function runByHand(ctx: AppContext, actor: Actor, input: { period: string; companyId?: number }, source: AuditSource) {
  const companyId = input.companyId ?? actor.companyId;
  // Another company's billing is invisible to this billing administration (404), as its settings are.
  const { rows } = await ctx.db.execute(sql`SELECT 1 FROM companies WHERE id = ${companyId}`);
  if (!rows.length || !mayAdminister(actor, companyId)) throw notFound();
  const zone = await companyTimeZone(ctx.db, companyId);
  const now = ctx.clock.now();
  if (monthRange(input.period, zone).to > now) {
    const code = input.period > periodOf(now, zone) ? 'PERIOD_IN_FUTURE' : 'PERIOD_NOT_ENDED';
    throw new AppError(400, code, { period: input.period }, [{ path: 'period', message: code }]);
  }
  return runPeriod(ctx, { companyId, period: input.period, trigger: 'manual', actorId: actor.userId, source });
}

/** A run by hand, answered with the invoices it created as the administrator sees them in the list. */
export async function runByHandWithInvoices(
  ctx: AppContext,
  actor: Actor,
  input: { period: string; companyId?: number },
  source: AuditSource,
) {
  const run = await runByHand(ctx, actor, input, source);
  const page = run.invoiceIds.length
    ? await listInvoices(ctx.db, actor, { page: 1, pageSize: 200, period: input.period, company: input.companyId ?? actor.companyId })
    : { items: [] };
  return { created: run.created, invoices: page.items.filter((i) => run.invoiceIds.includes(i.id)) };
}

/**
 * The schedule's tick: every company whose invoice day has come (01:00 in its
 * zone) and whose month before has not been run yet is run now. A missed tick
 * (the server was down) is caught up by the next one.
 */
export async function runDueCompanies(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const { rows } = await ctx.db.execute<{ id: number; time_zone: string }>(
    sql`SELECT id, time_zone FROM companies WHERE active ORDER BY id`,
  );
  let created = 0;
  for (const company of rows) {
    const companyId = Number(company.id);
    const settings = await readBillingSettings(ctx.db, companyId);
    const local = localTime(now, company.time_zone);
    if (now < zonedInstant(company.time_zone, local.year, local.month, settings.invoiceDay, 1, 0)) continue;
    const period = shiftPeriod(periodOf(now, company.time_zone), -1);
    const [done] = await ctx.db
      .select({ id: billingRuns.id })
      .from(billingRuns)
      .where(and(eq(billingRuns.companyId, companyId), eq(billingRuns.period, period)));
    if (done) continue;
    created += (await runPeriod(ctx, { companyId, period, trigger: 'schedule', actorId: null, source: SYSTEM })).created;
  }
  return created;
}

/**
 * Unpaid invoices past their due date become overdue, and those due within
 * the company's reminder days are reminded once. Every change is conditional
 * on the state it found, so a second process changes (and notifies) nothing twice.
 */
export async function sweepInvoices(ctx: AppContext): Promise<{ overdue: number; reminded: number }> {
  const open = await ctx.db
    .select()
    .from(invoices)
    .where(and(inArray(invoices.status, ['issued', 'overdue']), isNotNull(invoices.dueDate)))
    .orderBy(invoices.id);
  let overdue = 0;
  let reminded = 0;
  for (const found of open) {
    await ctx.db.transaction(async (tx) => {
      const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, found.id)).for('update');
      if (!invoice || !['issued', 'overdue'].includes(invoice.status)) return;
      const today = await companyToday(ctx, tx, invoice.companyId);
      if (invoice.status === 'issued' && isPastDue({ dueDate: invoice.dueDate, today })) {
        await announceOverdue(ctx, tx, await moveInvoice(ctx, tx, invoice, { status: 'overdue' }));
        overdue++;
        return;
      }
      const settings = await readBillingSettings(tx, invoice.companyId);
      const remindFrom = invoice.dueDate ? addDays(invoice.dueDate, -settings.reminderDays) : null;
      if (invoice.status !== 'issued' || invoice.remindedAt || !settings.reminderDays || !remindFrom || today < remindFrom) return;
      await tx.update(invoices).set({ remindedAt: ctx.clock.now() }).where(eq(invoices.id, invoice.id));
      await recordEvent(ctx, tx, invoice.id, 'reminded', null, { dueDate: invoice.dueDate });
      await notifyInvoice(ctx, tx, {
        invoiceId: invoice.id,
        event: 'invoice_reminder',
        occurrence: 'reminder',
        audience: [{ payer: payerOf(invoice) }],
      });
      reminded++;
    });
  }
  return { overdue, reminded };
}

export const BILLING_TICK = 'billing.tick';

/** Every quarter hour, once for the cluster: run the companies whose invoice day has come, then remind and mark overdue. */
export function registerBillingJobs(ctx: AppContext): void {
  ctx.jobs.define({
    name: BILLING_TICK,
    retryLimit: 2,
    schedule: '*/15 * * * *',
    handle: async () => {
      await runDueCompanies(ctx);
      await sweepInvoices(ctx);
    },
  });
}
