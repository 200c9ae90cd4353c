/**
 * Distributed crawl on a real redis-server: a coordinator and two workers crawl the demo site into
 * the same crawl store a single-process crawl writes, and the reports agree; the queue is listed by
 * `zmot queue status`; a wrong or unreachable Redis is one line and exit 2.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../crawler/config-file.ts';
import { DEMO_CONFIG, serveDemo } from '../../../crawler/demo/server.ts';
import { parseQueueUrl } from '../../../crawler/distributed/connection.ts';
import { RedisPages } from '../../../crawler/distributed/coordinator.ts';
import { RedisFrontier } from '../../../crawler/distributed/frontier.ts';
import type { FrontierEntry } from '../../../crawler/crawl/frontier.ts';
import { CrawlStore } from '../../../crawler/store/crawl-store.ts';
import { Redis } from 'ioredis';
import { startWorker, type WorkerHandle } from '../../../crawler/distributed/worker.ts';
import { crawlToStore, reportFromStore, runSiteJob } from '../../../crawler/job.ts';
import type { StaticServer } from '../../../crawler/serve.ts';
import type { Config, PageArtifacts } from '../../../shared/schemas/index.ts';
import { zmotInProcess } from '../../helpers/cli.ts';
import { startRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { html, page, startSite, type TestSite } from '../crawl/sites/server.ts';
import { startJsSite } from '../crawl/sites/js-site.ts';

let redis: TestRedis;
let site: StaticServer;
let tmp: string;
let config: Config;
const workers: WorkerHandle[] = [];

beforeAll(async () => {
  [redis, site, tmp, config] = await Promise.all([startRedis(), serveDemo(), mkdtemp(path.join(os.tmpdir(), 'zmot-dist-')), loadConfig(DEMO_CONFIG)]);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all([redis?.close(), site?.close(), tmp && rm(tmp, { recursive: true, force: true })]);
});

/**
 * The report without what differs between any two runs: dates, durations, request timings, and the
 * order of lists (pages come in the order they were fetched, ties keep that order: two single-process
 * crawls of the demo differ there too). Every value of every page, audit and answer is compared.
 */
function comparable(json: string): unknown {
  const VOLATILE = new Set(['timings', 'generatedAt', 'startedAt', 'finishedAt', 'fetchedAt', 'durationMs', 'resumedAt']);
  const key = (v: unknown) => JSON.stringify(v);
  return JSON.parse(json, (k, v) => {
    if (VOLATILE.has(k)) return undefined;
    // Site audits name the first few matching pages in crawl order ("examples": URLs joined by spaces):
    // which few depends on fetch timing, in two single-process crawls too. Their counts are compared.
    if (k === 'examples' && typeof v === 'string') return undefined;
    if (Array.isArray(v)) return [...v].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)));
    return v;
  });
}


/** A site whose pages answer slowly, recording how many requests were in flight at once and when each started. */
async function politeSite(opts: { pages: number; robots: string; slowMs: number; retryAfterOn?: string }) {
  let inFlight = 0;
  let maxInFlight = 0;
  let answered429 = 0;
  const starts: Array<{ path: string; at: number }> = [];
  const site: TestSite = await startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(opts.robots);
    const m = /^\/(?:p\/(\d+))?$/.exec(url.pathname);
    if (!m) return void res.writeHead(404).end();
    starts.push({ path: url.pathname, at: Date.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    await new Promise((r) => setTimeout(r, opts.slowMs));
    if (url.pathname === opts.retryAfterOn && answered429++ === 0) return void res.writeHead(429, { 'retry-after': '1' }).end();
    const i = m[1] === undefined ? 0 : Number(m[1]);
    html(res, page(`Page ${i}`, i === 0 ? Array.from({ length: opts.pages - 1 }, (_, j) => `/p/${j + 1}`) : []));
  });
  return { site, starts, maxInFlight: () => maxInFlight };
}

describe('the frontier in Redis', () => {
  it('queues each URL once, breadth first, raises a sitemap URL a link reaches, caps shapes and the queue, and outlives its coordinator', async () => {
    const client = new Redis(redis.port, '127.0.0.1');
    const store = CrawlStore.open(':memory:');
    const link = (url: string, depth: number | null = 1, source: FrontierEntry['source'] = 'link'): FrontierEntry => ({ url: `https://a.test${url}`, depth, source, foundOn: 'https://a.test/' });
    const opts = { maxUrlsPerPattern: 3, maxPatternRun: 2, maxQueued: 9 };
    try {
      const f = await RedisFrontier.open(client, 'test:frontier', store, opts, false, 'redis://test');
      expect(await f.add([link('/', 0, 'start'), link('/listed', null, 'sitemap'), link('/deep', 3), link('/x'), link('/x')])).toEqual({ added: 4, dropped: 0 });
      // A link to the sitemap-only URL: it moves up to that depth.
      expect((await f.add([link('/listed', 2), link('/deep')])).added).toBe(0);
      // Five URLs of one shape: three queued, two skipped and recorded for the report.
      expect(await f.add([1, 2, 3, 4, 5].map((i) => link(`/cal?m=${i}`, 4)))).toEqual({ added: 3, dropped: 2 });
      expect(store.stateCounts().skipped).toBe(2);
      // The queue holds at most 9: the tenth new URL is dropped with a note.
      expect(await f.add([link('/a/b', 5), link('/a/c', 5), link('/a/d', 5)])).toEqual({ added: 2, dropped: 1 });
      expect(store.notes().map((n) => n.type).sort()).toEqual(['queue-full', 'url-pattern-cap']);
      // Nothing of the queue is in the store: it is in Redis.
      expect(store.stateCounts().queued).toBe(0);
      expect(await client.hlen('test:frontier:f:seen')).toBe(11);

      const first = await f.next();
      expect(first).toMatchObject({ url: 'https://a.test/', depth: 0 });
      // The root page redirected to /x: /x is done as its alias and never handed out.
      await f.complete(first!, { state: 'done', discovered: [link('/x'), link('/new', 1)], aliases: ['https://a.test/x'] });
      expect(await f.isDone('https://a.test/x')).toBe(true);
      const second = await f.next();
      // A coordinator stops: its claims go back to the queue for the next one.
      const again = await RedisFrontier.open(client, 'test:frontier', store, opts, true, 'redis://test');
      const order: string[] = [];
      for (let item = await again.next(); item; item = await again.next()) {
        order.push(`${new URL(item.url).pathname}${new URL(item.url).search}@${item.depth}`);
        await again.complete(item, { state: 'done', discovered: [], aliases: [] });
      }
      expect(second).toMatchObject({ url: 'https://a.test/listed', depth: 2 });
      expect([...order].sort()).toEqual(['/a/b@5', '/a/c@5', '/cal?m=1@4', '/cal?m=2@4', '/cal?m=3@4', '/deep@3', '/listed@2', '/new@1']);
      const depths = order.map((o) => Number(o.split('@')[1]));
      expect(depths).toEqual([...depths].sort((x, y) => x - y));
      expect(await again.counts()).toMatchObject({ queued: 0, inFlight: 0, skipped: 2 });
      // A resumed crawl whose Redis lost the frontier says so, in one line.
      await expect(RedisFrontier.open(client, 'test:gone', store, opts, true, 'redis://test')).rejects.toThrow(/no longer in Redis at redis:\/\/test/);
    } finally {
      store.close();
      client.disconnect();
    }
  });
});

describe('distributed crawl (Redis + BullMQ)', () => {
  let distributedOut = '';
  let localOut = '';

  it('two workers and a coordinator write the same report.json as a single-process crawl', async () => {
    const target = parseQueueUrl(redis.url);
    // Workers first for one, after the coordinator for the other: both orders work.
    workers.push(await startWorker(target, { concurrency: 4, lockMs: 5000, pollMs: 200 }));
    localOut = path.join(tmp, 'local');
    distributedOut = path.join(tmp, 'distributed');
    const startUrl = `${site.origin}/`;
    const distributed = crawlToStore({ startUrl, config, outDir: distributedOut, deps: { remote: new RedisPages(target) } });
    workers.push(await startWorker(target, { concurrency: 4, lockMs: 5000, pollMs: 200 }));
    const [local, { summary, storePath }] = await Promise.all([runSiteJob({ startUrl, config, outDir: localOut }), distributed]);
    await reportFromStore(storePath, distributedOut, { config });

    expect(summary.pagesFetched).toBe(local.summary.pagesFetched);
    expect(summary.pagesFetched).toBeGreaterThan(10);
    // Both workers took part.
    expect(workers.every((w) => w.served.size === 1)).toBe(true);
    const [a, b] = await Promise.all([readFile(path.join(localOut, 'report.json'), 'utf8'), readFile(path.join(distributedOut, 'report.json'), 'utf8')]);
    expect(comparable(b)).toEqual(comparable(a));
  }, 180_000);

  it('`zmot queue status` lists the crawl with its counts; a wrong or unreachable Redis is one line, exit 2', async () => {
    // In-process through the binary's own runCli (no process start): the command's output and exit code are the point.
    const status = await zmotInProcess(['queue', 'status', redis.url, '--json']);
    const unreachable = await zmotInProcess(['crawl', `${site.origin}/`, '--queue', 'redis://:s3cret@127.0.0.1:1/0', '--out', path.join(tmp, 'never')]);
    expect(status.code).toBe(0);
    const rows = JSON.parse(status.stdout) as Array<{ crawl: string; status: string; startUrl: string; queued: number; active: number; done: number; failed: number }>;
    const row = rows.find((r) => r.startUrl === `${site.origin}/`)!;
    expect(row).toMatchObject({ status: 'finished', queued: 0, active: 0, failed: 0 });
    const report = JSON.parse(await readFile(path.join(distributedOut, 'report.json'), 'utf8')) as { pages: unknown[] };
    expect(row.done).toBe(report.pages.length);

    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0: .*ECONNREFUSED/);
    expect(unreachable.stderr).not.toContain('s3cret');
    // The same checks run in every command that takes --queue (crawl, worker, queue status).
    expect(() => parseQueueUrl('http://127.0.0.1:6379/0')).toThrow(/--queue must be a redis:\/\//);
    expect(() => parseQueueUrl('redis://u:s3cret@127.0.0.1:6379/99')).toThrow(/database number.*redis:\/\/u:\*\*\*@/);
    expect(() => parseQueueUrl('redis://u:s3cret@127.0.0.1:6379/99')).not.toThrow(/s3cret/);
  }, 180_000);

  it('`zmot ci --dir` and `zmot report` work on the distributed crawl as on the single-process one', async () => {
    // In-process through the binary's runCli: the same command a CI pipeline runs on the coordinator's folder.
    // Assertions that pass, warn and fail, so both runs have something to agree on.
    const assertions = [
      { target: 'score:zmot', level: 'error', min: 99 },
      { target: 'audit:document-title', level: 'error', max: 0 },
      { target: 'issue:redirect-loop', level: 'error', max: 0 },
      { target: 'audit:meta-description', level: 'warn', max: 0 },
    ];
    const cfg = path.join(tmp, 'ci.json');
    await writeFile(cfg, JSON.stringify({ ...JSON.parse(await readFile(DEMO_CONFIG, 'utf8')), assertions }));
    const ci = async (dir: string) => zmotInProcess(['ci', '--config', cfg, '--dir', dir, '--json', '--out', path.join(tmp, `ci-${path.basename(dir)}`)]);
    const [local, distributed] = [await ci(localOut), await ci(distributedOut)];
    expect(distributed.stderr).toBe(local.stderr);
    expect(distributed.code).toBe(1);
    expect(local.code).toBe(1);
    // Everything but where the files were written (each run has its own --out).
    const outcome = (r: { stdout: string }) => ({ ...JSON.parse(r.stdout), files: undefined });
    expect(outcome(distributed)).toEqual(outcome(local));
    expect(JSON.parse(distributed.stdout).assertions).toHaveLength(4);

    const rebuilt = await zmotInProcess(['report', distributedOut, '--json']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
  }, 180_000);

  it('politeness holds across all workers together: per-host concurrency, Crawl-delay, Retry-After, robots.txt once per host', async () => {
    const target = parseQueueUrl(redis.url);
    // Two crawls share the Redis and the two workers (8 page slots in all).
    const busy = await politeSite({ pages: 12, robots: 'User-agent: *\nAllow: /\n', slowMs: 80, retryAfterOn: '/p/3' });
    const slow = await politeSite({ pages: 5, robots: 'User-agent: *\nCrawl-delay: 0.3\n', slowMs: 10 });
    try {
      while (workers.length < 2) workers.push(await startWorker(target, { concurrency: 4, lockMs: 5000, pollMs: 200 }));
      const settings = { concurrency: 8, perHostConcurrency: 2, sitemaps: false, retryBaseMs: 50 };
      const [a, b] = await Promise.all([
        crawlToStore({ startUrl: `${busy.site.origin}/`, config, outDir: path.join(tmp, 'busy'), crawl: settings, deps: { remote: new RedisPages(target) } }),
        crawlToStore({ startUrl: `${slow.site.origin}/`, config, outDir: path.join(tmp, 'slow'), crawl: settings, deps: { remote: new RedisPages(target) } }),
      ]);
      expect(a.summary.pagesFetched).toBe(12);
      expect(b.summary.pagesFetched).toBe(5);
      // 8 slots on two workers, 2 allowed per host: never more than 2 at once on the busy host…
      expect(busy.maxInFlight()).toBeLessThanOrEqual(2);
      // …and one at a time, spaced by the Crawl-delay, on the other (a little slack for the network).
      expect(slow.maxInFlight()).toBe(1);
      // Measured at the server, each start carries its own network and event-loop delay: the mean gap is
      // what the gate holds (two workers each keeping their own 0.3 s would average 0.15 s).
      const span = slow.starts.at(-1)!.at - slow.starts[0].at;
      expect(span / (slow.starts.length - 1)).toBeGreaterThanOrEqual(240);
      // The 429 with Retry-After: 1 paused the host for every worker.
      const first429 = busy.starts.findIndex((s) => s.path === '/p/3');
      const pausedFrom = busy.starts[first429].at + 80;
      const during = busy.starts.filter((s) => s.at > pausedFrom + 50 && s.at < pausedFrom + 900);
      expect(during).toEqual([]);
      expect(busy.site.hits.get('/p/3')).toBe(2);
      // robots.txt: once per host, by the coordinator, for all workers.
      expect(busy.site.hits.get('/robots.txt')).toBe(1);
      expect(slow.site.hits.get('/robots.txt')).toBe(1);
    } finally {
      await Promise.all([busy.site.close(), slow.site.close()]);
    }
  }, 120_000);

  it('the private-network guard applies on the workers: a redirect to another private host is refused there', async () => {
    const target = parseQueueUrl(redis.url);
    if (!workers.length) workers.push(await startWorker(target, { concurrency: 4, lockMs: 5000, pollMs: 200 }));
    // The start host is the crawl's own (exempt); the redirect goes to another private name of the machine.
    const guarded: TestSite = await startSite((_req, res, url) => {
      if (url.pathname === '/') return void res.writeHead(302, { location: `http://localhost:${new URL(guarded.origin).port}/inside` }).end();
      html(res, page('Inside'));
    });
    try {
      const { storePath } = await crawlToStore({ startUrl: `${guarded.origin}/`, config, outDir: path.join(tmp, 'guarded'), crawl: { privateNetworks: 'refuse', sitemaps: false, retries: 0 }, deps: { remote: new RedisPages(target) } });
      const store = CrawlStore.open(storePath, { readonly: true });
      const pages = [...store.pages()].map((p) => p.record);
      store.close();
      // The worker's own guard refused the hop: the page records why, and no request reached /inside.
      expect(pages.find((p) => p.url === `${guarded.origin}/`)?.error).toMatch(/refused: the target is a private/);
      expect(guarded.hits.get('/inside')).toBeUndefined();
    } finally {
      await guarded.close();
    }
  });

  it("a worker's --concurrency is the process's, over all its crawls; --render crawls render on the workers with Chromium", async () => {
    // Redis database 1: this worker alone, not the ones above.
    const target = parseQueueUrl(redis.url.replace(/\/0$/, '/1'));
    // Two slow sites counting the requests in flight on both together.
    const flight = { now: 0, max: 0 };
    const slowSite = () =>
      startSite(async (_req, res, url) => {
        if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
        flight.max = Math.max(flight.max, ++flight.now);
        res.on('close', () => flight.now--);
        await new Promise((r) => setTimeout(r, 150));
        const i = url.pathname === '/' ? 0 : Number(url.pathname.slice(3));
        html(res, page(`Page ${i}`, i === 0 ? [1, 2, 3, 4].map((j) => `/p/${j}`) : []));
      });
    const [one, two, js] = await Promise.all([slowSite(), slowSite(), startJsSite()]);
    const worker = await startWorker(target, { concurrency: 2, lockMs: 15_000, pollMs: 100 });
    const settings = { concurrency: 8, perHostConcurrency: 8, sitemaps: false };
    try {
      const [a, b, c] = await Promise.all([
        crawlToStore({ startUrl: `${one.origin}/`, config, outDir: path.join(tmp, 'slots-1'), crawl: settings, deps: { remote: new RedisPages(target) } }),
        crawlToStore({ startUrl: `${two.origin}/`, config, outDir: path.join(tmp, 'slots-2'), crawl: settings, deps: { remote: new RedisPages(target) } }),
        crawlToStore({ startUrl: `${js.origin}/`, config, outDir: path.join(tmp, 'rendered'), crawl: { render: true, renderTimeoutMs: 15_000, sitemaps: false }, deps: { remote: new RedisPages(target) } }),
      ]);
      expect([a.summary.pagesFetched, b.summary.pagesFetched]).toEqual([5, 5]);
      // Three crawls served by the one worker, never more than its 2 pages at once over all of them (8 allowed per crawl and host).
      expect(worker.served.size).toBe(3);
      expect(flight.max).toBeLessThanOrEqual(2);
      const store = CrawlStore.open(c.storePath, { readonly: true });
      const pages = new Map([...store.pages()].map((p) => [new URL(p.record.url).pathname, p]));
      store.close();
      // The script-built page and the link only its script makes: seen because the worker rendered it.
      expect(pages.get('/')?.record.rendered).toBe(true);
      expect((pages.get('/')?.artifacts as PageArtifacts).title).toBe('Rendered home');
      expect((pages.get('/from-js')?.artifacts as PageArtifacts).title).toBe('From JS');
      expect(js.hits.get('/')).toBe(1);
    } finally {
      await worker.close();
      await Promise.all([one.close(), two.close(), js.close()]);
    }
  }, 120_000);
});
