import type { AddressInfo } from 'node:net';
import type { DNSResolver } from 'mailauth';
import type { AppContext } from '../../platform/context.ts';
import { loadSmtpServer } from './mail-intake.libraries.ts';
import { type IngestResult, ingestMail } from './mail-intake.service.ts';
import { mailIntakeSettings } from './mail-intake.settings.ts';

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** `helpdesk@x`, `helpdesk+INC-1@x` and `HelpDesk@X` all reach the helpdesk address. */
function reachesHelpdesk(recipient: string, helpdesk: string): boolean {
  const [local, domain] = recipient.toLowerCase().split('@');
  const [hLocal, hDomain] = helpdesk.toLowerCase().split('@');
  return !!hLocal && domain === hDomain && (local === hLocal || local?.startsWith(`${hLocal}+`) === true);
}

/**
 * The inbound SMTP listener (off unless MAIL_INBOUND_PORT is set): receives mail
 * for the helpdesk address and answers only after the message is taken in, so
 * the sending server keeps it and retries when we fail (451). Meant for
 * development, tests and a relay in front of it; it offers no TLS or AUTH.
 */
export async function startInboundSmtp(
  ctx: AppContext,
  options: { host: string; port: number; resolver?: DNSResolver; onIngested?: (result: IngestResult) => void },
) {
  const { SMTPServer } = await loadSmtpServer();
  const server = new SMTPServer({
    name: 'ish-mail-intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    async onRcptTo(address, _session, callback) {
      const helpdesk = (await mailIntakeSettings(ctx.db)).value.helpdeskAddress;
      if (helpdesk && reachesHelpdesk(address.address, helpdesk)) return callback();
      callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded)
          return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        ingestMail(
          ctx,
          Buffer.concat(chunks),
          { source: 'smtp', mailFrom, remoteAddress: session.remoteAddress, helo: session.hostNameAppearsAs },
          { resolver: options.resolver },
        ).then(
          (result) => {
            options.onIngested?.(result);
            callback();
          },
          () => callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 })),
        );
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
