import { type Locale, type Permission, ROLE_PERMISSIONS, type Role } from '@ish/shared';
import { forbidden } from '../http/errors.ts';

/** Where a grant applies: everywhere, one company, or one unit and its sub-units. */
export type Scope =
  | { kind: 'organisation' }
  | { kind: 'company'; companyId: number }
  | { kind: 'unit'; unitId: number; unitPath: string; companyId: number };

export interface Grant {
  id: number;
  role: Role;
  scope: Scope;
}

/** The signed-in user as every service sees them. */
export interface Actor {
  userId: number;
  email: string;
  name: string;
  unitId: number;
  unitPath: string;
  companyId: number;
  locale: Locale;
  timeZone: string | null;
  grants: Grant[];
  sessionId: string | null;
  /** Set when the caller authenticated with an API token (audit entries name it). */
  token?: { id: number; name: string; kind: 'personal' | 'service' };
  /**
   * Set when the token is narrowed to scopes: only these of the owner's
   * permissions count, and of the routes open to any signed-in user only those
   * whose row policy is in `tokenRecords`.
   */
  tokenPermissions?: readonly Permission[];
  tokenRecords?: readonly string[];
}

/** Where something lives, for scope checks. */
export interface Placement {
  companyId: number;
  unitPath: string;
}

export function scopeCovers(scope: Scope, target: Placement): boolean {
  switch (scope.kind) {
    case 'organisation':
      return true;
    case 'company':
      return scope.companyId === target.companyId;
    case 'unit':
      return target.unitPath.startsWith(scope.unitPath);
  }
}

/** Does `outer` contain every place `inner` covers? */
export function scopeContains(outer: Scope, inner: Scope): boolean {
  if (outer.kind === 'organisation') return true;
  if (inner.kind === 'organisation') return false;
  if (outer.kind === 'company') return inner.companyId === outer.companyId;
  return inner.kind === 'unit' && inner.unitPath.startsWith(outer.unitPath);
}

/** The scopes in which the actor holds `permission`. */
export function scopesFor(actor: Actor, permission: Permission): Scope[] {
  if (actor.tokenPermissions && !actor.tokenPermissions.includes(permission)) return [];
  return actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission)).map((g) => g.scope);
}

export function permissionsOf(actor: Actor): Permission[] {
  const held = new Set(actor.grants.flatMap((g) => ROLE_PERMISSIONS[g.role]));
  return [...held].filter((p) => !actor.tokenPermissions || actor.tokenPermissions.includes(p)).sort();
}

/** Holds `permission` somewhere (or, with `at`, at that place). */
export function can(actor: Actor, permission: Permission, at?: Placement): boolean {
  return scopesFor(actor, permission).some((s) => at === undefined || scopeCovers(s, at));
}

/** Holds `permission` for the whole organisation (what belongs to no company: mail server, templates, backups). */
export function canOrganisationWide(actor: Actor, permission: Permission): boolean {
  return scopesFor(actor, permission).some((s) => s.kind === 'organisation');
}

export function assertCan(actor: Actor, permission: Permission, at?: Placement): void {
  if (!can(actor, permission, at)) throw forbidden();
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}
