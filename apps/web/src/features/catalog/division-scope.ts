import { type Permission, ROLE_PERMISSIONS, ROLES } from '@ish/shared';
import type { Me } from '../session/session.queries.ts';

/**
 * Divisions where the user holds a permission: a unit-scoped grant names its
 * unit; a company or organisation grant leaves every unit open.
 */
export function divisionsWith(me: Me, permission: Permission): number[] | 'any' {
  const roles = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
  const grants = me.grants.filter((g) => (roles as string[]).includes(g.role));
  if (grants.some((g) => g.scope.kind !== 'unit')) return 'any';
  return grants.flatMap((g) => (g.scope.unitId ? [g.scope.unitId] : []));
}
