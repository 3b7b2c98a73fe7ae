import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

export const FIELD_TYPES = ['short_text', 'long_text', 'number', 'date', 'choice', 'multi_choice', 'checkbox', 'file', 'person'] as const;

/** One field of an item's request form, built by the provider; labels and help in both languages. */
export const formField = z
  .strictObject({
    key,
    type: z.enum(FIELD_TYPES),
    labelId: text(120),
    labelEn: text(120),
    helpId: z.string().trim().max(300).default(''),
    helpEn: z.string().trim().max(300).default(''),
    required: z.boolean().default(false),
    options: z
      .array(z.strictObject({ value: key, labelId: text(120), labelEn: text(120) }))
      .max(50)
      .default([]),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
  })
  .refine((f) => !['choice', 'multi_choice'].includes(f.type) || f.options.length >= 2, {
    message: 'choice fields need at least two options',
    path: ['options'],
  });

export const formSchema = z
  .array(formField)
  .max(40)
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, { message: 'field keys must be unique' });

export const audience = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({
    companyIds: z.array(z.number().int().positive()).max(50).default([]),
    unitIds: z.array(z.number().int().positive()).max(200).default([]),
  }),
]);

/** What a provider describes: both languages, cost model with a whole-Rupiah rate, targets, audience and form. */
export const itemContent = {
  nameId: text(160),
  nameEn: text(160),
  descriptionId: z.string().trim().max(5000).default(''),
  descriptionEn: z.string().trim().max(5000).default(''),
  /** The category in Indonesian, and in English (empty: English readers see the Indonesian). */
  category: text(80),
  categoryEn: z.string().trim().max(80).default(''),
  costModel: z.enum(['fixed', 'per_hour', 'per_unit']),
  /** Whole Rupiah; never a fraction. */
  rate: z.number().int().min(0).max(1_000_000_000_000),
  unitLabel: z.string().trim().max(40).nullable().default(null),
  responseMinutes: z.number().int().min(1).max(525_600),
  resolutionMinutes: z.number().int().min(1).max(525_600),
  predefined: z.boolean().default(true),
  alwaysApproval: z.boolean().default(false),
  audience: audience.default({ all: true }),
  form: formSchema.default([]),
};

export const createItemBody = z.strictObject({
  providerUnitId: z.number().int().positive(),
  teamId: z.number().int().positive().nullable().default(null),
  ...itemContent,
});

/** Edits name only what changes; create-time defaults must not refill omitted fields. */
export const updateItemBody = z.strictObject({
  version: z.number().int().positive(),
  teamId: z.number().int().positive().nullable().optional(),
  ...Object.fromEntries(
    Object.entries(itemContent).map(([k, f]) => [k, (f instanceof z.ZodDefault ? (f.unwrap() as z.ZodType) : (f as z.ZodType)).optional()]),
  ),
}) as unknown as z.ZodType<{ version: number; teamId?: number | null } & Partial<z.infer<z.ZodObject<typeof itemContent>>>>;

export const decisionBody = z.strictObject({ version: z.number().int().positive(), reason: z.string().trim().max(2000).optional() });

export const listQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** browse: what I may order; mine: my division's items in any state; review: waiting for a Catalog Manager. */
  view: z.enum(['browse', 'mine', 'review']).default('browse'),
  q: z.string().trim().max(100).optional(),
  /** A category in either language. */
  category: z.string().trim().max(80).optional(),
});

const versionOut = z.object({
  id: z.number().int(),
  number: z.number().int(),
  state: z.enum(['draft', 'pending_approval', 'published', 'rejected', 'superseded']),
  nameId: z.string(),
  nameEn: z.string(),
  name: z.string(),
  descriptionId: z.string(),
  descriptionEn: z.string(),
  description: z.string(),
  category: z.string(),
  categoryEn: z.string(),
  /** The category in the reader's language. */
  categoryName: z.string(),
  costModel: z.enum(['fixed', 'per_hour', 'per_unit']),
  rate: z.number().int(),
  unitLabel: z.string().nullable(),
  responseMinutes: z.number().int(),
  resolutionMinutes: z.number().int(),
  predefined: z.boolean(),
  alwaysApproval: z.boolean(),
  audience: z.record(z.string(), z.unknown()),
  form: z.array(z.record(z.string(), z.unknown())),
  rejectionReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const itemOut = z.object({
  id: z.number().int(),
  code: z.string(),
  state: z.enum(['draft', 'pending_approval', 'published', 'retired']),
  provider: z.object({ unitId: z.number().int(), name: z.string() }),
  teamId: z.number().int().nullable(),
  /** The version a requester orders now (null until first published). */
  published: versionOut.nullable(),
  /** The version being edited or reviewed, for providers and Catalog Managers. */
  working: versionOut.nullable(),
  history: z.array(versionOut.pick({ id: true, number: true, state: true, rate: true, decidedAt: true, rejectionReason: true })),
  allowedActions: z.array(z.string()),
  version: z.number().int(),
});
export type ItemOut = z.infer<typeof itemOut>;

/** The divisions the caller may register catalog items for. */
export const providerDivisionsOut = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** The division a new item is proposed for: the one all others sit under, if there is one. */
  proposed: z.number().int().nullable(),
});
