import { and, asc, count, eq, ilike, like, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { masterDataRoutes } from '../../platform/http/master-data.ts';
import { timeZone } from '../../platform/http/schemas.ts';
import { countActiveUsersInUnit, findActiveUser } from '../identity/identity.lookup.ts';
import { companies, locations, teamMembers, teams, units, vendors } from './org.tables.ts';
import { unitImportRoutes } from './units.import.ts';

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).nullable().default(null);
const stamps = { id: z.number().int(), active: z.boolean(), version: z.number().int() };

const unitFields = {
  companyId: id,
  parentId: id.nullable().default(null),
  code: text(40),
  name: text(120),
  type: z.enum(['division', 'department', 'skpd', 'operating_unit', 'branch']).default('division'),
};

/** Places a unit under its parent: same company, never under itself or a descendant; moving rewrites the subtree. */
async function placeUnit(tx: Tx, input: { companyId?: number; parentId?: number | null }, current: typeof units.$inferSelect | null) {
  const companyId = input.companyId ?? current?.companyId;
  const parentId = input.parentId !== undefined ? input.parentId : (current?.parentId ?? null);
  if (current && input.companyId !== undefined && input.companyId !== current.companyId) throw new AppError(409, 'UNIT_MOVE_INVALID');
  if (parentId === null) return { ...input, parentId: null };
  const [parent] = await tx.select().from(units).where(eq(units.id, parentId));
  if (!parent || parent.companyId !== companyId) throw new AppError(409, 'UNIT_MOVE_INVALID');
  if (current && parent.path.startsWith(current.path)) throw new AppError(409, 'UNIT_MOVE_INVALID');
  return { ...input, parentId };
}

async function writeUnitPath(tx: Tx, row: typeof units.$inferSelect, current: typeof units.$inferSelect | null) {
  const [parent] = row.parentId ? await tx.select({ path: units.path }).from(units).where(eq(units.id, row.parentId)) : [];
  const path = `${parent?.path ?? '/'}${row.id}/`;
  if (current && current.path === path) return;
  // Every descendant's path starts with the old one: swap that prefix.
  if (current?.path)
    await tx.execute(
      sql`UPDATE units SET path = ${path} || substr(path, ${current.path.length + 1}) WHERE path LIKE ${`${current.path}%`}`,
    );
  else await tx.update(units).set({ path }).where(eq(units.id, row.id));
}

const memberIds = z.array(id).max(200);

export function orgRoutes(app: App, ctx: AppContext) {
  masterDataRoutes(app, ctx, {
    module: 'org',
    permission: 'org:manage',
    tags: ['organisation'],
    path: '/companies',
    name: 'company',
    table: companies,
    fields: { code: text(20), name: text(160), timeZone: timeZone.default('Asia/Jakarta') },
    out: z.object({ ...stamps, code: z.string(), name: z.string(), timeZone: z.string() }),
    search: (q) => or(ilike(companies.name, `%${q}%`), ilike(companies.code, `%${q}%`)),
    order: [asc(companies.name)],
  });

  masterDataRoutes(app, ctx, {
    module: 'org',
    permission: 'org:manage',
    tags: ['organisation'],
    path: '/units',
    name: 'unit',
    table: units,
    fields: unitFields,
    query: { companyId: z.coerce.number().int().positive().optional() },
    filter: (q) => (q.companyId ? eq(units.companyId, q.companyId as number) : undefined),
    out: z.object({
      ...stamps,
      companyId: z.number().int(),
      parentId: z.number().int().nullable(),
      code: z.string(),
      name: z.string(),
      type: z.string(),
      path: z.string(),
      depth: z.number().int(),
    }),
    search: (q) => or(ilike(units.name, `%${q}%`), ilike(units.code, `%${q}%`)),
    order: [asc(units.companyId), asc(units.path)],
    prepare: (tx, input, current) => placeUnit(tx, input, current),
    afterWrite: (tx, row, _input, current) => writeUnitPath(tx, row, current),
    canDeactivate: async (tx, row) => {
      const [children] = await tx
        .select({ n: count() })
        .from(units)
        .where(and(eq(units.parentId, row.id), eq(units.active, true)));
      if ((children?.n ?? 0) > 0 || (await countActiveUsersInUnit(tx, row.id)) > 0) throw new AppError(409, 'UNIT_IN_USE');
    },
    present: async (_tx, rows) => rows.map((r) => ({ ...r, depth: Math.max(0, r.path.split('/').filter(Boolean).length - 1) })),
  });

  masterDataRoutes(app, ctx, {
    module: 'org',
    permission: 'org:manage',
    tags: ['organisation'],
    path: '/teams',
    name: 'team',
    table: teams,
    fields: {
      companyId: id,
      unitId: id.nullable().default(null),
      code: text(40),
      name: text(120),
      level: z.number().int().min(1).max(2).default(1),
      leadUserId: id.nullable().default(null),
      memberIds: memberIds.default([]),
    },
    out: z.object({
      ...stamps,
      companyId: z.number().int(),
      unitId: z.number().int().nullable(),
      code: z.string(),
      name: z.string(),
      level: z.number().int(),
      leadUserId: z.number().int().nullable(),
      memberIds: z.array(z.number().int()),
    }),
    search: (q) => or(ilike(teams.name, `%${q}%`), ilike(teams.code, `%${q}%`)),
    order: [asc(teams.companyId), asc(teams.level), asc(teams.name)],
    prepare: async (tx, input) => {
      const { memberIds: members, ...values } = input as { memberIds?: number[] } & Record<string, unknown>;
      for (const userId of [...(members ?? []), ...(values.leadUserId ? [values.leadUserId as number] : [])]) {
        if (!(await findActiveUser(tx, userId))) throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'memberIds' });
      }
      return values;
    },
    afterWrite: async (tx, row, input) => {
      if (!input.memberIds) return;
      await tx.delete(teamMembers).where(eq(teamMembers.teamId, row.id));
      const ids = [...new Set<number>(input.memberIds)];
      if (ids.length) await tx.insert(teamMembers).values(ids.map((userId) => ({ teamId: row.id, userId })));
    },
    present: async (tx, rows) => {
      const members = rows.length
        ? await tx
            .select()
            .from(teamMembers)
            .where(sql`${teamMembers.teamId} IN ${rows.map((r) => r.id)}`)
        : [];
      return rows.map((r) => ({ ...r, memberIds: members.filter((m) => m.teamId === r.id).map((m) => m.userId) }));
    },
  });

  masterDataRoutes(app, ctx, {
    module: 'org',
    permission: 'org:manage',
    tags: ['organisation'],
    path: '/vendors',
    name: 'vendor',
    table: vendors,
    fields: {
      name: text(160),
      contactName: optional(120),
      contactEmail: z.email().max(254).nullable().default(null),
      contactPhone: optional(40),
      contractRef: optional(80),
    },
    out: z.object({
      ...stamps,
      name: z.string(),
      contactName: z.string().nullable(),
      contactEmail: z.string().nullable(),
      contactPhone: z.string().nullable(),
      contractRef: z.string().nullable(),
    }),
    search: (q) => ilike(vendors.name, `%${q}%`),
    order: [asc(vendors.name)],
  });

  masterDataRoutes(app, ctx, {
    module: 'org',
    permission: 'org:manage',
    tags: ['organisation'],
    path: '/locations',
    name: 'location',
    table: locations,
    fields: { companyId: id.nullable().default(null), name: text(160), address: optional(500) },
    out: z.object({ ...stamps, companyId: z.number().int().nullable(), name: z.string(), address: z.string().nullable() }),
    search: (q) => or(ilike(locations.name, `%${q}%`), like(locations.address, `%${q}%`)),
    order: [asc(locations.name)],
  });

  unitImportRoutes(app, ctx);
}
