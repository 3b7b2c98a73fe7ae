import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import pg from 'pg';
import { aimAt, type Fixtures, type Statement } from './statements.ts';

/**
 * The baseline: the app's own SQL for the queue, the ticket page and search,
 * run by a bare `node:http` handler on the bare `pg` driver with the app's pool
 * size. No framework, ORM, session, authorization or response schema — what is
 * left is what PostgreSQL and the network cost. Usage: node bench/baseline.ts FIXTURES.json PORT
 */
const [fixturesFile, port] = process.argv.slice(2);
const fixtures = JSON.parse(readFileSync(fixturesFile as string, 'utf8')) as Fixtures;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {}); // an idle client dropped by the server; the next query reconnects

/** All statements at once: the upper bound the driver allows (the app runs some of them in sequence). */
const run = async (statements: Statement[]) => Promise.all(statements.map((s) => pool.query(s.text, s.params).then((r) => r.rows)));

const routes: Record<string, (n: number) => Promise<unknown>> = {
  queue: () => run(fixtures.statements.queue),
  detail: (n) => run(aimAt(fixtures.statements.detail, fixtures.detailSlots, fixtures.detailIds[n % fixtures.detailIds.length] as number)),
  search: (n) => run(fixtures.statements.search[n % fixtures.statements.search.length] as Statement[]),
};

createServer(async (req, res) => {
  const [, name, n] = /^\/(\w+)\/(\d+)$/.exec(req.url ?? '') ?? [];
  const route = name ? routes[name] : undefined;
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  try {
    const body = JSON.stringify(await route(Number(n)));
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
