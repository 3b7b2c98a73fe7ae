import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { deliver } from '../../platform/mail/mailer.ts';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/security/passwords.ts';
import { hit } from '../../platform/security/rate-limit.ts';
import { claimAttempt, growingWait, type ThrottlePolicy } from '../../platform/security/throttle.ts';
import { newToken, sha256 } from '../../platform/security/tokens.ts';
import { getSmtpConfig, readSetting } from '../settings/index.ts';
import { loadActor } from './actor.loader.ts';
import { loginAttempts, passwordResets, users } from './identity.tables.ts';
import { passwordLoginAllowed } from './oidc.service.ts';
import { createSession, destroySession, destroyUserSessions } from './sessions.ts';

const RESET_VALID_MINUTES = 60;
export const PASSWORD_RESET_JOB = 'auth.password-reset';
export const AUTH_SWEEP_JOB = 'auth.sweep';

/**
 * One client guessing one account: five tries back to back, then waits of
 * 30 s, 1, 2, 4, 8 and at most 15 minutes between tries. Other clients (the
 * account's owner elsewhere) are not held back.
 */
export const ACCOUNT_CLIENT_POLICY: ThrottlePolicy = { free: 5, waitSeconds: growingWait, forgetAfterSeconds: 24 * 3600 };
/** One address across accounts: 20 tries, then 15 minutes. */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 20, waitSeconds: () => 15 * 60, forgetAfterSeconds: 15 * 60 };

/** At least 10 characters with a letter and a digit. */
export function assertStrongPassword(password: string): void {
  if (password.length < 10 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw new AppError(400, 'WEAK_PASSWORD', {}, [{ path: 'newPassword', message: 'WEAK_PASSWORD' }]);
  }
}

/**
 * Signs in with email and password. Unknown and known emails answer alike
 * (same error, a decoy hash so the timing matches). Before the password is
 * checked an attempt is claimed for this account from this client and for
 * this client's address (see ACCOUNT_CLIENT_POLICY, ADDRESS_POLICY), so
 * parallel guesses cannot overrun the limit and an attack from one client
 * never keeps the owner out from another. Every attempt is audited.
 */
export async function login(
  ctx: AppContext,
  input: { email: string; password: string },
  source: AuditSource,
  userAgent?: string,
  now: Date = new Date(),
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
  let attempt: Awaited<ReturnType<typeof claimAttempt>>;
  try {
    attempt = await claimAttempt(
      db,
      [
        { key: `login:account:${email}:client:${ip}`, policy: ACCOUNT_CLIENT_POLICY, onSuccess: 'reset' },
        { key: `login:ip:${ip}`, policy: ADDRESS_POLICY, onSuccess: 'undo' },
      ],
      now,
    );
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
    throw new AppError(401, 'INVALID_CREDENTIALS');
  }
  await attempt.succeeded();
  // A company may sign in through its identity provider only; its Administrators keep a break-glass password.
  const placed = await loadActor(db, user.id);
  if (placed && !(await passwordLoginAllowed(db, placed.companyId, placed.grants))) {
    await audit('auth.login_refused_sso_only', user.id);
    throw new AppError(403, 'PASSWORD_LOGIN_DISABLED');
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
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: now, version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.userId));
    await destroyUserSessions(tx, actor.userId, actor.sessionId);
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, actor.userId), isNull(passwordResets.usedAt)));
    await recordAudit(tx, source, { action: 'auth.password_changed', targetType: 'user', targetId: actor.userId });
  });
}

/**
 * Accepts a reset request. The answer takes the same time for registered and
 * unknown addresses: only rate limits run here (per address and per email,
 * alike for both), the lookup and the mail happen in a job.
 */
export async function requestPasswordReset(ctx: AppContext, email: string, source: AuditSource): Promise<void> {
  const normalized = email.toLowerCase();
  await hit(ctx.db, `reset:ip:${source.ip ?? 'unknown'}`, 10, 15);
  await hit(ctx.db, `reset:email:${normalized}`, 3, 15);
  await ctx.jobs.send(PASSWORD_RESET_JOB, { email: normalized, ip: source.ip ?? null } satisfies PasswordResetJob);
}

interface PasswordResetJob {
  email: string;
  ip: string | null;
}

/**
 * Issues a single-use reset link valid for one hour and mails it. Only the
 * token's hash is stored and the job carries no link: the link exists only
 * in the message being sent. A new token invalidates the older ones; a retry
 * (mail server down) issues a fresh one.
 */
export function passwordResetJob(ctx: AppContext): JobDefinition<PasswordResetJob> {
  return {
    name: PASSWORD_RESET_JOB,
    retryLimit: 4,
    retryDelaySeconds: 30,
    async handle({ email, ip }) {
      const [user] = await ctx.db
        .select()
        .from(users)
        .where(and(eq(users.email, email), eq(users.active, true)));
      await recordAudit(
        ctx.db,
        { actorId: user?.id ?? null, actorEmail: email, ip },
        { action: 'auth.password_reset_requested', targetType: 'user', targetId: user?.id, after: { email } },
      );
      if (!user) return;
      const smtp = await getSmtpConfig(ctx.db, ctx.env);
      if (!smtp) return;
      const token = newToken();
      await ctx.db.transaction(async (tx) => {
        await tx
          .update(passwordResets)
          .set({ usedAt: ctx.clock.now() })
          .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
        await tx.insert(passwordResets).values({
          tokenHash: sha256(token),
          userId: user.id,
          expiresAt: new Date(Date.now() + RESET_VALID_MINUTES * 60_000),
        });
      });
      const { value: identity } = await readSetting(ctx.db, 'identity');
      const params = {
        name: user.name,
        organisation: identity.organisationName,
        link: `${ctx.env.PUBLIC_URL}/reset-password?token=${token}`,
      };
      await deliver(smtp, {
        to: user.email,
        subject: t(user.locale, 'auth.reset.mail.subject', params),
        text: t(user.locale, 'auth.reset.mail.body', params),
      });
    },
  };
}

/** Forgets idle sign-in throttles, old rate-limit hits and single sign-ons never finished (hourly). */
export function authSweepJob(ctx: AppContext): JobDefinition<object> {
  return {
    name: AUTH_SWEEP_JOB,
    retryLimit: 1,
    schedule: '17 * * * *',
    async handle() {
      await ctx.db.execute(
        sql`DELETE FROM login_throttles WHERE updated_at < now() - interval '1 day' AND coalesce(blocked_until, '-infinity') < now()`,
      );
      await ctx.db.execute(sql`DELETE FROM rate_limit_hits WHERE at < now() - interval '1 day'`);
      await ctx.db.execute(sql`DELETE FROM rate_limit_locks WHERE until < now()`);
      await ctx.db.execute(sql`DELETE FROM oidc_logins WHERE expires_at < now()`);
    },
  };
}

export async function resetPassword(ctx: AppContext, input: { token: string; newPassword: string }, source: AuditSource): Promise<void> {
  assertStrongPassword(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(eq(passwordResets.tokenHash, sha256(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)),
      )
      .returning();
    if (!reset) throw new AppError(400, 'RESET_TOKEN_INVALID');
    // Using one link spends every other link of this user.
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: now, version: sql`${users.version} + 1` })
      .where(eq(users.id, reset.userId));
    await destroyUserSessions(tx, reset.userId);
    await recordAudit(
      tx,
      { ...source, actorId: reset.userId },
      { action: 'auth.password_reset', targetType: 'user', targetId: reset.userId },
    );
  });
}
