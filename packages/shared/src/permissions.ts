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
  administration: ['user:read', 'user:manage', 'grant:manage', 'org:manage', 'settings:manage', 'audit:read', 'webhook:manage'],
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
  division_admin: [
    ...base,
    'user:read',
    'user:manage',
    'grant:manage',
    'attendance:read',
    'attendance:manage',
    'leave:approve',
    'webhook:manage',
  ],
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
 * What an API token may be used for. A token without scopes acts as its owner
 * (everything the owner may do, except managing tokens); a scoped token acts
 * as its owner narrowed to its scopes: a route naming permissions needs one of
 * the scope's permissions, a route open to any signed-in user needs a scope
 * covering its record, and a `read` scope reaches only GET and HEAD.
 */
export const TOKEN_SCOPES = [
  'tickets:read',
  'tickets:write',
  'requests:read',
  'requests:write',
  'changes:read',
  'changes:write',
  'billing:read',
  'reports:read',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface TokenScopeRule {
  permissions: Permission[];
  /** Row policies (`access.signedIn(record)`) the scope opens. */
  records: string[];
  /** false: reads only (GET and HEAD). */
  writes: boolean;
}

const CHANGE_ROLES: Permission[] = ['change:request', 'change:manage', 'change:vote', 'change:implement'];

export const TOKEN_SCOPE_RULES: Record<TokenScope, TokenScopeRule> = {
  'tickets:read': { permissions: ['ticket:read'], records: ['ticket'], writes: false },
  'tickets:write': { permissions: ['ticket:read', 'ticket:create', 'ticket:work', 'ticket:assign'], records: ['ticket'], writes: true },
  'requests:read': { permissions: ['catalog:browse'], records: ['request', 'catalog.item', 'approval'], writes: false },
  'requests:write': { permissions: ['catalog:browse', 'request:approve'], records: ['request', 'catalog.item', 'approval'], writes: true },
  'changes:read': { permissions: CHANGE_ROLES, records: [], writes: false },
  // A pipeline raises standard changes from templates and asks the deployment gate.
  'changes:write': { permissions: ['change:request'], records: [], writes: true },
  'billing:read': { permissions: ['charge:read', 'invoice:manage', 'billing:decide'], records: [], writes: false },
  'reports:read': { permissions: ['report:read'], records: [], writes: false },
};

/** What a scoped token may do for one HTTP method: the permissions and row policies of its scopes that allow it. */
export function tokenAllowance(scopes: readonly string[], method: string): { permissions: Permission[]; records: string[] } {
  const read = method === 'GET' || method === 'HEAD';
  const rules = scopes.map((s) => TOKEN_SCOPE_RULES[s as TokenScope]).filter((r) => r && (r.writes || read));
  return { permissions: [...new Set(rules.flatMap((r) => r.permissions))], records: [...new Set(rules.flatMap((r) => r.records))] };
}

/** Events an outgoing webhook may subscribe to. */
export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'ticket.status_changed',
  'ticket.commented',
  'request.status_changed',
  'approval.decided',
  'charge.recorded',
  'invoice.issued',
  'invoice.paid',
  'invoice.disputed',
  'change.status_changed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
