import { getSmtpConfig } from './modules/settings/settings.store.ts';
import type { AppContext } from './platform/context.ts';
import { mailJob } from './platform/mail/mail.job.ts';

/** Every background job of every module; workers start with `ctx.jobs.start()`. */
export function registerJobs(ctx: AppContext, log: { warn(msg: string): void }): void {
  ctx.jobs.define(
    mailJob(
      () => getSmtpConfig(ctx.db, ctx.env.APP_SECRET),
      (m) => log.warn(m),
    ),
  );
}
