import { z } from 'zod';

import { phoneField } from '../contacts/index.ts';
import { protectionSchema } from './intake.settings.ts';
import { REPORT_METHODS } from './intake.tables.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** The text fields of `POST /public/{orgSlug}/reports` (multipart; files go in `evidence`). */
export const reportFields = z.strictObject({
  /** 004's complaint method: how the report reached us. */
  method: z.enum(REPORT_METHODS).default('web_form'),
  name: text(120),
  phone: phoneField,
  email: z.email().max(254).optional(),
  address: text(300),
  kelurahan: text(100),
  kecamatan: text(100),
  /** `2026-11-25T08:30` (the organisation's local time) or an ISO instant with offset. */
  occurredAt: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/)
    .optional(),
  serviceId: z.coerce.number().int().positive().optional(),
  description: z.string().trim().min(10).max(5000),
  formToken: z.string().min(20).max(400),
  /** The proof of work, when the form asked for one. */
  challenge: z.string().max(40).optional(),
});
export type ReportFields = z.infer<typeof reportFields>;

export const slugParams = z.strictObject({ orgSlug: z.string().trim().min(2).max(63) });

export const publicFormOut = z.object({
  organisation: z.string(),
  company: z.string(),
  slug: z.string(),
  services: z.array(z.object({ id: z.number().int(), name: z.string(), description: z.string().nullable() })),
  methods: z.array(z.enum(REPORT_METHODS)),
  /** Signed, single use; the minimum fill time counts from it. */
  formToken: z.string(),
  minFillSeconds: z.number().int(),
  /** A proof of work is asked after repeated reports from one address: find `challenge` so that SHA-256(`formToken:challenge`) starts with `bits` zero bits. */
  challenge: z.object({ bits: z.number().int() }).nullable(),
  evidence: z.object({ maxFiles: z.number().int(), maxMb: z.number().int(), types: z.array(z.string()) }),
});

export const reportCreated = z.object({ number: z.string(), trackingCode: z.string() });

export const formSettingsBody = z.strictObject({
  version: z.number().int().min(0),
  /** The form's address, `/report/{slug}`; `tickets`, `contacts` and `surveys` name other public pages. */
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .refine((s) => !['tickets', 'contacts', 'surveys'].includes(s), 'SLUG_TAKEN'),
  enabled: z.boolean(),
  unitId: z.number().int().positive(),
  teamId: z.number().int().positive().nullable(),
  serviceIds: z.array(z.number().int().positive()).max(100),
  protection: protectionSchema,
});
export type FormSettingsInput = z.infer<typeof formSettingsBody>;

export const formSettingsOut = z.object({
  company: z.object({ id: z.number().int(), name: z.string() }),
  form: z
    .object({
      slug: z.string(),
      enabled: z.boolean(),
      unitId: z.number().int(),
      teamId: z.number().int().nullable(),
      serviceIds: z.array(z.number().int()),
      protection: protectionSchema,
      version: z.number().int(),
      url: z.string(),
    })
    .nullable(),
});

export const publicReportOut = z.object({
  report: z
    .object({
      method: z.enum(REPORT_METHODS),
      reporterName: z.string(),
      phone: z.string(),
      email: z.string().nullable(),
      address: z.string(),
      kelurahan: z.string(),
      kecamatan: z.string(),
      occurredAt: z.string().nullable(),
      createdAt: z.string(),
    })
    .nullable(),
});

export const formSettingsList = z.object({
  items: z.array(formSettingsOut),
  defaults: protectionSchema.describe('The protection a new form starts with'),
});
export const companyParams = z.strictObject({ companyId: z.coerce.number().int().positive() });
