import { DEFAULT_TIME_ZONE } from '@ish/shared';
import { z } from 'zod';
import { timeZone } from '../../platform/http/schemas.ts';

// Fields of each create body. The shared master-data routes make every POST body
// strict (unknown field → 400) and derive the PATCH body from these: each field
// optional, plus `version` and `active`.

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).nullable().default(null);
const stamps = { id: z.number().int(), active: z.boolean(), version: z.number().int() };

/** Kinds of unit the seeds name: company divisions, departments, SKPD, operating units, branches. */
export const UNIT_TYPES = ['division', 'department', 'skpd', 'operating_unit', 'branch'] as const;
const unitType = z.enum(UNIT_TYPES);

export const companyFields = { code: text(20), name: text(160), timeZone: timeZone.default(DEFAULT_TIME_ZONE) };
export const company = z.object({ ...stamps, code: z.string(), name: z.string(), timeZone: z.string() });

export const unitFields = {
  companyId: id,
  parentId: id.nullable().default(null),
  code: text(40),
  name: text(120),
  type: unitType.default('division'),
};
export const unit = z.object({
  ...stamps,
  companyId: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  type: z.string(),
  path: z.string(),
  depth: z.number().int(),
});
export const unitQuery = { companyId: z.coerce.number().int().positive().optional() };

export const teamFields = {
  companyId: id,
  /** The unit the team serves, in the team's company. */
  unitId: id.nullable().default(null),
  code: text(40),
  name: text(120),
  level: z.number().int().min(1).max(2).default(1),
  leadUserId: id.nullable().default(null),
  /** The lead validates members' solutions before the requester is asked to confirm (003 §6). */
  validatesSolutions: z.boolean().default(false),
  /** Replaces the whole membership; active users only. */
  memberIds: z.array(id).max(200).default([]),
};
export const team = z.object({
  ...stamps,
  companyId: z.number().int(),
  unitId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  leadUserId: z.number().int().nullable(),
  validatesSolutions: z.boolean(),
  memberIds: z.array(z.number().int()),
});

export const vendorFields = {
  name: text(160),
  contactName: optional(120),
  contactEmail: z.email().max(254).nullable().default(null),
  contactPhone: optional(40),
  contractRef: optional(80),
};
export const vendor = z.object({
  ...stamps,
  name: z.string(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contractRef: z.string().nullable(),
});

export const locationFields = { companyId: id.nullable().default(null), name: text(160), address: optional(500) };
export const location = z.object({ ...stamps, companyId: z.number().int().nullable(), name: z.string(), address: z.string().nullable() });

/** A create body (all fields) or a PATCH body (only what it names); what the service hooks receive. */
type Input<F extends z.ZodRawShape> = Partial<z.infer<z.ZodObject<F>>> & { active?: boolean };
export type UnitInput = Input<typeof unitFields>;
export type TeamInput = Input<typeof teamFields>;
export type LocationInput = Input<typeof locationFields>;

// ── Unit import ────────────────────────────────────────────────────────────

export const UNIT_IMPORT_COLUMNS = ['company_code', 'code', 'name', 'type', 'parent_code'] as const;

/** One row of the unit import, with the same limits as the API body; an empty type means a division. */
export const unitImportRow = z.object({
  company_code: companyFields.code,
  code: unitFields.code,
  name: unitFields.name,
  type: z.preprocess((value) => value || 'division', unitType),
  parent_code: z.string().trim().max(40).default(''),
});
export type UnitImportRow = z.infer<typeof unitImportRow>;

export const importResult = z.object({ imported: z.number().int() });
