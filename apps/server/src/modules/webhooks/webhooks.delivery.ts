import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { outboundFetch, outboundPolicyOf } from '../../platform/outbound/outbound.ts';
import { decryptSecret } from '../../platform/security/tokens.ts';
import { organisationAdministrators } from '../identity/index.ts';
import { notify } from '../notifications/index.ts';
import { WEBHOOK_DELIVER_JOB } from './webhooks.service.ts';
import { signatureHeader } from './webhooks.signing.ts';
import { type EndpointRow, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from './webhooks.tables.ts';

/** Deliveries are retried with exponential backoff for this long after the event. */
export const RETRY_WINDOW_HOURS = 24;

/** The wait after the `attempt`-th failed attempt: base, 2×base, 4×base … */
export const backoffSeconds = (baseSeconds: number, attempt: number) => baseSeconds * 2 ** (attempt - 1);

/** The secrets that sign now: the current one, and the previous one while a rotation overlaps. */
function signingSecrets(ctx: AppContext, endpoint: EndpointRow, now: Date): string[] {
  const secrets = [decryptSecret(endpoint.secretEncrypted, ctx.env.APP_SECRET)];
  if (endpoint.previousSecretEncrypted && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now)
    secrets.push(decryptSecret(endpoint.previousSecretEncrypted, ctx.env.APP_SECRET));
  return secrets;
}

/** Disabled after repeated failures: the endpoint's creator and the Administrators are told. */
async function disableForFailures(ctx: AppContext, endpoint: EndpointRow): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ active: false, disabledReason: 'failures', updatedAt: ctx.clock.now(), version: sql`${webhookEndpoints.version} + 1` })
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.active, true)))
      .returning();
    if (!row) return;
    await notify(ctx, tx, {
      event: 'webhook_disabled',
      occurrence: `${row.id}:${row.version}`,
      recipients: [row.createdBy, ...(await organisationAdministrators(tx))],
      about: {
        key: `wh${row.id}`,
        variables: async () => ({
          number: `#${row.id}`,
          title: row.name,
          status: '',
          priority: '-',
          amount: '-',
          assignee: '-',
          requester: '-',
          link: `${ctx.env.PUBLIC_URL}/admin/integrations`,
          reason: row.url,
        }),
      },
    });
  });
}

/**
 * Posts one delivery, signed, under the outbound policy. Deliveries of one
 * record go out in order: while an earlier one to the same endpoint is still
 * pending this one waits. A refused target is recorded and not retried; a
 * failure is recorded and retried with exponential backoff (WEBHOOK_RETRY_SECONDS,
 * doubling) for 24 hours, always with the same event id; a success is final.
 * WEBHOOK_DISABLE_AFTER failed attempts in a row disable the endpoint.
 */
export function deliveryJob(ctx: AppContext): JobDefinition<{ deliveryId: number }> {
  return {
    name: WEBHOOK_DELIVER_JOB,
    // Our own schedule retries failed calls; pg-boss retries only a crashed handler.
    retryLimit: 3,
    retryDelaySeconds: 5,
    async handle({ deliveryId }) {
      const [row] = await ctx.db
        .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: webhookEvents })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
        .where(eq(webhookDeliveries.id, deliveryId));
      if (row?.delivery.status !== 'pending') return;
      const { delivery, endpoint, event } = row;
      const now = ctx.clock.now();
      const finish = (values: Partial<typeof webhookDeliveries.$inferInsert>) =>
        ctx.db.update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, deliveryId));
      if (!endpoint.active) return void (await finish({ status: 'failed', lastError: 'endpoint disabled', completedAt: now }));
      if (!delivery.redeliveryOf) {
        const [earlier] = await ctx.db
          .select({ nextAttemptAt: webhookDeliveries.nextAttemptAt })
          .from(webhookDeliveries)
          .where(
            and(
              eq(webhookDeliveries.endpointId, endpoint.id),
              eq(webhookDeliveries.recordKey, delivery.recordKey),
              eq(webhookDeliveries.status, 'pending'),
              lt(webhookDeliveries.id, delivery.id),
            ),
          )
          .orderBy(webhookDeliveries.id)
          .limit(1);
        if (earlier) {
          const wait = Math.max(1, Math.ceil(((earlier.nextAttemptAt?.getTime() ?? now.getTime()) - now.getTime()) / 1000) + 1);
          return ctx.jobs.send(WEBHOOK_DELIVER_JOB, { deliveryId }, { startAfterSeconds: wait });
        }
      }

      const body = JSON.stringify(event.payload);
      const attempt = delivery.attempts + 1;
      let status: number | null = null;
      let error: string | null = null;
      let refused = false;
      try {
        const res = await outboundFetch(
          endpoint.url,
          {
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/json',
              'user-agent': 'InternalServiceHub-Webhook/1',
              'x-ish-event': event.type,
              'x-ish-event-id': event.id,
              'x-ish-delivery': String(deliveryId),
              'x-ish-signature': signatureHeader(signingSecrets(ctx, endpoint, now), body, Math.floor(now.getTime() / 1000)),
            },
          },
          outboundPolicyOf(ctx.env),
        );
        status = res.status;
        if (!res.ok) error = `receiver answered ${res.status}`;
      } catch (e) {
        refused = e instanceof AppError && e.code === 'OUTBOUND_NOT_ALLOWED';
        error = ((e as Error).message || 'request failed').slice(0, 500);
      }

      if (!error) {
        await ctx.db.transaction(async (tx) => {
          await tx.insert(webhookAttempts).values({ deliveryId, at: now, responseStatus: status });
          await tx
            .update(webhookDeliveries)
            .set({ status: 'succeeded', attempts: attempt, responseStatus: status, lastError: null, nextAttemptAt: null, completedAt: now })
            .where(eq(webhookDeliveries.id, deliveryId));
          await tx.update(webhookEndpoints).set({ failureStreak: 0 }).where(eq(webhookEndpoints.id, endpoint.id));
        });
        return;
      }
      const wait = backoffSeconds(ctx.env.WEBHOOK_RETRY_SECONDS, attempt);
      const retryAt = new Date(now.getTime() + wait * 1000);
      const retry = !refused && retryAt.getTime() <= delivery.createdAt.getTime() + RETRY_WINDOW_HOURS * 3600_000;
      const streak = await ctx.db.transaction(async (tx) => {
        await tx
          .insert(webhookAttempts)
          .values({ deliveryId, at: now, responseStatus: status, error, retryInSeconds: retry ? wait : null });
        await tx
          .update(webhookDeliveries)
          .set({
            status: retry ? 'pending' : refused ? 'refused' : 'failed',
            attempts: attempt,
            responseStatus: status,
            lastError: error,
            nextAttemptAt: retry ? retryAt : null,
            completedAt: retry ? null : now,
          })
          .where(eq(webhookDeliveries.id, deliveryId));
        if (retry) await ctx.jobs.send(WEBHOOK_DELIVER_JOB, { deliveryId }, { startAfterSeconds: wait, tx });
        const [updated] = await tx
          .update(webhookEndpoints)
          .set({ failureStreak: sql`${webhookEndpoints.failureStreak} + 1` })
          .where(eq(webhookEndpoints.id, endpoint.id))
          .returning({ streak: webhookEndpoints.failureStreak });
        return updated?.streak ?? 0;
      });
      if (streak >= ctx.env.WEBHOOK_DISABLE_AFTER) await disableForFailures(ctx, endpoint);
    },
  };
}
