import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { rateLimited } from './throttle.ts';

/** Refuses with 429 while `key` is locked. */
export async function assertNotLocked(tx: Tx, key: string): Promise<void> {
  const { rows } = await tx.execute<{ minutes: number }>(
    sql`SELECT ceil(extract(epoch FROM until - now()) / 60)::int AS minutes FROM rate_limit_locks WHERE key = ${key} AND until > now()`,
  );
  const row = rows[0];
  if (row) throw rateLimited(Math.max(1, row.minutes) * 60);
}

export async function lock(tx: Tx, key: string, minutes: number): Promise<void> {
  await tx.execute(sql`
    INSERT INTO rate_limit_locks (key, until) VALUES (${key}, now() + make_interval(mins => ${minutes}))
    ON CONFLICT (key) DO UPDATE SET until = EXCLUDED.until`);
}

/**
 * Counts a hit on `key` and refuses with 429 once more than `limit` hits fell
 * within the last `minutes` (public forms). State is in PostgreSQL, so every
 * server process shares it.
 */
export async function hit(tx: Tx, key: string, limit: number, minutes: number): Promise<void> {
  await assertNotLocked(tx, key);
  await tx.execute(sql`INSERT INTO rate_limit_hits (key) VALUES (${key})`);
  const { rows } = await tx.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM rate_limit_hits WHERE key = ${key} AND at > now() - make_interval(mins => ${minutes})`,
  );
  if ((rows[0]?.n ?? 0) > limit) {
    await lock(tx, key, minutes);
    throw rateLimited(minutes * 60);
  }
}
