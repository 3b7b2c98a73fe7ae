// `npm start`: builds what is missing or older than its sources (the web app with Vite, the server's
// bundle), then runs the server in this process. Plain JavaScript: see stale.mjs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { isStale } from './stale.mjs';

const ROOT = join(import.meta.dirname, '..');
const WEB = join(ROOT, 'apps/web');
const WEB_INPUTS = ['src', 'index.html', 'vite.config.ts', 'postcss.config.cjs', 'package.json']
  .map((path) => join(WEB, path))
  .concat(join(ROOT, 'packages/shared/src'), join(ROOT, 'package-lock.json'));

if (isStale(join(WEB, 'dist/index.html'), WEB_INPUTS)) {
  const vite = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: WEB, stdio: 'inherit' });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
await import('../apps/server/scripts/start.mjs');
