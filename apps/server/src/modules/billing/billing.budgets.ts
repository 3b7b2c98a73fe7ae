import { formatRupiah, type Locale } from '@ish/shared';
import { eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can, type Placement } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { monthRange, periodOf } from '../../platform/time/zoned.ts';
import { charges } from '../charges/index.ts';
import { usersWithRoleOver } from '../identity/index.ts';
import { notify } from '../notifications/index.ts';
import { companyTimeZone } from '../org/index.ts';
import { readSetting } from '../settings/index.ts';
import { BILLING_PATHS, periodLabel } from './billing.notify.ts';
import { mayAdminister } from './billing.policy.ts';
import { budgetAlerts, divisionBudgets } from './billing.tables.ts';

/** The shares of a month's budget announced once each. */
export const BUDGET_THRESHOLDS = [80, 100] as const;

interface Division extends Placement {
  id: number;
  name: string;
}

/** The division (top-level unit of its company) a unit belongs to. */
export async function divisionOf(tx: Tx, unitId: number): Promise<Division | null> {
  const { rows } = await tx.execute<{ id: number; name: string; company_id: number; path: string }>(sql`
    SELECT d.id, d.name, d.company_id, d.path FROM units u JOIN units d ON d.id = split_part(u.path, '/', 2)::bigint WHERE u.id = ${unitId}`);
  const row = rows[0];
  return row ? { id: Number(row.id), name: row.name, companyId: Number(row.company_id), unitPath: row.path } : null;
}

/** What a division and its sub-units were charged in a month of its company's calendar (reversals included). */
export async function spentIn(tx: Tx, division: Division, period: string): Promise<bigint> {
  const { from, to } = monthRange(period, await companyTimeZone(tx, division.companyId));
  const { rows } = await tx.execute<{ spent: string }>(sql`
    SELECT coalesce(sum(c.amount), 0)::text AS spent FROM charges c JOIN units u ON u.id = c.requesting_unit_id
    WHERE u.path LIKE ${`${division.unitPath}%`} AND c.charged_at >= ${from.toISOString()}::timestamptz AND c.charged_at < ${to.toISOString()}::timestamptz`);
  return BigInt(rows[0]?.spent ?? '0');
}

export async function budgetOf(tx: Tx, divisionId: number) {
  const [row] = await tx.select().from(divisionBudgets).where(eq(divisionBudgets.unitId, divisionId));
  return row ?? null;
}

/** A division's budget, month's spend and what is left, for `period` (default: this month in its zone). */
export async function budgetStatus(ctx: AppContext, tx: Tx, division: Division, period?: string, actor?: Actor) {
  const month = period ?? periodOf(ctx.clock.now(), await companyTimeZone(tx, division.companyId));
  const budget = await budgetOf(tx, division.id);
  const spent = await spentIn(tx, division, month);
  return {
    division: { id: division.id, name: division.name },
    period: month,
    budget: budget ? Number(budget.monthlyAmount) : null,
    spent: Number(spent),
    remaining: budget ? Number(budget.monthlyAmount - spent) : null,
    version: budget?.version ?? 0,
    canEdit: actor ? maySetBudget(actor, division) : false,
  };
}

/** The remaining budget of the caller's own division this month, as the order page shows it. */
export async function myBudget(ctx: AppContext, actor: Actor) {
  const division = await divisionOf(ctx.db, actor.unitId);
  if (!division) throw notFound();
  return budgetStatus(ctx, ctx.db, division);
}

/** Who may set a division's budget: its Billing Coordinator, or billing administration of its company. */
export const maySetBudget = (actor: Actor, division: Placement) =>
  can(actor, 'invoice:manage', division) || mayAdminister(actor, division.companyId);

/** A division's budget as its readers see it; another division answers 404. */
export async function getBudget(ctx: AppContext, actor: Actor, unitId: number, period?: string) {
  const division = await divisionOf(ctx.db, unitId);
  if (!division || division.id !== unitId || !can(actor, 'charge:read', division)) throw notFound();
  return budgetStatus(ctx, ctx.db, division, period, actor);
}

/** Every division (top-level unit) of a company whose charges the actor reads, with its budget and this month's spend. */
export async function listBudgets(ctx: AppContext, actor: Actor, companyId?: number) {
  const { rows } = await ctx.db.execute<{ id: number; name: string; company_id: number; path: string }>(sql`
    SELECT id, name, company_id, path FROM units
    WHERE parent_id IS NULL AND active AND company_id = ${companyId ?? actor.companyId}
      AND ${scopeCondition(actor, 'charge:read', { companyId: sql`company_id`, unitPath: sql`path` })}
    ORDER BY name`);
  const items = [];
  for (const r of rows)
    items.push(
      await budgetStatus(
        ctx,
        ctx.db,
        { id: Number(r.id), name: r.name, companyId: Number(r.company_id), unitPath: r.path },
        undefined,
        actor,
      ),
    );
  return { items };
}

/** Sets (or, with null, removes) a division's monthly budget, at the version read. */
export async function setBudget(
  ctx: AppContext,
  actor: Actor,
  unitId: number,
  input: { monthlyAmount: number | null; version: number },
  source: AuditSource,
) {
  const division = await divisionOf(ctx.db, unitId);
  if (!division || division.id !== unitId || !can(actor, 'charge:read', division)) throw notFound();
  if (!maySetBudget(actor, division)) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(divisionBudgets).where(eq(divisionBudgets.unitId, unitId)).for('update');
    if ((current?.version ?? 0) !== input.version) throw versionConflict();
    if (input.monthlyAmount === null) await tx.delete(divisionBudgets).where(eq(divisionBudgets.unitId, unitId));
    else if (current)
      await tx
        .update(divisionBudgets)
        .set({
          monthlyAmount: BigInt(input.monthlyAmount),
          version: current.version + 1,
          updatedBy: actor.userId,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(divisionBudgets.unitId, unitId));
    else await tx.insert(divisionBudgets).values({ unitId, monthlyAmount: BigInt(input.monthlyAmount), updatedBy: actor.userId });
    await recordAudit(tx, source, {
      action: 'billing.budget_updated',
      targetType: 'unit',
      targetId: unitId,
      before: current ? { monthlyAmount: current.monthlyAmount.toString() } : null,
      after: { monthlyAmount: input.monthlyAmount },
    });
  });
  return budgetStatus(ctx, ctx.db, division, undefined, actor);
}

/**
 * After a charge is recorded: when the month's charges of the requesting
 * division pass 80 % or 100 % of its budget, its Billing Coordinators and
 * Approvers are told, once per threshold and month (a unique row says so).
 */
export async function checkBudget(ctx: AppContext, tx: Tx, chargeId: number, requestingUnitId: number): Promise<void> {
  const division = await divisionOf(tx, requestingUnitId);
  const budget = division ? await budgetOf(tx, division.id) : null;
  if (!division || !budget) return;
  const [charge] = await tx.select({ chargedAt: charges.chargedAt }).from(charges).where(eq(charges.id, chargeId));
  if (!charge) return;
  const period = periodOf(charge.chargedAt, await companyTimeZone(tx, division.companyId));
  const spent = await spentIn(tx, division, period);
  for (const threshold of BUDGET_THRESHOLDS) {
    if (spent * 100n < budget.monthlyAmount * BigInt(threshold)) continue;
    const [fresh] = await tx
      .insert(budgetAlerts)
      .values({ unitId: division.id, period, threshold, spent, at: ctx.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (!fresh) continue;
    const recipients = [
      ...(await usersWithRoleOver(tx, 'billing_coordinator', division)),
      ...(await usersWithRoleOver(tx, 'approver', division)),
    ];
    await notify(ctx, tx, {
      event: 'budget_threshold',
      occurrence: `${period}:${threshold}`,
      recipients,
      about: {
        key: `bud${division.id}`,
        variables: async (t2, locale: Locale) => ({
          number: '-',
          title: division.name,
          status: '-',
          priority: '-',
          amount: formatRupiah(spent, locale),
          assignee: '-',
          requester: '-',
          link: `${ctx.env.PUBLIC_URL}${BILLING_PATHS.dashboard}`,
          organisation: (await readSetting(t2, 'identity')).value.organisationName,
          reason: `${threshold} %`,
          dueDate: '-',
          period: periodLabel(period, locale),
        }),
      },
    });
  }
}
