import type { Locale } from '@ish/shared';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { deliver } from '../../platform/mail/mailer.ts';
import { type OutboundPolicy, outboundFetch, outboundPolicyOf } from '../../platform/outbound/outbound.ts';
import { findActiveUser } from '../identity/index.ts';
import { getSmtpConfig, readModuleSetting } from '../settings/index.ts';
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

const jsonSafe = (s: string) => JSON.stringify(s).slice(1, -1);

/** The headers that tie a message to its ticket, ready for inbound email threading. */
export function threadingHeaders(number: string, deliveryId: number, fromAddress: string) {
  const domain = fromAddress.split('@')[1]?.replace(/>.*$/, '') || 'localhost';
  const local = (fromAddress.match(/<?([^<@\s]+)@/)?.[1] ?? 'helpdesk').toLowerCase();
  const thread = `<ticket-${number}@${domain}>`;
  return {
    messageId: `<ticket-${number}-d${deliveryId}@${domain}>`,
    headers: { References: thread, 'In-Reply-To': thread, 'Reply-To': `${local}+${number}@${domain}`, 'X-Ticket-Number': number },
  };
}

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
export function deliveryJob(ctx: AppContext, attachments: Record<string, AttachmentRenderer> = {}): JobDefinition<{ deliveryId: number }> {
  return {
    name: NOTIFY_DELIVER,
    retryLimit: 5,
    retryDelaySeconds: 2,
    async handle({ deliveryId }) {
      const [delivery] = await ctx.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, deliveryId));
      if (!delivery || delivery.status === 'sent' || delivery.status === 'skipped') return;
      const user = await findActiveUser(ctx.db, delivery.userId);
      const mark = (status: 'sent' | 'failed' | 'skipped', error: string | null = null) =>
        ctx.db
          .update(notificationDeliveries)
          .set({
            status,
            lastError: error,
            attempts: sql`${notificationDeliveries.attempts} + 1`,
            sentAt: status === 'sent' ? new Date() : null,
          })
          .where(eq(notificationDeliveries.id, deliveryId));
      if (!user) return void (await mark('skipped', 'user inactive'));
      try {
        if (delivery.channel === 'email') {
          const smtp = await getSmtpConfig(ctx.db, ctx.env);
          if (!smtp) return void (await mark('skipped', 'SMTP not configured'));
          const { subject, body } = await renderTemplate(ctx.db, delivery.event as never, user.locale, 'email', delivery.variables);
          const render = delivery.attachment ? attachments[delivery.attachment.kind] : undefined;
          const attachment = render && delivery.attachment ? await render(delivery.attachment.id, user.locale) : null;
          // Threading headers tie replies to a ticket; other subjects (invoices) are not conversations.
          const threading = delivery.attachment ? {} : threadingHeaders(delivery.variables.number ?? '', deliveryId, smtp.from);
          await deliver(smtp, { to: user.email, subject, text: body, ...threading, ...(attachment ? { attachments: [attachment] } : {}) });
        } else {
          const gateway = (await readModuleSetting(ctx.db, 'sms_gateway', GATEWAY_DEFAULTS)).value;
          if (!gateway.enabled || !gateway.url) return void (await mark('skipped', 'gateway not configured'));
          if (!user.phone) return void (await mark('skipped', 'no phone number'));
          const { body } = await renderTemplate(ctx.db, delivery.event as never, user.locale, 'sms', delivery.variables);
          await sendSms(gateway, user.phone, body, outboundPolicyOf(ctx.env));
        }
        await mark('sent');
      } catch (error) {
        await mark('failed', (error as Error).message.slice(0, 500));
        throw error;
      }
    },
  };
}
