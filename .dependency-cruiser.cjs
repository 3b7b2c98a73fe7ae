// Module boundaries of the server (docs/ARCHITECTURE.md, "One module recipe"), checked by `npm run lint`;
// cycles between modules are checked on the module graph alone by .dependency-cruiser-modules.cjs.
// A module is a folder under apps/server/src/modules; its index.ts is the only file others may import.
const MODULES = '^apps/server/src/modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'module-face',
      severity: 'error',
      comment: 'Another module is reached through its public face (index.ts) only; export what you need there.',
      from: { path: `${MODULES}([^/]+)/` },
      to: { path: MODULES, pathNot: [`${MODULES}$1/`, `${MODULES}[^/]+/index\\.ts$`] },
    },
    {
      name: 'outside-through-face',
      severity: 'error',
      comment: 'The composition root, seed, tools, benchmarks and browser tests reach a module through its face (index.ts) too.',
      from: { pathNot: MODULES },
      to: { path: MODULES, pathNot: `${MODULES}[^/]+/index\\.ts$` },
    },
    {
      name: 'platform-below-modules',
      severity: 'error',
      comment: 'platform/ is the shared machinery with no domain words: it never imports a module.',
      from: { path: '^apps/server/src/platform/' },
      to: { path: [MODULES, '^apps/server/src/(server|context|messages)\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files within a module import each other in one direction too.',
      from: { path: '^apps/server/src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/', '\\.d\\.ts$'] },
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'apps/server/tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

module.exports = config;
