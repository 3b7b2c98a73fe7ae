import { DEFAULT_TIME_ZONE } from '@ish/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { teamMembers, teams, vendors } from './org.tables.ts';

// Read-only lookups other modules use instead of reading org tables themselves.

export async function teamIdsOf(tx: Tx, userId: number): Promise<number[]> {
  const rows = await tx.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, userId));
  return rows.map((r) => r.teamId);
}

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
  const { rows } = await tx.execute<{ time_zone: string }>(sql`SELECT time_zone FROM companies WHERE id = ${companyId}`);
  return rows[0]?.time_zone ?? DEFAULT_TIME_ZONE;
}

/** The active members of a team. */
export async function memberIdsOf(tx: Tx, teamId: number): Promise<number[]> {
  const { rows } = await tx.execute<{ id: number }>(
    sql`SELECT m.user_id AS id FROM team_members m JOIN users u ON u.id = m.user_id AND u.active WHERE m.team_id = ${teamId}`,
  );
  return rows.map((r) => Number(r.id));
}
