import type { Env } from './env.ts';
import { deliveryJob } from './modules/notifications/notifications.delivery.ts';
import { registerNotifications } from './modules/notifications/notifications.service.ts';
import { registerApprovalSweep, registerRequestFulfilment } from './modules/requests/requests.service.ts';
import { getSmtpConfig } from './modules/settings/settings.store.ts';
import { registerEscalationRules } from './modules/sla/escalation-rules.ts';
import { registerSla } from './modules/sla/sla.service.ts';
import { registerTicketAutomation } from './modules/tickets/tickets.automation.ts';
import type { AppContext } from './platform/context.ts';
import type { Database } from './platform/db/client.ts';
import { DomainEvents } from './platform/events/events.ts';
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
  const ctx: AppContext = { env, db: database.db, pool: database.pool, jobs: new Jobs(url), events: new DomainEvents(), clock };
  ctx.jobs.define(
    mailJob(
      () => getSmtpConfig(ctx.db, env.APP_SECRET),
      (m) => log.warn(m),
    ),
  );
  registerSla(ctx);
  registerEscalationRules(ctx);
  registerTicketAutomation(ctx);
  registerRequestFulfilment(ctx);
  registerApprovalSweep(ctx);
  registerNotifications(ctx);
  ctx.jobs.define(deliveryJob(ctx));
  return ctx;
}
