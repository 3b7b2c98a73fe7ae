import { join } from 'node:path';
import { type EmbeddedServer, startEmbeddedPostgres } from '../apps/server/src/platform/db/embedded.ts';

export const ROOT = join(import.meta.dirname, '..');

export interface BenchDatabase {
  url: string;
  /** True when this process started an embedded server for the run. */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The benchmark's database: `DATABASE_URL` when set, else an embedded
 * PostgreSQL of its own under `BENCH_DATA_DIR` (default `./data/bench`), kept
 * apart from the development data so a million tickets never land there.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) return { url: external, embedded: false, stop: async () => {} };
  const dataDir = process.env.BENCH_DATA_DIR ?? join(ROOT, 'data/bench');
  const server: EmbeddedServer = await startEmbeddedPostgres(dataDir, Number(process.env.BENCH_PG_PORT ?? 54339));
  return { url: server.url, embedded: true, stop: () => server.stop() };
}

/** `--name value` and `--flag` from the command line, e.g. `--tickets 1000000 --explain`. */
export function flags(argv = process.argv.slice(2)): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument: ${arg}`);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out.set(arg.slice(2), next);
      i++;
    } else out.set(arg.slice(2), 'true');
  }
  return out;
}

export function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${value}"`);
  return n;
}
