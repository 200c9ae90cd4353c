/**
 * Faults of a distributed crawl, each on a real redis-server (AOF on, fsync always): a worker killed
 * mid-page loses nothing, a page that kills every worker ends as a recorded error (not a loop), Redis
 * killed and restarted mid-crawl is a pause, and a coordinator killed and restarted with --resume
 * picks up where it was without fetching any page twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../../../crawler/distributed/connection.ts';
import { RedisPages } from '../../../crawler/distributed/coordinator.ts';
import { frontierKeys } from '../../../crawler/distributed/frontier.ts';
import { namespace } from '../../../crawler/distributed/namespace.ts';
import { Redis } from 'ioredis';
import { startWorker, type WorkerHandle } from '../../../crawler/distributed/worker.ts';
import { crawlToStore } from '../../../crawler/job.ts';
import { CrawlStore } from '../../../crawler/store/crawl-store.ts';
import { ConfigSchema } from '../../../shared/schemas/index.ts';
import { ZMOT_BIN } from '../../helpers/paths.ts';
import { startRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { html, page, startSite, type TestSite } from '../crawl/sites/server.ts';

let redis: TestRedis;
let tmp: string;
const config = ConfigSchema.parse({ brand: { name: 'Faults', domains: ['127.0.0.1'] }, questions: [] });
const children = new Set<ChildProcess>();

beforeAll(async () => {
  [redis, tmp] = await Promise.all([startRedis({ aof: true }), mkdtemp(path.join(os.tmpdir(), 'zmot-dist-faults-'))]);
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await Promise.all([redis?.close(), tmp && rm(tmp, { recursive: true, force: true })]);
});

function zmotChild(args: string[]): { child: ChildProcess; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [ZMOT_BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => (children.delete(child), resolve(code))));
  return { child, exit, stderr: () => stderr };
}

/** A tree-less site: the home page links to every page; `hook` sees each page request first. */
async function flatSite(pages: number, hook: (path: string) => Promise<void> | void = () => {}, slowMs = 20): Promise<TestSite> {
  return startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    const m = /^\/(?:p\/(\w+))?$/.exec(url.pathname);
    if (!m) return void res.writeHead(404).end();
    await hook(url.pathname);
    await new Promise((r) => setTimeout(r, slowMs));
    html(res, page(`Page ${m[1] ?? 'home'}`, m[1] === undefined ? Array.from({ length: pages - 1 }, (_, j) => `/p/${j + 1}`).concat(['/p/slow', '/p/poison']) : []));
  });
}

function storedPages(storePath: string) {
  const store = CrawlStore.open(storePath, { readonly: true });
  try {
    return [...store.pages()].map((p) => ({ url: new URL(p.record.url).pathname, status: p.record.status, error: p.record.error }));
  } finally {
    store.close();
  }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('distributed crawl faults (real redis-server)', () => {
  it('a worker killed mid-page loses nothing; a page that kills every worker ends as a recorded error', async () => {
    // One worker process at a time: the process that asked for a page is the one killed. The first takes two
    // pages at once and dies holding /p/slow and /p/poison (one death, one lock to wait out, for both);
    // the next ones take one page at a time.
    let current = zmotChild(['worker', '--queue', redis.url, '--concurrency', '2', '--lock-ms', '2000']);
    let killedOnSlow = false;
    let poisonSeen = 0;
    let redisDown = false;
    let poisonArrived!: () => void;
    const bothInHand = new Promise<void>((resolve) => (poisonArrived = resolve));
    const killAndReplace = () => {
      current.child.kill('SIGKILL');
      current = zmotChild(['worker', '--queue', redis.url, '--concurrency', '1', '--lock-ms', '2000']);
    };
    const never = () => new Promise<void>(() => {}); // never answered: the worker that asked is gone
    const site = await flatSite(6, async (p) => {
      if (p === '/p/slow' && !killedOnSlow && poisonSeen === 0) {
        killedOnSlow = true;
        await bothInHand;
        return never();
      }
      if (p === '/p/poison') {
        poisonSeen++;
        poisonArrived();
        killAndReplace();
        return never();
      }
    });
    try {
      const out = path.join(tmp, 'kill');
      const { summary, storePath } = await crawlToStore({ startUrl: `${site.origin}/`, config, outDir: out, crawl: { sitemaps: false, concurrency: 4, retries: 0 }, deps: { remote: new RedisPages(parseQueueUrl(redis.url)) } });
      const pages = storedPages(storePath);
      expect(summary.pagesFetched).toBe(8);
      // The page whose worker was killed was fetched again by the next worker, and nothing else is missing.
      expect(pages.find((p) => p.url === '/p/slow')).toMatchObject({ status: 200, error: null });
      expect(pages.filter((p) => p.status === 200).map((p) => p.url).sort()).toEqual(['/', '/p/1', '/p/2', '/p/3', '/p/4', '/p/5', '/p/slow']);
      // The poison page: recorded with why, after one retry (its second worker died too), not retried forever.
      const poison = pages.find((p) => p.url === '/p/poison')!;
      expect(poison.status).toBe(0);
      expect(poison.error).toMatch(/failed on the workers after .*stalled/);
      expect(site.hits.get('/p/poison')).toBe(2);

      // SIGTERM while Redis is away: the worker does not wait for it forever — one line, exit 2.
      await waitFor(() => current.stderr().includes('waiting for page jobs'), 'the last worker to start');
      redisDown = true;
      await redis.kill();
      current.child.kill('SIGTERM');
      expect(await current.exit).toBe(2);
      const lines = current.stderr().trim().split('\n');
      expect(lines.at(-1)).toMatch(/^zmot: lost Redis at redis:\/\/127\.0\.0\.1:\d+\/0: stopped without it/);
      expect(current.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      current.child.kill('SIGKILL');
      if (redisDown) await redis.start();
      await site.close();
    }
  }, 120_000);

  it('Redis killed and restarted mid-crawl (AOF on): the crawl resumes and finishes', async () => {
    let restarted = false;
    let served = 0;
    const site = await flatSite(30, () => {
      served++;
    }, 30);
    const target = parseQueueUrl(redis.url);
    const worker: WorkerHandle = await startWorker(target, { concurrency: 2, lockMs: 2000, pollMs: 200 });
    try {
      const crawl = crawlToStore({ startUrl: `${site.origin}/`, config, outDir: path.join(tmp, 'redis-restart'), crawl: { sitemaps: false, concurrency: 4 }, deps: { remote: new RedisPages(target) } });
      await waitFor(() => served >= 8, '8 pages served');
      await redis.kill();
      await new Promise((r) => setTimeout(r, 300));
      await redis.start();
      restarted = true;
      const { summary, storePath } = await crawl;
      expect(restarted).toBe(true);
      const pages = storedPages(storePath);
      expect(summary.pagesFetched).toBe(32);
      expect(pages.filter((p) => p.status === 200)).toHaveLength(32);
    } finally {
      await worker.close();
      await site.close();
    }
  }, 120_000);

  it('the coordinator killed and restarted with --resume picks up where it was, no page fetched twice', async () => {
    let served = 0;
    const site = await flatSite(40, () => {
      served++;
    }, 40);
    const worker = await startWorker(parseQueueUrl(redis.url), { concurrency: 4, lockMs: 2000, pollMs: 200 });
    const out = path.join(tmp, 'coordinator');
    const args = ['crawl', `${site.origin}/`, '--queue', redis.url, '--out', out, '--no-report', '--concurrency', '4'];
    try {
      const first = zmotChild(args);
      await waitFor(() => served >= 12, '12 pages served');
      first.child.kill('SIGKILL');
      await first.exit;
      // The frontier is in Redis, not in the coordinator's store: the URLs still to fetch wait there.
      const dead = CrawlStore.open(path.join(out, 'crawl.sqlite'), { readonly: true });
      const [crawlId, inStore] = [dead.getMeta<string>('queueCrawl')!, dead.stateCounts()];
      dead.close();
      expect(inStore.queued + inStore.claimed).toBe(0);
      const client = new Redis(redis.port, '127.0.0.1');
      const keys = frontierKeys(namespace(crawlId).ours);
      const waiting = Number(await client.hget(keys.counters, 'queued')) + (await client.hlen(keys.claimed));
      client.disconnect();
      expect(waiting).toBeGreaterThan(0);
      const second = zmotChild([...args, '--resume']);
      expect(await second.exit).toBe(0);
      const pages = storedPages(path.join(out, 'crawl.sqlite'));
      expect(pages).toHaveLength(42);
      expect(pages.every((p) => p.status === 200)).toBe(true);
      // Pages answered while the coordinator was down waited in Redis: none was fetched twice.
      expect([...site.hits.entries()].filter(([p, n]) => p !== '/robots.txt' && n > 1)).toEqual([]);
    } finally {
      await worker.close();
      await site.close();
    }
  }, 120_000);
});
