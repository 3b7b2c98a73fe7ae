import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Env } from '../../env.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { newToken, sha256 } from '../../platform/security/tokens.ts';
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
 * `last_seen_at` at most once a minute to keep reads cheap.
 */
export async function resolveSession(tx: Tx, env: Env, token: string): Promise<Actor | null> {
  const id = sha256(token);
  const idleCutoff = sql`now() - make_interval(mins => ${env.SESSION_IDLE_MINUTES})`;
  const [session] = await tx
    .update(sessions)
    .set({ lastSeenAt: sql`CASE WHEN ${sessions.lastSeenAt} < now() - interval '1 minute' THEN now() ELSE ${sessions.lastSeenAt} END` })
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`), gt(sessions.lastSeenAt, idleCutoff)))
    .returning({ userId: sessions.userId });
  if (!session) return null;
  return loadActor(tx, session.userId, id);
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
