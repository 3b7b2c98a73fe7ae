// Outgoing webhooks: endpoints subscribe to integration events within a scope; events are
// signed and delivered by the job queue. Sources are other modules' domain events.
import type { AppContext } from '../../platform/context.ts';
import { deliveryJob } from './webhooks.delivery.ts';
import { webhookLogSweepJob } from './webhooks.retention.ts';
import { registerWebhookSources } from './webhooks.sources.ts';

export { messages } from './webhooks.messages.ts';
export { webhookRoutes } from './webhooks.routes.ts';
export { signatureHeader, verifySignature } from './webhooks.signing.ts';
export { webhookDeliveries, webhookEndpoints, webhookEvents } from './webhooks.tables.ts';

export function registerWebhooks(ctx: AppContext): void {
  registerWebhookSources(ctx);
  ctx.jobs.define(deliveryJob(ctx));
  ctx.jobs.define(webhookLogSweepJob(ctx));
}
