import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../../../crawler/crawl/index.ts';
import { CrawlStore } from '../../../crawler/store/crawl-store.ts';
import type { PageArtifacts } from '../../../shared/schemas/index.ts';
import type { TestSite } from './sites/server.ts';
import { startJsSite } from './sites/js-site.ts';

// Rendering needs Chromium; the test run's global setup finds or provides it (tests/setup/browser.ts).

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-render-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function crawlJs(render: boolean): Promise<{ site: TestSite; pages: Map<string, PageArtifacts> }> {
  const site = await startJsSite();
  const storePath = path.join(dir, `${render}.sqlite`);
  try {
    await crawl({ startUrl: `${site.origin}/`, storePath, render, workers: 0, renderTimeoutMs: 15_000, sitemaps: false }).done;
  } finally {
    await site.close();
  }
  const store = CrawlStore.open(storePath, { readonly: true });
  const pages = new Map<string, PageArtifacts>();
  for (const p of store.pages()) pages.set(new URL(p.record.url).pathname, p.artifacts as PageArtifacts);
  store.close();
  return { site, pages };
}

describe('--render: JavaScript pages through Chromium', () => {
  it('sees only the empty shell without rendering', async () => {
    const { pages } = await crawlJs(false);
    expect(pages.get('/')?.title).toBe('Loading…');
    expect(pages.get('/')?.headings).toEqual([]);
    expect(pages.has('/from-js')).toBe(false);
  });

  it('extracts the same artifacts from the rendered DOM and follows script-made links', async () => {
    const { site, pages } = await crawlJs(true);
    const home = pages.get('/')!;
    expect(home.rendered).toBe(true);
    expect(home.title).toBe('Rendered home');
    expect(home.headings).toEqual([{ level: 1, text: 'Built by script' }]);
    expect(home.prices.map((p) => p.amount)).toContain(49);
    expect(pages.get('/from-js')?.title).toBe('From JS');
    // The document comes from our fetch (one request per page); images are not loaded; a script
    // that navigates away does not take the render elsewhere.
    expect(site.hits.get('/')).toBe(1);
    expect(site.hits.get('/pixel.png')).toBeUndefined();
    expect(pages.get('/from-js')?.url).toBe(`${site.origin}/from-js`);
    expect(site.hits.get('/elsewhere')).toBeUndefined();
  });
});
