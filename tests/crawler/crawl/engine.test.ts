import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl, type CrawlOptionsInput, type CrawlSummary, type PageEvent, type ProgressEvent } from '../../../crawler/crawl/index.ts';
import { CrawlStore, type PageRecord } from '../../../crawler/store/crawl-store.ts';
import type { PageArtifacts } from '../../../shared/schemas/index.ts';
import { startBasicSite } from './sites/basic-site.ts';
import type { TestSite } from './sites/server.ts';

let site: TestSite;
let dir: string;
beforeAll(async () => {
  site = await startBasicSite();
  dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-engine-'));
});
afterAll(async () => {
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

let runs = 0;
async function crawlSite(options: Partial<CrawlOptionsInput> = {}) {
  const storePath = path.join(dir, `run-${runs++}.sqlite`);
  const run = crawl({ startUrl: `${site.origin}/`, storePath, workers: 0, retryBaseMs: 10, ...options });
  const pages: PageEvent[] = [];
  const progress: ProgressEvent[] = [];
  const blocked: string[] = [];
  let doneEvent: CrawlSummary | null = null;
  run.on('page', (p) => pages.push(p));
  run.on('progress', (p) => progress.push(p));
  run.on('blocked', (b) => blocked.push(b.url));
  run.on('done', (d) => (doneEvent = d));
  const summary = await run.done;
  const store = CrawlStore.open(storePath, { readonly: true });
  const records = new Map<string, PageRecord>();
  const artifacts = new Map<string, PageArtifacts>();
  for (const p of store.pages()) {
    records.set(p.record.url, p.record);
    artifacts.set(p.record.url, p.artifacts as PageArtifacts);
  }
  const links = [...store.links()];
  const sitemapUrls = [...store.sitemapUrls()];
  store.close();
  return { summary, pages, progress, blocked, doneEvent: doneEvent as CrawlSummary | null, records, artifacts, links, sitemapUrls, storePath };
}

const u = (p: string) => `${site.origin}${p}`;

describe('crawl(): discovery', () => {
  let result: Awaited<ReturnType<typeof crawlSite>>;
  beforeAll(async () => {
    result = await crawlSite();
  });

  it('crawls every reachable page once, tracking parameters removed', () => {
    const urls = [...result.records.keys()];
    expect(urls).toContain(u('/c'));
    expect(urls.filter((x) => x.startsWith(u('/c')))).toEqual([u('/c')]);
    expect(new Set(urls).size).toBe(urls.length);
    expect(result.summary.pagesFetched).toBe(urls.length);
  });

  it('resolves links against <base href>', () => {
    expect(result.records.has(u('/based/child'))).toBe(true);
    expect(result.records.has(u('/base-test/child'))).toBe(false);
  });

  it('reports nofollow links without following them', () => {
    expect(result.links).toContainEqual({ from: u('/'), to: u('/b'), text: 'B (nofollow)', nofollow: true });
    expect(result.records.has(u('/b'))).toBe(false);
  });

  it('does not follow links of a page that says nofollow', () => {
    expect(result.records.has(u('/meta-nofollow'))).toBe(true);
    expect(result.records.has(u('/hidden'))).toBe(false);
  });

  it('queues canonical and hreflang targets', () => {
    expect(result.records.get(u('/a-canonical'))?.status).toBe(200);
    expect(result.records.get(u('/fr/a'))?.status).toBe(200);
  });

  it('obeys robots.txt and reports what it blocked', () => {
    expect(result.records.has(u('/private/secret'))).toBe(false);
    expect(result.blocked).toEqual([u('/private/secret')]);
    expect(site.hits.get('/private/secret')).toBeUndefined();
  });

  it('reads the sitemap listed in robots.txt, queues its URLs and marks pages in it', () => {
    expect(result.sitemapUrls.sort()).toEqual([u('/'), u('/a'), u('/sitemap-only')].sort());
    expect(result.records.get(u('/sitemap-only'))?.status).toBe(200);
    expect(result.artifacts.get(u('/a'))?.inSitemap).toBe(true);
    expect(result.artifacts.get(u('/c'))?.inSitemap).toBe(false);
    // Found only in the sitemap: no click depth.
    expect(result.artifacts.get(u('/sitemap-only'))?.depth).toBeNull();
  });

  it('records redirects as chains on the page that redirected', () => {
    const moved = result.records.get(u('/moved'))!;
    expect(moved.finalUrl).toBe(u('/target'));
    expect(moved.redirectChain).toEqual([{ url: u('/moved'), status: 301 }]);
    expect(result.artifacts.get(u('/moved'))?.url).toBe(u('/target'));
  });

  it('records non-HTML responses without parsing them', () => {
    const pdf = result.records.get(u('/doc.pdf'))!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(result.artifacts.get(u('/doc.pdf'))?.isHtml).toBe(false);
  });

  it('records error statuses on their page', () => {
    expect(result.records.get(u('/missing'))?.status).toBe(404);
    expect(result.summary.errors).toBe(1);
  });

  it('stays on the start host but stores links off-site', () => {
    expect([...result.records.keys()].every((x) => x.startsWith(site.origin))).toBe(true);
    expect(result.links.some((l) => l.to === 'https://other.example/')).toBe(true);
  });

  it('keeps click depth and sends typed events', () => {
    expect(result.artifacts.get(u('/'))?.depth).toBe(0);
    expect(result.artifacts.get(u('/deep/1'))?.depth).toBe(1);
    expect(result.pages.at(-1)?.fetched).toBe(result.summary.pagesFetched);
    expect(result.pages.find((p) => p.url === u('/'))?.result?.title).toBe('Home');
    expect(result.progress.at(-1)?.fetched).toBe(result.summary.pagesFetched);
    expect(result.doneEvent).toEqual(result.summary);
    expect(result.summary.interrupted).toBe(false);
  });
});

describe('crawl(): limits and scope', () => {
  it('stops at the page limit', async () => {
    const r = await crawlSite({ maxPages: 3 });
    expect(r.records.size).toBe(3);
    expect(r.summary.pagesQueued).toBeGreaterThan(0);
  });

  it('follows links only to the maximum depth', async () => {
    const r = await crawlSite({ maxDepth: 2, sitemaps: false });
    expect(r.records.has(u('/deep/1'))).toBe(true);
    expect(r.records.has(u('/deep/2'))).toBe(true);
    expect(r.records.has(u('/deep/3'))).toBe(false);
  });

  it('applies include and exclude patterns', async () => {
    const r = await crawlSite({ exclude: ['/deep/'], include: [], sitemaps: false });
    expect([...r.records.keys()].some((x) => x.includes('/deep/'))).toBe(false);
    const only = await crawlSite({ include: ['/:\\d+\\/(a|c)$/'], sitemaps: false });
    expect([...only.records.keys()].sort()).toEqual([u('/'), u('/a'), u('/c')].sort());
  });

  it('crawls robots-disallowed pages when told to ignore robots.txt', async () => {
    const r = await crawlSite({ respectRobots: false });
    expect(r.records.get(u('/private/secret'))?.status).toBe(200);
    expect(r.artifacts.get(u('/private/secret'))?.robotsTxt?.allowed).toBe(false);
  });

  it('gives the same artifacts whether pages are processed on worker threads or not', async () => {
    const inline = await crawlSite({ maxPages: 6, sitemaps: false });
    const threaded = await crawlSite({ maxPages: 6, sitemaps: false, workers: 1 });
    expect([...threaded.records.keys()]).toEqual([...inline.records.keys()]);
    for (const [url, a] of inline.artifacts) {
      expect({ ...threaded.artifacts.get(url), headers: {} }).toEqual({ ...a, headers: {} });
    }
  });
});
