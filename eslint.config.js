// Layering rules the build checks (`npm run lint`, part of `npm test`). Import cycles and the crawl → report
// layering are checked by dependency-cruiser (.dependency-cruiser.cjs); this file holds what needs a parser
// that sees globals: the pure core's imports and globals, and the extension's imports.
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Names that exist in both Node and browsers (URL, TextEncoder, console, setTimeout…): allowed everywhere. */
const universal = new Set([...Object.keys(globals['shared-node-browser']), ...Object.keys(globals.es2024)]);
/** Browser-only and Node-only globals: shared/ is pure and runs in both, so it may use neither. */
const platformGlobals = [...new Set([...Object.keys(globals.browser), ...Object.keys(globals.node)])]
  .filter((name) => !universal.has(name))
  .sort();

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'url', 'crypto', 'http', 'https', 'net', 'dns', 'stream', 'stream/*', 'util', 'zlib', 'child_process', 'worker_threads', 'events', 'buffer', 'process', 'readline', 'tls'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.wxt/**', '.output/**', 'zmot-report/**', '.zmot/**', 'bench/.work/**', 'tests/.artifacts/**', 'crawler/demo/site/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    name: 'shared: pure core',
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_BUILTINS, message: 'shared/ is pure: no Node built-ins (it runs in the extension too).' },
            { group: ['**/crawler/**', '**/extension/**', '#imports', 'wxt', 'wxt/*'], message: 'shared/ imports nothing from crawler/ or extension/.' },
            {
              group: ['lighthouse', 'lighthouse/*', 'puppeteer-core', 'puppeteer-core/*', 'better-sqlite3', 'undici', 'jsdom', 'jsdom/*'],
              message: 'shared/ is pure: Node-only packages (and their internal files) belong in crawler/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...platformGlobals.map((name) => ({ name, message: 'shared/ is pure: no browser or Node globals (pass what you need in).' }))],
    },
  },
  {
    name: 'extension: no crawler code',
    files: ['extension/**/*.ts', 'extension/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/crawler/**'], message: 'extension/ imports nothing from crawler/ (share through shared/).' },
            { group: NODE_BUILTINS, message: 'extension/ runs in the browser: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    name: 'crawler: no extension code',
    files: ['crawler/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/extension/**', '#imports'], message: 'crawler/ imports nothing from extension/.' }] }],
    },
  },
);
