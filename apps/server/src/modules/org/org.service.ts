import { and, asc, count, eq, like, ne, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, assertCan } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { uniquely } from '../../platform/db/errors.ts';
import { assertNoRowErrors, type RowError } from '../../platform/files/import.ts';
import { readSpreadsheet, type SheetRow, toCsv } from '../../platform/files/spreadsheet.ts';
import { AppError, unknownReference } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import {
  type LocationInput,
  type TeamInput,
  UNIT_IMPORT_COLUMNS,
  type UnitImportRow,
  type UnitInput,
  unitImportRow,
} from './org.schemas.ts';
import { companies, type locations, teamMembers, type teams, units } from './org.tables.ts';

// The master-data routes (platform/http/master-data.ts) run list, create and the
// versioned PATCH with its audit entry for every kind here; this file holds the
// organisation's own rules, which they call inside the same transaction.

/** Who may change organisation data; everyone signed in may read it. */
export const MANAGE = 'org:manage';

/**
 * The unit tree in reading order: a parent's path is a prefix of its children's, and byte order
 * ("C") keeps each subtree together whatever the database's collation ('/1/5/' < '/10/').
 */
export const unitTreeOrder = [asc(units.companyId), sql`${units.path} COLLATE "C"`];

type CompanyRow = typeof companies.$inferSelect;
type UnitRow = typeof units.$inferSelect;
type TeamRow = typeof teams.$inferSelect;
type LocationRow = typeof locations.$inferSelect;

const moveInvalid = () => new AppError(409, 'UNIT_MOVE_INVALID', {}, [{ path: 'parentId', message: 'UNIT_MOVE_INVALID' }]);

async function exists(tx: Tx, table: PgTable, where: SQL | undefined): Promise<boolean> {
  const [row] = await tx.select({ n: count() }).from(table).where(where);
  return (row?.n ?? 0) > 0;
}

/** New references point at active companies (the foreign key alone would answer 500, and would accept inactive ones). */
async function assertActiveCompany(tx: Tx, companyId: number, field = 'companyId'): Promise<void> {
  if (!(await exists(tx, companies, and(eq(companies.id, companyId), eq(companies.active, true))))) throw unknownReference(field);
}

// ── Companies ──────────────────────────────────────────────────────────────

/** A company with active units stays active: deactivate its units first. */
export async function assertCompanyUnused(tx: Tx, row: CompanyRow): Promise<void> {
  if (await exists(tx, units, and(eq(units.companyId, row.id), eq(units.active, true)))) throw new AppError(409, 'COMPANY_IN_USE');
}

// ── Units: a tree per company with materialized paths ──────────────────────

/**
 * Changes to the tree's shape (create, move, reactivate, deactivate, import) go
 * one at a time, so paths and the cycle check always read a settled tree. A
 * PATCH already holds its unit's row lock when it gets here; waiting could then
 * deadlock with a move that must rewrite that row, so it answers 409 "busy, try
 * again" instead.
 */
async function lockTree(tx: Tx, holdsRowLock: boolean): Promise<void> {
  const key = sql`hashtext('units.tree')`;
  if (!holdsRowLock) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${key})`);
    return;
  }
  const { rows } = await tx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${key}) AS locked`);
  if (!rows[0]?.locked) throw new AppError(409, 'UNIT_TREE_BUSY');
}

/**
 * Checks where a unit goes before it is written: an active company, a parent
 * in the same company that is not the unit itself or one of its descendants,
 * and an active parent whenever the unit is active (no active unit hides under
 * an inactive one). A unit never changes company: its users and history stay.
 */
export async function placeUnit(tx: Tx, input: UnitInput, current: UnitRow | null): Promise<UnitInput> {
  if (current && input.companyId !== undefined && input.companyId !== current.companyId) throw moveInvalid();
  if (!current && input.companyId !== undefined) await assertActiveCompany(tx, input.companyId);
  const moves = current ? input.parentId !== undefined && input.parentId !== current.parentId : true;
  const wakes = input.active === true && current?.active === false;
  if (!(moves || wakes)) return input;

  await lockTree(tx, current !== null);
  const parentId = input.parentId !== undefined ? input.parentId : (current?.parentId ?? null);
  if (parentId === null) return input;
  const [parent] = await tx.select().from(units).where(eq(units.id, parentId));
  if (!parent) throw unknownReference('parentId');
  if (parent.companyId !== (current?.companyId ?? input.companyId)) throw moveInvalid();
  if (current && parent.path.startsWith(current.path)) throw moveInvalid();
  if (!parent.active && (input.active ?? current?.active ?? true)) throw unknownReference('parentId');
  return input;
}

/** Writes the unit's path from its parent's; a moved unit takes its whole subtree along. */
export async function writeUnitPath(tx: Tx, row: UnitRow, _input: UnitInput, current: UnitRow | null): Promise<void> {
  const [parent] = row.parentId ? await tx.select({ path: units.path }).from(units).where(eq(units.id, row.parentId)) : [];
  const path = `${parent?.path ?? '/'}${row.id}/`;
  if (!current) {
    await tx.update(units).set({ path }).where(eq(units.id, row.id));
    return;
  }
  if (current.path === path) return;
  // Every path in the subtree starts with the unit's old path: swap that prefix in one statement.
  await tx.execute(sql`UPDATE units SET path = ${path} || substr(path, ${current.path.length + 1}) WHERE path LIKE ${`${current.path}%`}`);
}

/** A unit with an active unit anywhere below it stays active; so does one with active users (identity refuses, `unit.deactivating`). */
export async function assertUnitUnused(ctx: AppContext, tx: Tx, row: UnitRow): Promise<void> {
  await lockTree(tx, true);
  const activeBelow = await exists(tx, units, and(like(units.path, `${row.path}%`), ne(units.id, row.id), eq(units.active, true)));
  if (activeBelow) throw new AppError(409, 'UNIT_IN_USE');
  await ctx.events.emit(tx, 'unit.deactivating', { unitId: row.id });
}

/** Adds the depth in the tree: 0 for a top-level unit. */
export async function presentUnits(_tx: Tx, rows: UnitRow[]) {
  return rows.map((r) => ({ ...r, depth: Math.max(0, r.path.split('/').filter(Boolean).length - 1) }));
}

// ── Teams ──────────────────────────────────────────────────────────────────

/** People named on a team are active users: identity refuses others (`people.naming`). */
const assertActiveUsers = (ctx: AppContext, tx: Tx, userIds: number[], field: string) =>
  ctx.events.emit(tx, 'people.naming', { userIds: [...new Set(userIds)], field });

/**
 * Checks a team's references (active company, a served unit of that company,
 * active lead and members) and leaves the members out of the row: they live
 * in team_members, written by `replaceTeamMembers`.
 */
export async function checkTeam(ctx: AppContext, tx: Tx, input: TeamInput, current: TeamRow | null): Promise<Omit<TeamInput, 'memberIds'>> {
  const { memberIds, ...values } = input;
  if (values.companyId !== undefined && values.companyId !== current?.companyId) await assertActiveCompany(tx, values.companyId);
  const companyId = values.companyId ?? current?.companyId;
  const unitId = values.unitId !== undefined ? values.unitId : (current?.unitId ?? null);
  if (unitId !== null && (values.unitId !== undefined || values.companyId !== undefined)) {
    const served = and(eq(units.id, unitId), eq(units.companyId, companyId ?? 0), eq(units.active, true));
    if (!(await exists(tx, units, served))) throw unknownReference('unitId');
  }
  if (values.leadUserId) await assertActiveUsers(ctx, tx, [values.leadUserId], 'leadUserId');
  if (memberIds) await assertActiveUsers(ctx, tx, memberIds, 'memberIds');
  return values;
}

/**
 * A body with `memberIds` replaces the membership; without it the members stay.
 * A change of members is audited on its own (`org.team_members_changed`, the
 * member ids before and after and who was added and removed): the team's own
 * entry holds its row, which has no members.
 */
export async function replaceTeamMembers(
  tx: Tx,
  row: TeamRow,
  input: TeamInput,
  _current: TeamRow | null,
  source: AuditSource,
): Promise<void> {
  if (!input.memberIds) return;
  const removedRows = await tx.delete(teamMembers).where(eq(teamMembers.teamId, row.id)).returning({ userId: teamMembers.userId });
  const before = removedRows.map((m) => m.userId).sort((a, b) => a - b);
  const after = [...new Set(input.memberIds)].sort((a, b) => a - b);
  if (after.length) await tx.insert(teamMembers).values(after.map((userId) => ({ teamId: row.id, userId })));
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  if (!added.length && !removed.length) return;
  await recordAudit(tx, source, {
    action: 'org.team_members_changed',
    targetType: 'team',
    targetId: row.id,
    before: { memberIds: before },
    after: { memberIds: after, added, removed },
  });
}

/** Adds each team's member ids. */
export async function presentTeams(tx: Tx, rows: TeamRow[]) {
  if (!rows.length) return [];
  const members = await tx
    .select()
    .from(teamMembers)
    .where(sql`${teamMembers.teamId} IN ${rows.map((r) => r.id)}`);
  return rows.map((r) => ({ ...r, memberIds: members.filter((m) => m.teamId === r.id).map((m) => m.userId) }));
}

// ── Locations ──────────────────────────────────────────────────────────────

/** A location may belong to one (active) company, or to none. */
export async function checkLocation(tx: Tx, input: LocationInput, current: LocationRow | null): Promise<LocationInput> {
  if (input.companyId != null && input.companyId !== current?.companyId) await assertActiveCompany(tx, input.companyId);
  return input;
}

// ── Unit import ────────────────────────────────────────────────────────────

/** The CSV an Administrator fills in: the columns and two example rows (a division and a department under it). */
export function unitImportTemplate(actor: Actor): string {
  assertCan(actor, MANAGE);
  return toCsv(
    [...UNIT_IMPORT_COLUMNS],
    [
      ['NDS', 'HR', 'Sumber Daya Manusia', 'division', ''],
      ['NDS', 'HR-REC', 'Rekrutmen', 'department', 'HR'],
    ],
  );
}

interface PlannedUnit extends UnitImportRow {
  companyId: number;
}

/**
 * Imports units from a CSV or XLSX file. Every row is checked first (fields,
 * company, parent earlier in the file or already there, codes unique in the
 * file and the company); one bad row imports nothing and the answer lists
 * every problem by line. Otherwise all rows go in one transaction, one audit entry.
 */
export async function importUnits(ctx: AppContext, actor: Actor, file: Buffer, source: AuditSource): Promise<{ imported: number }> {
  assertCan(actor, MANAGE);
  const rows = await readSpreadsheet(file);
  const imported = await uniquely(() =>
    ctx.db.transaction(async (tx) => {
      await lockTree(tx, false);
      const planned = await checkUnitRows(tx, rows, actor);
      const placed = new Map((await tx.select().from(units)).map((u) => [unitKey(u.companyId, u.code), u]));
      for (const row of planned) {
        const parent = row.parent_code ? placed.get(unitKey(row.companyId, row.parent_code)) : undefined;
        const [inserted] = await tx
          .insert(units)
          .values({ companyId: row.companyId, parentId: parent?.id ?? null, code: row.code, name: row.name, type: row.type })
          .returning();
        if (!inserted) continue;
        const path = `${parent?.path ?? '/'}${inserted.id}/`;
        await tx.update(units).set({ path }).where(eq(units.id, inserted.id));
        placed.set(unitKey(row.companyId, row.code), { ...inserted, path });
      }
      await recordAudit(tx, source, {
        action: 'org.units_imported',
        targetType: 'unit',
        after: { count: planned.length, codes: planned.map((r) => r.code) },
      });
      return planned.length;
    }),
  );
  return { imported };
}

/** Codes compare without case: `it` and `IT` in one company would confuse everyone. */
const unitKey = (companyId: number, code: string) => `${companyId}:${code.toUpperCase()}`;

/** Every row's problems, or the rows ready to insert in file order (parents before their children). */
async function checkUnitRows(tx: Tx, rows: SheetRow[], actor: Actor): Promise<PlannedUnit[]> {
  const msg = (key: string, params: Record<string, string | number> = {}) => t(actor.locale, `import.${key}`, params);
  if (!rows.length) assertNoRowErrors([{ line: 2, field: 'file', message: msg('empty') }]);
  const missing = UNIT_IMPORT_COLUMNS.filter((column) => column !== 'type' && column !== 'parent_code' && !(column in rows[0]!.values));
  assertNoRowErrors(missing.map((column) => ({ line: 1, field: column, message: msg('missingColumn', { value: column }) })));

  const companyIds = new Map(
    (await tx.select().from(companies).where(eq(companies.active, true))).map((c) => [c.code.toUpperCase(), c.id]),
  );
  const existing = await tx.select({ companyId: units.companyId, code: units.code, active: units.active }).from(units);
  // Inactive units keep their codes taken, but cannot take new children.
  const taken = new Set(existing.map((u) => unitKey(u.companyId, u.code)));
  const parents = new Set(existing.filter((u) => u.active).map((u) => unitKey(u.companyId, u.code)));

  const errors: RowError[] = [];
  const planned: PlannedUnit[] = [];
  for (const { line, values } of rows) {
    const parsed = unitImportRow.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'file');
        errors.push({ line, field, message: issueMessage(issue, values[field] ?? '', msg) });
      }
      continue;
    }
    const row = parsed.data;
    const companyId = companyIds.get(row.company_code.toUpperCase());
    if (!companyId) {
      errors.push({ line, field: 'company_code', message: msg('unknownCompany', { value: row.company_code }) });
      continue;
    }
    const key = unitKey(companyId, row.code);
    if (taken.has(key)) errors.push({ line, field: 'code', message: msg('duplicate', { value: row.code }) });
    if (row.parent_code && !parents.has(unitKey(companyId, row.parent_code)))
      errors.push({ line, field: 'parent_code', message: msg('unknownParent', { value: row.parent_code }) });
    taken.add(key);
    parents.add(key);
    planned.push({ ...row, companyId });
  }
  assertNoRowErrors(errors);
  return planned;
}

function issueMessage(issue: z.core.$ZodIssue, value: string, msg: (key: string, params?: Record<string, string | number>) => string) {
  switch (issue.code) {
    case 'too_big':
      return msg('tooLong', { max: Number(issue.maximum) });
    case 'invalid_value':
      return msg('invalidChoice', { value, options: issue.values.join(', ') });
    default:
      return msg('required');
  }
}
