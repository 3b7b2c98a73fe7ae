import type { JobDefinition } from '../jobs/jobs.ts';
import { deliver, type MailMessage, type SmtpConfig } from './mailer.ts';

export const MAIL_SEND = 'mail.send';

/** Delivers queued mail with retries; without SMTP settings the message is dropped with a warning. */
export function mailJob(getConfig: () => Promise<SmtpConfig | null>, warn: (msg: string) => void): JobDefinition<MailMessage> {
  return {
    name: MAIL_SEND,
    retryLimit: 6,
    retryDelaySeconds: 15,
    async handle(message) {
      const config = await getConfig();
      if (!config) {
        warn(`SMTP is not configured; not sending "${message.subject}" to ${message.to}`);
        return;
      }
      await deliver(config, message);
    },
  };
}
