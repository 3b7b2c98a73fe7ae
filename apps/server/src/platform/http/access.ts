import type { Permission } from '@ish/shared';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { can, canOrganisationWide } from '../authz/actor.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';

/**
 * What a route requires, declared in its definition (`config.access`); the
 * server refuses to start with an API route that declares nothing.
 *
 * - `public`: reachable without a session.
 * - `signedIn`: any signed-in user (self-service, or a list the row policy narrows).
 * With `session` (either kind) only a person signed in with a session, never an API token.
 * - `permission`: holds at least one of `anyOf` somewhere, else 403 — checked
 *   before the body is read, the same answer for every record id.
 * - `organisation`: holds it for the whole organisation (what belongs to no
 *   company: the mail server, backups of every company's data, templates); a
 *   company's Administrator gets 403.
 *
 * `record` names the row policy the handler loads its record through: a record
 * outside the caller's reach answers 404, never 403, so its existence stays
 * hidden; a visible record the caller may not act on answers 403.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn'; record?: string; session?: true }
  | { kind: 'permission'; anyOf: readonly Permission[]; record?: string; session?: true; organisationWide?: true };

export const access = {
  public: (): Access => ({ kind: 'public' }),
  signedIn: (record?: string): Access => (record ? { kind: 'signedIn', record } : { kind: 'signedIn' }),
  /** A signed-in person with a session cookie: API tokens are refused (a token never makes or lists tokens). */
  session: (): Access => ({ kind: 'signedIn', session: true }),
  permission: (anyOf: Permission | readonly Permission[], record?: string): Access => ({
    kind: 'permission',
    anyOf: typeof anyOf === 'string' ? [anyOf] : anyOf,
    ...(record ? { record } : {}),
  }),
  organisation: (permission: Permission): Access => ({ kind: 'permission', anyOf: [permission], organisationWide: true }),
};

/** Holds `permission` where the route needs it: anywhere, or for the whole organisation. */
const holds = (actor: NonNullable<FastifyRequest['actor']>, permission: Permission, organisationWide?: true) =>
  organisationWide ? canOrganisationWide(actor, permission) : can(actor, permission);

/** Routes registered by plugins we trust to be public documentation. */
const UNDECLARED_OK = ['/api/docs'];

/** Refuses (throws at registration, so the server does not start) an API route without an access declaration. */
export function assertDeclared(route: RouteOptions): void {
  const url = route.url ?? '';
  if (!url.startsWith('/api')) return;
  if (UNDECLARED_OK.some((prefix) => url === prefix || url.startsWith(`${prefix}/`))) return;
  if (!(route.config as { access?: Access } | undefined)?.access) {
    throw new Error(`Route ${String(route.method)} ${url} declares no access (config.access): every API route must say who may call it`);
  }
}

/** The access a request's route declared (plugin routes outside /api are public files). */
export function accessOf(req: FastifyRequest): Access {
  return req.routeOptions.config.access ?? { kind: 'public' };
}

/** Enforces a route's declaration for the signed-in actor (or none): 401 without a session, 403 without the permission. */
export function enforceAccess(req: FastifyRequest): void {
  const declared = accessOf(req);
  if (declared.kind === 'public') return;
  if (!req.actor) throw unauthenticated();
  const actor = req.actor;
  if (actor.token && declared.session) throw new AppError(403, 'TOKEN_NOT_ALLOWED');
  if (declared.kind === 'signedIn') {
    // A scoped token reaches a route open to everyone signed in only when a scope covers its row policy.
    if (actor.tokenRecords && !(declared.record && actor.tokenRecords.includes(declared.record))) throw new AppError(403, 'TOKEN_SCOPE');
    return;
  }
  if (!declared.anyOf.some((p) => holds(actor, p, declared.organisationWide))) {
    // The owner may hold it, the token's scopes do not: say so rather than a bare 403.
    if (actor.tokenPermissions && !declared.anyOf.some((p) => actor.tokenPermissions?.includes(p))) throw new AppError(403, 'TOKEN_SCOPE');
    throw forbidden();
  }
}
