import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, type as osType, release, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../apps/server/src/seed/demo-accounts.ts';
import { flags, openBenchDatabase, positiveInt, ROOT } from './bench-db.ts';
import { SCENARIOS, type Scenario } from './scenarios.ts';
import { type Fixtures, loadFixtures } from './statements.ts';
import { entryJs, measurePages, type PageLoad } from './web.ts';

/**
 * `npm run bench`: the app in production mode on the seeded benchmark database,
 * driven over loopback by autocannon, next to a bare-driver baseline running
 * the same SQL, the built web app's first page in Chromium (scenario `web`) and
 * the server's cold start (scenario `cold-start`, --cold-runs N, 3).
 * Flags: --duration S (10), --warmup S (2), --connections N (16),
 * --only a,b, --explain (plans instead of load), --out FILE, --update-docs.
 */

interface Row {
  scenario: string;
  description: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Count of each non-2xx status, to tell a refusal from a failure. */
  failures: Record<string, number>;
  /** The app's throughput as a share of the bare-driver baseline's (same SQL). */
  ofBaseline?: number;
}

const args = flags();
const duration = positiveInt(args.get('duration'), 10, 'duration');
const warmup = Number(args.get('warmup') ?? 2);
const connections = positiveInt(args.get('connections'), 16, 'connections');
const only = args.get('only')?.split(',');
const log = (message: string) => console.log(message);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, pollMs = 250): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not answer within 120 s`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`Sign-in of ${email} failed with ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The transition scenario needs four tickets in progress per connection: filed and started through the API when the data has fewer. */
async function topUpInProgress(baseUrl: string, fixtures: Fixtures) {
  const missing = connections * 4 - fixtures.progressIds.length;
  if (missing <= 0) return;
  const [requester, lead] = [await signIn(baseUrl, DEMO_ACCOUNTS.requester.email), await signIn(baseUrl, DEMO_ACCOUNTS.team_lead.email)];
  const call = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const leadId = (await call(lead, 'GET', '/me')).user.id;
  for (let i = 0; i < missing; i++) {
    const ticket = await call(requester, 'POST', '/tickets', { title: 'Telepon IP tidak ada nada sambung', urgency: 'low', impact: 'low' });
    await call(lead, 'POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress', teamId: fixtures.teamId, assigneeId: leadId });
    fixtures.progressIds.push(ticket.id);
  }
  log(`Filed and started ${missing} tickets for the transition scenario`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One autocannon run; latencies are collected per response so that p95 can be reported exactly. */
async function drive(url: string, requests: autocannon.Request[], headers: Record<string, string>, seconds: number) {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers, requests }, (error, r) =>
      error ? reject(error) : resolve(r),
    );
    instance.on('response', (_client, status, _bytes, time) => {
      latencies.push(time);
      if (status >= 300) failures[status] = (failures[status] ?? 0) + 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    requests: result['2xx'],
    rps: result['2xx'] / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts + result.non2xx,
    failures,
  };
}

async function measure(
  name: string,
  description: string,
  url: string,
  requests: () => autocannon.Request[],
  headers: Record<string, string>,
) {
  if (warmup > 0) await drive(url, requests(), headers, warmup);
  const r = await drive(url, requests(), headers, duration);
  const row: Row = { scenario: name, description, ...r, rps: round(r.rps), p50: round(r.p50), p95: round(r.p95), p99: round(r.p99) };
  const statuses = Object.entries(r.failures).map(([status, n]) => `${n}×${status}`);
  log(`  ${name.padEnd(22)} ${String(row.rps).padStart(8)} req/s  p95 ${row.p95} ms  errors ${row.errors} ${statuses.join(' ')}`);
  return row;
}

function table(rows: Row[]): string {
  const lines = [
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | of baseline |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.ofBaseline === undefined ? '' : `${Math.round(r.ofBaseline * 100)} %`} |`,
    ),
  ];
  return lines.join('\n');
}

interface ColdStart {
  runs: number;
  /** What ran: `npm start`, or its script when the bench was not started by npm. */
  command: string;
  /** Spawn of `npm start` until /api/health answers 200, median. */
  healthMs: number;
  /** The same start with an invalid PORT, which exits right after loading the code: the share of loading code, median. */
  importMs: number;
}

/**
 * Cold start of an initialised instance: `npm start` on the benchmark database (migrated and seeded,
 * so the migrations check and the seed check find nothing to do; web app and server bundle built, so
 * nothing is rebuilt) until its health check answers, `runs` times.
 */
async function coldStart(env: NodeJS.ProcessEnv, runs: number): Promise<ColdStart> {
  const health: number[] = [];
  const imports: number[] = [];
  // npm itself is part of what `npm start` costs; without npm (node bench/run.ts) the script it runs.
  const npm = process.env.npm_execpath;
  const command = npm ? [npm, 'start'] : ['scripts/start.mjs'];
  // The first start builds what is stale (a bundle older than its sources): not part of a cold start.
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: ROOT,
      env: { ...env, PORT: 'not-a-port' },
      stdio: ['ignore', 'inherit', 'ignore'],
    }).once('exit', (c) => (c === 1 ? resolve() : reject(new Error(`building before the cold start exited with ${c}`)))),
  );
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const started = performance.now();
    // A process group of its own: npm runs the script through a shell that would not pass SIGTERM on.
    const child = spawn(process.execPath, command, { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: 'ignore', detached: true });
    const healthUrl = `http://127.0.0.1:${port}/api/health`;
    try {
      await waitFor(healthUrl, child, 50);
      health.push(performance.now() - started);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      // The server drains after npm has gone: wait until it no longer answers.
      for (
        let t = 0;
        t < 300 &&
        (await fetch(healthUrl).then(
          () => true,
          () => false,
        ));
        t++
      )
        await new Promise((r) => setTimeout(r, 100));
    }
    // The same script with an invalid PORT: it fails on its first step after loading the code.
    const importing = performance.now();
    await new Promise<void>((resolve, reject) =>
      spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env: { ...env, PORT: 'not-a-port' }, stdio: 'ignore' }).once(
        'exit',
        (c) => (c === 1 ? resolve() : reject(new Error(`loading the server exited with ${c}, not 1 for its invalid PORT`))),
      ),
    );
    imports.push(performance.now() - importing);
  }
  const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0);
  return { runs, command: npm ? 'npm start' : 'node scripts/start.mjs', healthMs: median(health), importMs: median(imports) };
}

function webTable(pages: PageLoad[]): string {
  return [
    '| first page (cold, Chromium) | JS before it renders, gzipped | JS files | translation bundles | rendered at (median of 3) |',
    '|---|---:|---:|---:|---:|',
    ...pages.map((p) => `| ${p.page} | ${p.jsGzipKb} kB | ${p.jsFiles} | ${p.localeFiles} | ${p.renderedMs} ms |`),
  ].join('\n');
}

/** EXPLAIN (ANALYZE, BUFFERS) of each scenario's statements; writes run inside a transaction that is rolled back. */
async function explain(pool: pg.Pool, scenarios: Scenario[], fixtures: Fixtures) {
  const client = await pool.connect();
  try {
    for (const scenario of scenarios) {
      log(`\n=== ${scenario.name}: ${scenario.description}`);
      for (const statement of scenario.explain(fixtures)) {
        await client.query('BEGIN');
        try {
          const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.params);
          log(`\n${statement.text.replace(/\s+/g, ' ').slice(0, 160)}…`);
          for (const row of rows) log(`  ${row['QUERY PLAN']}`);
        } finally {
          await client.query('ROLLBACK');
        }
      }
    }
  } finally {
    client.release();
  }
}

function updateDocs(markdown: string) {
  const file = join(ROOT, 'docs/benchmarks.md');
  const text = readFileSync(file, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const [before, rest] = text.split(start);
  const after = rest?.split(end)[1];
  if (before === undefined || after === undefined) throw new Error(`docs/benchmarks.md lacks the ${start} … ${end} markers`);
  writeFileSync(file, `${before}${start}\n${markdown}\n${end}${after}`);
}

async function main() {
  const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.name));
  const database = await openBenchDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on('error', () => {}); // an idle client dropped by the server; the next query reconnects
  const children: ChildProcess[] = [];
  try {
    // The schema the app would have: a run after a pull measures the new migrations' indexes.
    const applied = await migrate(pool);
    if (applied.length) {
      // A migration that rewrote rows leaves stale statistics and an empty visibility map (no
      // index-only scans) until autovacuum has passed; measure the database as it will settle.
      log(`Migrations applied (${applied.join(', ')}); VACUUM (ANALYZE) before measuring…`);
      await pool.query('VACUUM (ANALYZE)');
    }
    log('Reading fixtures and recording the app’s SQL…');
    const fixtures = await loadFixtures(pool);
    log(`${fixtures.tickets.toLocaleString('en')} tickets, PostgreSQL ${fixtures.postgres}`);
    if (args.has('explain')) {
      await explain(pool, scenarios, fixtures);
      return;
    }
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const serverEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      APP_SECRET: randomBytes(32).toString('hex'),
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
    };
    let cold: ColdStart | undefined;
    if (!only || only.includes('cold-start')) {
      cold = await coldStart(serverEnv, positiveInt(args.get('cold-runs'), 3, 'cold-runs'));
      log(
        `Cold start (${cold.command}): /api/health after ${cold.healthMs} ms, of which loading the code ${cold.importMs} ms (median of ${cold.runs})`,
      );
    }
    // --profile writes the server's CPU profile (open it in Chrome DevTools) when the run ends.
    const profile = args.has('profile') ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, '.bench/profiles')}`] : [];
    const server = spawn(process.execPath, [...profile, 'apps/server/src/main.ts'], {
      cwd: ROOT,
      env: { ...serverEnv, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(server);
    const fixturesFile = join(ROOT, '.bench/fixtures.json');
    mkdirSync(join(ROOT, '.bench'), { recursive: true });
    writeFileSync(fixturesFile, JSON.stringify(fixtures));
    const baselinePort = await freePort();
    const baseline = fork(join(import.meta.dirname, 'baseline.ts'), [fixturesFile, String(baselinePort)], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    children.push(baseline);
    await Promise.all([waitFor(`${baseUrl}/api/ready`, server), waitFor(`http://127.0.0.1:${baselinePort}/`, baseline)]);

    const cookies = new Map<string, string>();
    const cookieFor = async (scenario: Scenario) => {
      const email = DEMO_ACCOUNTS[scenario.as].email;
      if (!cookies.has(email)) cookies.set(email, await signIn(baseUrl, email));
      return cookies.get(email) as string;
    };
    let web: { entry: ReturnType<typeof entryJs>; pages: PageLoad[] } | undefined;
    if ((!only || only.includes('web')) && !existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
      log('Web app: not built, skipped (npm run build -w @ish/web)');
    } else if (!only || only.includes('web')) {
      web = { entry: entryJs(), pages: await measurePages(baseUrl, await signIn(baseUrl, DEMO_ACCOUNTS.requester.email)) };
      log(`Web app: entry ${web.entry.gzipKb} kB gzipped JavaScript in ${web.entry.files} files`);
      for (const p of web.pages)
        log(
          `  ${p.page.padEnd(22)} ${p.jsGzipKb} kB JS gzipped (${p.jsFiles} files, ${p.localeFiles} translation bundles), rendered at ${p.renderedMs} ms`,
        );
    }
    await topUpInProgress(baseUrl, fixtures);
    log(`Driving ${connections} connections, ${warmup} s warm-up + ${duration} s per scenario`);
    const rows: Row[] = [];
    for (const scenario of scenarios) {
      const row = await measure(scenario.name, scenario.description, baseUrl, () => scenario.requests(fixtures, connections), {
        cookie: await cookieFor(scenario),
      });
      rows.push(row);
      if (scenario.baseline) {
        let n = 0;
        const path = `/${scenario.baseline}`;
        const bare = await measure(
          `${scenario.name} (bare pg)`,
          `The same SQL on the bare pg driver`,
          `http://127.0.0.1:${baselinePort}`,
          () => [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `${path}/${n++}` }) }],
          {},
        );
        // The ticket page is two app requests for one baseline request.
        const perPage = scenario.name === 'detail' ? 2 : 1;
        row.ofBaseline = bare.rps > 0 ? row.rps / perPage / bare.rps : 0;
        rows.push(bare);
      }
    }
    const machine = {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(totalmem() / 2 ** 30),
      os: `${osType()} ${release()}`,
      node: process.version,
      postgres: fixtures.postgres,
      database: database.embedded ? 'embedded' : 'DATABASE_URL',
    };
    const date = new Date().toISOString();
    const result = {
      date,
      machine,
      tickets: fixtures.tickets,
      connections,
      durationSeconds: duration,
      warmupSeconds: warmup,
      scenarios: rows,
      web,
      coldStart: cold,
    };
    const out = args.get('out') ?? join(ROOT, `.bench/results-${date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(out, JSON.stringify(result, null, 2));
    const markdown = [
      `Run ${date.slice(0, 10)} on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres} (${machine.database}); ${fixtures.tickets.toLocaleString('en')} tickets; ${connections} connections, ${duration} s per scenario after ${warmup} s warm-up.`,
      '',
      table(rows),
      ...(web ? ['', webTable(web.pages)] : []),
      ...(cold
        ? [
            '',
            `Cold start (${cold.command}, data present, DATABASE_URL, web built): /api/health after ${cold.healthMs} ms, loading the code ${cold.importMs} ms (median of ${cold.runs}).`,
          ]
        : []),
    ].join('\n');
    log(`\n${markdown}\n\nResults: ${out}`);
    if (args.has('update-docs')) updateDocs(markdown);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await pool.end();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
