import { buildContext } from './context.ts';
import type { Env } from './env.ts';
import type { AppContext } from './platform/context.ts';
import { connect, type Database } from './platform/db/client.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './platform/db/embedded.ts';
import { migrate } from './platform/db/migrate.ts';

export interface Runtime {
  ctx: AppContext;
  database: Database;
  /** Stops jobs, closes the pool and stops the embedded server, in that order. */
  stop(): Promise<void>;
}

/** Opens the database (embedded unless DATABASE_URL), migrates it and prepares the job queue. */
export async function openRuntime(env: Env, log: { warn(msg: string): void }): Promise<Runtime> {
  let embedded: EmbeddedServer | undefined;
  let url = env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(env.DATA_DIR, env.EMBEDDED_PG_PORT);
    url = embedded.url;
  }
  const database = connect(url);
  try {
    await database.pool.query('SELECT 1');
    await migrate(database.pool);
  } catch (error) {
    await database.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw error;
  }
  const ctx = buildContext(env, database, url, log);
  return {
    ctx,
    database,
    async stop() {
      await ctx.jobs.stop().catch(() => {});
      await database.close().catch(() => {});
      await embedded?.stop().catch(() => {});
    },
  };
}
