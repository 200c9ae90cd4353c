import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The extension's source lives in extension/; shared/ is imported from there.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
  manifest: {
    name: 'ZMOT Lens',
    description: 'How well each Google result answers the query, and how findable it is — at the Zero Moment of Truth.',
    permissions: ['storage'],
    host_permissions: [],
  },
});
