import { and, count, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { toCsv } from '../../platform/files/spreadsheet.ts';
import { access } from '../../platform/http/access.ts';
import type { App } from '../../platform/http/app.ts';
import { calendarDate, pageOf, pageQuery } from '../../platform/http/schemas.ts';

const tags = ['audit'];
const EXPORT_LIMIT = 50_000;

const filters = {
  action: z.string().max(100).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  actorEmail: z.string().max(254).optional(),
  /** Matches the target type or id, e.g. `user` or `42`. */
  target: z.string().max(100).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
};
type Filters = { [K in keyof typeof filters]?: z.infer<(typeof filters)[K]> };

const entry = z.object({
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

function where(f: Filters): SQL | undefined {
  const like = (v: string) => `%${v.replace(/[%_\\]/g, '')}%`;
  return and(
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.actorEmail ? ilike(auditLog.actorEmail, like(f.actorEmail)) : undefined,
    f.target ? or(ilike(auditLog.targetType, like(f.target)), eq(auditLog.targetId, f.target)) : undefined,
    f.from ? gte(auditLog.at, sql`${f.from}::date`) : undefined,
    f.to ? lt(auditLog.at, sql`${f.to}::date + 1`) : undefined,
  );
}

/** How each kind of target is named: one query per kind present on the page. */
const TARGET_NAMES: Record<string, { table: string; label: string }> = {
  user: { table: 'users', label: 'name' },
  ticket: { table: 'tickets', label: 'number' },
  service_request: { table: 'service_requests', label: 'number' },
  catalog_item: { table: 'catalog_items', label: 'code' },
  unit: { table: 'units', label: 'name' },
  company: { table: 'companies', label: 'name' },
  team: { table: 'teams', label: 'name' },
  invoice: { table: 'invoices', label: 'number' },
  problem: { table: 'problems', label: 'number' },
  knowledge_article: { table: 'knowledge_articles', label: 'number' },
};

type Row = typeof auditLog.$inferSelect;

/** The page's entries with the names of their actors and targets (issue 16 point 9: no bare "user #14"). */
async function present(db: Tx, rows: Row[]) {
  const names = new Map<string, string>();
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId === null ? [] : [String(r.actorId)])))];
  if (actorIds.length) {
    const { rows: found } = await db.execute<{ id: string; label: string }>(
      sql`SELECT id::text AS id, name AS label FROM users WHERE id IN ${actorIds.map(Number)}`,
    );
    for (const f of found) names.set(`user:${f.id}`, f.label);
  }
  for (const [type, { table, label }] of Object.entries(TARGET_NAMES)) {
    const ids = [...new Set(rows.filter((r) => r.targetType === type && /^\d{1,18}$/.test(r.targetId ?? '')).map((r) => r.targetId))];
    if (!ids.length) continue;
    const { rows: found } = await db.execute<{ id: string; label: string | null }>(
      sql`SELECT id::text AS id, ${sql.identifier(label)} AS label FROM ${sql.identifier(table)} WHERE id IN ${ids.map(Number)}`,
    );
    for (const f of found) if (f.label) names.set(`${type}:${f.id}`, f.label);
  }
  return rows.map((r) => ({
    ...r,
    at: r.at.toISOString(),
    actorName: r.actorId === null ? null : (names.get(`user:${r.actorId}`) ?? null),
    targetLabel: r.targetType && r.targetId ? (names.get(`${r.targetType}:${r.targetId}`) ?? null) : null,
  }));
}

/** The append-only audit log: viewer with filters and CSV export, for Administrators. */
export function auditRoutes(app: App, ctx: AppContext) {
  app.get('/audit', {
    config: { access: access.permission('audit:read') },
    schema: {
      tags,
      summary: 'Audit entries, newest first',
      querystring: z.strictObject({ ...pageQuery, ...filters }),
      response: { 200: pageOf(entry) },
    },
    handler: async (req) => {
      const { page, pageSize, ...f } = req.query;
      const [rows, [total]] = await Promise.all([
        ctx.db
          .select()
          .from(auditLog)
          .where(where(f))
          .orderBy(desc(auditLog.id))
          .limit(pageSize)
          .offset((page - 1) * pageSize),
        ctx.db.select({ n: count() }).from(auditLog).where(where(f)),
      ]);
      return { items: await present(ctx.db, rows), total: total?.n ?? 0, page, pageSize };
    },
  });

  app.get('/audit/actions', {
    config: { access: access.permission('audit:read') },
    schema: { tags, summary: 'The action codes present in the log, for the filter', response: { 200: z.array(z.string()) } },
    handler: async (_req) => {
      const rows = await ctx.db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
      return rows.map((r) => r.action);
    },
  });

  app.get('/audit/export.csv', {
    config: { access: access.permission('audit:read') },
    schema: {
      tags,
      summary: `The filtered log as CSV (at most ${EXPORT_LIMIT} rows; formula cells neutralised)`,
      querystring: z.strictObject(filters),
    },
    handler: async (req, reply) => {
      const rows = await ctx.db.select().from(auditLog).where(where(req.query)).orderBy(desc(auditLog.id)).limit(EXPORT_LIMIT);
      const csv = toCsv(
        ['id', 'at', 'actor_id', 'actor_email', 'ip', 'action', 'target_type', 'target_id', 'before', 'after'],
        rows.map((r) => [
          r.id,
          r.at.toISOString(),
          r.actorId,
          r.actorEmail,
          r.ip,
          r.action,
          r.targetType,
          r.targetId,
          r.before == null ? '' : JSON.stringify(r.before),
          r.after == null ? '' : JSON.stringify(r.after),
        ]),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(csv);
    },
  });
}
