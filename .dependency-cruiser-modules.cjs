// Cycles between modules (folders under apps/server/src/modules), checked on the graph of the modules alone:
// a module's tests may compose other modules, so they are left out. Part of `npm run lint`.
const MODULES = '^apps/server/src/modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment: 'Modules depend on each other in one direction; the way back is a domain event (platform/events) or a piece moved down.',
      scope: 'folder',
      from: { path: MODULES },
      to: { path: MODULES, circular: true },
    },
  ],
  options: {
    includeOnly: MODULES,
    exclude: { path: '\\.(test|access-matrix)\\.ts$' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'apps/server/tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
