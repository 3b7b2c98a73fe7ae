import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError } from '../http/errors.ts';

/** How many attempts pass freely and how long to wait after each further one. */
export interface ThrottlePolicy {
  /** Attempts allowed back to back; the one that reaches this count starts the first wait. */
  free: number;
  /** Wait in seconds after the `n`-th attempt beyond the free ones (n = 1, 2, …). */
  waitSeconds(n: number): number;
  /** Counts fall back to zero after this long without an attempt. */
  forgetAfterSeconds: number;
}

/** 30 s, 1 min, 2 min, … doubling up to 15 minutes. */
export const growingWait = (n: number) => Math.min(15 * 60, 30 * 2 ** (n - 1));

type Row = {
  key: string;
  attempts: number;
  blocked_until: Date | null;
  updated_at: Date;
};

/**
 * Claims one attempt on every key at once, before the costly or guessable
 * step (a password check) runs. The rows are locked in key order in one
 * transaction, so parallel requests are counted one after another: of 40
 * simultaneous guesses exactly `free` get through and the rest wait. A key
 * still waiting refuses with 429 and counts nothing. After a success call
 * `succeeded()`: keys marked `reset` start over, the others only give back
 * this attempt (so a success of one's own cannot wipe an address's record).
 */
export async function claimAttempt(
  db: Db,
  claims: { key: string; policy: ThrottlePolicy; onSuccess: 'reset' | 'undo' }[],
  now: Date = new Date(),
): Promise<{ succeeded(): Promise<void> }> {
  const sorted = [...claims].sort((a, b) => a.key.localeCompare(b.key));
  await db.transaction(async (tx) => {
    const rows = new Map<string, Row>();
    for (const { key } of sorted) {
      // Creates the row if needed and locks it until the transaction ends.
      const { rows: found } = await tx.execute<Row>(sql`
        INSERT INTO login_throttles (key, attempts, updated_at) VALUES (${key}, 0, ${now})
        ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
        RETURNING key, attempts, blocked_until, updated_at`);
      if (found[0]) rows.set(key, found[0]);
    }
    let waitSeconds = 0;
    for (const row of rows.values()) {
      const until = row.blocked_until ? new Date(row.blocked_until).getTime() : 0;
      if (until > now.getTime()) waitSeconds = Math.max(waitSeconds, Math.ceil((until - now.getTime()) / 1000));
    }
    if (waitSeconds > 0) throw rateLimited(waitSeconds);
    for (const { key, policy } of sorted) {
      const row = rows.get(key);
      if (!row) continue;
      const idleSeconds = (now.getTime() - new Date(row.updated_at).getTime()) / 1000;
      const attempts = (idleSeconds > policy.forgetAfterSeconds ? 0 : row.attempts) + 1;
      const beyond = attempts - policy.free + 1;
      const blockedUntil = beyond >= 1 ? new Date(now.getTime() + policy.waitSeconds(beyond) * 1000) : null;
      await tx.execute(sql`
        UPDATE login_throttles SET attempts = ${attempts}, blocked_until = ${blockedUntil}, updated_at = ${now} WHERE key = ${key}`);
    }
  });
  return {
    async succeeded() {
      for (const { key, onSuccess } of sorted) {
        if (onSuccess === 'reset') await db.execute(sql`DELETE FROM login_throttles WHERE key = ${key}`);
        else await db.execute(sql`UPDATE login_throttles SET attempts = greatest(attempts - 1, 0) WHERE key = ${key}`);
      }
    },
  };
}

/** 429 problem with the wait in minutes for people and in seconds for Retry-After. */
export function rateLimited(waitSeconds: number): AppError {
  return new AppError(429, 'RATE_LIMITED', { minutes: Math.max(1, Math.ceil(waitSeconds / 60)) }, undefined, {
    retryAfterSeconds: waitSeconds,
  });
}
