import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { MAIL_SEND } from '../../platform/mail/mail.job.ts';
import type { MailMessage } from '../../platform/mail/mailer.ts';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/security/passwords.ts';
import { assertNotLocked, hit, lock } from '../../platform/security/rate-limit.ts';
import { newToken, sha256 } from '../../platform/security/tokens.ts';
import { readSetting } from '../settings/index.ts';
import { loadActor } from './actor.loader.ts';
import { loginAttempts, passwordResets, users } from './identity.tables.ts';
import { createSession, destroySession, destroyUserSessions } from './sessions.ts';

const LOCK_MINUTES = 15;
const WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 20;
const RESET_VALID_MINUTES = 60;

const emailKey = (email: string) => `login:email:${email.toLowerCase()}`;
const ipKey = (ip: string) => `login:ip:${ip}`;

/** At least 10 characters with a letter and a digit. */
export function assertStrongPassword(password: string): void {
  if (password.length < 10 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw new AppError(400, 'WEAK_PASSWORD', {}, [{ path: 'newPassword', message: 'WEAK_PASSWORD' }]);
  }
}

/**
 * Signs in with email and password. Unknown and known emails answer alike
 * (same error, a decoy hash so the timing matches). After 5 failures for an
 * account or 20 from an address within 15 minutes, further attempts get 429
 * for 15 minutes. Every attempt is audited.
 */
export async function login(
  ctx: AppContext,
  input: { email: string; password: string },
  source: AuditSource,
  userAgent?: string,
): Promise<{ token: string; actor: Actor }> {
  const { db } = ctx;
  const email = input.email.toLowerCase();
  const ip = source.ip ?? 'unknown';
  const audit = (action: string, userId: number | null) =>
    recordAudit(
      db,
      { ...source, actorId: userId, actorEmail: email },
      { action, targetType: 'user', targetId: userId ?? undefined, after: { email } },
    );
  try {
    await assertNotLocked(db, emailKey(email));
    await assertNotLocked(db, ipKey(ip));
  } catch (error) {
    if (error instanceof AppError) await audit('auth.login_refused', null);
    throw error;
  }

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  const ok = valid && user?.active === true;
  await db.insert(loginAttempts).values({ email, ip, success: ok });

  if (!ok || !user) {
    await audit('auth.login_failed', user?.id ?? null);
    await lockIfTooManyFailures(ctx, email, ip);
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  return db.transaction(async (tx) => {
    const token = await createSession(tx, ctx.env, user.id, ip, userAgent);
    await recordAudit(
      tx,
      { ...source, actorId: user.id, actorEmail: email },
      { action: 'auth.login', targetType: 'user', targetId: user.id },
    );
    const actor = await loadActor(tx, user.id, sha256(token));
    if (!actor) throw new AppError(401, 'INVALID_CREDENTIALS');
    return { token, actor };
  });
}

async function lockIfTooManyFailures(ctx: AppContext, email: string, ip: string): Promise<void> {
  // Failures since the account's last success count; an address's failures always count.
  const { rows } = await ctx.db.execute<{ account: number; address: number }>(sql`
    SELECT
      (SELECT count(*)::int FROM login_attempts a WHERE a.email = ${email} AND NOT a.success
         AND a.at > now() - make_interval(mins => ${WINDOW_MINUTES})
         AND a.at > coalesce((SELECT max(s.at) FROM login_attempts s WHERE s.email = ${email} AND s.success), '-infinity')) AS account,
      (SELECT count(*)::int FROM login_attempts a WHERE a.ip = ${ip} AND NOT a.success
         AND a.at > now() - make_interval(mins => ${WINDOW_MINUTES})) AS address`);
  const counts = rows[0];
  if (!counts) return;
  if (counts.account >= MAX_FAILURES_PER_ACCOUNT) await lock(ctx.db, emailKey(email), LOCK_MINUTES);
  if (counts.address >= MAX_FAILURES_PER_ADDRESS) await lock(ctx.db, ipKey(ip), LOCK_MINUTES);
}

export async function logout(ctx: AppContext, actor: Actor, source: AuditSource): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (actor.sessionId) await destroySession(tx, actor.sessionId);
    await recordAudit(tx, source, { action: 'auth.logout', targetType: 'user', targetId: actor.userId });
  });
}

export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  source: AuditSource,
): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAudit(ctx.db, source, { action: 'auth.password_change_failed', targetType: 'user', targetId: actor.userId });
    throw new AppError(400, 'CURRENT_PASSWORD_WRONG', {}, [{ path: 'currentPassword', message: 'CURRENT_PASSWORD_WRONG' }]);
  }
  assertStrongPassword(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.userId));
    await destroyUserSessions(tx, actor.userId, actor.sessionId);
    await recordAudit(tx, source, { action: 'auth.password_changed', targetType: 'user', targetId: actor.userId });
  });
}

/**
 * Sends a single-use reset link valid for one hour. Answers the same whether
 * or not the email is registered; rate limited per address and per email.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, source: AuditSource): Promise<void> {
  const normalized = email.toLowerCase();
  await hit(ctx.db, `reset:ip:${source.ip ?? 'unknown'}`, 10, 15);
  await hit(ctx.db, `reset:email:${normalized}`, 3, 15);
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.email, normalized), eq(users.active, true)));
  await recordAudit(
    ctx.db,
    { ...source, actorId: user?.id ?? null, actorEmail: normalized },
    {
      action: 'auth.password_reset_requested',
      targetType: 'user',
      targetId: user?.id,
      after: { email: normalized },
    },
  );
  if (!user) return;
  const token = newToken();
  await ctx.db.insert(passwordResets).values({
    tokenHash: sha256(token),
    userId: user.id,
    expiresAt: new Date(Date.now() + RESET_VALID_MINUTES * 60_000),
  });
  const { value: identity } = await readSetting(ctx.db, 'identity');
  const params = { name: user.name, organisation: identity.organisationName, link: `${ctx.env.PUBLIC_URL}/reset-password?token=${token}` };
  const message: MailMessage = {
    to: user.email,
    subject: t(user.locale, 'auth.reset.mail.subject', params),
    text: t(user.locale, 'auth.reset.mail.body', params),
  };
  await ctx.jobs.send(MAIL_SEND, message);
}

export async function resetPassword(ctx: AppContext, input: { token: string; newPassword: string }, source: AuditSource): Promise<void> {
  assertStrongPassword(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(
        and(eq(passwordResets.tokenHash, sha256(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)),
      )
      .returning();
    if (!reset) throw new AppError(400, 'RESET_TOKEN_INVALID');
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, reset.userId));
    await destroyUserSessions(tx, reset.userId);
    await recordAudit(
      tx,
      { ...source, actorId: reset.userId },
      { action: 'auth.password_reset', targetType: 'user', targetId: reset.userId },
    );
  });
}
