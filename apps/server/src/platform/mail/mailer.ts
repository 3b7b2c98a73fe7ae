import { onFirstUse } from '../lazy.ts';

/** nodemailer, loaded with the first message sent (not at the server's start). */
const loadNodemailer = onFirstUse(async () => (await import('nodemailer')).default);

export interface SmtpConfig {
  host: string;
  port: number;
  /** true: TLS from the start (465); false: STARTTLS when offered. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /**
   * ALLOW_INSECURE_SMTP: credentials may go without TLS and certificates are not
   * checked (a relay on the same host). Otherwise a password is only ever sent
   * over verified TLS (implicit, or STARTTLS required).
   */
  allowInsecure: boolean;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  messageId?: string;
  /** Files sent with the message (sent directly, not through the `mail.send` queue: bytes do not go into job data). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** Sends one message now; callers that may be retried go through the `mail.send` job. */
export async function deliver(config: SmtpConfig, message: MailMessage): Promise<void> {
  const credentials = !!(config.user && config.password);
  const nodemailer = await loadNodemailer();
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(credentials ? { auth: { user: config.user as string, pass: config.password as string } } : {}),
    // With credentials, STARTTLS is required and the certificate checked; without, local relays
    // with self-signed certificates keep working (nothing secret is sent).
    requireTLS: credentials && !config.secure && !config.allowInsecure,
    tls: { rejectUnauthorized: credentials && !config.allowInsecure },
    connectionTimeout: 10_000,
  });
  try {
    await transport.sendMail({ from: config.from, ...message });
  } finally {
    transport.close();
  }
}
