import { openRuntime } from '../apps/server/src/bootstrap.ts';
import { parseEnv } from '../apps/server/src/env.ts';
import { rebuildReports } from '../apps/server/src/modules/reports/index.ts';
import { seedIfEmpty } from '../apps/server/src/seed/seed.ts';
import { flags, openBenchDatabase, positiveInt } from './bench-db.ts';
import { loadTickets, scaleOrganisation } from './scale-data.ts';

/**
 * `npm run bench:seed -- --tickets N`: the demo organisation grown to a realistic
 * size plus N tickets (default 100 000) in the benchmark database. Run it again
 * with a larger N to add the difference.
 */
async function main() {
  const args = flags();
  const target = positiveInt(args.get('tickets'), 100_000, 'tickets');
  const batch = positiveInt(args.get('batch'), 50_000, 'batch');
  const log = (message: string) => console.log(message);
  const started = Date.now();
  const database = await openBenchDatabase();
  const env = parseEnv({ ...process.env, DATABASE_URL: database.url, NODE_ENV: 'development', SEED_DEMO: 'true', LOG_LEVEL: 'warn' });
  const runtime = await openRuntime(env, console);
  try {
    // The demo organisation and catalog go through the real services, which queue jobs.
    await runtime.ctx.jobs.start();
    await seedIfEmpty(runtime.ctx, { info: log });
    const client = await runtime.database.pool.connect();
    try {
      await scaleOrganisation(client, log);
      await loadTickets(client, target, log, batch);
      // Bulk-loaded tickets bypass the ticket writes that keep the report summaries: count them once.
      const { rows } = await client.query(
        'SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM report_ticket_keys) AS counted',
      );
      if (Number(rows[0].tickets) !== Number(rows[0].counted)) {
        const rebuilt = Date.now();
        await runtime.ctx.db.transaction((tx) => rebuildReports(tx));
        for (const table of ['report_ticket_keys', 'report_ticket_days', 'report_sla_days'])
          await client.query(`VACUUM (ANALYZE) ${table}`);
        log(`Reports: summaries rebuilt in ${Math.round((Date.now() - rebuilt) / 1000)} s`);
      }
    } finally {
      client.release();
    }
  } finally {
    await runtime.stop();
    await database.stop();
  }
  log(
    `Done in ${Math.round((Date.now() - started) / 1000)} s (${database.embedded ? 'embedded PostgreSQL under data/bench' : 'DATABASE_URL'})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
