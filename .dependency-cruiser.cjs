// Import cycles and layering, checked by `npm run lint` (part of `npm test`). Import and global rules that
// need a parser live in eslint.config.js.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: modules that need each other cannot be loaded, tested or moved apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'crawl-not-to-report',
      severity: 'error',
      comment: 'The crawl layer (fetch, store) is below the report layer: crawler/crawl and crawler/store never import crawler/report.',
      from: { path: '^crawler/(crawl|store)/' },
      to: { path: '^crawler/report/' },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'shared/ imports nothing from crawler/, extension/, bench/ or tests/.',
      from: { path: '^shared/' },
      to: { path: '^(crawler|extension|bench|tests)/' },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      comment: 'shared/ runs in the extension too: no Node built-ins.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-package-internals',
      severity: 'error',
      comment: 'shared/ never reaches into a package\'s internal files (e.g. lighthouse/third-party/...), nor Node-only packages.',
      from: { path: '^shared/' },
      to: { path: 'node_modules/(lighthouse|puppeteer-core|better-sqlite3|undici|jsdom)/' },
    },
    {
      name: 'extension-not-to-crawler',
      severity: 'error',
      comment: 'extension/ imports nothing from crawler/.',
      from: { path: '^extension/' },
      to: { path: '^crawler/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^#imports$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.wxt|\\.output|crawler/demo/site)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
