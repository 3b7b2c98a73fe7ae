import { PRIVILEGED_ROLES, type Role } from '@ish/shared';
import { type Actor, type Placement, type Scope, scopeContains, scopeCovers, scopesFor } from '../../platform/authz/actor.ts';

// Who may see and manage which users and grants. Pure rules, deny by default.
// A Division Admin's powers stop at their own unit subtree; only an
// organisation-wide manager hands out organisation or company scopes, and only
// an Administrator grants Administrator.

export const canReadUser = (actor: Actor, at: Placement) => scopesFor(actor, 'user:read').some((s) => scopeCovers(s, at));
export const canManageUser = (actor: Actor, at: Placement) => scopesFor(actor, 'user:manage').some((s) => scopeCovers(s, at));
export const managesAnyUser = (actor: Actor) => scopesFor(actor, 'user:read').length > 0;

/**
 * Whose face and name may the actor see: colleagues of their own company,
 * people where they read users, and anyone for organisation-wide roles.
 */
export const canSeePerson = (actor: Actor, at: Placement) =>
  actor.companyId === at.companyId || canReadUser(actor, at) || actor.grants.some((g) => g.scope.kind === 'organisation');

function isAdministrator(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'administrator' && g.scope.kind === 'organisation');
}

/** May the actor give (or take away) `role` at `scope` to a user placed at `at`? */
export function canGrant(actor: Actor, at: Placement, role: Role, scope: Scope): boolean {
  if (PRIVILEGED_ROLES.includes(role) && !isAdministrator(actor)) return false;
  return scopesFor(actor, 'grant:manage').some((mine) => scopeCovers(mine, at) && scopeContains(mine, scope));
}
