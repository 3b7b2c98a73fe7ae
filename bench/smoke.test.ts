import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './bench-db.ts';
import { SCENARIOS } from './scenarios.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ish-bench-'));
// As root, PostgreSQL runs as its own user and must reach the data directory inside.
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const env = { ...process.env, BENCH_DATA_DIR: join(dir, 'data'), BENCH_PG_PORT: '' };
const node = async (script: string, args: string[]) =>
  (await run(process.execPath, [join(ROOT, 'bench', script), ...args], { cwd: ROOT, env, maxBuffer: 64 * 2 ** 20 })).stdout;

// The harness itself, small: it must keep working as the app changes; how fast is for `npm run bench`.
describe('benchmark harness (smoke)', () => {
  it('seeds 2 000 tickets, says so on a second run, explains and drives every scenario without an error', async () => {
    env.BENCH_PG_PORT = String(await freePort());
    expect(await node('seed.ts', ['--tickets', '2000'])).toMatch(/Tickets: [\d,]+ there, adding [\d,]+/);
    expect(await node('seed.ts', ['--tickets', '2000'])).toMatch(/2,000 already there, nothing to add/);

    const plans = await node('run.ts', ['--explain']);
    for (const scenario of SCENARIOS) expect(plans).toContain(`=== ${scenario.name}:`);
    expect(plans.match(/Execution Time/g)?.length).toBeGreaterThanOrEqual(SCENARIOS.length);

    const out = join(dir, 'results.json');
    await node('run.ts', ['--duration', '5', '--warmup', '1', '--connections', '4', '--cold-runs', '1', '--out', out]);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.tickets).toBeGreaterThanOrEqual(2000);
    expect(result.machine.cores).toBeGreaterThan(0);
    const rows = new Map(result.scenarios.map((r: { scenario: string }) => [r.scenario, r]));
    const expected = [...SCENARIOS.map((s) => s.name), ...SCENARIOS.filter((s) => s.baseline).map((s) => `${s.name} (bare pg)`)];
    for (const name of expected) {
      expect(rows.get(name), name).toMatchObject({ errors: 0, failures: {} });
      expect((rows.get(name) as { requests: number }).requests, name).toBeGreaterThan(0);
    }
    // The web app's first pages (needs `npm run build -w @ish/web`, as `npm test` does before this).
    expect(result.web?.pages.map((p: { page: string }) => p.page)).toEqual(['sign-in', 'landing']);
    for (const page of result.web.pages) expect(page.jsGzipKb, page.page).toBeGreaterThan(0);
    expect(result.coldStart).toMatchObject({ runs: 1, healthMs: expect.any(Number), importMs: expect.any(Number) });
  });
});
