import { and, asc, count, eq, ilike, like, or, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, assertCan } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { uniquely } from '../../platform/db/errors.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { idParams, pageOf, pageQuery } from '../../platform/http/schemas.ts';
import { countActiveUsersInUnit, findActiveUser } from '../identity/identity.lookup.ts';
import { companies, locations, teamMembers, teams, units, vendors } from './org.tables.ts';
import { unitImportRoutes } from './units.import.ts';

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).nullable().default(null);
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'invalid time zone');
const stamps = { id: z.number().int(), active: z.boolean(), version: z.number().int() };

/**
 * One kind of master data: list (paginated, searchable), create, and a
 * versioned PATCH that also (de)activates. Records are never deleted: history
 * refers to them.
 */
interface Kind<T extends PgTable, Fields extends z.ZodRawShape> {
  path: string;
  name: string;
  table: T & { id: any; version: any; active: any };
  fields: Fields;
  out: z.ZodObject;
  search: (q: string) => SQL | undefined;
  order: SQL[];
  /** Extra list filters from the query string. */
  filter?: (query: Record<string, unknown>) => SQL | undefined;
  query?: z.ZodRawShape;
  /** Turns the validated body into column values; may check references. */
  prepare?: (tx: Tx, input: any, current: any | null) => Promise<Record<string, unknown>>;
  afterWrite?: (tx: Tx, row: any, input: any, current: any | null) => Promise<void>;
  /** Refuses a deactivation that would orphan something. */
  canDeactivate?: (tx: Tx, row: any) => Promise<void>;
  present?: (tx: Tx, rows: any[]) => Promise<any[]>;
}

function masterData<T extends PgTable, F extends z.ZodRawShape>(app: App, ctx: AppContext, kind: Kind<T, F>) {
  const tags = ['organisation'];
  const table = kind.table as any;
  const present = async (tx: Tx, rows: any[]) => (kind.present ? kind.present(tx, rows) : rows);
  const manager = (req: Parameters<typeof actorOf>[0]): Actor => {
    const actor = actorOf(req);
    assertCan(actor, 'org:manage');
    return actor;
  };
  const listQuery = z.strictObject({
    ...pageQuery,
    q: z.string().trim().max(100).optional(),
    active: z.enum(['true', 'false']).optional(),
    ...kind.query,
  });

  app.get(kind.path, {
    schema: {
      tags,
      summary: `List ${kind.name} (every signed-in user; forms need them)`,
      querystring: listQuery,
      response: { 200: pageOf(kind.out) },
    },
    handler: async (req) => {
      const q = req.query as { page: number; pageSize: number; q?: string; active?: string } & Record<string, unknown>;
      const where = and(q.q ? kind.search(q.q) : undefined, q.active ? eq(table.active, q.active === 'true') : undefined, kind.filter?.(q));
      const [rows, [total]] = await Promise.all([
        ctx.db
          .select()
          .from(table)
          .where(where)
          .orderBy(...kind.order)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        ctx.db.select({ n: count() }).from(table).where(where),
      ]);
      return { items: await present(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },
  });

  app.post(kind.path, {
    schema: { tags, summary: `Create ${kind.name} (Administrators)`, body: z.strictObject(kind.fields), response: { 201: kind.out } },
    handler: async (req, reply) => {
      manager(req);
      const row = await uniquely(() =>
        ctx.db.transaction(async (tx) => {
          const values: Record<string, unknown> = kind.prepare
            ? await kind.prepare(tx, req.body, null)
            : (req.body as Record<string, unknown>);
          const [inserted] = (await tx.insert(table).values(values).returning()) as { id: number }[];
          await kind.afterWrite?.(tx, inserted, req.body, null);
          const [fresh] = await tx
            .select()
            .from(table)
            .where(eq(table.id, (inserted as { id: number }).id));
          await recordAudit(tx, auditSourceOf(req), {
            action: `org.${kind.name}_created`,
            targetType: kind.name,
            targetId: (fresh as { id: number }).id,
            after: fresh,
          });
          return fresh;
        }),
      );
      return reply.status(201).send((await present(ctx.db, [row]))[0]);
    },
  });

  const patchBody = z.strictObject({
    version: z.number().int().positive(),
    active: z.boolean().optional(),
    ...z.object(kind.fields).partial().shape,
  });
  app.patch(`${kind.path}/:id`, {
    schema: {
      tags,
      summary: `Edit or (de)activate ${kind.name}; carries \`version\``,
      params: idParams,
      body: patchBody,
      response: { 200: kind.out },
    },
    handler: async (req) => {
      manager(req);
      const { version, ...input } = req.body as { version: number; active?: boolean } & Record<string, unknown>;
      const row = await uniquely(() =>
        ctx.db.transaction(async (tx) => {
          const [current] = await tx.select().from(table).where(eq(table.id, req.params.id)).for('update');
          if (!current) throw notFound();
          if ((current as { version: number }).version !== version) throw versionConflict();
          if (input.active === false && (current as { active: boolean }).active) await kind.canDeactivate?.(tx, current);
          const values = kind.prepare ? await kind.prepare(tx, input, current) : input;
          await tx
            .update(table)
            .set({ ...values, version: (current as { version: number }).version + 1, updatedAt: new Date() })
            .where(eq(table.id, req.params.id));
          await kind.afterWrite?.(tx, { ...current, ...values }, input, current);
          const [fresh] = await tx.select().from(table).where(eq(table.id, req.params.id));
          await recordAudit(tx, auditSourceOf(req), {
            action: `org.${kind.name}_updated`,
            targetType: kind.name,
            targetId: req.params.id,
            before: current,
            after: fresh,
          });
          return fresh;
        }),
      );
      return (await present(ctx.db, [row]))[0];
    },
  });
}

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
  masterData(app, ctx, {
    path: '/companies',
    name: 'company',
    table: companies,
    fields: { code: text(20), name: text(160), timeZone: timeZone.default('Asia/Jakarta') },
    out: z.object({ ...stamps, code: z.string(), name: z.string(), timeZone: z.string() }),
    search: (q) => or(ilike(companies.name, `%${q}%`), ilike(companies.code, `%${q}%`)),
    order: [asc(companies.name)],
  });

  masterData(app, ctx, {
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

  masterData(app, ctx, {
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

  masterData(app, ctx, {
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

  masterData(app, ctx, {
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
