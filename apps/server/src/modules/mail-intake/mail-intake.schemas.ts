import { z } from 'zod';
import { pageQuery } from '../../platform/http/schemas.ts';

export const mailOut = z.object({
  id: z.number().int(),
  receivedAt: z.string(),
  source: z.enum(['smtp', 'imap']),
  from: z.object({ address: z.string().nullable(), name: z.string().nullable() }),
  subject: z.string(),
  outcome: z.string(),
  /**
   * Why it waits: throttled (too many from this sender), auth_failed (DMARC), not_participant (a reply from outside the ticket),
   * request_reply (a reply to a service request's notice while the request has no open fulfilment ticket).
   */
  reason: z.string().nullable(),
  ticket: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  auth: z.object({ spf: z.string().nullable(), dmarc: z.string().nullable() }),
  version: z.number().int(),
});

export const quarantineQuery = z.strictObject(pageQuery);
export const mailDetail = mailOut.extend({
  text: z.string(),
  to: z.string(),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number().int() })),
});
export const releaseBody = z.strictObject({ version: z.number().int().positive(), asNewTicket: z.boolean().optional() });
export const releaseOut = z.object({
  outcome: z.literal('released'),
  ticket: z.object({ id: z.number().int(), number: z.string() }).nullable(),
});
export const discardBody = z.strictObject({ version: z.number().int().positive() });

export const mailSettingsBody = z.strictObject({
  version: z.number().int().min(0),
  helpdeskAddress: z.union([z.literal(''), z.email().max(254)]),
  companyId: z.number().int().positive().nullable(),
  unitId: z.number().int().positive().nullable(),
  teamId: z.number().int().positive().nullable(),
  unknownSenders: z.enum(['contact', 'refuse']),
  perSenderPerHour: z.number().int().min(1).max(1000),
  imap: z.strictObject({
    enabled: z.boolean(),
    host: z.string().trim().max(255),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    user: z.string().trim().max(255),
    password: z.string().max(500).optional(),
    folder: z.string().trim().min(1).max(255),
  }),
});

export const mailSettingsOut = z.object({
  helpdeskAddress: z.string(),
  companyId: z.number().int().nullable(),
  unitId: z.number().int().nullable(),
  teamId: z.number().int().nullable(),
  unknownSenders: z.enum(['contact', 'refuse']),
  perSenderPerHour: z.number().int(),
  imap: z.object({
    enabled: z.boolean(),
    host: z.string(),
    port: z.number().int(),
    secure: z.boolean(),
    user: z.string(),
    folder: z.string(),
    passwordSet: z.boolean(),
  }),
  version: z.number().int(),
});
export type MailSettingsInput = z.infer<typeof mailSettingsBody>;
