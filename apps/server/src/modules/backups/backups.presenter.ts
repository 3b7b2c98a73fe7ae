import type { backups } from './backups.tables.ts';

/** A backup run as the API shows it. */
export const presentBackup = (r: typeof backups.$inferSelect) => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  available: r.status === 'succeeded' && !r.prunedAt,
  error: r.error,
});
