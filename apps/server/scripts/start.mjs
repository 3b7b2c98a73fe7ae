// `npm start` and `npm run start -w @ish/server`: the server from its bundle, dist/main.js, built first
// when it is missing or older than its sources (a fresh clone, a pull). `npm run dev` and the tests
// run the .ts sources. Plain JavaScript: loading a .ts file would start Node's type stripper, which
// the bundle spares a start.
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isStale } from '../../../scripts/stale.mjs';
import { mapStackTraces } from './stack-traces.mjs';

const SERVER = join(import.meta.dirname, '..');
const ROOT = join(SERVER, '../..');
const BUNDLE = join(SERVER, 'dist/main.js');
/** What the bundle is made of: a change to any of them makes it stale. */
const BUNDLE_INPUTS = [
  join(SERVER, 'src'),
  join(SERVER, 'scripts/build.ts'),
  join(SERVER, 'package.json'),
  join(ROOT, 'packages/shared/src'),
  join(ROOT, 'package-lock.json'),
];

// V8 keeps what it compiled on disk (NODE_COMPILE_CACHE, else <tmpdir>/node-compile-cache; off with
// NODE_DISABLE_COMPILE_CACHE=1): the next start skips compiling the bundle and the packages it loads.
enableCompileCache();
// Stack traces name the .ts files and their lines, through the bundle's source maps.
mapStackTraces(join(SERVER, 'dist'));
if (isStale(BUNDLE, BUNDLE_INPUTS)) {
  const { buildBundle } = await import('./build.ts');
  await buildBundle();
}
await import(pathToFileURL(BUNDLE).href);
