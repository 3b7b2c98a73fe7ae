import { inject } from 'vitest';
import { buildContext } from '../../apps/server/src/context.ts';
import { parseEnv } from '../../apps/server/src/env.ts';
import { connect } from '../../apps/server/src/platform/db/client.ts';
import type { Clock } from '../../apps/server/src/platform/time/clock.ts';

/**
 * A second server process on the e2e database (what a scaled-out deployment
 * has): it runs the same job code, here at a chosen moment instead of on the
 * minute, so a test need not wait for the clock. With `clock` it lives at
 * another moment (a month's run on its invoice day).
 */
export async function secondProcess(options: { clock?: Clock } = {}) {
  const url = inject('databaseUrl');
  const database = connect(url, 2);
  const ctx = buildContext(
    parseEnv({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', WEB_DIST: '' }),
    database,
    url,
    { warn: () => {} },
    options.clock,
  );
  // It queues notifications like any process; the e2e server's workers deliver them.
  await ctx.jobs.start({ workers: false });
  return {
    ctx,
    async close() {
      await ctx.jobs.stop();
      await database.close();
    },
  };
}
