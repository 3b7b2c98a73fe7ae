import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../src/platform/db/client.ts';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { Jobs } from '../src/platform/jobs/jobs.ts';
import { seedDemo } from '../src/seed/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL without database name, e.g. postgres://u:p@127.0.0.1:port */
    pgServerUrl: string;
    templateDatabase: string;
  }
}

/**
 * One real PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL's
 * server), with a template database holding the migrated schema and the demo
 * organisation. Each test file clones it into a database of its own.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  let stopServer = async () => {};
  let serverUrl: string;
  let dir: string | undefined;
  if (external) {
    serverUrl = external.replace(/\/[^/]*$/, '');
  } else {
    dir = mkdtempSync(join(tmpdir(), 'ish-test-pg-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = await startEmbeddedPostgres(dir, port);
    serverUrl = server.url.replace(/\/ish$/, '');
    stopServer = server.stop;
  }
  const template = `ish_template_${process.pid}`;
  const admin = connect(`${serverUrl}/postgres`, 1);
  await admin.pool.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.pool.query(`CREATE DATABASE ${template}`);
  const db = connect(`${serverUrl}/${template}`, 2);
  await migrate(db.pool);
  await db.db.transaction((tx) => seedDemo(tx));
  await db.close();
  // Install pg-boss's schema once, so each cloned database opens its queue quickly.
  const jobs = new Jobs(`${serverUrl}/${template}`);
  await jobs.start({ workers: false });
  await jobs.stop();
  await admin.close();
  project.provide('pgServerUrl', serverUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await stopServer();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
