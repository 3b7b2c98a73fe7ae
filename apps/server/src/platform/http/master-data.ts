import type { Locale, Permission } from '@ish/shared';
import { and, count, eq, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { type AuditSource, recordAudit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { uniquely } from '../db/errors.ts';
import { lockVersioned, saveVersioned } from '../db/versioned.ts';
import { access } from './access.ts';
import { type App, auditSourceOf } from './app.ts';
import { idParams, pageOf, pageQuery } from './schemas.ts';

/**
 * One kind of master data: list (paginated, searchable), create, and a
 * versioned PATCH that also (de)activates. Records are never deleted: history
 * refers to them.
 */
export interface Kind<T extends PgTable, Fields extends z.ZodRawShape> {
  path: string;
  /** Singular name: audit actions are `<module>.<name>_created|updated`. */
  name: string;
  module: string;
  /** Who may write; everyone signed in may read. */
  permission: Permission;
  /** The records belong to no company: only those holding `permission` for the whole organisation write them. */
  organisationWide?: true;
  tags: string[];
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
  /** Child rows written with the record; `source` lets it audit changes the record's own entry does not show (members). */
  afterWrite?: (tx: Tx, row: any, input: any, current: any | null, source: AuditSource) => Promise<void>;
  /** Refuses a deactivation that would orphan something. */
  canDeactivate?: (tx: Tx, row: any) => Promise<void>;
  /** Shapes rows for the API, in the caller's language where a record has two. */
  present?: (tx: Tx, rows: any[], locale: Locale) => Promise<any[]>;
}

export function masterDataRoutes<T extends PgTable, F extends z.ZodRawShape>(app: App, ctx: AppContext, kind: Kind<T, F>) {
  const tags = kind.tags;
  const table = kind.table as any;
  const writers = kind.organisationWide ? access.organisation(kind.permission) : access.permission(kind.permission);
  const present = async (tx: Tx, rows: any[], locale: Locale) => (kind.present ? kind.present(tx, rows, locale) : rows);
  const listQuery = z.strictObject({
    ...pageQuery,
    q: z.string().trim().max(100).optional(),
    active: z.enum(['true', 'false']).optional(),
    ...kind.query,
  });

  app.get(kind.path, {
    config: { access: access.signedIn() },
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
      return { items: await present(ctx.db, rows, req.locale), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },
  });

  app.post(kind.path, {
    config: { access: writers },
    schema: { tags, summary: `Create ${kind.name} (Administrators)`, body: z.strictObject(kind.fields), response: { 201: kind.out } },
    handler: async (req, reply) => {
      const row = await uniquely(() =>
        ctx.db.transaction(async (tx) => {
          const values: Record<string, unknown> = kind.prepare
            ? await kind.prepare(tx, req.body, null)
            : (req.body as Record<string, unknown>);
          const [inserted] = (await tx.insert(table).values(values).returning()) as { id: number }[];
          await kind.afterWrite?.(tx, inserted, req.body, null, auditSourceOf(req));
          const [fresh] = await tx
            .select()
            .from(table)
            .where(eq(table.id, (inserted as { id: number }).id));
          await recordAudit(tx, auditSourceOf(req), {
            action: `${kind.module}.${kind.name}_created`,
            targetType: kind.name,
            targetId: (fresh as { id: number }).id,
            after: fresh,
          });
          return fresh;
        }),
      );
      return reply.status(201).send((await present(ctx.db, [row], req.locale))[0]);
    },
  });

  // A PATCH changes only what it names: create-time defaults must not refill omitted fields.
  const withoutDefaults = Object.fromEntries(
    Object.entries(kind.fields).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  );
  const patchBody = z.strictObject({ version: z.number().int().positive(), active: z.boolean().optional(), ...withoutDefaults });
  app.patch(`${kind.path}/:id`, {
    config: { access: writers },
    schema: {
      tags,
      summary: `Edit or (de)activate ${kind.name}; carries \`version\``,
      params: idParams,
      body: patchBody,
      response: { 200: kind.out },
    },
    handler: async (req) => {
      const { version, ...input } = req.body as { version: number; active?: boolean } & Record<string, unknown>;
      const row = await uniquely(() =>
        ctx.db.transaction(async (tx) => {
          const current = await lockVersioned(tx, table, req.params.id, version);
          if (input.active === false && (current as { active: boolean }).active) await kind.canDeactivate?.(tx, current);
          const values = kind.prepare ? await kind.prepare(tx, input, current) : input;
          return saveVersioned(
            tx,
            table,
            current,
            values,
            {
              source: auditSourceOf(req),
              action: `${kind.module}.${kind.name}_updated`,
              targetType: kind.name,
              afterWrite: async (row) => kind.afterWrite?.(tx, row, input, current, auditSourceOf(req)),
            },
            ctx.clock.now(),
          );
        }),
      );
      return (await present(ctx.db, [row], req.locale))[0];
    },
  });
}
