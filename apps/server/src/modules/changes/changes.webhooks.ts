import { createHmac, randomBytes } from 'node:crypto';
import type { ChangeStatus } from '@ish/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { assertOutboundAllowed, outboundFetch, outboundPolicyOf } from '../../platform/outbound/outbound.ts';
import { decryptSecret, encryptSecret } from '../../platform/security/tokens.ts';
import { effectiveRisk } from './changes.risk.ts';
import { type ChangeRow, changeWebhookDeliveries, changeWebhooks } from './changes.tables.ts';

// Outbound webhooks for change status, kept in this one file so that the
// integrations issue can lift them into a general webhook facility.

export const CHANGE_WEBHOOK_JOB = 'changes.webhook';

const isRefusal = (error: unknown): error is AppError => error instanceof AppError && error.code === 'OUTBOUND_NOT_ALLOWED';

/** `sha256=<hex>` of the body under the webhook's secret: receivers recompute it to trust the call. */
export const signatureOf = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Registers a receiver; the signing secret is returned once. The URL must pass the outbound policy. */
export async function createWebhook(ctx: AppContext, input: { name: string; url: string }, userId: number, source: AuditSource) {
  try {
    await assertOutboundAllowed(input.url, outboundPolicyOf(ctx.env));
  } catch (error) {
    if (isRefusal(error)) throw new AppError(400, 'WEBHOOK_URL_REFUSED', {}, [{ path: 'url', message: 'WEBHOOK_URL_REFUSED' }]);
    throw error;
  }
  const secret = randomBytes(24).toString('base64url');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(changeWebhooks)
      .values({ name: input.name, url: input.url, secretEncrypted: encryptSecret(secret, ctx.env.APP_SECRET), createdBy: userId })
      .returning();
    if (!row) throw new Error('webhook insert failed');
    await recordAudit(tx, source, { action: 'change.webhook_created', targetType: 'change_webhook', targetId: row.id, after: input });
    return { row, secret };
  });
}

export async function deactivateWebhook(ctx: AppContext, id: number, source: AuditSource) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(changeWebhooks)
      .set({ active: false })
      .where(and(eq(changeWebhooks.id, id), eq(changeWebhooks.active, true)))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, source, { action: 'change.webhook_deactivated', targetType: 'change_webhook', targetId: id });
  });
}

/** Active receivers with their latest delivery, for the settings screen. */
export async function listWebhooks(tx: Tx) {
  const hooks = await tx.select().from(changeWebhooks).where(eq(changeWebhooks.active, true)).orderBy(changeWebhooks.id);
  const out = [];
  for (const hook of hooks) {
    const [last] = await tx
      .select()
      .from(changeWebhookDeliveries)
      .where(eq(changeWebhookDeliveries.webhookId, hook.id))
      .orderBy(desc(changeWebhookDeliveries.id))
      .limit(1);
    out.push({ hook, last: last ?? null });
  }
  return out;
}

/**
 * One delivery per active webhook for this status change, queued in the
 * transaction of the change: it exists only if the change commits, and the
 * unique (webhook, change, version) key makes a repeat a no-op.
 */
export async function queueWebhooks(ctx: AppContext, tx: Tx, change: ChangeRow, from: ChangeStatus): Promise<void> {
  const hooks = await tx.select({ id: changeWebhooks.id }).from(changeWebhooks).where(eq(changeWebhooks.active, true));
  if (!hooks.length) return;
  const payload = {
    event: 'change.status_changed',
    change: {
      id: change.id,
      number: change.number,
      title: change.title,
      type: change.type,
      status: change.status,
      previousStatus: from,
      risk: effectiveRisk(change),
      plannedStart: change.plannedStart?.toISOString() ?? null,
      plannedEnd: change.plannedEnd?.toISOString() ?? null,
      version: change.version,
      url: `${ctx.env.PUBLIC_URL}/changes/${change.number}`,
    },
    occurredAt: change.updatedAt.toISOString(),
  };
  for (const hook of hooks) {
    const [delivery] = await tx
      .insert(changeWebhookDeliveries)
      .values({ webhookId: hook.id, changeId: change.id, changeVersion: change.version, payload })
      .onConflictDoNothing()
      .returning({ id: changeWebhookDeliveries.id });
    if (delivery) await ctx.jobs.send(CHANGE_WEBHOOK_JOB, { deliveryId: delivery.id }, { tx });
  }
}

/**
 * Posts one delivery, signed, under the outbound policy. A refused target is
 * recorded and not retried; a failure is recorded and thrown so pg-boss retries
 * with backoff; a sent delivery is never sent again.
 */
export function webhookJob(ctx: AppContext): JobDefinition<{ deliveryId: number }> {
  return {
    name: CHANGE_WEBHOOK_JOB,
    retryLimit: 5,
    retryDelaySeconds: 5,
    async handle({ deliveryId }) {
      const [row] = await ctx.db
        .select({ delivery: changeWebhookDeliveries, hook: changeWebhooks })
        .from(changeWebhookDeliveries)
        .innerJoin(changeWebhooks, eq(changeWebhooks.id, changeWebhookDeliveries.webhookId))
        .where(eq(changeWebhookDeliveries.id, deliveryId));
      if (!row || row.delivery.status === 'sent' || row.delivery.status === 'refused') return;
      const mark = (values: Partial<typeof changeWebhookDeliveries.$inferSelect>) =>
        ctx.db
          .update(changeWebhookDeliveries)
          .set({ ...values, attempts: sql`${changeWebhookDeliveries.attempts} + 1` })
          .where(eq(changeWebhookDeliveries.id, deliveryId));
      const body = JSON.stringify(row.delivery.payload);
      try {
        const res = await outboundFetch(
          row.hook.url,
          {
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/json',
              'user-agent': 'InternalServiceHub-Webhook/1',
              'x-ish-event': 'change.status_changed',
              'x-ish-delivery': String(deliveryId),
              'x-ish-signature': signatureOf(decryptSecret(row.hook.secretEncrypted, ctx.env.APP_SECRET), body),
            },
          },
          outboundPolicyOf(ctx.env),
        );
        if (res.status < 200 || res.status >= 300) throw new Error(`receiver answered ${res.status}`);
        await mark({ status: 'sent', responseStatus: res.status, lastError: null, sentAt: ctx.clock.now() });
      } catch (error) {
        if (isRefusal(error)) return void (await mark({ status: 'refused', lastError: error.message.slice(0, 500) }));
        await mark({ status: 'failed', lastError: (error as Error).message.slice(0, 500) });
        throw error;
      }
    },
  };
}
