import { and, count, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import type { Tx } from '../../platform/db/client.ts';
import { toCsv } from '../../platform/files/spreadsheet.ts';
import { organisationTimeZone } from '../settings/index.ts';
import type { AuditFilters } from './audit.schemas.ts';

export const EXPORT_LIMIT = 50_000;

/** Entries matching the filters; `from`/`to` are whole days of the organisation's calendar (`zone`). */
function where(f: AuditFilters, zone: string): SQL | undefined {
  const like = (v: string) => `%${v.replace(/[%_\\]/g, '')}%`;
  return and(
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.actorEmail ? ilike(auditLog.actorEmail, like(f.actorEmail)) : undefined,
    f.target ? or(ilike(auditLog.targetType, like(f.target)), eq(auditLog.targetId, f.target)) : undefined,
    f.from ? gte(auditLog.at, sql`(${f.from}::date::timestamp AT TIME ZONE ${zone})`) : undefined,
    f.to ? lt(auditLog.at, sql`((${f.to}::date + 1)::timestamp AT TIME ZONE ${zone})`) : undefined,
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

/** The page's entries with the names of their actors and targets (no bare "user #14"). */
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

/** One page of entries matching the filters, newest first. */
export async function listAudit(tx: Tx, { page, pageSize, ...f }: AuditFilters & { page: number; pageSize: number }) {
  const zone = await organisationTimeZone(tx);
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(auditLog)
      .where(where(f, zone))
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ n: count() }).from(auditLog).where(where(f, zone)),
  ]);
  return { items: await present(tx, rows), total: total?.n ?? 0, page, pageSize };
}

/** The action codes present in the log. */
export async function listAuditActions(tx: Tx): Promise<string[]> {
  const rows = await tx.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

/** The filtered log as CSV (formula cells neutralised). */
export async function exportAudit(tx: Tx, f: AuditFilters): Promise<string> {
  const zone = await organisationTimeZone(tx);
  const rows = await tx.select().from(auditLog).where(where(f, zone)).orderBy(desc(auditLog.id)).limit(EXPORT_LIMIT);
  return toCsv(
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
}
