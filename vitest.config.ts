import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    // Finds or provides Chromium and redis-server once per run (CHROME_PATH, REDIS_SERVER for the workers),
    // or stops with one line.
    globalSetup: ['tests/setup/browser.ts', 'tests/setup/redis.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'core', include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'], exclude: [...configDefaults.exclude, 'tests/extension/**'] } },
      // The extension's tests need WXT's `#imports` and its fake browser (fakeBrowser), and Preact's JSX.
      {
        extends: true,
        plugins: [WxtVitest()],
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
        test: { name: 'extension', include: ['tests/extension/**/*.test.ts', 'tests/extension/**/*.test.tsx'] },
      },
    ],
  },
});
