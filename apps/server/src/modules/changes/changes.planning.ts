import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can, canOrganisationWide } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { findActiveUser } from '../identity/index.ts';
import { findTeam } from '../org/index.ts';
import { readModuleSetting, writeModuleSetting } from '../settings/index.ts';
import { findActiveServiceIds } from '../tickets/index.ts';
import { CHANGE_SETTINGS_DEFAULTS, CHANGE_SETTINGS_KEY, type ChangeSettings } from './changes.config.ts';
import { freezeCompanies, visibleFreezes } from './changes.policy.ts';
import { changeFreezes, changeMaintenanceWindows, changeTemplates } from './changes.tables.ts';

// What the Change Manager prepares: templates of standard changes, freeze windows,
// services' maintenance windows and the CAB's rule. Every edit is audited.

const unknownRef = (field: string) => new AppError(400, 'UNKNOWN_REFERENCE', { field }, [{ path: field, message: 'UNKNOWN_REFERENCE' }]);

/** May the actor manage changes everywhere (organisation-wide settings and freezes)? */
const managesOrganisation = (actor: Actor) => canOrganisationWide(actor, 'change:manage');

// Templates

export type TemplateRow = typeof changeTemplates.$inferSelect;
export interface TemplateInput {
  name: string;
  description: string;
  category: string;
  reason: string;
  impact: string;
  implementationPlan: string;
  testPlan: string;
  rollbackPlan: string;
  tasks: string[];
  serviceIds: number[];
  teamId: number | null;
  durationMinutes: number;
  active: boolean;
}

async function checkTemplate(tx: Tx, input: Partial<TemplateInput>) {
  if (input.serviceIds?.length && (await findActiveServiceIds(tx, input.serviceIds)).length !== new Set(input.serviceIds).size)
    throw unknownRef('serviceIds');
  if (input.teamId != null && !(await findTeam(tx, input.teamId))) throw unknownRef('teamId');
}

export async function listTemplates(tx: Tx, includeInactive: boolean) {
  return tx
    .select()
    .from(changeTemplates)
    .where(includeInactive ? undefined : eq(changeTemplates.active, true))
    .orderBy(asc(changeTemplates.name), asc(changeTemplates.id));
}

export async function createTemplate(ctx: AppContext, actor: Actor, input: TemplateInput, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    await checkTemplate(tx, input);
    const [row] = await tx
      .insert(changeTemplates)
      .values({ ...input, serviceIds: [...new Set(input.serviceIds)], createdBy: actor.userId })
      .returning();
    if (!row) throw new Error('template insert failed');
    await recordAudit(tx, source, { action: 'change.template_created', targetType: 'change_template', targetId: row.id, after: input });
    return row;
  });
}

export async function updateTemplate(
  ctx: AppContext,
  id: number,
  input: Partial<TemplateInput> & { version: number },
  source: AuditSource,
) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(changeTemplates).where(eq(changeTemplates.id, id)).for('update');
    if (!before) throw notFound();
    if (before.version !== input.version) throw versionConflict();
    await checkTemplate(tx, input);
    const { version: _v, ...values } = input;
    const [row] = await tx
      .update(changeTemplates)
      .set({ ...values, version: before.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(changeTemplates.id, id))
      .returning();
    await recordAudit(tx, source, {
      action: 'change.template_updated',
      targetType: 'change_template',
      targetId: id,
      before,
      after: values,
    });
    return row as TemplateRow;
  });
}

// Freeze windows

export type FreezeRow = typeof changeFreezes.$inferSelect;

/** An organisation-wide freeze needs an organisation-wide Change Manager; a company's, one over that company. */
function assertFreezeScope(actor: Actor, companyId: number | null) {
  const allowed = companyId === null ? managesOrganisation(actor) : can(actor, 'change:manage', { companyId, unitPath: '/' });
  if (!allowed) throw forbidden();
}

/** Freeze windows of the companies the actor works with changes in, and the organisation's. */
export async function listFreezes(
  tx: Tx,
  actor: Actor,
  query: { from?: string | undefined; to?: string | undefined; includeInactive: boolean },
) {
  const conditions = [
    query.includeInactive ? undefined : eq(changeFreezes.active, true),
    visibleFreezes(actor, sql`${changeFreezes.companyId}`),
  ];
  if (query.from && query.to)
    conditions.push(
      sql`tstzrange(${changeFreezes.startsAt}, ${changeFreezes.endsAt}, '[)') && tstzrange(${query.from}::timestamptz, ${query.to}::timestamptz, '[)')`,
    );
  return tx
    .select()
    .from(changeFreezes)
    .where(and(...conditions))
    .orderBy(desc(changeFreezes.startsAt));
}

export interface FreezeInput {
  name: string;
  reason: string;
  companyId: number | null;
  startsAt: string;
  endsAt: string;
}

const checkPeriod = (startsAt: Date, endsAt: Date) => {
  if (endsAt <= startsAt) throw new AppError(400, 'WINDOW_REVERSED', {}, [{ path: 'endsAt', message: 'WINDOW_REVERSED' }]);
};

export async function createFreeze(ctx: AppContext, actor: Actor, input: FreezeInput, source: AuditSource) {
  assertFreezeScope(actor, input.companyId);
  const period = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
  checkPeriod(period.startsAt, period.endsAt);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(changeFreezes)
      .values({ name: input.name, reason: input.reason, companyId: input.companyId, ...period, createdBy: actor.userId })
      .returning();
    if (!row) throw new Error('freeze insert failed');
    await recordAudit(tx, source, { action: 'change.freeze_created', targetType: 'change_freeze', targetId: row.id, after: input });
    return row;
  });
}

export async function updateFreeze(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: Partial<Omit<FreezeInput, 'companyId'>> & { version: number; active?: boolean | undefined },
  source: AuditSource,
) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(changeFreezes).where(eq(changeFreezes.id, id)).for('update');
    // Another company's freeze stays hidden (404); a visible one the caller may not manage answers 403.
    const companies = freezeCompanies(actor);
    if (!before || (before.companyId !== null && companies !== null && !companies.includes(before.companyId))) throw notFound();
    assertFreezeScope(actor, before.companyId);
    if (before.version !== input.version) throw versionConflict();
    const startsAt = input.startsAt ? new Date(input.startsAt) : before.startsAt;
    const endsAt = input.endsAt ? new Date(input.endsAt) : before.endsAt;
    checkPeriod(startsAt, endsAt);
    const values = {
      name: input.name ?? before.name,
      reason: input.reason ?? before.reason,
      active: input.active ?? before.active,
      startsAt,
      endsAt,
    };
    const [row] = await tx
      .update(changeFreezes)
      .set({ ...values, version: before.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(changeFreezes.id, id))
      .returning();
    await recordAudit(tx, source, { action: 'change.freeze_updated', targetType: 'change_freeze', targetId: id, before, after: values });
    return row as FreezeRow;
  });
}

// Maintenance windows

export type WindowRow = typeof changeMaintenanceWindows.$inferSelect;
export interface WindowInput {
  serviceId: number;
  weekday: number;
  startTime: string;
  durationMinutes: number;
  timeZone: string;
}

export async function listWindows(tx: Tx, serviceId?: number) {
  return tx
    .select()
    .from(changeMaintenanceWindows)
    .where(and(eq(changeMaintenanceWindows.active, true), serviceId ? eq(changeMaintenanceWindows.serviceId, serviceId) : undefined))
    .orderBy(asc(changeMaintenanceWindows.serviceId), asc(changeMaintenanceWindows.weekday), asc(changeMaintenanceWindows.startTime));
}

export async function createWindow(ctx: AppContext, actor: Actor, input: WindowInput, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    if (!(await findActiveServiceIds(tx, [input.serviceId])).length) throw unknownRef('serviceId');
    const [row] = await tx
      .insert(changeMaintenanceWindows)
      .values({ ...input, createdBy: actor.userId })
      .returning();
    if (!row) throw new Error('window insert failed');
    await recordAudit(tx, source, { action: 'change.window_created', targetType: 'change_window', targetId: row.id, after: input });
    return row;
  });
}

export async function deactivateWindow(ctx: AppContext, id: number, version: number, source: AuditSource) {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(changeMaintenanceWindows).where(eq(changeMaintenanceWindows.id, id)).for('update');
    if (!before?.active) throw notFound();
    if (before.version !== version) throw versionConflict();
    await tx
      .update(changeMaintenanceWindows)
      .set({ active: false, version: before.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(changeMaintenanceWindows.id, id));
    await recordAudit(tx, source, { action: 'change.window_deactivated', targetType: 'change_window', targetId: id, before });
  });
}

// Settings

export async function readChangeSettings(tx: Tx) {
  return readModuleSetting(tx, CHANGE_SETTINGS_KEY, CHANGE_SETTINGS_DEFAULTS);
}

/** The CAB rule, quorums and emergency CAB; organisation-wide Change Managers only. */
export async function writeChangeSettings(ctx: AppContext, actor: Actor, input: ChangeSettings & { version: number }, source: AuditSource) {
  if (!managesOrganisation(actor)) throw forbidden();
  const { version, ...value } = input;
  for (const id of value.emergencyCabUserIds) if (!(await findActiveUser(ctx.db, id))) throw unknownRef('emergencyCabUserIds');
  await writeModuleSetting(
    ctx,
    actor.userId,
    source,
    CHANGE_SETTINGS_KEY,
    { ...value, emergencyCabUserIds: [...new Set(value.emergencyCabUserIds)] },
    version,
  );
  return readChangeSettings(ctx.db);
}
