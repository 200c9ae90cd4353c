import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { GOOGLE_SEARCH_MATCHES } from './extension/utils/google-hosts.ts';

/** Origins live scoring may fetch; none is granted at install, each allowed domain is requested at run time. */
const LIVE_SCORING_ORIGINS = ['*://*/*'];

/**
 * Extension pages (popup, options, background worker): our own scripts only, no plugins, no <base>,
 * no form posts. connect-src stays open to http(s) because live scoring fetches the result pages the
 * user allowed; the host permissions, not the CSP, decide which ones.
 */
const EXTENSION_PAGES_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self' data:; style-src 'self'; connect-src 'self' https: http:";
/** We ship no sandboxed pages; if one ever appears it gets nothing. */
const SANDBOX_CSP = "sandbox; default-src 'none'";

// The extension's source lives in extension/; shared/ is imported from there.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  // No webextension-polyfill: Chrome's MV3 API and Firefox's `browser` return promises themselves, and
  // the polyfill cost every script ≈ 3 KB gzipped (9.6 KB raw in the content script). What it did beyond
  // promises — answering a message with a listener's returned promise — is `answerMessages` (utils/messaging.ts).
  // Explicit `#imports` everywhere: a reader sees where each name comes from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      // No module-preload polyfill: it would be an inline script, which the extension CSP refuses.
      modulePreload: false,
      // ZMOT_SOURCEMAP=1 writes source maps, to see what the content script's size is made of; never shipped.
      sourcemap: process.env.ZMOT_SOURCEMAP === '1',
    },
  }),
  hooks: {
    // The content script declares only google.com (entrypoints/google.content): the list of every
    // Google country domain goes into the manifest here, so the script does not carry it (≈ 0.4 KB gzipped).
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) {
        if (script.matches?.includes(GOOGLE_SEARCH_MATCHES[0])) script.matches = [...GOOGLE_SEARCH_MATCHES];
      }
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'ZMOT Lens',
    description: 'How well each Google result answers the query, and how findable it is — at the Zero Moment of Truth.',
    permissions: ['storage'],
    ...(manifestVersion === 3
      ? {
          host_permissions: [],
          optional_host_permissions: LIVE_SCORING_ORIGINS,
          content_security_policy: { extension_pages: EXTENSION_PAGES_CSP, sandbox: SANDBOX_CSP },
        }
      : {
          // Firefox (MV2) has one list for optional API and host permissions.
          optional_permissions: LIVE_SCORING_ORIGINS,
          content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
        }),
    // Firefox needs an id for storage; Chrome would warn about the unknown key.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'zmot-lens@zmot.invalid', strict_min_version: '115.0' } } } : {}),
    action: { default_title: 'ZMOT Lens' },
  }),
});
