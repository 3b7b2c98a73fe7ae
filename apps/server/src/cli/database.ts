import pg from 'pg';
import type { Env } from '../env.ts';
import { startEmbeddedPostgres } from '../platform/db/embedded.ts';

/** The embedded database's address for this DATA_DIR/EMBEDDED_PG_PORT. */
export const embeddedUrl = (env: Env) => `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/ish`;

/** Whether a PostgreSQL answers at `url` (the server's embedded database while the server runs). */
export async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * The database the server uses: DATABASE_URL, else the embedded one — reached
 * where the running server keeps it up, or started here (and stopped by
 * `close`) when the server is down. `inUse` says the server holds it.
 */
export async function openServerDatabase(env: Env): Promise<{ url: string; inUse: boolean; close(): Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, inUse: false, close: async () => {} };
  const url = embeddedUrl(env);
  if (await answers(url)) return { url, inUse: true, close: async () => {} };
  const server = await startEmbeddedPostgres(env.DATA_DIR, env.EMBEDDED_PG_PORT);
  return { url: server.url, inUse: false, close: () => server.stop() };
}
