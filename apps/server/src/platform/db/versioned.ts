import { eq, getTableColumns } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type AuditSource, recordAudit } from '../audit/audit.ts';
import { notFound, versionConflict } from '../http/errors.ts';
import type { Tx } from './client.ts';

/** A table whose rows carry `id`, `version` (optimistic concurrency) and `updated_at`. */
export type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };
type Row<T extends VersionedTable> = T['$inferSelect'];

/** Locks a row for a change: 404 when it does not exist, 409 VERSION_CONFLICT when `version` is not the stored one. */
export async function lockVersioned<T extends VersionedTable>(tx: Tx, table: T, id: number, version?: number): Promise<Row<T>> {
  const [current] = (await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for('update')) as Row<T>[];
  if (!current) throw notFound();
  if (version !== undefined && (current as { version: number }).version !== version) throw versionConflict();
  return current;
}

export interface AuditOf<R> {
  source: AuditSource;
  /** `module.thing_updated`. */
  action: string;
  targetType: string;
  /** What the entry keeps of the row before and after (default: the whole rows; secrets are redacted by the audit log). */
  shape?: (row: R) => unknown;
  /** Writes that belong to the change (child rows, derived columns), done before the entry is recorded with the row as it ends. */
  afterWrite?: (row: R) => Promise<void>;
}

/**
 * The one way a versioned record changes: writes `changes` with the version
 * bumped and `updated_at` set, and records one audit entry with the row
 * before and after, inside the caller's transaction. `current` is the row the
 * caller locked (`lockVersioned`) and checked its rules against.
 */
export async function saveVersioned<T extends VersionedTable>(
  tx: Tx,
  table: T,
  current: Row<T>,
  changes: Partial<Row<T>>,
  audit: AuditOf<Row<T>>,
  now: Date = new Date(),
): Promise<Row<T>> {
  const { id, version } = current as { id: number; version: number };
  const columns = getTableColumns(table as PgTable);
  const values = Object.fromEntries(Object.entries(changes).filter(([key, v]) => key in columns && v !== undefined));
  let [after] = (await tx
    .update(table as PgTable)
    .set({ ...values, version: version + 1, updatedAt: now } as never)
    .where(eq(table.id, id))
    .returning()) as Row<T>[];
  if (!after) throw notFound();
  if (audit.afterWrite) {
    await audit.afterWrite(after);
    [after] = (await tx
      .select()
      .from(table as PgTable)
      .where(eq(table.id, id))) as Row<T>[];
    if (!after) throw notFound();
  }
  const shape = audit.shape ?? ((row: Row<T>) => row);
  await recordAudit(tx, audit.source, {
    action: audit.action,
    targetType: audit.targetType,
    targetId: id,
    before: shape(current),
    after: shape(after),
  });
  return after;
}

/** `lockVersioned` then `saveVersioned`, with an optional rule (`check`) between them that may refuse the change. */
export async function updateVersioned<T extends VersionedTable>(
  tx: Tx,
  table: T,
  id: number,
  version: number,
  changes: Partial<Row<T>>,
  audit: AuditOf<Row<T>> & { check?: (current: Row<T>) => Promise<void> | void },
): Promise<Row<T>> {
  const current = await lockVersioned(tx, table, id, version);
  await audit.check?.(current);
  return saveVersioned(tx, table, current, changes, audit);
}

/** Inserts a record and records its creation (`after`: the new row) in the caller's transaction. */
export async function insertAudited<T extends PgTable & { id: PgColumn }>(
  tx: Tx,
  table: T,
  values: T['$inferInsert'],
  audit: { source: AuditSource; action: string; targetType: string },
): Promise<T['$inferSelect']> {
  const [row] = (await tx
    .insert(table as PgTable)
    .values(values as never)
    .returning()) as T['$inferSelect'][];
  if (!row) throw notFound();
  await recordAudit(tx, audit.source, { ...audit, targetId: (row as { id: number }).id, after: row });
  return row;
}
