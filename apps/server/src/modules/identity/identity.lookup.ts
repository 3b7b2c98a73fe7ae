import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, unknownReference } from '../../platform/http/errors.ts';
import { users } from './identity.tables.ts';

// Read-only lookups other modules use instead of reading identity tables themselves.

/** An active user's public facts, or null. */
export async function findActiveUser(tx: Tx, id: number) {
  const [user] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      phone: users.phone,
      position: users.position,
      unitId: users.unitId,
      locale: users.locale,
    })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  return user ?? null;
}

interface PersonFacts {
  id: number;
  name: string;
  active: boolean;
  companyId: number;
  unit: { id: number; name: string };
}

/** People by id, with their division and company and whether they are active; unknown ids are absent. */
export async function peopleByIds(tx: Tx, ids: number[]): Promise<Map<number, PersonFacts>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const { rows } = await tx.execute<{
    id: number;
    name: string;
    active: boolean;
    company_id: number;
    unit_id: number;
    unit_name: string;
  }>(sql`
    SELECT u.id, u.name, u.active, n.company_id, u.unit_id, n.name AS unit_name FROM users u JOIN units n ON n.id = u.unit_id
    WHERE u.id IN ${unique}`);
  const facts = (r: (typeof rows)[number]): PersonFacts => ({
    id: Number(r.id),
    name: r.name,
    active: r.active,
    companyId: Number(r.company_id),
    unit: { id: Number(r.unit_id), name: r.unit_name },
  });
  return new Map(rows.map((r) => [Number(r.id), facts(r)]));
}

/** Active users placed in a unit (blocks deactivating it). */
export async function countActiveUsersInUnit(tx: Tx, unitId: number): Promise<number> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.unitId, unitId), eq(users.active, true)));
  return rows.length;
}

/** Active holders of a role whose grant covers a place (the organisation, its company, or a unit above it). */
export async function usersWithRoleOver(tx: Tx, role: string, place: { companyId: number; unitPath: string }): Promise<number[]> {
  const { rows } = await tx.execute<{ id: number }>(sql`
    SELECT DISTINCT g.user_id AS id FROM role_grants g
    JOIN users u ON u.id = g.user_id AND u.active
    LEFT JOIN units gu ON gu.id = g.unit_id
    WHERE g.role = ${role} AND (g.scope_kind = 'organisation'
      OR (g.scope_kind = 'company' AND g.company_id = ${place.companyId})
      OR (g.scope_kind = 'unit' AND ${place.unitPath} LIKE gu.path || '%'))`);
  return rows.map((r) => Number(r.id));
}

/** Active Administrators of the whole organisation (operational notices: a failed backup). */
export async function organisationAdministrators(tx: Tx): Promise<number[]> {
  const { rows } = await tx.execute<{ id: number }>(sql`
    SELECT DISTINCT g.user_id AS id FROM role_grants g JOIN users u ON u.id = g.user_id AND u.active
    WHERE g.role = 'administrator' AND g.scope_kind = 'organisation' ORDER BY 1`);
  return rows.map((r) => Number(r.id));
}

/**
 * Identity's answers to other modules' changes (see platform/events): a unit
 * with active people stays active, and only active people may be named on a
 * record (a team's lead and members).
 */
export function registerIdentity(ctx: AppContext): void {
  ctx.events.on('unit.deactivating', async (tx, e) => {
    if ((await countActiveUsersInUnit(tx, e.unitId)) > 0) throw new AppError(409, 'UNIT_IN_USE');
  });
  ctx.events.on('people.naming', async (tx, e) => {
    if (!e.userIds.length) return;
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, e.userIds), eq(users.active, true)));
    if (found.length !== new Set(e.userIds).size) throw unknownReference(e.field);
  });
}

/** The active user with this email (case does not matter), or null: who an incoming email is from. */
export async function findActiveUserByEmail(tx: Tx, email: string) {
  const [user] = await tx
    .select({ id: users.id, email: users.email, name: users.name, phone: users.phone, unitId: users.unitId, locale: users.locale })
    .from(users)
    .where(and(sql`${users.email} = ${email.toLowerCase()}`, eq(users.active, true)));
  return user ?? null;
}
