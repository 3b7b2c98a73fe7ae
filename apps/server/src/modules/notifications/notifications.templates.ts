import type { Locale } from '@ish/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { notificationTemplates } from './notifications.tables.ts';

export const NOTIFICATION_EVENTS = [
  'ticket_created',
  'ticket_assigned',
  'status_changed',
  'reply_added',
  'ticket_resolved',
  'ticket_escalated',
  'sla_warning',
  'sla_breached',
  'close_reminder',
  'pending_reminder',
  'approval_requested',
  'approval_reminder',
  'request_decided',
  'invoice_issued',
  'invoice_reminder',
  'invoice_overdue',
  'invoice_paid',
  'dispute_opened',
  'dispute_answered',
  'dispute_escalated',
  'dispute_decided',
  'budget_threshold',
  'backup_failed',
  'item_review_requested',
  'handler_changed',
  'validation_requested',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const TEMPLATE_VARIABLES = [
  'number',
  'title',
  'status',
  'priority',
  'amount',
  'assignee',
  'team',
  'requester',
  'link',
  'organisation',
  'reason',
  'dueDate',
  'period',
] as const;

/** `{name}` replaced by its value; unknown names stay as written so a typo is visible. */
export const fillTemplate = (template: string, vars: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);

/** Subject and body for one event, language and channel: the Administrator's template, else the default. */
export async function renderTemplate(
  tx: Tx,
  event: NotificationEvent,
  locale: Locale,
  channel: 'email' | 'sms',
  vars: Record<string, string>,
) {
  const [custom] = await tx
    .select()
    .from(notificationTemplates)
    .where(
      and(eq(notificationTemplates.event, event), eq(notificationTemplates.locale, locale), eq(notificationTemplates.channel, channel)),
    );
  return fillTexts(custom ?? null, event, locale, channel, vars);
}

/** A template's texts filled with `vars`: the Administrator's version where there is one, else the default. */
export function fillTexts(
  custom: { subject: string; body: string } | null,
  event: NotificationEvent,
  locale: Locale,
  channel: 'email' | 'sms',
  vars: Record<string, string>,
) {
  const subject = fillTemplate(custom?.subject || t(locale, `notifications.${event}.subject`), vars);
  if (channel === 'sms') return { subject, body: fillTemplate(custom?.body || t(locale, 'notifications.sms'), { ...vars, subject }) };
  return { subject, body: fillTemplate(custom?.body || t(locale, `notifications.${event}.body`), vars) };
}
