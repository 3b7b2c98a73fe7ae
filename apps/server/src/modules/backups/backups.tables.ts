import { bigint, date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

export type BackupTrigger = 'scheduled' | 'manual' | 'command';
export type BackupStatus = 'running' | 'succeeded' | 'failed';

/** One backup run and, while kept, its archive in BACKUP_DIR. */
export const backups = pgTable('backups', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  trigger: text('trigger').$type<BackupTrigger>().notNull(),
  scheduledFor: date('scheduled_for'),
  status: text('status').$type<BackupStatus>().notNull().default('running'),
  fileName: text('file_name'),
  sizeBytes: bigint('size_bytes', { mode: 'number' }),
  sha256: text('sha256'),
  error: text('error'),
  startedBy: bigint('started_by', { mode: 'number' }),
  startedAt: at('started_at').notNull().defaultNow(),
  finishedAt: at('finished_at'),
  prunedAt: at('pruned_at'),
});
