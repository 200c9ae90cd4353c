#!/usr/bin/env node
// npm's postinstall: builds the CLI bundle (cli-bundle.js) and the page-worker bundle (crawler/crawl/worker-bundle.ts)
// before the first command needs them. Each is rebuilt when missing or stale when it is used, so a failure here is
// not an install failure.
import { buildCliBundle } from './cli-bundle.js';

await buildCliBundle();
try {
  const { register } = await import('tsx/esm/api');
  register();
  const { pageWorkerBundle } = await import('../crawl/worker-bundle.ts');
  await pageWorkerBundle();
} catch {
  // the crawl falls back to building it, or to the TypeScript through tsx
}
