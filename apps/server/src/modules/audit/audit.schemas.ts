import { z } from 'zod';
import { calendarDate, pageQuery } from '../../platform/http/schemas.ts';

export const auditFilters = {
  action: z.string().max(100).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  actorEmail: z.string().max(254).optional(),
  /** Matches the target type or id, e.g. `user` or `42`. */
  target: z.string().max(100).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
};
export type AuditFilters = { [K in keyof typeof auditFilters]?: z.infer<(typeof auditFilters)[K]> };
export const auditQuery = z.strictObject({ ...pageQuery, ...auditFilters });
export const auditExportQuery = z.strictObject(auditFilters);

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorEmail: z.string().nullable(),
  ip: z.string().nullable(),
  tokenId: z.number().int().nullable().describe('The API token the change was made with'),
  tokenName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** The actor's name, when the actor is a user. */
  actorName: z.string().nullable(),
  /** What the target is called (a person's name, a ticket's number, a unit's name), when it is known. */
  targetLabel: z.string().nullable(),
});
