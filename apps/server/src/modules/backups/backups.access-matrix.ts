import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessMatrix, type Cell } from '../../../test/access-matrix.ts';
import { backupDirOf } from './backups.service.ts';
import { backups } from './backups.tables.ts';

// Backups are the Administrators' (settings:manage): the list, a run now, and downloads of kept archives.

/** A finished, kept backup whose archive is on disk (a few bytes stand in for the archive). */
async function keptBackup(c: Cell): Promise<number> {
  const fileName = `ish-matrix-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.tar.gz`;
  const dir = backupDirOf(c.ctx.env);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, fileName), 'arsip');
  const [row] = await c.ctx.db
    .insert(backups)
    .values({ trigger: 'manual', status: 'succeeded', fileName, sizeBytes: 5, sha256: 'x', finishedAt: new Date() })
    .returning();
  return row?.id as number;
}

export const matrix = accessMatrix({
  'GET /backups': { call: () => '/backups', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'POST /backups': { call: () => '/backups', expect: { anonymous: 401, administrator: '202', others: '403' } },
  'GET /backups/{id}/download': {
    call: async (c) => `/backups/${await c.shared('backup', () => keptBackup(c))}/download`,
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
});
