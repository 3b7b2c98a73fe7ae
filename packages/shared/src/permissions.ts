import type { Role } from './roles.ts';

/**
 * Permission names, grouped by the module tile they unlock. Later modules add
 * their own; a role's powers are the union of the permissions listed for it.
 */
export const MODULE_PERMISSIONS = {
  core: ['profile:read', 'profile:update', 'attendance:record', 'attendance:read', 'attendance:manage', 'leave:approve'],
  service_desk: [
    'ticket:create',
    'ticket:read',
    'ticket:work',
    'ticket:assign',
    'ticket:lead',
    'knowledge:write',
    'knowledge:review',
    'problem:manage',
  ],
  catalog: ['catalog:browse', 'catalog:provide', 'catalog:approve', 'request:approve'],
  billing: ['charge:read', 'invoice:manage', 'billing:admin', 'billing:decide'],
  reports: ['report:read'],
  administration: ['user:read', 'user:manage', 'grant:manage', 'org:manage', 'settings:manage', 'audit:read'],
  changes: ['change:request', 'change:manage', 'change:vote', 'change:implement'],
} as const;

export type ModuleCode = keyof typeof MODULE_PERMISSIONS;
export type Permission = (typeof MODULE_PERMISSIONS)[ModuleCode][number];

export const ALL_PERMISSIONS = Object.values(MODULE_PERMISSIONS).flat() as Permission[];

/** Landing-page tiles in display order; `changes` shares the Service Desk tile. */
export const MODULE_TILES = ['core', 'service_desk', 'catalog', 'billing', 'reports', 'administration'] as const;
export type ModuleTile = (typeof MODULE_TILES)[number];

const base: Permission[] = ['profile:read', 'profile:update', 'attendance:record'];

export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  requester: [...base, 'ticket:create', 'ticket:read', 'catalog:browse'],
  agent: [...base, 'ticket:create', 'ticket:read', 'ticket:work', 'ticket:assign', 'knowledge:write', 'problem:manage'],
  team_lead: [
    ...base,
    'ticket:create',
    'ticket:read',
    'ticket:work',
    'ticket:assign',
    'ticket:lead',
    'report:read',
    'knowledge:write',
    'knowledge:review',
    'problem:manage',
  ],
  service_provider: [...base, 'catalog:browse', 'catalog:provide', 'ticket:read', 'ticket:work'],
  catalog_manager: [...base, 'catalog:browse', 'catalog:approve'],
  approver: [...base, 'catalog:browse', 'request:approve', 'leave:approve'],
  billing_coordinator: [...base, 'charge:read', 'invoice:manage', 'request:approve'],
  billing_admin: [...base, 'charge:read', 'invoice:manage', 'billing:admin'],
  change_requester: [...base, 'change:request'],
  change_manager: [...base, 'change:request', 'change:manage'],
  cab_member: [...base, 'change:vote'],
  implementer: [...base, 'change:implement'],
  executive: [...base, 'ticket:read', 'report:read', 'charge:read', 'billing:decide', 'attendance:read'],
  division_admin: [...base, 'user:read', 'user:manage', 'grant:manage', 'attendance:read', 'attendance:manage', 'leave:approve'],
  administrator: [...ALL_PERMISSIONS],
};

/** The tile a permission belongs to (changes live under the Service Desk tile). */
export function tileOf(permission: Permission): ModuleTile {
  for (const [module, perms] of Object.entries(MODULE_PERMISSIONS)) {
    if ((perms as readonly string[]).includes(permission)) {
      return module === 'changes' ? 'service_desk' : (module as ModuleTile);
    }
  }
  throw new Error(`unknown permission ${permission}`);
}

/**
 * What an API token may be used for. A token acts as its owner narrowed to the
 * permissions of its scopes (never more than the owner holds); routes open to
 * any signed-in user are closed to tokens.
 */
export const TOKEN_SCOPES = ['changes:write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_PERMISSIONS: Record<TokenScope, Permission[]> = {
  // A pipeline raises standard changes from templates and asks the deployment gate.
  'changes:write': ['change:request'],
};
