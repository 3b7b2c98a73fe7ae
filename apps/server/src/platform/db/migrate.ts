import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));
/** Any fixed number: every process that migrates takes the same lock. */
const MIGRATION_LOCK = 727_001;

/** The migrations this code has, in the order they apply. */
export const migrationNames = () =>
  readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();

/** Migrations this code has that the database has not applied (readiness). */
export async function pendingMigrations(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations');
  const done = new Set(rows.map((r) => r.name));
  return migrationNames().filter((f) => !done.has(f));
}

/**
 * Applies the SQL files in `migrations/` that have not run yet, in name order,
 * each in its own transaction, under an advisory lock so that several server
 * processes starting together migrate once.
 */
export async function migrate(pool: pg.Pool, options: { only?: Set<string> } = {}): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    // `only`: exactly the migrations a backup was taken under, before its rows are loaded.
    const pending = migrationNames().filter((f) => !done.has(f) && (!options.only || options.only.has(f)));
    for (const name of pending) {
      const sql = readFileSync(MIGRATIONS_DIR + name, 'utf8');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
    }
    return pending;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
