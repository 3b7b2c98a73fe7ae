import { DEFAULT_TIME_ZONE, type Permission } from '@ish/shared';
import { type AnyColumn, and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import { referenceCache } from '../../platform/cache/reference.ts';
import type { Tx } from '../../platform/db/client.ts';
import { dayRange } from '../../platform/time/zoned.ts';
import { companies, teamMembers, teams, units, vendors } from './org.tables.ts';

// Read-only lookups other modules use instead of reading org tables themselves.

const teamsCache = referenceCache<readonly number[]>('team_members');
const timeZoneCache = referenceCache<string>('companies');

/** The teams a user belongs to (cached for a few seconds outside transactions; a membership change drops it at once). */
export async function teamIdsOf(tx: Tx, userId: number): Promise<number[]> {
  const ids = await teamsCache(tx, userId, async () => {
    const rows = await tx.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, userId));
    return rows.map((r) => r.teamId);
  });
  return [...ids];
}

/** `teamIdsOf` as a column of another statement (an array of ids), so a caller reads it in the same round trip. */
export const teamIdsColumn = (userId: number) =>
  sql<number[]>`ARRAY(SELECT ${teamMembers.teamId} FROM ${teamMembers} WHERE ${teamMembers.userId} = ${userId})`.mapWith((ids: unknown[]) =>
    ids.map(Number),
  );

export async function findTeam(tx: Tx, id: number) {
  const [team] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.id, id), eq(teams.active, true)));
  return team ?? null;
}

export async function isTeamMember(tx: Tx, teamId: number, userId: number): Promise<boolean> {
  const rows = await tx
    .select({ one: sql`1` })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return rows.length > 0;
}

export async function findVendor(tx: Tx, id: number) {
  const [vendor] = await tx
    .select()
    .from(vendors)
    .where(and(eq(vendors.id, id), eq(vendors.active, true)));
  return vendor ?? null;
}

/** The unit's placement (company and tree path) and code, or null. */
export async function findUnitPlacement(tx: Tx, unitId: number) {
  const { rows } = await tx.execute<{ id: number; company_id: number; path: string; code: string }>(
    sql`SELECT id, company_id, path, code FROM units WHERE id = ${unitId}`,
  );
  const row = rows[0];
  return row ? { unitId: Number(row.id), companyId: Number(row.company_id), unitPath: row.path, unitCode: row.code } : null;
}

/** The company's time zone (WIB by default): its calendar decides numbering, months and schedules. */
export async function companyTimeZone(tx: Tx, companyId: number): Promise<string> {
  return timeZoneCache(tx, companyId, async () => {
    const { rows } = await tx.execute<{ time_zone: string }>(sql`SELECT time_zone FROM companies WHERE id = ${companyId}`);
    return rows[0]?.time_zone ?? DEFAULT_TIME_ZONE;
  });
}

/**
 * `at` falls within the days `from`..`to` (inclusive, either may be open) of
 * each row's own company calendar: a ticket logged at 00:30 WIB on the 1st
 * belongs to the 1st in Jakarta, whatever UTC says. One range per time zone,
 * so the condition still uses an index on `at`.
 */
export async function companyDaysCondition(
  tx: Tx,
  cols: { companyId: AnyColumn | SQL; at: AnyColumn | SQL },
  from: string | undefined,
  to: string | undefined,
): Promise<SQL> {
  const { rows } = await tx.execute<{ id: number; time_zone: string }>(sql`SELECT id, time_zone FROM companies`);
  const byZone = new Map<string, number[]>();
  for (const r of rows) byZone.set(r.time_zone, [...(byZone.get(r.time_zone) ?? []), Number(r.id)]);
  const ranges = [...byZone].map(([zone, ids]) => {
    const parts: SQL[] = [sql`${cols.companyId} IN ${ids}`];
    if (from) parts.push(sql`${cols.at} >= ${dayRange(from, zone).from}`);
    if (to) parts.push(sql`${cols.at} < ${dayRange(to, zone).to}`);
    return and(...parts) as SQL;
  });
  return ranges.length ? (or(...ranges) as SQL) : sql`false`;
}

/** The active members of a team. */
export async function memberIdsOf(tx: Tx, teamId: number): Promise<number[]> {
  const { rows } = await tx.execute<{ id: number }>(
    sql`SELECT m.user_id AS id FROM team_members m JOIN users u ON u.id = m.user_id AND u.active WHERE m.team_id = ${teamId}`,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** An active unit as division pickers show it, with its company's time zone. */
export interface DivisionChoice {
  id: number;
  parentId: number | null;
  name: string;
  code: string;
  companyId: number;
  timeZone: string;
}

/**
 * Active units where the actor holds one of `permissions` (a unit grant covers
 * its subtree), in tree order: what a division picker offers, decided by the
 * same scopes as the server's checks. `everywhere` lists every active unit.
 */
export async function unitsWith(tx: Tx, actor: Actor, permissions: Permission[], everywhere = false): Promise<DivisionChoice[]> {
  const cols = { companyId: units.companyId, unitPath: units.path };
  const where = everywhere ? sql`true` : or(sql`false`, ...permissions.map((p) => scopeCondition(actor, p, cols)));
  const rows = await tx
    .select({
      id: units.id,
      parentId: units.parentId,
      name: units.name,
      code: units.code,
      companyId: units.companyId,
      timeZone: companies.timeZone,
    })
    .from(units)
    .innerJoin(companies, eq(companies.id, units.companyId))
    .where(and(eq(units.active, true), where))
    .orderBy(units.companyId, sql`${units.path} COLLATE "C"`);
  return rows;
}

/** The one division the choices all sit under (a Division Admin's division with its departments), or null when there are several. */
export function soleRoot(choices: Pick<DivisionChoice, 'id' | 'parentId'>[]): number | null {
  const ids = new Set(choices.map((c) => c.id));
  const roots = choices.filter((c) => c.parentId === null || !ids.has(c.parentId));
  return roots.length === 1 ? (roots[0]?.id ?? null) : null;
}
