import nodemailer from 'nodemailer';

export interface SmtpConfig {
  host: string;
  port: number;
  /** true: TLS from the start (465); false: STARTTLS when offered. */
  secure: boolean;
  user: string | null;
  password: string | null;
  from: string;
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
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    // Local relays and test servers often present self-signed certificates.
    tls: { rejectUnauthorized: false },
    connectionTimeout: 10_000,
  });
  try {
    await transport.sendMail({ from: config.from, ...message });
  } finally {
    transport.close();
  }
}
