// `npm run restore -- FILE [--force]`: restores an archive of `npm run backup` (or of the daily backup)
// into the server's database. It must be empty unless --force; the embedded database needs the server stopped.
import { resolve } from 'node:path';
import { parseEnv } from '../env.ts';
import { RestoreRefused, restoreArchive } from '../modules/backups/index.ts';
import { openServerDatabase } from './database.ts';

const args = process.argv.slice(2);
const force = args.includes('--force');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('Usage: npm run restore -- FILE [--force]');
  process.exit(2);
}
// npm runs this in apps/server; the path is the one typed where npm was started.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
const env = parseEnv();
const target = await openServerDatabase(env);
if (target.inUse) {
  console.error('The embedded database is in use: stop the server first, then restore.');
  process.exit(1);
}
try {
  const manifest = await restoreArchive(target.url, path, { force });
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`Restored ${manifest.tables.length} tables (${rows} rows) from ${path}, taken ${manifest.createdAt}.`);
} catch (error) {
  console.error(error instanceof RestoreRefused ? `Restore refused: ${error.message}` : `Restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await target.close();
}
// Exit now with this code (the embedded server's exit hook would otherwise exit with 0).
process.exit(process.exitCode ?? 0);
