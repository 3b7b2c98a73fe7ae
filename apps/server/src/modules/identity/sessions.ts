import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Env } from '../../env.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { cacheBusOf, type Tx } from '../../platform/db/client.ts';
import { newToken, sha256 } from '../../platform/security/tokens.ts';
import { frozen, sessionCache } from './actor.cache.ts';
import { loadActor } from './actor.loader.ts';
import { sessions } from './identity.tables.ts';

/** Creates a session and returns the cookie token (only its hash is stored). */
export async function createSession(tx: Tx, env: Env, userId: number, ip: string, userAgent: string | undefined): Promise<string> {
  const token = newToken();
  await tx.insert(sessions).values({
    id: sha256(token),
    userId,
    ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + env.SESSION_ABSOLUTE_HOURS * 3600_000),
  });
  return token;
}

/**
 * The actor behind a cookie token, or null when the session is unknown, idle
 * too long, past its absolute expiry or its user is deactivated. Touches
 * `last_seen_at` at most once a minute to keep reads cheap. The answer is cached
 * for a few seconds (see actor.cache.ts); a change to the session, user or grants
 * takes effect at once.
 */
export async function resolveSession(tx: Tx, env: Env, token: string): Promise<Actor | null> {
  const id = sha256(token);
  const bus = cacheBusOf(tx);
  const cache = bus?.live ? sessionCache(bus) : null;
  const now = Date.now();
  const hit = cache?.peek(id, now);
  if (hit && hit.expiresAt > now && now - hit.lastSeenAt < env.SESSION_IDLE_MINUTES * 60_000) return hit.actor;
  const generation = bus?.generation ?? 0;
  const [session] = await tx
    .select({ userId: sessions.userId, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, id),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${env.SESSION_IDLE_MINUTES})`),
      ),
    );
  if (!session) return null;
  // Reads stay reads: the idle clock is refreshed at most once a minute.
  let lastSeenAt = session.lastSeenAt.getTime();
  if (Date.now() - lastSeenAt > 60_000) {
    await tx.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
    lastSeenAt = Date.now();
  }
  const actor = await loadActor(tx, session.userId, id);
  if (!actor) return null;
  cache?.set(id, { actor: frozen(actor), lastSeenAt, expiresAt: session.expiresAt.getTime() }, generation);
  return actor;
}

export async function destroySession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a user out everywhere (password change or reset), optionally keeping the current session. */
export async function destroyUserSessions(tx: Tx, userId: number, keep?: string | null): Promise<void> {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), keep ? sql`${sessions.id} <> ${keep}` : undefined));
}

/** Housekeeping: drops sessions that can no longer be used. */
export async function purgeExpiredSessions(tx: Tx, env: Env): Promise<void> {
  await tx
    .delete(sessions)
    .where(
      or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${env.SESSION_IDLE_MINUTES})`)),
    );
}
