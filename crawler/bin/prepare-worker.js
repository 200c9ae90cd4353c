#!/usr/bin/env node
// npm's postinstall: builds the page-worker bundle (crawler/crawl/worker-bundle.ts) before the first crawl needs it.
// A crawl builds it itself when it is missing or stale, so a failure here is not an install failure.
import { register } from 'tsx/esm/api';

register();
try {
  const { pageWorkerBundle } = await import('../crawl/worker-bundle.ts');
  await pageWorkerBundle();
} catch {
  // the crawl falls back to building it, or to the TypeScript through tsx
}
