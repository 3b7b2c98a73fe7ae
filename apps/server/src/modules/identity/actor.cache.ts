import type { Actor } from '../../platform/authz/actor.ts';
import type { CacheBus, Invalidation, LocalCache } from '../../platform/cache/cache-bus.ts';

/**
 * The actor behind a session or API token is cached per process for a few seconds (keyed by the
 * hash of the secret), so a burst of requests costs no session, user or grant queries. The
 * database announces every change that could alter it (migration 0113): the user row (deactivated,
 * moved, locale, time zone, name), their grants, sessions (sign-out, password change, revoke) and
 * tokens (revoke), and any unit (paths). Such a change drops the user's entries in every process.
 */
const touchesActor = <E extends { actor: Actor }>(change: Invalidation, _key: string, entry: E): boolean =>
  change.topic === 'units' || (change.topic === 'users' && (change.keys === null || change.keys.has(String(entry.actor.userId))));

/** Freezes what is shared between requests, so no request can change another's actor. */
export function frozen(actor: Actor): Actor {
  for (const grant of actor.grants) Object.freeze(grant);
  Object.freeze(actor.grants);
  return Object.freeze(actor);
}

export interface CachedSession {
  actor: Actor;
  lastSeenAt: number;
  expiresAt: number;
}

export interface CachedToken {
  /** The owner, placed and narrowed for a service token; the per-request scope narrowing is applied on top. */
  actor: Actor;
  tokenId: number;
  scopes: string[];
  expiresAt: number;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
}

export const sessionCache = (bus: CacheBus): LocalCache<CachedSession> => bus.cache('actor:session', touchesActor<CachedSession>);
export const tokenCache = (bus: CacheBus): LocalCache<CachedToken> => bus.cache('actor:token', touchesActor<CachedToken>);
