import type { Env } from './env.ts';
import './messages.ts';
import { registerApprovals } from './modules/approvals/index.ts';
import { registerAutoAssignment } from './modules/attendance/index.ts';
import { registerBackups } from './modules/backups/index.ts';
import { invoiceAttachment, registerBilling } from './modules/billing/index.ts';
import { registerContactNotices } from './modules/contacts/index.ts';
import { authSweepJob, passwordResetJob, registerIdentity } from './modules/identity/index.ts';
import { registerIntakeSweep } from './modules/intake/index.ts';
import { mailThreading, registerMailPolling } from './modules/mail-intake/index.ts';
import { deliveryJob, registerNotifications } from './modules/notifications/index.ts';
import { registerReportProjection, registerReportSubscriptions } from './modules/reports/index.ts';
import { registerRequests } from './modules/requests/index.ts';
import { getSmtpConfig } from './modules/settings/index.ts';
import { registerEscalationRules, registerSla } from './modules/sla/index.ts';
import { registerSurveys } from './modules/surveys/index.ts';
import { registerTicketAutomation } from './modules/tickets/index.ts';
import { registerWebhooks } from './modules/webhooks/index.ts';
import type { AppContext } from './platform/context.ts';
import type { Database } from './platform/db/client.ts';
import { DomainEvents } from './platform/events/events.ts';
import { idempotencySweepJob } from './platform/http/idempotency.ts';
import { Jobs } from './platform/jobs/jobs.ts';
import { mailJob } from './platform/mail/mail.job.ts';
import { type Clock, systemClock } from './platform/time/clock.ts';

/**
 * The composition root of the process: the context every route and service
 * receives, with every module's background jobs and domain-event handlers
 * registered. The server, the tests and the tools all build it here.
 */
export function buildContext(
  env: Env,
  database: Database,
  url: string,
  log: { warn(msg: string): void },
  clock: Clock = systemClock,
): AppContext {
  database.cache.ttlMs = env.CACHE_SECONDS * 1000;
  database.cache.log = (m) => log.warn(m);
  const ctx: AppContext = {
    env,
    db: database.db,
    pool: database.pool,
    cache: database.cache,
    jobs: new Jobs(url, (m) => log.warn(m)),
    events: new DomainEvents(),
    clock,
  };
  ctx.jobs.define(
    mailJob(
      () => getSmtpConfig(ctx.db, env),
      (m) => log.warn(m),
    ),
  );
  registerIdentity(ctx);
  registerSla(ctx);
  // After the SLA clocks: a status change's SLA outcome is written when the reports read it.
  registerReportProjection(ctx);
  registerReportSubscriptions(ctx);
  registerAutoAssignment(ctx);
  registerEscalationRules(ctx);
  registerTicketAutomation(ctx);
  registerApprovals(ctx);
  registerRequests(ctx);
  registerNotifications(ctx);
  registerBilling(ctx);
  registerMailPolling(ctx);
  registerSurveys(ctx);
  registerIntakeSweep(ctx);
  registerContactNotices(ctx);
  // Invoice emails carry the invoice's PDF, rendered when sent in the recipient's language;
  // ticket notices thread under the requester's own mail and answer to the helpdesk address.
  ctx.jobs.define(deliveryJob(ctx, { attachments: { invoice: invoiceAttachment(ctx) }, threading: mailThreading }));
  // Last: an event's webhook payload is built after every other handler has had its say.
  registerWebhooks(ctx);
  registerBackups(ctx);
  ctx.jobs.define(passwordResetJob(ctx));
  ctx.jobs.define(authSweepJob(ctx));
  ctx.jobs.define(idempotencySweepJob(() => ctx.db));
  return ctx;
}
