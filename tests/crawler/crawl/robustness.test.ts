/**
 * Hostile and broken servers, one scenario each (helpers in ./sites/): the crawl always finishes,
 * each problem is recorded on the page it belongs to, and nothing is read without bound.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl, type CrawlOptionsInput } from '../../../crawler/crawl/index.ts';
import { CrawlStore, type PageRecord } from '../../../crawler/store/crawl-store.ts';
import type { PageArtifacts } from '../../../shared/schemas/index.ts';
import { startBigSitemapSite } from './sites/big-sitemap-site.ts';
import { startCalendarSite } from './sites/calendar-site.ts';
import { startGzipBombSite } from './sites/gzip-bomb-site.ts';
import { startHangingSite } from './sites/hanging-site.ts';
import { startHugePageSite } from './sites/huge-page-site.ts';
import { startMalformedSite } from './sites/malformed-site.ts';
import { startPrivateRedirectSite } from './sites/private-redirect-site.ts';
import { startRateLimitSite } from './sites/rate-limit-site.ts';
import { startRedirectLoopSite } from './sites/redirect-loop-site.ts';
import { startRobotsSite } from './sites/robots-variants.ts';
import type { TestSite } from './sites/server.ts';
import { startSlowSite } from './sites/slow-site.ts';
import { startStormSite } from './sites/storm-site.ts';
import { CHARSET_TITLE, startWrongCharsetSite } from './sites/wrong-charset-site.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-robust-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
/** Crawls a scenario site with short timeouts; returns what the store holds. */
async function crawlOf(site: TestSite, options: Partial<CrawlOptionsInput> = {}, startPath = '/') {
  const storePath = path.join(dir, `s${n++}.sqlite`);
  try {
    const summary = await crawl({
      startUrl: `${site.origin}${startPath}`,
      storePath,
      workers: 0,
      timeoutMs: 2000,
      headersTimeoutMs: 600,
      bodyTimeoutMs: 600,
      retries: 1,
      retryBaseMs: 10,
      maxRetryAfterMs: 2000,
      maxBodyBytes: 2 * 1024 * 1024,
      ...options,
    }).done;
    const store = CrawlStore.open(storePath, { readonly: true });
    const records = new Map<string, PageRecord>();
    const artifacts = new Map<string, PageArtifacts>();
    for (const p of store.pages()) {
      records.set(new URL(p.record.url).pathname + new URL(p.record.url).search, p.record);
      artifacts.set(new URL(p.record.url).pathname + new URL(p.record.url).search, p.artifacts as PageArtifacts);
    }
    const frontier = store.stateCounts();
    const notes = store.notes();
    const sitemapUrls = store.sitemapUrlCount();
    const robots = store.robots();
    store.close();
    return { summary, records, artifacts, frontier, notes, sitemapUrls, robots };
  } finally {
    await site.close();
  }
}

describe('robustness: slow and stuck servers', () => {
  it('crawls a slow server completely', async () => {
    const r = await crawlOf(await startSlowSite(300));
    expect(r.summary.pagesFetched).toBe(5);
    expect([...r.records.values()].every((p) => p.status === 200 && p.error === null)).toBe(true);
  });

  it('records a hanging connection and a stalled body on their own pages and finishes', async () => {
    const r = await crawlOf(await startHangingSite());
    expect(r.records.get('/stuck')).toMatchObject({ status: 0, errorCode: 'timeout' });
    expect(r.records.get('/stuck')?.error).toMatch(/no response headers within 0.6s/);
    expect(r.records.get('/stalls')).toMatchObject({ status: 200, errorCode: 'timeout' });
    expect(r.records.get('/fine')).toMatchObject({ status: 200, error: null });
    expect(r.artifacts.get('/stuck')?.fetchError).toMatch(/no response headers/);
  });
});

describe('robustness: error storms', () => {
  it('retries a 5xx storm, keeps the recovered pages and records the status of the rest', async () => {
    const r = await crawlOf(await startStormSite());
    expect(r.summary.pagesFetched).toBe(13);
    for (let i = 0; i < 12; i++) {
      const p = r.records.get(`/p${i}`)!;
      expect(p.attempts).toBe(2);
      if (i % 3 === 0) expect(p.status, `/p${i}`).toBe(200);
      else expect(p.status, `/p${i}`).toBe(i % 2 ? 503 : 500);
    }
  });

  it('honours 429 with Retry-After and gets the pages', async () => {
    const r = await crawlOf(await startRateLimitSite());
    expect(r.records.get('/')).toMatchObject({ status: 200, attempts: 2 });
    expect(r.records.get('/next')).toMatchObject({ status: 200, attempts: 2 });
    expect(r.records.get('/')!.timings!.waitedMs).toBeGreaterThanOrEqual(1000);
  });
});

describe('robustness: traps', () => {
  it('detects redirect loops and endless redirect chains', async () => {
    const r = await crawlOf(await startRedirectLoopSite(), { maxRedirects: 5 });
    expect(r.records.get('/loop-a')).toMatchObject({ errorCode: 'redirect-loop' });
    expect(r.records.get('/loop-a')?.error).toMatch(/redirect loop: .*\/loop-a → .*\/loop-b → .*\/loop-a/);
    expect(r.records.get('/self')).toMatchObject({ errorCode: 'redirect-loop' });
    expect(r.records.get('/stairs/0')).toMatchObject({ errorCode: 'too-many-redirects' });
    expect(r.records.get('/ok')).toMatchObject({ status: 200 });
  });

  it('stops following an infinite calendar after a bounded chain of months', async () => {
    const r = await crawlOf(await startCalendarSite(), { maxPatternRun: 10, maxPages: 500, maxDepth: 1000 });
    const months = [...r.records.keys()].filter((k) => k.startsWith('/calendar?'));
    // Ten hops forward and ten back from the first month, then the chain is cut.
    expect(months.length).toBeGreaterThanOrEqual(10);
    expect(months.length).toBeLessThanOrEqual(22);
    expect(r.records.has('/about')).toBe(true);
    expect(r.summary.interrupted).toBe(false);
    expect(r.notes.some((note) => note.type === 'url-pattern-run' && /calendar\?month=\{n\}-\{n\}/.test(note.message))).toBe(true);
  });

  it('caps how many URLs of one shape it crawls', async () => {
    const r = await crawlOf(await startCalendarSite(), { maxUrlsPerPattern: 15, maxPages: 500, maxDepth: 1000 });
    expect([...r.records.keys()].filter((k) => k.startsWith('/calendar?')).length).toBeLessThanOrEqual(15);
    expect(r.notes.some((note) => note.type === 'url-pattern-cap')).toBe(true);
  });
});

describe('robustness: oversized and hostile bodies', () => {
  it('reads a 50 MB page only to the body cap, records it, and keeps crawling', async () => {
    const site = await startHugePageSite();
    const r = await crawlOf(site);
    const huge = r.records.get('/huge')!;
    expect(huge.status).toBe(200);
    expect(huge.truncated).toBe(true);
    expect(huge.error).toMatch(/body larger than 2 MB/);
    expect(r.artifacts.get('/huge')?.title).toBe('Huge page');
    expect(site.bytesSent()).toBeLessThan(20 * 1024 * 1024);
    expect(r.records.get('/after')?.status).toBe(200);
  });

  it('refuses a gzip bomb on its page and keeps crawling', async () => {
    const r = await crawlOf(await startGzipBombSite());
    expect(r.records.get('/bomb')).toMatchObject({ errorCode: 'decompression-bomb' });
    expect(r.records.get('/bomb')!.bodyBytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(r.records.get('/after')?.status).toBe(200);
  });

  it('extracts what it can from malformed HTML, never crashing', async () => {
    const r = await crawlOf(await startMalformedSite());
    for (let i = 0; i < 5; i++) expect(r.records.get(`/broken/${i}`)?.status, `/broken/${i}`).toBe(200);
    expect(r.records.get('/ok-1')?.status).toBe(200);
    expect(r.records.get('/ok-3')?.status).toBe(200);
    expect(r.records.has('/never')).toBe(false);
    expect(r.artifacts.get('/broken/3')?.jsonLd[0]?.error).toBeTruthy();
    expect(r.artifacts.get('/broken/3')?.robots[0]?.directives).toContain('noindex');
  });

  it('decodes pages whose charset header is wrong, and notes it', async () => {
    const r = await crawlOf(await startWrongCharsetSite());
    for (const p of ['/latin1-says-utf8', '/utf8-says-latin1', '/honest-1252']) expect(r.artifacts.get(p)?.title, p).toBe(CHARSET_TITLE);
    expect(r.records.get('/latin1-says-utf8')?.encodingNote).toMatch(/not valid UTF-8/);
    expect(r.records.get('/utf8-says-latin1')?.encodingNote).toMatch(/the body is UTF-8/);
    expect(r.records.get('/honest-1252')?.encodingNote).toBeNull();
  });
});

describe('robustness: robots.txt failures, as Google documents them', () => {
  it('crawls everything when robots.txt is a 404', async () => {
    const r = await crawlOf(await startRobotsSite('404'));
    expect(r.records.get('/private/b')?.status).toBe(200);
  });

  it('crawls nothing when robots.txt answers 500, and says so on the start page', async () => {
    const r = await crawlOf(await startRobotsSite('500'));
    expect(r.records.size).toBe(1);
    expect(r.records.get('/')).toMatchObject({ status: 0, errorCode: 'blocked-by-robots' });
    expect(r.robots[0].message).toMatch(/HTTP 500: treated as "disallow all"/);
    expect(r.notes.some((note) => note.type === 'robots-txt')).toBe(true);
  });

  it('crawls nothing when robots.txt times out', async () => {
    const r = await crawlOf(await startRobotsSite('timeout'));
    expect(r.records.size).toBe(1);
    expect(r.records.get('/')?.error).toMatch(/blocked by robots\.txt/);
    expect(r.robots[0].message).toMatch(/could not be fetched/);
  });

  it('honours Crawl-delay', async () => {
    const site = await startRobotsSite('crawl-delay');
    const r = await crawlOf(site);
    expect(r.notes.some((note) => note.type === 'crawl-delay')).toBe(true);
    const times = site.log.filter((l) => l.path !== '/robots.txt' && l.path !== '/sitemap.xml').map((l) => l.at);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(280);
  });
});

describe('robustness: scale and network guards', () => {
  it('reads a 50,000-URL sitemap, queues within bounds, and finishes at the page limit', async () => {
    // Not a timeout test: the file's short fetch timeouts stalled this 50,000-URL sitemap at load 25.
    const r = await crawlOf(await startBigSitemapSite(), { maxPages: 20, timeoutMs: 60_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000 });
    expect(r.sitemapUrls).toBe(50_000);
    expect(r.summary.pagesFetched).toBe(20);
    expect(r.frontier.queued).toBeGreaterThan(40_000);
  });

  it('refuses a redirect into the private network when the crawl did not start there', async () => {
    const r = await crawlOf(await startPrivateRedirectSite(), { privateNetworks: 'refuse' }, '/start');
    const start = r.records.get('/start')!;
    expect(start.errorCode).toBe('private-address');
    expect(start.error).toMatch(/refused: the target is a private, loopback or link-local address/);
  });
});
