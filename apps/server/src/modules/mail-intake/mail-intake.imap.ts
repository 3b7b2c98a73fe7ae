import type { DNSResolver } from 'mailauth';
import type { AppContext } from '../../platform/context.ts';
import { decryptSecret } from '../../platform/security/tokens.ts';
import { loadImap } from './mail-intake.libraries.ts';
import { type IngestResult, ingestMail } from './mail-intake.service.ts';
import { mailIntakeSettings } from './mail-intake.settings.ts';

export const MAIL_POLL = 'mail.poll';
/** One poll at a time in the whole cluster, even when a slow one runs into the next minute. */
const POLL_LOCK = 7_152_201;

/**
 * Reads the helpdesk mailbox over IMAP (imapflow): every unseen message of the
 * folder is taken in, then flagged \Seen. A message that fails stays unseen and
 * is tried again at the next poll; one taken in twice is recognised by its
 * Message-ID and changes nothing.
 */
export async function pollMailbox(ctx: AppContext, options: { resolver?: DNSResolver } = {}): Promise<IngestResult[] | null> {
  const settings = (await mailIntakeSettings(ctx.db)).value;
  const imap = settings.imap;
  if (!imap.enabled || !imap.host) return null;
  const client = await ctx.pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [POLL_LOCK]);
    if (!rows[0]?.locked) return null;
    try {
      return await readMailbox(ctx, settings.imap, options);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [POLL_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function readMailbox(
  ctx: AppContext,
  imap: Awaited<ReturnType<typeof mailIntakeSettings>>['value']['imap'],
  options: { resolver?: DNSResolver },
) {
  const ImapFlow = await loadImap();
  const connection = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.passwordEncrypted ? decryptSecret(imap.passwordEncrypted, ctx.env.APP_SECRET) : '' },
    logger: false,
    // Like SMTP: in-house mail servers often present certificates of their own.
    tls: { rejectUnauthorized: false },
    connectionTimeout: 15_000,
  });
  const results: IngestResult[] = [];
  await connection.connect();
  try {
    const lock = await connection.getMailboxLock(imap.folder);
    try {
      const unseen = (await connection.search({ seen: false }, { uid: true })) || [];
      for (const uid of unseen) {
        const message = await connection.fetchOne(String(uid), { source: true }, { uid: true });
        if (message === false || !message.source) continue;
        results.push(await ingestMail(ctx, message.source, { source: 'imap' }, options));
        await connection.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await connection.logout().catch(() => {});
  }
  return results;
}

export function registerMailPolling(ctx: AppContext): void {
  ctx.jobs.define({ name: MAIL_POLL, retryLimit: 0, schedule: '* * * * *', handle: async () => void (await pollMailbox(ctx)) });
}
