import type { Locale } from '@ish/shared';
import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { AuditSource } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { insertAudited, updateVersioned } from '../../platform/db/versioned.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { PolicyInput, PolicyPatch } from './sla.schemas.ts';
import { slaPolicies } from './sla.tables.ts';

/** What a policy matches a ticket on. */
export interface PolicyCriteria {
  type: string;
  priority: string;
  categoryId: number | null;
  serviceId: number | null;
}

/** How specific a policy is, as the matching weighs it: category and service count double. */
const specificity = sql`(${slaPolicies.ticketType} IS NOT NULL)::int + (${slaPolicies.priority} IS NOT NULL)::int + (${slaPolicies.categoryId} IS NOT NULL)::int * 2 + (${slaPolicies.serviceId} IS NOT NULL)::int * 2`;

/** The most specific active policy: each matching criterion counts (category and service twice), ties go to the oldest. */
export async function matchPolicy(tx: Tx, t: PolicyCriteria) {
  const criterion = <T>(column: Parameters<typeof eq>[0], value: T | null) =>
    value === null ? isNull(column) : or(isNull(column), eq(column, value));
  const [policy] = await tx
    .select()
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.active, true),
        criterion(slaPolicies.ticketType, t.type),
        criterion(slaPolicies.priority, t.priority),
        criterion(slaPolicies.categoryId, t.categoryId),
        criterion(slaPolicies.serviceId, t.serviceId),
        isNull(slaPolicies.catalogItemId),
      ),
    )
    .orderBy(desc(specificity), slaPolicies.id)
    .limit(1);
  return policy ?? null;
}

type PolicyRow = typeof slaPolicies.$inferSelect;

/** Adds the name in the reader's language. */
export const presentPolicy = (row: PolicyRow, locale: Locale) => ({ ...row, name: locale === 'en' ? row.nameEn : row.nameId });

/** Every policy in the order a ticket tries them: active first, most specific first, then the oldest. */
export const listPolicies = (tx: Tx) =>
  tx.select().from(slaPolicies).orderBy(desc(slaPolicies.active), desc(specificity), asc(slaPolicies.id));

export async function getPolicy(tx: Tx, id: number) {
  const [row] = await tx.select().from(slaPolicies).where(eq(slaPolicies.id, id));
  if (!row) throw notFound();
  return row;
}

export async function createPolicy(ctx: AppContext, input: PolicyInput, source: AuditSource) {
  return ctx.db.transaction((tx) =>
    insertAudited(tx, slaPolicies, input, { source, action: 'sla.policy_created', targetType: 'sla_policy' }),
  );
}

/** Tickets keep the targets they started with; a changed policy applies to the next ones. */
export async function updatePolicy(ctx: AppContext, id: number, input: PolicyPatch, source: AuditSource) {
  const { version, ...changes } = input;
  return ctx.db.transaction((tx) =>
    updateVersioned(tx, slaPolicies, id, version, changes, { source, action: 'sla.policy_updated', targetType: 'sla_policies' }),
  );
}

/** An active policy keeps its calendar active. */
export async function refuseCalendarInUse(tx: Tx, calendarId: number): Promise<void> {
  const used = await tx
    .select({ id: slaPolicies.id })
    .from(slaPolicies)
    .where(and(eq(slaPolicies.calendarId, calendarId), eq(slaPolicies.active, true)))
    .limit(1);
  if (used.length) throw new AppError(409, 'CALENDAR_IN_USE');
}
