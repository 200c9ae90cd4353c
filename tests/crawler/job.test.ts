import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSiteJob } from '../../crawler/job.ts';
import { CrawlStore } from '../../crawler/store/crawl-store.ts';
import { ConfigSchema, type PageResult } from '../../shared/schemas/index.ts';
import { startBasicSite } from './crawl/sites/basic-site.ts';
import type { TestSite } from './crawl/sites/server.ts';

let site: TestSite;
let dir: string;
beforeAll(async () => {
  site = await startBasicSite();
  dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-job-'));
});
afterAll(async () => {
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

describe('runSiteJob', () => {
  it('crawls into <out>/crawl.sqlite, builds the report and writes it', async () => {
    const config = ConfigSchema.parse({ brand: { name: 'Basic' }, crawl: { maxPages: 12 } });
    const seen: PageResult[] = [];
    const out = path.join(dir, 'job');
    const { report, files, summary, storePath } = await runSiteJob({ startUrl: `${site.origin}/`, config, outDir: out, onPage: (p) => seen.push(p), crawl: { workers: 0 } });
    expect(summary.pagesFetched).toBe(12);
    expect(report.pages).toHaveLength(12);
    expect(seen.map((p) => p.url).sort()).toEqual(report.pages.map((p) => p.url).sort());
    expect(storePath).toBe(path.join(out, 'crawl.sqlite'));
    expect(files).toContain(path.join(out, 'report.json'));
    for (const f of files) expect(existsSync(f)).toBe(true);
    // The config is kept with the crawl, so `zmot report <dir>` scores it the same way later.
    const store = CrawlStore.open(storePath, { readonly: true });
    expect(store.getMeta<{ brand: { name: string } }>('config')?.brand.name).toBe('Basic');
    store.close();
  });

  it('starts over on a second run into the same folder', async () => {
    const config = ConfigSchema.parse({ brand: { name: 'Basic' }, crawl: { maxPages: 3 } });
    const out = path.join(dir, 'twice');
    await runSiteJob({ startUrl: `${site.origin}/`, config, outDir: out, crawl: { workers: 0 } });
    const again = await runSiteJob({ startUrl: `${site.origin}/`, config, outDir: out, crawl: { workers: 0 } });
    expect(again.summary.resumed).toBe(false);
    expect(again.report.pages).toHaveLength(3);
  });
});
