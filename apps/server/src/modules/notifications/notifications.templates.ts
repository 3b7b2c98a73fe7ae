import type { Locale } from '@ish/shared';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { hasMessage, t } from '../../platform/i18n/i18n.ts';
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
  'survey_requested',
  'csat_low',
  'change_review_requested',
  'change_returned',
  'change_approval_requested',
  'change_vote_requested',
  'change_decided',
  'change_schedule_requested',
  'change_scheduled',
  'change_review_due',
  'cab_meeting_scheduled',
  'backup_failed',
  'webhook_disabled',
  'item_review_requested',
  'handler_changed',
  'validation_requested',
] as const;

/** Notices to contacts (public reporters, external contacts), who have no preferences: they go by SMS and verified email. */
export const CONTACT_EVENTS = ['report_received', 'report_received_verify', 'contact_verify', 'contact_reply', 'report_resolved'] as const;
export type ContactEvent = (typeof CONTACT_EVENTS)[number];

/** Every event with a template: users' events and contacts'. */
export const TEMPLATE_EVENTS = [...NOTIFICATION_EVENTS, ...CONTACT_EVENTS] as const;
export type NotificationEvent = (typeof TEMPLATE_EVENTS)[number];

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
  'tracking_code',
  'survey_link',
  'verify_link',
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
  // An event may have its own short SMS text (a link to follow); else the SMS is the subject.
  const smsDefault = hasMessage(`notifications.${event}.sms`) ? t(locale, `notifications.${event}.sms`) : t(locale, 'notifications.sms');
  if (channel === 'sms') return { subject, body: fillTemplate(custom?.body || smsDefault, { ...vars, subject }) };
  return { subject, body: fillTemplate(custom?.body || t(locale, `notifications.${event}.body`), vars) };
}
