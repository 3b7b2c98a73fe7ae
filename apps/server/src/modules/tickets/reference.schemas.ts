import { LOCALES } from '@ish/shared';
import { z } from 'zod';
import { LEVELS, PRIORITIES, TICKET_STATUSES } from './tickets.tables.ts';

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const stamps = { id: z.number().int(), active: z.boolean(), version: z.number().int() };
/** The version a whole-document PUT was based on; sent back from the GET (a stale one answers 409). */
const documentVersion = z.number().int().positive().optional();

/**
 * File types an Administrator may allow for attachments: the ones the upload
 * sniffer recognises from the bytes (file-type's names, e.g. RAR is
 * `application/x-rar-compressed`). Never HTML, SVG or XML: a browser may run
 * script from them.
 */
export const ALLOWABLE_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/csv',
  'application/zip',
  'application/x-7z-compressed',
  'application/x-rar-compressed',
  'application/gzip',
  'video/mp4',
  'audio/mpeg',
] as const;

// Categories and business services: fields of the create body (PATCH takes them partially, plus version and active).
// Optional rather than defaulted: the column defaults apply on create, and a PATCH that omits a
// field must leave it alone (a zod default would reset it).

export const categoryFields = {
  parentId: id.nullable().optional(),
  code: text(40),
  nameId: text(120),
  nameEn: text(120),
  /** Tickets in it escalate to the head of IT on creation (002 SOP). */
  isSecurity: z.boolean().optional(),
  sort: z.number().int().min(0).max(9999).optional(),
};
export const category = z.object({
  ...stamps,
  parentId: z.number().int().nullable(),
  code: z.string(),
  /** In the caller's language. */
  name: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  isSecurity: z.boolean(),
  sort: z.number().int(),
  /** 0 for a top-level category; the list comes depth-first. */
  depth: z.number().int(),
});
export type CategoryInput = Partial<z.infer<z.ZodObject<typeof categoryFields>>> & { active?: boolean };

export const serviceFields = {
  code: text(40),
  name: text(160),
  /** Who uses the service (004 Table 1, "Pengguna"). */
  usersDescription: optionalText(200),
  description: optionalText(2000),
};
export const businessService = z.object({
  ...stamps,
  code: z.string(),
  name: z.string(),
  usersDescription: z.string().nullable(),
  description: z.string().nullable(),
});

// Priority matrix (004 Table 5).

export const matrixCell = z.strictObject({ urgency: z.enum(LEVELS), impact: z.enum(LEVELS), priority: z.enum(PRIORITIES) });
export const priorityMatrixBody = z.strictObject({
  version: documentVersion,
  /** All nine urgency × impact pairs, each once. */
  cells: z.array(matrixCell).length(9),
});
export const priorityMatrix = z.object({ version: z.number().int(), cells: z.array(matrixCell) });
export type PriorityMatrixInput = z.infer<typeof priorityMatrixBody>;

// Status display names per language (001's Baru / Diproses / Selesai).

export const statusLabelBody = z.strictObject({
  version: documentVersion,
  /** An empty label restores the built-in name. */
  labels: z
    .array(z.strictObject({ status: z.enum(TICKET_STATUSES), locale: z.enum(LOCALES), label: z.string().trim().max(60) }))
    .max(TICKET_STATUSES.length * LOCALES.length),
});
export const statusLabels = z.object({
  version: z.number().int(),
  items: z.array(
    z.object({
      status: z.enum(TICKET_STATUSES),
      locale: z.enum(LOCALES),
      label: z.string(),
      defaultLabel: z.string(),
      custom: z.boolean(),
    }),
  ),
});
export type StatusLabelInput = z.infer<typeof statusLabelBody>;

// Service-desk settings (the `service_desk` settings document).

export const serviceDeskSettingsBody = z.strictObject({
  /** 0 while the settings were never saved. */
  version: z.number().int().min(0),
  /** Tokens {yyyy} {yy} {mm} {dd} {unit} and exactly one {seq} or {seq:N}, e.g. `{unit}.{dd}{mm}{yyyy}.{seq:3}`. */
  ticketNumberPattern: z.string().trim().min(3).max(60),
  headOfItUserId: id.nullable(),
  directorUserId: id.nullable(),
  attachmentTypes: z.array(z.enum(ALLOWABLE_ATTACHMENT_TYPES)).min(1),
  attachmentMaxMb: z.number().int().min(1).max(50),
  /** Optional: left as they are when omitted. */
  autoCloseBusinessDays: z.number().int().min(1).max(60).optional(),
  pendingReminderDays: z.number().int().min(1).max(60).optional(),
  /** Service requests' own number pattern (e.g. `SR-{yyyy}-{seq:6}`); same tokens as tickets'. */
  requestNumberPattern: z.string().trim().min(3).max(60).optional(),
  /** Per company, the helpdesk team new tickets go to (003 §7.1). */
  helpdeskTeams: z
    .array(z.strictObject({ companyId: id, teamId: id }))
    .max(100)
    .optional(),
  /** Positions (jabatan) whose reports are urgent: Kepala Pos, Kepala Bidang (004 Table 3). */
  urgentPositions: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
});
export const serviceDeskSettings = z.object({
  ...serviceDeskSettingsBody.shape,
  attachmentTypes: z.array(z.string()),
  autoCloseBusinessDays: z.number().int(),
  pendingReminderDays: z.number().int(),
  requestNumberPattern: z.string(),
  helpdeskTeams: z.array(z.object({ companyId: z.number().int(), teamId: z.number().int() })),
  urgentPositions: z.array(z.string()),
  /** What `attachmentTypes` may hold. */
  allowableTypes: z.array(z.string()),
});
export type ServiceDeskSettingsInput = z.infer<typeof serviceDeskSettingsBody>;
