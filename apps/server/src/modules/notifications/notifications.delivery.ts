import { type Locale, normalizePhone } from '@ish/shared';
import { eq, sql } from 'drizzle-orm';
import type { AuditSource } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { deliver } from '../../platform/mail/mailer.ts';
import { assertOutboundAllowed, type OutboundPolicy, outboundFetch, outboundPolicyOf } from '../../platform/outbound/outbound.ts';
import { findActiveUser } from '../identity/index.ts';
import { getSmtpConfig, readModuleSetting, writeModuleSetting } from '../settings/index.ts';
import type { GatewayInput } from './notifications.schemas.ts';
import { NOTIFY_DELIVER } from './notifications.service.ts';
import { notificationDeliveries } from './notifications.tables.ts';
import { renderTemplate } from './notifications.templates.ts';

/** An HTTP SMS/WhatsApp gateway, as most Indonesian providers offer: a URL, headers and a body template. */
export interface GatewaySettings {
  enabled: boolean;
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  /** `{phone}` and `{message}` are filled in; for GET they are appended to the URL instead. */
  bodyTemplate: string;
}
export const GATEWAY_DEFAULTS: GatewaySettings = {
  enabled: false,
  url: '',
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  bodyTemplate: '{"to":"{phone}","text":"{message}"}',
};

/** The gateway's settings with the version an update must carry. */
export async function readGatewaySettings(tx: Tx) {
  const { value, version } = await readModuleSetting<GatewaySettings>(tx, 'sms_gateway', GATEWAY_DEFAULTS);
  return { ...value, version };
}

/** Saves the gateway; its URL must pass the outbound policy (no private addresses unless the operator allows them). */
export async function saveGatewaySettings(ctx: AppContext, userId: number, source: AuditSource, input: GatewayInput) {
  const { version, ...value } = input;
  if (value.url) await assertOutboundAllowed(value.url, outboundPolicyOf(ctx.env));
  await writeModuleSetting(ctx, userId, source, 'sms_gateway', value, version);
}

const jsonSafe = (s: string) => JSON.stringify(s).slice(1, -1);

/**
 * What inbound mail knows about a ticket's thread: the helpdesk address replies
 * should go to, and the Message-IDs of the mail that opened or last wrote to
 * the ticket (so the requester's own client threads our notices under them).
 * Provided by the email intake at the composition root.
 */
export type MailThreading = (tx: Tx, ticketId: number | null) => Promise<{ replyTo: string | null; references: string[] }>;

const addressOf = (from: string) => from.match(/<([^>]+)>/)?.[1] ?? from.trim();

/** Notices about a service request (its approvals and the decision), threaded as the request's, not as a ticket's. */
const REQUEST_EVENTS: readonly string[] = ['approval_requested', 'approval_reminder', 'request_decided'];

/**
 * The headers that tie a notice to its ticket or service request, so that a
 * reply comes back to it: a Message-ID of ours (`<ticket-…@…>` or
 * `<request-…@…>`), In-Reply-To and References naming the thread (and the
 * requester's own messages), Reply-To the helpdesk address, the number in the
 * subject and in `X-Ticket-Number` or `X-Request-Number`. `Auto-Submitted`
 * tells other systems not to answer (RFC 3834), `X-Auto-Response-Suppress`
 * asks Exchange for no out-of-office.
 */
export function threadingHeaders(
  number: string,
  deliveryId: number,
  fromAddress: string,
  thread: { replyTo: string | null; references: string[] } = { replyTo: null, references: [] },
  kind: 'ticket' | 'request' = 'ticket',
) {
  const replyTo = thread.replyTo ?? addressOf(fromAddress);
  const domain = replyTo.split('@')[1] || 'localhost';
  const own = `<${kind}-${number}@${domain}>`;
  const references = [...thread.references.filter((r) => r !== own), own];
  return {
    messageId: `<${kind}-${number}-d${deliveryId}@${domain}>`,
    headers: {
      References: references.join(' '),
      'In-Reply-To': thread.references.at(-1) ?? own,
      'Reply-To': replyTo,
      [kind === 'request' ? 'X-Request-Number' : 'X-Ticket-Number']: number,
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    },
  };
}

/** The subject as written, with the number in front when a custom template left it out. */
export const subjectWithNumber = (subject: string, number: string) =>
  !number || subject.includes(number) ? subject : `[${number}] ${subject}`;

async function sendSms(settings: GatewaySettings, phone: string, message: string, policy: OutboundPolicy): Promise<void> {
  const fill = (template: string, encode: (s: string) => string) =>
    template.replaceAll('{phone}', encode(phone)).replaceAll('{message}', encode(message));
  const url = settings.method === 'GET' ? fill(settings.url, encodeURIComponent) : settings.url;
  const res = await outboundFetch(
    url,
    {
      method: settings.method,
      headers: settings.headers,
      ...(settings.method === 'POST'
        ? { body: fill(settings.bodyTemplate, settings.headers['content-type']?.includes('json') ? jsonSafe : (s) => s) }
        : {}),
      timeoutMs: 10_000,
    },
    policy,
  );
  if (!res.ok) throw new Error(`gateway answered ${res.status}`);
}

/** Renders a document for an email in the recipient's language (null: it no longer exists, send without it). */
export type AttachmentRenderer = (id: number, locale: Locale) => Promise<{ filename: string; content: Buffer; contentType: string } | null>;

/**
 * Sends one queued email or SMS. A failure is logged on the delivery and
 * thrown, so pg-boss retries with backoff; a sent delivery is never sent again.
 * `attachments` render the documents deliveries name, by kind (an invoice's PDF).
 */
export function deliveryJob(
  ctx: AppContext,
  options: { attachments?: Record<string, AttachmentRenderer>; threading?: MailThreading } = {},
): JobDefinition<{ deliveryId: number }> {
  return {
    name: NOTIFY_DELIVER,
    retryLimit: 5,
    retryDelaySeconds: 2,
    // One job a second per process would not keep up with a busy desk's notices; a failing delivery is retried alone.
    batchSize: 10,
    async handle({ deliveryId }) {
      const [delivery] = await ctx.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, deliveryId));
      if (!delivery || delivery.status === 'sent' || delivery.status === 'skipped') return;
      // A user (while active), or a contact at the delivery's own address.
      const user = delivery.userId === null ? null : await findActiveUser(ctx.db, delivery.userId);
      const recipient = user
        ? { email: user.email, phone: user.phone, locale: user.locale }
        : { email: delivery.address, phone: delivery.address, locale: delivery.locale ?? 'id' };
      const mark = (status: 'sent' | 'failed' | 'skipped', error: string | null = null) =>
        ctx.db
          .update(notificationDeliveries)
          .set({
            status,
            lastError: error,
            attempts: sql`${notificationDeliveries.attempts} + 1`,
            sentAt: status === 'sent' ? ctx.clock.now() : null,
          })
          .where(eq(notificationDeliveries.id, deliveryId));
      if (delivery.userId !== null && !user) return void (await mark('skipped', 'user inactive'));
      try {
        if (delivery.channel === 'email') {
          const smtp = await getSmtpConfig(ctx.db, ctx.env);
          if (!smtp) return void (await mark('skipped', 'SMTP not configured'));
          if (!recipient.email) return void (await mark('skipped', 'no email address'));
          const { subject, body } = await renderTemplate(ctx.db, delivery.event as never, recipient.locale, 'email', delivery.variables);
          const render = delivery.attachment ? options.attachments?.[delivery.attachment.kind] : undefined;
          const attachment = render && delivery.attachment ? await render(delivery.attachment.id, recipient.locale) : null;
          // Threading headers tie replies to a ticket or a service request; other subjects (an invoice, a
          // catalog item waiting for review, a CAB meeting) are not conversations mail intake could continue.
          const number = delivery.variables.number ?? '';
          const kind = REQUEST_EVENTS.includes(delivery.event) ? 'request' : delivery.ticketId !== null ? 'ticket' : null;
          const thread =
            delivery.attachment || !kind
              ? null
              : threadingHeaders(number, deliveryId, smtp.from, await options.threading?.(ctx.db, delivery.ticketId), kind);
          await deliver(smtp, {
            to: recipient.email,
            subject: thread ? subjectWithNumber(subject, number) : subject,
            text: body,
            ...(thread ?? {}),
            ...(attachment ? { attachments: [attachment] } : {}),
          });
        } else {
          const gateway = (await readModuleSetting(ctx.db, 'sms_gateway', GATEWAY_DEFAULTS)).value;
          if (!gateway.enabled || !gateway.url) return void (await mark('skipped', 'gateway not configured'));
          if (!recipient.phone) return void (await mark('skipped', 'no phone number'));
          const { body } = await renderTemplate(ctx.db, delivery.event as never, recipient.locale, 'sms', delivery.variables);
          await sendSms(gateway, normalizePhone(recipient.phone) ?? recipient.phone, body, outboundPolicyOf(ctx.env));
        }
        await mark('sent');
      } catch (error) {
        await mark('failed', (error as Error).message.slice(0, 500));
        throw error;
      }
    },
  };
}
