import type { Role } from '@ish/shared';
import { sql } from 'drizzle-orm';
import type { Actor, Grant } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';

type ActorRow = {
  id: number;
  email: string;
  name: string;
  unit_id: number;
  unit_path: string;
  company_id: number;
  locale: 'id' | 'en';
  time_zone: string | null;
  grants: {
    id: number;
    role: Role;
    kind: 'organisation' | 'company' | 'unit';
    company_id: number | null;
    unit_id: number | null;
    unit_path: string | null;
    unit_company_id: number | null;
  }[];
};

/** Loads an active user with their grants in one query; null if missing or deactivated. */
export async function loadActor(tx: Tx, userId: number, sessionId: string | null = null): Promise<Actor | null> {
  const { rows } = await tx.execute<ActorRow>(sql`
    SELECT u.id, u.email, u.name, u.unit_id, un.path AS unit_path, un.company_id, u.locale, u.time_zone,
      coalesce((
        SELECT json_agg(json_build_object('id', g.id, 'role', g.role, 'kind', g.scope_kind, 'company_id', g.company_id,
          'unit_id', g.unit_id, 'unit_path', gu.path, 'unit_company_id', gu.company_id) ORDER BY g.id)
        FROM role_grants g LEFT JOIN units gu ON gu.id = g.unit_id WHERE g.user_id = u.id
      ), '[]') AS grants
    FROM users u JOIN units un ON un.id = u.unit_id
    WHERE u.id = ${userId} AND u.active`);
  const row = rows[0];
  if (!row) return null;
  const grants: Grant[] = row.grants.map((g) => ({
    id: g.id,
    role: g.role,
    scope:
      g.kind === 'organisation'
        ? { kind: 'organisation' }
        : g.kind === 'company'
          ? { kind: 'company', companyId: Number(g.company_id) }
          : { kind: 'unit', unitId: Number(g.unit_id), unitPath: String(g.unit_path), companyId: Number(g.unit_company_id) },
  }));
  return {
    userId: Number(row.id),
    email: row.email,
    name: row.name,
    unitId: Number(row.unit_id),
    unitPath: row.unit_path,
    companyId: Number(row.company_id),
    locale: row.locale,
    timeZone: row.time_zone,
    grants,
    sessionId,
  };
}
