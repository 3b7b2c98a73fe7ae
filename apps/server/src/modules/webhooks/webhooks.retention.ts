import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';

/** The delivery log keeps this many days; long past the 24-hour retry window, enough to answer "did you send it?". */
export const WEBHOOK_LOG_DAYS = 30;
export const WEBHOOK_LOG_SWEEP = 'webhooks.sweep-log';

/**
 * Forgets events older than the retention whose every delivery has finished
 * (succeeded, failed or refused), with their deliveries and attempts, in one
 * transaction; an event still pending anywhere stays. Returns how many went.
 */
export async function sweepWebhookLog(ctx: AppContext, now = ctx.clock.now()): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: string }>(sql`
      SELECT e.id FROM webhook_events e
      WHERE e.created_at < ${now.toISOString()}::timestamptz - make_interval(days => ${WEBHOOK_LOG_DAYS})
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
      LIMIT 5000`);
    const ids = rows.map((r) => r.id);
    if (!ids.length) return 0;
    await tx.execute(sql`DELETE FROM webhook_attempts WHERE delivery_id IN
      (SELECT id FROM webhook_deliveries WHERE event_id IN ${ids})`);
    await tx.execute(sql`DELETE FROM webhook_deliveries WHERE event_id IN ${ids}`);
    await tx.execute(sql`DELETE FROM webhook_events WHERE id IN ${ids}`);
    return ids.length;
  });
}

export const webhookLogSweepJob = (ctx: AppContext): JobDefinition<object> => ({
  name: WEBHOOK_LOG_SWEEP,
  retryLimit: 1,
  schedule: '23 3 * * *',
  handle: async () => void (await sweepWebhookLog(ctx)),
});
