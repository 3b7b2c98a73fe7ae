import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The e2e server's own database, for tests that act as a second server process. */
    databaseUrl: string;
  }
}

const root = join(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the real server the way `npm start` does (embedded PostgreSQL in a
 * fresh data directory, demo organisation, built web app) and hands its URL to
 * the browser tests.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(join(root, 'apps/web/dist/index.html'))) throw new Error('Build the web app first: npm run build -w @ish/web');
  const dataDir = mkdtempSync(join(tmpdir(), 'ish-e2e-'));
  const port = await freePort();
  const pgPort = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ['apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      // The journeys' SMS gateway and the single sign-on journey's identity provider listen on this machine,
      // which the outbound policy refuses by default.
      ALLOW_PRIVATE_OUTBOUND: 'true',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // A fresh database is created, migrated and seeded first: 20–40 s on a quiet machine, longer on a busy CI runner.
  const readyWithin = 180;
  const deadline = Date.now() + readyWithin * 1000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/ready`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not become ready in ${readyWithin} s`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('databaseUrl', `postgres://postgres:postgres@127.0.0.1:${pgPort}/ish`);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
