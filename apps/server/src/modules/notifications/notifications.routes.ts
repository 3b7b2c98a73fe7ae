import { LOCALES } from '@ish/shared';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { versionConflict } from '../../platform/http/errors.ts';
import { noContent, pageOf, pageQuery } from '../../platform/http/schemas.ts';
import { assertOutboundAllowed, outboundPolicyOf } from '../../platform/outbound/outbound.ts';
import { readModuleSetting, writeModuleSetting } from '../settings/index.ts';
import { GATEWAY_DEFAULTS, type GatewaySettings } from './notifications.delivery.ts';
import type { RealtimeHub } from './notifications.realtime.ts';
import { CHANNELS, notificationDeliveries, notificationPreferences, notifications, notificationTemplates } from './notifications.tables.ts';
import {
  fillTemplate,
  fillTexts,
  NOTIFICATION_EVENTS,
  renderTemplate,
  TEMPLATE_EVENTS,
  TEMPLATE_VARIABLES,
} from './notifications.templates.ts';

const tags = ['notifications'];
const event = z.enum(NOTIFICATION_EVENTS);
const templateEvent = z.enum(TEMPLATE_EVENTS);
const notificationOut = z.object({
  id: z.number().int(),
  event: z.string(),
  ticketId: z.number().int().nullable(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
const templateKey = z.strictObject({ event: templateEvent, locale: z.enum(LOCALES), channel: z.enum(['email', 'sms']) });
const SAMPLE = {
  number: 'INC-2026-000123',
  title: 'Internet kantor cabang mati',
  status: 'Diproses',
  priority: 'P2',
  amount: 'Rp 7.500.000',
  assignee: 'Budi Santoso',
  requester: 'Siti Rahmawati',
  link: 'https://ish.example/tickets/INC-2026-000123',
  organisation: 'Grup Nusantara',
  reason: 'Perlu tim jaringan',
  tracking_code: 'K7P2-XQ9M',
  survey_link: 'https://ish.example/survey/s12.abc',
  verify_link: 'https://ish.example/verify-email?token=abc',
};

export function notificationRoutes(app: App, ctx: AppContext, hub: RealtimeHub) {
  app.get('/notifications', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'My in-app notifications, newest first, with the unread count',
      querystring: z.strictObject({ ...pageQuery, unread: z.enum(['true', 'false']).optional() }),
      response: { 200: pageOf(notificationOut).extend({ unread: z.number().int() }) },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const mine = and(eq(notifications.userId, actor.userId), req.query.unread === 'true' ? isNull(notifications.readAt) : undefined);
      const [rows, [total], [unread]] = await Promise.all([
        ctx.db
          .select()
          .from(notifications)
          .where(mine)
          .orderBy(desc(notifications.id))
          .limit(req.query.pageSize)
          .offset((req.query.page - 1) * req.query.pageSize),
        ctx.db.select({ n: count() }).from(notifications).where(mine),
        ctx.db
          .select({ n: count() })
          .from(notifications)
          .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt))),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          event: r.event,
          ticketId: r.ticketId,
          title: r.title,
          body: r.body,
          link: r.link,
          read: r.readAt !== null,
          createdAt: r.createdAt.toISOString(),
        })),
        total: total?.n ?? 0,
        unread: unread?.n ?? 0,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  });

  app.post('/notifications/read', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Mark some (ids) or all of my notifications read',
      body: z.strictObject({ ids: z.array(z.number().int().positive()).max(500).optional(), all: z.boolean().optional() }),
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const which = req.body.all ? undefined : inArray(notifications.id, req.body.ids?.length ? req.body.ids : [0]);
      await ctx.db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt), which));
      return reply.status(204).send(null);
    },
  });

  app.get('/notifications/stream', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Server-sent events: `notification` whenever I get a new in-app notification (works across server processes)',
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      // A resync (the server was away from the database) is announced the same way: the client reloads its inbox.
      const unsubscribe = hub.subscribe(actor.userId, (_user, reason) => {
        if (reason === 'closing') reply.raw.end();
        else reply.raw.write(`event: notification\ndata: ${JSON.stringify({ reason })}\n\n`);
      });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      reply.raw.write('retry: 5000\n\n');
      const ping = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
      req.raw.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });
    },
  });

  const preferences = z.array(z.strictObject({ event, channel: z.enum(CHANNELS), enabled: z.boolean() }));
  app.get('/me/notification-preferences', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'My choice of channel per event (defaults: in-app and email on, SMS off)',
      response: { 200: z.object({ items: preferences }) },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const rows = await ctx.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, actor.userId));
      return {
        items: NOTIFICATION_EVENTS.flatMap((e) =>
          CHANNELS.map((channel) => ({
            event: e,
            channel,
            enabled: rows.find((r) => r.event === e && r.channel === channel)?.enabled ?? channel !== 'sms',
          })),
        ),
      };
    },
  });
  app.put('/me/notification-preferences', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Set my channel choices',
      // The profile saves every event × channel at once; more modules mean more events.
      body: z.strictObject({ items: preferences.max(NOTIFICATION_EVENTS.length * CHANNELS.length) }),
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      await ctx.db.transaction(async (tx) => {
        for (const p of req.body.items) {
          await tx
            .insert(notificationPreferences)
            .values({ userId: actor.userId, ...p })
            .onConflictDoUpdate({
              target: [notificationPreferences.userId, notificationPreferences.event, notificationPreferences.channel],
              set: { enabled: p.enabled },
            });
        }
      });
      return reply.status(204).send(null);
    },
  });

  const templateOut = templateKey.extend({ subject: z.string(), body: z.string(), custom: z.boolean(), version: z.number().int() });
  app.get('/notification-templates', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Every event’s email and SMS text per language (Administrators)',
      response: { 200: z.object({ items: z.array(templateOut), variables: z.array(z.string()) }) },
    },
    handler: async () => {
      const custom = await ctx.db.select().from(notificationTemplates);
      const placeholders = Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v, `{${v}}`]));
      const items = [];
      for (const e of TEMPLATE_EVENTS)
        for (const locale of LOCALES)
          for (const channel of ['email', 'sms'] as const) {
            const row = custom.find((c) => c.event === e && c.locale === locale && c.channel === channel);
            // The default texts with their placeholders left in, read from memory (no query per template).
            const fallback = fillTexts(null, e, locale, channel, placeholders);
            items.push({
              event: e,
              locale,
              channel,
              subject: row?.subject || fallback.subject,
              body: row?.body || fallback.body,
              custom: !!row,
              version: row?.version ?? 0,
            });
          }
      return { items, variables: [...TEMPLATE_VARIABLES] };
    },
  });

  app.put('/notification-templates', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Replace one template (empty body = back to the default)',
      body: templateKey.extend({ subject: z.string().max(300), body: z.string().max(10_000), version: z.number().int().min(0) }),
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const { event: e, locale, channel, subject, body, version } = req.body;
      await ctx.db.transaction(async (tx) => {
        const key = and(
          eq(notificationTemplates.event, e),
          eq(notificationTemplates.locale, locale),
          eq(notificationTemplates.channel, channel),
        );
        const [current] = await tx.select().from(notificationTemplates).where(key).for('update');
        if ((current?.version ?? 0) !== version) throw versionConflict();
        if (!body.trim()) await tx.delete(notificationTemplates).where(key);
        else if (current)
          await tx
            .update(notificationTemplates)
            .set({ subject, body, version: current.version + 1, updatedBy: actor.userId, updatedAt: new Date() })
            .where(key);
        else await tx.insert(notificationTemplates).values({ event: e, locale, channel, subject, body, updatedBy: actor.userId });
        await recordAudit(tx, auditSourceOf(req), {
          action: 'settings.notification_template_updated',
          targetType: 'notification_template',
          targetId: `${e}/${locale}/${channel}`,
          before: current ?? null,
          after: { subject, body },
        });
      });
      return reply.status(204).send(null);
    },
  });

  app.post('/notification-templates/preview', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Render a template with sample values: the text being edited when given, else the saved or default one',
      body: templateKey.extend({ subject: z.string().max(300).optional(), body: z.string().max(10_000).optional() }),
      response: { 200: z.object({ subject: z.string(), body: z.string() }) },
    },
    handler: async (req) => {
      const { event: e, locale, channel, subject, body } = req.body;
      const saved = await renderTemplate(ctx.db, e, locale, channel, SAMPLE);
      const filledSubject = subject === undefined ? saved.subject : fillTemplate(subject, SAMPLE);
      if (body === undefined) return { ...saved, subject: filledSubject };
      return { subject: filledSubject, body: fillTemplate(body, { ...SAMPLE, subject: filledSubject }) };
    },
  });

  app.get('/notification-deliveries', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Delivery log: every email and SMS with its status (Administrators)',
      querystring: z.strictObject({
        ...pageQuery,
        status: z.enum(['queued', 'sent', 'failed', 'skipped']).optional(),
        channel: z.enum(CHANNELS).optional(),
        ticketId: z.coerce.number().int().optional(),
      }),
      response: {
        200: pageOf(
          z.object({
            id: z.number().int(),
            channel: z.string(),
            event: z.string(),
            ticketId: z.number().int().nullable(),
            /** Null for a contact (public reporter, external contact): `recipient` is then their address. */
            userId: z.number().int().nullable(),
            recipient: z.string(),
            /** The ticket or service request number the message is about. */
            reference: z.string().nullable(),
            status: z.string(),
            attempts: z.number().int(),
            lastError: z.string().nullable(),
            createdAt: z.string(),
            sentAt: z.string().nullable(),
          }),
        ),
      },
    },
    handler: async (req) => {
      const where = and(
        req.query.status ? eq(notificationDeliveries.status, req.query.status) : undefined,
        req.query.channel ? eq(notificationDeliveries.channel, req.query.channel) : undefined,
        req.query.ticketId ? eq(notificationDeliveries.ticketId, req.query.ticketId) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        ctx.db
          .select({
            delivery: notificationDeliveries,
            recipient: sql<string>`coalesce((SELECT name FROM users u WHERE u.id = ${notificationDeliveries.userId}), ${notificationDeliveries.address})`,
          })
          .from(notificationDeliveries)
          .where(where)
          .orderBy(desc(notificationDeliveries.id))
          .limit(req.query.pageSize)
          .offset((req.query.page - 1) * req.query.pageSize),
        ctx.db.select({ n: count() }).from(notificationDeliveries).where(where),
      ]);
      return {
        items: rows.map(({ delivery: r, recipient }) => ({
          id: r.id,
          channel: r.channel,
          event: r.event,
          ticketId: r.ticketId,
          userId: r.userId,
          recipient: recipient ?? '',
          reference: (r.variables as Record<string, string>).number ?? null,
          status: r.status,
          attempts: r.attempts,
          lastError: r.lastError,
          createdAt: r.createdAt.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
        })),
        total: total?.n ?? 0,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  });

  const gateway = z.strictObject({
    enabled: z.boolean(),
    url: z.union([z.literal(''), z.url().max(500)]),
    method: z.enum(['POST', 'GET']),
    headers: z.record(z.string().max(100), z.string().max(1000)),
    bodyTemplate: z.string().max(5000),
  });
  app.get('/settings/sms-gateway', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'The SMS/WhatsApp HTTP gateway (Administrators)',
      response: { 200: gateway.extend({ version: z.number().int() }) },
    },
    handler: async (_req) => {
      const { value, version } = await readModuleSetting<GatewaySettings>(ctx.db, 'sms_gateway', GATEWAY_DEFAULTS);
      return { ...value, version };
    },
  });
  app.put('/settings/sms-gateway', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Configure the SMS/WhatsApp HTTP gateway',
      body: gateway.extend({ version: z.number().int().min(0) }),
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const { version, ...value } = req.body;
      if (value.url) await assertOutboundAllowed(value.url, outboundPolicyOf(ctx.env));
      await writeModuleSetting(ctx, actor.userId, auditSourceOf(req), 'sms_gateway', value, version);
      return reply.status(204).send(null);
    },
  });
}
