import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressGuard } from '../../../crawler/crawl/address-guard.ts';
import { Fetcher } from '../../../crawler/crawl/fetcher.ts';
import { HostGate } from '../../../crawler/crawl/host-gate.ts';
import { parseSitemapStream, readSitemaps, type SitemapEntry } from '../../../crawler/crawl/sitemaps.ts';
import { startSitemapSite, urlset } from './sites/sitemap-site.ts';
import type { TestSite } from './sites/server.ts';

let site: TestSite;
let fetcher: Fetcher;
beforeAll(async () => {
  site = await startSitemapSite();
  fetcher = new Fetcher({
    userAgent: 'zmotbot-test', timeoutMs: 60_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000, maxBodyBytes: 10 << 20, maxRedirects: 5,
    retries: 0, retryBaseMs: 10, maxRetryAfterMs: 1000, connectionsPerHost: 2, guard: new AddressGuard(true), gate: new HostGate({ concurrency: 2, delayMs: 0 }),
  });
});
afterAll(async () => {
  await fetcher.close();
  await site.close();
});

async function read(url: string) {
  const urls: SitemapEntry[] = [];
  let batches = 0;
  const summaries = await readSitemaps({
    seeds: [{ url, source: 'test' }],
    fetcher,
    maxUrls: 1_000_000,
    maxSitemaps: 50,
    onUrls: (entries) => {
      batches++;
      urls.push(...entries);
    },
  });
  return { urls, batches, summaries };
}

describe('sitemaps', () => {
  it('follows a sitemap index to plain and gzipped sitemaps', async () => {
    const { urls, summaries } = await read(`${site.origin}/sitemap-index.xml`);
    expect(urls.map((u) => u.loc).sort()).toEqual([
      ...[0, 1, 2].map((i) => `${site.origin}/page-${i}`),
      ...[0, 1, 2, 3].map((i) => `${site.origin}/post-${i}`),
    ].sort());
    expect(urls[0].lastmod).toBe('2026-01-01');
    expect(summaries.map((s) => [s.kind, s.status, s.urls])).toEqual([['index', 200, 3], ['urlset', 200, 3], ['urlset', 200, 4], ['unknown', 404, 0]]);
    expect(summaries[3].error).toBe('HTTP 404');
  });

  it('streams a 50,000-URL sitemap in batches instead of holding it whole', async () => {
    const { urls, batches, summaries } = await read(`${site.origin}/big.xml`);
    expect(urls).toHaveLength(50_000);
    expect(urls[49_999].loc).toBe(`${site.origin}/p/49999`);
    expect(summaries[0].error).toBeNull();
    expect(batches).toBeGreaterThan(5);
  });

  it('reads text sitemaps, entities, CDATA and stray spaces; drops non-http locations', async () => {
    expect((await read(`${site.origin}/text.txt`)).urls.map((u) => u.loc)).toEqual([`${site.origin}/t1`, `${site.origin}/t2`, `${site.origin}/t3`]);
    expect((await read(`${site.origin}/entities.xml`)).urls.map((u) => u.loc)).toEqual([`${site.origin}/search?a=1&b=2`, `${site.origin}/cdata`, `${site.origin}/spaced`]);
  });

  it('says when a URL is not a sitemap', async () => {
    const { urls, summaries } = await read(`${site.origin}/not-a-sitemap.xml`);
    expect(urls).toHaveLength(0);
    expect(summaries[0].error).toBe('not a sitemap: no <urlset> or <sitemapindex>');
  });

  it('stops at the URL limit and says so', async () => {
    const got: SitemapEntry[] = [];
    const result = await parseSitemapStream(Readable.from([Buffer.from(urlset('https://a.test', 500))]), { onUrls: (e) => got.push(...e), onSitemaps: () => {} }, { maxUrls: 100 });
    expect(got).toHaveLength(100);
    expect(result.error).toBe('more than 100 URLs: the rest were ignored');
  });

  it('survives a sitemap cut in the middle of an element', async () => {
    const full = urlset('https://a.test', 10);
    const cut = full.slice(0, full.indexOf('/p/7'));
    const got: SitemapEntry[] = [];
    await parseSitemapStream(Readable.from([Buffer.from(cut)]), { onUrls: (e) => got.push(...e), onSitemaps: () => {} });
    expect(got.map((e) => e.loc)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `https://a.test/p/${i}`));
  });
});
