import { MODULE_TILES, type ModuleTile, tileOf } from '@ish/shared';
import { sql } from 'drizzle-orm';
import { type Actor, can, canOrganisationWide, permissionsOf } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { MeResponse } from './identity.schemas.ts';

/** `GET /me`: the user, their unit, grants, permissions and the tiles they may open. */
export async function presentMe(tx: Tx, actor: Actor): Promise<MeResponse> {
  const { rows } = await tx.execute<{
    phone: string | null;
    photo_file_id: number | null;
    version: number;
    unit_code: string;
    unit_name: string;
    company_code: string;
    company_name: string;
  }>(sql`
    SELECT u.phone, u.photo_file_id, u.version, un.code AS unit_code, un.name AS unit_name, c.code AS company_code, c.name AS company_name
    FROM users u JOIN units un ON un.id = u.unit_id JOIN companies c ON c.id = un.company_id WHERE u.id = ${actor.userId}`);
  const row = rows[0];
  if (!row) throw new Error('signed-in user vanished');
  const scopeNames = await namesOfScopes(tx, actor);
  const permissions = permissionsOf(actor);
  const tiles = new Set<ModuleTile>(permissions.map(tileOf));
  return {
    user: {
      id: actor.userId,
      email: actor.email,
      name: actor.name,
      phone: row.phone,
      locale: actor.locale,
      timeZone: actor.timeZone,
      photoUrl: row.photo_file_id ? `/api/v1/users/${actor.userId}/photo?v=${row.photo_file_id}` : null,
      version: row.version,
    },
    unit: { id: actor.unitId, code: row.unit_code, name: row.unit_name, path: actor.unitPath },
    company: { id: actor.companyId, code: row.company_code, name: row.company_name },
    grants: actor.grants.map((g) => ({
      id: g.id,
      role: g.role,
      scope: {
        kind: g.scope.kind,
        companyId: g.scope.kind === 'company' ? g.scope.companyId : null,
        unitId: g.scope.kind === 'unit' ? g.scope.unitId : null,
        name: scopeNames(g.scope),
      },
    })),
    permissions,
    modules: MODULE_TILES.filter((m) => tiles.has(m)),
    can: {
      manageUsers: can(actor, 'user:manage'),
      manageOrganisation: can(actor, 'org:manage'),
      manageSettings: can(actor, 'settings:manage'),
      manageOrganisationSettings: canOrganisationWide(actor, 'settings:manage'),
      readAudit: can(actor, 'audit:read'),
      manageWebhooks: can(actor, 'webhook:manage'),
    },
  };
}

async function namesOfScopes(tx: Tx, actor: Actor) {
  const unitIds = actor.grants.flatMap((g) => (g.scope.kind === 'unit' ? [g.scope.unitId] : []));
  const companyIds = actor.grants.flatMap((g) => (g.scope.kind === 'company' ? [g.scope.companyId] : []));
  const units = new Map<number, string>();
  const companies = new Map<number, string>();
  if (unitIds.length) {
    const { rows } = await tx.execute<{ id: number; name: string }>(sql`SELECT id, name FROM units WHERE id IN ${unitIds}`);
    for (const r of rows) units.set(Number(r.id), r.name);
  }
  if (companyIds.length) {
    const { rows } = await tx.execute<{ id: number; name: string }>(sql`SELECT id, name FROM companies WHERE id IN ${companyIds}`);
    for (const r of rows) companies.set(Number(r.id), r.name);
  }
  return (scope: Actor['grants'][number]['scope']) =>
    scope.kind === 'organisation'
      ? ''
      : scope.kind === 'company'
        ? (companies.get(scope.companyId) ?? '')
        : (units.get(scope.unitId) ?? '');
}
