import { LOCALES } from '@ish/shared';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { versionConflict } from '../../platform/http/errors.ts';
import type { DeliveriesQuery, InboxQuery, MarkReadInput, Preferences, PreviewInput, TemplateInput } from './notifications.schemas.ts';
import { CHANNELS, notificationDeliveries, notificationPreferences, notifications, notificationTemplates } from './notifications.tables.ts';
import {
  fillTemplate,
  fillTexts,
  NOTIFICATION_EVENTS,
  renderTemplate,
  TEMPLATE_EVENTS,
  TEMPLATE_VARIABLES,
} from './notifications.templates.ts';

/** My in-app notifications, newest first, with the unread count. */
export async function listInbox(tx: Tx, actor: Actor, q: InboxQuery) {
  const mine = and(eq(notifications.userId, actor.userId), q.unread === 'true' ? isNull(notifications.readAt) : undefined);
  const [rows, [total], [unread]] = await Promise.all([
    tx
      .select()
      .from(notifications)
      .where(mine)
      .orderBy(desc(notifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    tx.select({ n: count() }).from(notifications).where(mine),
    tx
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
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Marks some (ids) or all of my notifications read. */
export async function markRead(ctx: AppContext, actor: Actor, input: MarkReadInput) {
  const which = input.all ? undefined : inArray(notifications.id, input.ids?.length ? input.ids : [0]);
  await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt), which));
}

/** My choice of channel per event; SMS is off until chosen. */
export async function listPreferences(tx: Tx, actor: Actor): Promise<Preferences> {
  const rows = await tx.select().from(notificationPreferences).where(eq(notificationPreferences.userId, actor.userId));
  return NOTIFICATION_EVENTS.flatMap((e) =>
    CHANNELS.map((channel) => ({
      event: e,
      channel,
      enabled: rows.find((r) => r.event === e && r.channel === channel)?.enabled ?? channel !== 'sms',
    })),
  );
}

export async function savePreferences(ctx: AppContext, actor: Actor, items: Preferences) {
  await ctx.db.transaction(async (tx) => {
    for (const p of items) {
      await tx
        .insert(notificationPreferences)
        .values({ userId: actor.userId, ...p })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.event, notificationPreferences.channel],
          set: { enabled: p.enabled },
        });
    }
  });
}

/** Every event's email and SMS text per language: the custom one, else the default. */
export async function listTemplates(tx: Tx) {
  const custom = await tx.select().from(notificationTemplates);
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
}

/** Replaces one template (an empty body goes back to the default); version 0 means "not customised yet". */
export async function saveTemplate(ctx: AppContext, actor: Actor, input: TemplateInput, source: AuditSource) {
  const { event: e, locale, channel, subject, body, version } = input;
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
        .set({ subject, body, version: current.version + 1, updatedBy: actor.userId, updatedAt: ctx.clock.now() })
        .where(key);
    else await tx.insert(notificationTemplates).values({ event: e, locale, channel, subject, body, updatedBy: actor.userId });
    await recordAudit(tx, source, {
      action: 'settings.notification_template_updated',
      targetType: 'notification_template',
      targetId: `${e}/${locale}/${channel}`,
      before: current ?? null,
      after: { subject, body },
    });
  });
}

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

/** A template rendered with sample values: the text being edited when given, else the saved or default one. */
export async function previewTemplate(tx: Tx, input: PreviewInput) {
  const { event: e, locale, channel, subject, body } = input;
  const saved = await renderTemplate(tx, e, locale, channel, SAMPLE);
  const filledSubject = subject === undefined ? saved.subject : fillTemplate(subject, SAMPLE);
  if (body === undefined) return { ...saved, subject: filledSubject };
  return { subject: filledSubject, body: fillTemplate(body, { ...SAMPLE, subject: filledSubject }) };
}

/** The delivery log: every email and SMS with its status, newest first. */
export async function listDeliveries(tx: Tx, q: DeliveriesQuery) {
  const where = and(
    q.status ? eq(notificationDeliveries.status, q.status) : undefined,
    q.channel ? eq(notificationDeliveries.channel, q.channel) : undefined,
    q.ticketId ? eq(notificationDeliveries.ticketId, q.ticketId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    tx
      .select({
        delivery: notificationDeliveries,
        recipient: sql<string>`coalesce((SELECT name FROM users u WHERE u.id = ${notificationDeliveries.userId}), ${notificationDeliveries.address})`,
      })
      .from(notificationDeliveries)
      .where(where)
      .orderBy(desc(notificationDeliveries.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    tx.select({ n: count() }).from(notificationDeliveries).where(where),
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
    page: q.page,
    pageSize: q.pageSize,
  };
}
