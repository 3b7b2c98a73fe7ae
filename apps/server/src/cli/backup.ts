// `npm run backup`: one archive of the server's database (DATABASE_URL or the embedded one under DATA_DIR)
// in BACKUP_DIR; prints the archive's path as its last line. Works while the server runs.
import { parseEnv } from '../env.ts';
import { backupDirOf, performBackup, startBackup, writeArchive } from '../modules/backups/index.ts';
import { connect } from '../platform/db/client.ts';
import { openServerDatabase } from './database.ts';

const env = parseEnv();
const target = await openServerDatabase(env);
const database = connect(target.url, 2);
let ok = false;
let path = '';
try {
  const directory = backupDirOf(env);
  // Recorded like the server's own runs, so Administrators see it in the list (and retention applies).
  const id = await startBackup(database.db, 'command', new Date()).catch(() => null);
  if (id !== null) {
    const result = await performBackup(id, {
      db: database.db,
      databaseUrl: target.url,
      directory,
      retentionDays: env.BACKUP_RETENTION_DAYS,
      now: () => new Date(),
      onFailure: async (_id, error) => console.error(`Backup failed: ${error.message}`),
    });
    ok = result.ok;
    path = result.path;
  } else {
    path = `${directory}/ish-backup-${new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}.tar.gz`;
    await writeArchive(target.url, path);
    ok = true;
  }
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
} finally {
  await database.close();
  await target.close();
}
if (!ok) process.exit(1);
console.log(path);
process.exit(0);
