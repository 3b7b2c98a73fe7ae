import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locale } from '@ish/shared';
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Env } from '../../env.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { dayOf, localTime } from '../../platform/time/zoned.ts';
import { organisationAdministrators } from '../identity/index.ts';
import { notify } from '../notifications/index.ts';
import { readSetting } from '../settings/index.ts';
import { writeArchive } from './backups.archive.ts';
import { type BackupTrigger, backups } from './backups.tables.ts';

export const BACKUP_TICK = 'backups.tick';
export const BACKUP_RUN = 'backups.run';

/** Where archives are written: BACKUP_DIR, else `<DATA_DIR>/backups`. */
export const backupDirOf = (env: Pick<Env, 'BACKUP_DIR' | 'DATA_DIR'>) => resolve(env.BACKUP_DIR ?? join(env.DATA_DIR, 'backups'));

const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** Starts a run: a row saying who and when, before the archive exists. */
export async function startBackup(
  db: Db,
  trigger: BackupTrigger,
  now: Date,
  options: { startedBy?: number; scheduledFor?: string } = {},
): Promise<number | null> {
  const [row] = await db
    .insert(backups)
    .values({ trigger, startedAt: now, startedBy: options.startedBy ?? null, scheduledFor: options.scheduledFor ?? null })
    .onConflictDoNothing()
    .returning({ id: backups.id });
  return row?.id ?? null;
}

interface RunOptions {
  db: Db;
  databaseUrl: string;
  directory: string;
  retentionDays: number;
  now: () => Date;
  /** Told when the archive could not be written. */
  onFailure?: (id: number, error: Error) => Promise<void>;
}

/**
 * Writes the archive of run `id`, records its size, checksum and end, then
 * removes archives older than the retention. A failure is recorded on the
 * run (the previous archives stay) and reported through `onFailure`.
 */
export async function performBackup(id: number, options: RunOptions): Promise<{ ok: boolean; path: string }> {
  const { db } = options;
  const fileName = `ish-backup-${stamp(options.now())}-${id}.tar.gz`;
  const path = join(options.directory, fileName);
  try {
    const { bytes, sha256 } = await writeArchive(options.databaseUrl, path, options.now());
    await db
      .update(backups)
      .set({ status: 'succeeded', fileName, sizeBytes: bytes, sha256, finishedAt: options.now() })
      .where(eq(backups.id, id));
    await pruneBackups(db, options.directory, options.retentionDays, options.now());
    return { ok: true, path };
  } catch (error) {
    await db
      .update(backups)
      .set({ status: 'failed', error: (error as Error).message.slice(0, 500), finishedAt: options.now() })
      .where(eq(backups.id, id));
    await options.onFailure?.(id, error as Error);
    return { ok: false, path };
  }
}

/** Deletes the archives of successful runs older than `retentionDays`; the runs stay listed as pruned. */
export async function pruneBackups(db: Db, directory: string, retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const old = await db
    .select({ id: backups.id, fileName: backups.fileName })
    .from(backups)
    .where(and(eq(backups.status, 'succeeded'), isNull(backups.prunedAt), lt(backups.startedAt, cutoff)));
  for (const row of old) {
    if (row.fileName) {
      const path = join(directory, row.fileName);
      rmSync(path, { force: true });
      rmSync(`${path}.sha256`, { force: true });
    }
    await db.update(backups).set({ prunedAt: now }).where(eq(backups.id, row.id));
  }
  return old.length;
}

/** The run options of this process. */
function runOptions(ctx: AppContext): RunOptions {
  return {
    db: ctx.db,
    databaseUrl: ctx.pool.options.connectionString as string,
    directory: backupDirOf(ctx.env),
    retentionDays: ctx.env.BACKUP_RETENTION_DAYS,
    now: () => ctx.clock.now(),
    onFailure: (id) => notifyFailure(ctx, id),
  };
}

/** Tells every organisation Administrator, in the app and by email, that run `id` failed. */
async function notifyFailure(ctx: AppContext, id: number): Promise<void> {
  const [run] = await ctx.db.select().from(backups).where(eq(backups.id, id));
  if (!run) return;
  const [identity, regional] = await Promise.all([readSetting(ctx.db, 'identity'), readSetting(ctx.db, 'regional')]);
  const when = (locale: Locale) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: regional.value.defaultTimeZone,
    }).format(run.startedAt);
  await ctx.db.transaction(async (tx) =>
    notify(ctx, tx, {
      event: 'backup_failed',
      occurrence: String(id),
      recipients: await organisationAdministrators(tx),
      about: {
        key: `b${id}`,
        variables: async (_tx, locale) => ({
          number: `#${id}`,
          title: when(locale),
          status: '',
          priority: '-',
          amount: '-',
          assignee: '-',
          requester: '-',
          link: `${ctx.env.PUBLIC_URL}/admin/backups`,
          organisation: identity.value.organisationName,
          reason: '',
        }),
      },
    }),
  );
}

/**
 * The daily backup: once the organisation's local time has passed BACKUP_TIME
 * (01:30 by default) and today has no scheduled run yet, one process claims
 * the day (unique per day) and runs it. Ticking every five minutes also
 * catches up a day whose time passed while the server was down.
 */
export async function runScheduledBackup(ctx: AppContext, now: Date = ctx.clock.now()): Promise<number | null> {
  // A run whose process died never finishes: after six hours it is recorded as failed.
  await ctx.db
    .update(backups)
    .set({ status: 'failed', error: 'interrupted', finishedAt: now })
    .where(and(eq(backups.status, 'running'), lt(backups.startedAt, new Date(now.getTime() - 6 * 3600_000))));
  if (ctx.env.BACKUP_TIME === 'off') return null;
  const timeZone = (await readSetting(ctx.db, 'regional')).value.defaultTimeZone;
  const [hour, minute] = ctx.env.BACKUP_TIME.split(':').map(Number) as [number, number];
  const local = localTime(now, timeZone);
  if (local.hour * 60 + local.minute < hour * 60 + minute) return null;
  const id = await startBackup(ctx.db, 'scheduled', now, { scheduledFor: dayOf(now, timeZone) });
  if (id === null) return null;
  await performBackup(id, runOptions(ctx));
  return id;
}

/** Seconds since the last successful backup finished (metrics), or null. */
export async function lastBackupAgeSeconds(db: Db): Promise<number | null> {
  const { rows } = await db.execute<{ age: number | null }>(
    sql`SELECT extract(epoch FROM now() - max(finished_at))::float8 AS age FROM backups WHERE status = 'succeeded'`,
  );
  const age = rows[0]?.age;
  return age === null || age === undefined ? null : Number(age);
}

export async function getBackup(db: Db, id: number) {
  const [row] = await db.select().from(backups).where(eq(backups.id, id));
  return row ?? null;
}

/** The most recent runs, newest first. */
export function listBackups(db: Db, limit = 60) {
  return db.select().from(backups).orderBy(desc(backups.startedAt), desc(backups.id)).limit(limit);
}

/** The archive of run `id` when it is still kept, else null. */
export async function findArchive(ctx: AppContext, id: number): Promise<{ path: string; fileName: string; size: number } | null> {
  const [run] = await ctx.db.select().from(backups).where(eq(backups.id, id));
  if (run?.status !== 'succeeded' || run.prunedAt || !run.fileName) return null;
  const path = join(backupDirOf(ctx.env), run.fileName);
  return existsSync(path) ? { path, fileName: run.fileName, size: run.sizeBytes ?? 0 } : null;
}

export function registerBackups(ctx: AppContext): void {
  // The tick decides whether today's backup is due; it must not be retried into a second run.
  ctx.jobs.define({ name: BACKUP_TICK, retryLimit: 0, schedule: '*/5 * * * *', handle: async () => void (await runScheduledBackup(ctx)) });
  ctx.jobs.define<{ id: number }>({
    name: BACKUP_RUN,
    retryLimit: 0,
    handle: async ({ id }) => void (await performBackup(id, runOptions(ctx))),
  });
}
