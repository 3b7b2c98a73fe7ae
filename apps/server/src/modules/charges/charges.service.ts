import { amountOf } from '@ish/shared';
import { and, eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { monthRange, periodOf } from '../../platform/time/zoned.ts';
import { companyTimeZone, findUnitPlacement, unitsWith } from '../org/index.ts';
import { mayReadCharges, mayReverseCharge, maySeeCharge } from './charges.policy.ts';
import { charges } from './charges.tables.ts';

export type ChargeRow = typeof charges.$inferSelect;

/** What fulfilment knows when it records the one charge of a request. */
export interface ChargeInput {
  requestId: number;
  requestingUnitId: number;
  providingUnitId: number;
  itemId: number;
  versionId: number;
  quantityHundredths: number;
  rate: bigint;
  ticketId: number | null;
  createdBy: number | null;
  chargedAt: Date;
}

/**
 * Records the charge of a fulfilled request: rate × quantity, half-up to whole
 * Rupiah. A request has at most one charge (a unique index), so a repeat is a
 * no-op and returns null; a new charge is announced as `charge.recorded`.
 */
export async function recordCharge(ctx: AppContext, tx: Tx, input: ChargeInput): Promise<ChargeRow | null> {
  const [row] = await tx
    .insert(charges)
    .values({ kind: 'charge', ...input, amount: amountOf(input.rate, BigInt(input.quantityHundredths)) })
    .onConflictDoNothing()
    .returning();
  if (row) await ctx.events.emit(tx, 'charge.recorded', { chargeId: row.id, requestingUnitId: row.requestingUnitId });
  return row ?? null;
}

/** The charge recorded for a request, if any. */
export async function findChargeOfRequest(tx: Tx, requestId: number): Promise<ChargeRow | null> {
  const [row] = await tx
    .select()
    .from(charges)
    .where(and(eq(charges.requestId, requestId), eq(charges.kind, 'charge')));
  return row ?? null;
}

/**
 * Charges of one division and month, both sides: what it spent and what it
 * earned, with totals. The month is the division's company's calendar month.
 */
export async function listCharges(tx: Tx, actor: Actor, unitId: number, period: string) {
  const placement = await findUnitPlacement(tx, unitId);
  if (!placement || !mayReadCharges(actor, placement)) throw notFound();
  const { from, to } = monthRange(period, await companyTimeZone(tx, placement.companyId));
  const { rows } = await tx.execute<{
    id: number;
    kind: string;
    request_number: string;
    item_name: string;
    requesting_unit_id: number;
    requesting_name: string;
    providing_unit_id: number;
    providing_name: string;
    quantity_hundredths: number;
    rate: string;
    amount: string;
    ticket_number: string | null;
    reason: string | null;
    charged_at: Date;
    version_number: number;
    requesting_company_id: number;
    requesting_path: string;
    providing_company_id: number;
    providing_path: string;
    reversed: boolean;
  }>(sql`
    SELECT c.id, c.kind, ru.company_id AS requesting_company_id, ru.path AS requesting_path, pu.company_id AS providing_company_id,
      pu.path AS providing_path, EXISTS (SELECT 1 FROM charges x WHERE x.reversal_of = c.id) AS reversed, r.number AS request_number, ${actor.locale === 'en' ? sql`v.name_en` : sql`v.name_id`} AS item_name, v.number AS version_number, c.requesting_unit_id, ru.name AS requesting_name,
      c.providing_unit_id, pu.name AS providing_name, c.quantity_hundredths, c.rate::text, c.amount::text, t.number AS ticket_number, c.reason, c.charged_at
    FROM charges c JOIN service_requests r ON r.id = c.request_id JOIN catalog_item_versions v ON v.id = c.version_id
    JOIN units ru ON ru.id = c.requesting_unit_id JOIN units pu ON pu.id = c.providing_unit_id LEFT JOIN tickets t ON t.id = c.ticket_id
    WHERE (c.requesting_unit_id = ${unitId} OR c.providing_unit_id = ${unitId})
      AND c.charged_at >= ${from.toISOString()}::timestamptz AND c.charged_at < ${to.toISOString()}::timestamptz
    ORDER BY c.charged_at, c.id`);
  const present = (r: (typeof rows)[number]) => ({
    id: Number(r.id),
    kind: r.kind as 'charge' | 'reversal',
    requestNumber: r.request_number,
    item: r.item_name,
    itemVersion: Number(r.version_number),
    requestingUnit: { id: Number(r.requesting_unit_id), name: r.requesting_name },
    providingUnit: { id: Number(r.providing_unit_id), name: r.providing_name },
    quantity: Number(r.quantity_hundredths) / 100,
    rate: Number(r.rate),
    amount: Number(r.amount),
    ticketNumber: r.ticket_number,
    reason: r.reason,
    chargedAt: new Date(r.charged_at).toISOString(),
    /** What the reader may do with it: `reverse` a charge not reversed yet, where they manage invoices. */
    allowedActions:
      r.kind === 'charge' &&
      !r.reversed &&
      mayReverseCharge(
        actor,
        { companyId: Number(r.requesting_company_id), unitPath: r.requesting_path },
        { companyId: Number(r.providing_company_id), unitPath: r.providing_path },
      )
        ? ['reverse' as const]
        : [],
  });
  const spent = rows.filter((r) => Number(r.requesting_unit_id) === unitId).map(present);
  const earned = rows.filter((r) => Number(r.providing_unit_id) === unitId).map(present);
  const total = (list: ReturnType<typeof present>[]) => Number(list.reduce((sum, c) => sum + BigInt(c.amount), 0n));
  return { unitId, period, spent: { items: spent, total: total(spent) }, earned: { items: earned, total: total(earned) } };
}

/**
 * A charge never changes: a correction is a reversing charge with a reason
 * (at most one per charge). `amount` reverses part of it (a settled dispute);
 * without it the whole charge is reversed. Returns the reversal's id.
 */
export async function reverseCharge(
  ctx: AppContext,
  actor: Actor,
  chargeId: number,
  reason: string,
  source: AuditSource,
  tx?: Tx,
): Promise<number> {
  if (!tx) return ctx.db.transaction((t) => reverseCharge(ctx, actor, chargeId, reason, source, t));
  const [charge] = await tx
    .select()
    .from(charges)
    .where(and(eq(charges.id, chargeId), eq(charges.kind, 'charge')));
  if (!charge) throw notFound();
  const providing = await findUnitPlacement(tx, charge.providingUnitId);
  const requesting = await findUnitPlacement(tx, charge.requestingUnitId);
  if (!providing || !requesting) throw notFound();
  if (!mayReverseCharge(actor, requesting, providing)) throw maySeeCharge(actor, requesting, providing) ? forbidden() : notFound();
  return insertReversal(ctx, tx, charge, -charge.amount, reason, actor.userId, source);
}

/** Writes the reversing charge (negative `amount`) of `charge`; 409 when it was reversed already. */
export async function insertReversal(
  ctx: AppContext,
  tx: Tx,
  charge: ChargeRow,
  amount: bigint,
  reason: string,
  actorId: number | null,
  source: AuditSource,
): Promise<number> {
  if (amount >= 0n || -amount > charge.amount) throw new AppError(400, 'REVERSAL_AMOUNT_INVALID');
  const { id: _id, ...copy } = charge;
  const [reversal] = await tx
    .insert(charges)
    .values({ ...copy, kind: 'reversal', reversalOf: charge.id, amount, reason, createdBy: actorId, chargedAt: ctx.clock.now() })
    .onConflictDoNothing()
    .returning();
  if (!reversal) throw new AppError(409, 'CHARGE_REVERSED');
  await recordAudit(tx, source, {
    action: 'charge.reversed',
    targetType: 'charge',
    targetId: charge.id,
    after: { reason, amount: amount.toString() },
  });
  await ctx.events.emit(tx, 'charge.recorded', { chargeId: reversal.id, requestingUnitId: reversal.requestingUnitId });
  return reversal.id;
}

/** The divisions whose charges the actor reads, each with its company's current month (charges are booked by it). */
export async function listChargeDivisions(tx: Tx, actor: Actor, now: Date) {
  const units = await unitsWith(tx, actor, ['charge:read']);
  return { items: units.map((u) => ({ id: u.id, name: u.name, currentPeriod: periodOf(now, u.timeZone) })) };
}
