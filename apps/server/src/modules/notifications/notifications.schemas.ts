import { LOCALES } from '@ish/shared';
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/http/schemas.ts';
import { CHANNELS } from './notifications.tables.ts';
import { NOTIFICATION_EVENTS, TEMPLATE_EVENTS } from './notifications.templates.ts';

const event = z.enum(NOTIFICATION_EVENTS);

export const notificationOut = z.object({
  id: z.number().int(),
  event: z.string(),
  ticketId: z.number().int().nullable(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export const inboxQuery = z.strictObject({ ...pageQuery, unread: z.enum(['true', 'false']).optional() });
export type InboxQuery = z.infer<typeof inboxQuery>;
export const markReadBody = z.strictObject({ ids: z.array(z.number().int().positive()).max(500).optional(), all: z.boolean().optional() });
export type MarkReadInput = z.infer<typeof markReadBody>;

export const preferences = z.array(z.strictObject({ event, channel: z.enum(CHANNELS), enabled: z.boolean() }));
export type Preferences = z.infer<typeof preferences>;

export const templateKey = z.strictObject({ event: z.enum(TEMPLATE_EVENTS), locale: z.enum(LOCALES), channel: z.enum(['email', 'sms']) });
export const templateOut = templateKey.extend({ subject: z.string(), body: z.string(), custom: z.boolean(), version: z.number().int() });
export const templateBody = templateKey.extend({
  subject: z.string().max(300),
  body: z.string().max(10_000),
  version: z.number().int().min(0),
});
export type TemplateInput = z.infer<typeof templateBody>;
export const previewBody = templateKey.extend({ subject: z.string().max(300).optional(), body: z.string().max(10_000).optional() });
export type PreviewInput = z.infer<typeof previewBody>;

export const deliveriesQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(['queued', 'sent', 'failed', 'skipped']).optional(),
  channel: z.enum(CHANNELS).optional(),
  ticketId: z.coerce.number().int().optional(),
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;
export const deliveryOut = z.object({
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
});

export const gateway = z.strictObject({
  enabled: z.boolean(),
  url: z.union([z.literal(''), z.url().max(500)]),
  method: z.enum(['POST', 'GET']),
  headers: z.record(z.string().max(100), z.string().max(1000)),
  bodyTemplate: z.string().max(5000),
});
export const gatewayBody = gateway.extend({ version: z.number().int().min(0) });
export type GatewayInput = z.infer<typeof gatewayBody>;
export const gatewayOut = gateway.extend({ version: z.number().int() });

export const inboxPage = pageOf(notificationOut).extend({ unread: z.number().int() });
export const preferencesOut = z.object({ items: preferences });
// The profile saves every event × channel at once; more modules mean more events.
export const preferencesBody = z.strictObject({ items: preferences.max(NOTIFICATION_EVENTS.length * CHANNELS.length) });
export const templateList = z.object({ items: z.array(templateOut), variables: z.array(z.string()) });
export const previewOut = z.object({ subject: z.string(), body: z.string() });
export const deliveryPage = pageOf(deliveryOut);
