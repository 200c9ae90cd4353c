/**
 * `zmot worker --queue redis://…`: serves the page jobs of every crawl registered in that Redis —
 * fetch (through the private-network guard and the politeness shared by all workers), extract and
 * audit with the same code as a local crawl — and hands the results back to the crawl's coordinator.
 */
import { randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { pagePipelineOptions } from '../pipeline-options.ts';
import { toSitePage } from '../../shared/site-audits/index.ts';
import type { RobotsTxt } from '../../shared/schemas/index.ts';
import { AddressGuard, type LookupFn } from '../crawl/address-guard.ts';
import { Fetcher, type RedirectDecision } from '../crawl/fetcher.ts';
import { processPage, type ProcessorContext } from '../crawl/page-processor.ts';
import { pageJobOf, renderedJob } from '../crawl/page-job.ts';
import type { RenderPool } from '../crawl/render.ts';
import type { RemotePageRequest } from '../crawl/remote.ts';
import { createNormalizer } from '../crawl/urls.ts';
import { connect, type QueueTarget } from './connection.ts';
import { leaseMsFor, toWire, type WireResult } from './coordinator.ts';
import { namespace, PREFIX, readRegistry, type Namespace, type WorkerCrawlSettings } from './namespace.ts';
import { RedisHostGate } from './redis-gate.ts';

export const WORKER_MESSAGES = {
  serving: (crawlId: string, startUrl: string) => `serving crawl ${crawlId} (${startUrl})`,
  stopped: (crawlId: string) => `crawl ${crawlId} is over: stopped serving it`,
  noAnswer: (seconds: number) => `the crawl's coordinator did not answer within ${seconds}s`,
  interrupted: 'the worker stopped mid-page: the page goes back to the queue',
};

export interface WorkerOptions {
  /** Pages processed at once by this worker process, over all the crawls it serves. */
  concurrency: number;
  /** How long a job stays locked without a heartbeat: a killed worker's pages go to others after this. */
  lockMs: number;
  /** How often the registry is read for new crawls. */
  pollMs?: number;
  /** How long a question to the coordinator waits for its answer. */
  rpcTimeoutS?: number;
  log?: (line: string) => void;
  /** DNS lookup (tests). */
  lookup?: LookupFn;
}

interface Served {
  worker: Worker;
  /** Chromium for `--render` crawls, started with the first page to render. */
  renderer: Promise<RenderPool> | null;
  /** The BullMQ worker's connection (BullMQ leaves a connection it was given open). */
  connection: Redis;
  fetcher: Fetcher;
  controller: AbortController;
}

export interface WorkerHandle {
  /** Finishes the pages in hand, then stops. */
  close(): Promise<void>;
  /** Crawls served so far. */
  readonly served: ReadonlySet<string>;
  /** Whether Redis answers right now (a stop waits for it only then). */
  redisReady(): boolean;
}

export async function startWorker(target: QueueTarget, options: WorkerOptions): Promise<WorkerHandle> {
  const redis = connect(target);
  const log = options.log ?? (() => {});
  const serving = new Map<string, Served>();
  const everServed = new Set<string>();
  const pipeline = pagePipelineOptions();
  warmUp(pipeline);
  let closed = false;
  const slots = new Slots(options.concurrency);
  // The process's pages at once, shared out over the crawls it serves (each at least one; the slots hold the total).
  const rebalance = () => {
    const all = [...serving.values()];
    all.forEach((s, i) => {
      s.worker.concurrency = Math.max(1, Math.floor(options.concurrency / all.length) + (i < options.concurrency % all.length ? 1 : 0));
    });
  };

  const poll = async () => {
    let registry;
    try {
      registry = await readRegistry(redis);
    } catch {
      return;
    }
    for (const [crawlId, entry] of registry) {
      const active = entry.status !== 'finished';
      const s = serving.get(crawlId);
      if (active && !s && !closed) {
        const raw = await redis.get(namespace(crawlId).settings).catch(() => null);
        if (!raw) continue;
        serving.set(crawlId, serveCrawl(target, redis, namespace(crawlId), JSON.parse(raw) as WorkerCrawlSettings, pipeline, options, slots));
        rebalance();
        everServed.add(crawlId);
        log(WORKER_MESSAGES.serving(crawlId, entry.startUrl));
      } else if (!active && s) {
        serving.delete(crawlId);
        rebalance();
        await stopServing(s);
        log(WORKER_MESSAGES.stopped(crawlId));
      }
    }
  };
  await poll();
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    void poll().finally(() => (polling = false));
  }, options.pollMs ?? 1000);

  return {
    served: everServed,
    redisReady: () => redis.status === 'ready',
    async close() {
      closed = true;
      clearInterval(timer);
      await Promise.all([...serving.values()].map(stopServing));
      serving.clear();
      redis.disconnect();
    },
  };
}

/**
 * Runs the page pipeline once on a small page before taking jobs: its first run loads and compiles
 * a lot, and a first job that holds the event loop that long would miss its lock renewal.
 */
function warmUp(pipeline: ProcessorContext['pipeline']) {
  const body = new TextEncoder().encode('<!doctype html><html lang="en"><head><title>Warm-up</title></head><body><h1>Warm-up</h1><p>How much does it cost? It costs less than you think.</p><a href="/a">a</a></body></html>');
  processPage(
    { url: 'http://warm-up.invalid/', requestedUrl: 'http://warm-up.invalid/', status: 200, headers: [['content-type', 'text/html']], contentType: 'text/html', body, html: null, truncated: false, redirectChain: [], fetchError: null, depth: 0, inSitemap: null, robotsTxt: null, rendered: false, encoding: null, encodingNote: null },
    { pipeline, toSitePage, normalizer: createNormalizer([]), followNofollow: false, queueCanonicals: true, queueHreflang: true },
  );
}

async function stopServing(s: Served) {
  await s.worker.close().catch(() => {});
  s.controller.abort(new Error(WORKER_MESSAGES.interrupted));
  await s.fetcher.close();
  await s.renderer?.then((r) => r.close()).catch(() => {});
  s.connection.disconnect();
}

function serveCrawl(target: QueueTarget, redis: Redis, ns: Namespace, settings: WorkerCrawlSettings, pipeline: ProcessorContext['pipeline'], options: WorkerOptions, slots: Slots): Served {
  const controller = new AbortController();
  const gate = new RedisHostGate(redis, { prefix: ns.ours, concurrency: settings.perHostConcurrency, delayMs: settings.delayMs, leaseMs: leaseMsFor(settings.limits.timeoutMs) });
  // The guard is built per crawl from its start URL, on every worker: a job cannot send a worker into a private network.
  const guardReady = AddressGuard.forStart(settings.startUrl, settings.privateNetworks, options.lookup);
  let fetcher: Fetcher | null = null;
  const fetcherFor = async () =>
    (fetcher ??= new Fetcher({
      ...settings.limits,
      connectionsPerHost: settings.perHostConcurrency,
      guard: await guardReady,
      gate,
    }));
  let renderer: Promise<RenderPool> | null = null;
  // Chromium loads only for a --render crawl, on its first page, with the crawl's own guard (through the guard proxy).
  const rendererFor = (render: NonNullable<WorkerCrawlSettings['render']>) =>
    (renderer ??= guardReady.then(async (guard) => (await import('../crawl/render.ts')).RenderPool.start({ concurrency: render.concurrency, timeoutMs: render.timeoutMs, userAgent: settings.limits.userAgent, guard })));
  const ctx: ProcessorContext = {
    pipeline,
    toSitePage,
    normalizer: createNormalizer(settings.ignoredParams),
    followNofollow: settings.followNofollow,
    queueCanonicals: settings.queueCanonicals,
    queueHreflang: settings.queueHreflang,
  };
  const robotsText = new Map<string, string | null>();
  const rpcTimeoutS = options.rpcTimeoutS ?? 120;

  async function ask<T>(kind: 'redirect' | 'context', payload: Record<string, string>): Promise<T> {
    const id = randomUUID();
    const waiter = redis.duplicate();
    waiter.on('error', () => {});
    try {
      await redis.rpush(ns.rpc, JSON.stringify({ id, kind, ...payload }));
      const got = await waiter.blpop(ns.reply(id), rpcTimeoutS);
      if (!got) throw new Error(WORKER_MESSAGES.noAnswer(rpcTimeoutS));
      const reply = JSON.parse(got[1]) as { ok?: T; error?: string };
      if (reply.error !== undefined) throw new Error(reply.error);
      return reply.ok as T;
    } finally {
      waiter.disconnect();
    }
  }

  async function withContent(robotsTxt: RobotsTxt): Promise<RobotsTxt> {
    let origin: string;
    try {
      origin = new URL(robotsTxt.url).origin;
    } catch {
      return robotsTxt;
    }
    if (!robotsText.has(origin)) {
      const raw = await redis.hget(ns.robots, origin);
      if (raw === null) return robotsTxt;
      robotsText.set(origin, JSON.parse(raw) as string | null);
    }
    return { ...robotsTxt, content: robotsText.get(origin) ?? null };
  }

  async function processJob(job: Job<RemotePageRequest>): Promise<WireResult> {
    const release = await slots.acquire();
    try {
      return await processPageJob(job.data);
    } finally {
      release();
    }
  }

  async function processPageJob(req: RemotePageRequest): Promise<WireResult> {
    const f = await fetcherFor();
    const outcome = await f.fetch({
      url: req.url,
      signal: controller.signal,
      onRedirect: (_from, to) => ask<RedirectDecision>('redirect', { itemUrl: req.url, to }),
    });
    if (outcome.errorCode === 'aborted') throw new Error(WORKER_MESSAGES.interrupted);
    let { inSitemap, robotsTxt } = req;
    if (outcome.url !== req.url) ({ inSitemap, robotsTxt } = await ask<{ inSitemap: boolean | null; robotsTxt: RobotsTxt }>('context', { itemUrl: req.url, finalUrl: outcome.url }));
    let pageJob = pageJobOf(outcome, { requestedUrl: req.url, depth: req.depth, inSitemap, robotsTxt: await withContent(robotsTxt) });
    let renderError: string | null = null;
    if (settings.render) ({ job: pageJob, renderError } = await renderedJob(pageJob, await rendererFor(settings.render)));
    const out = processPage(pageJob, ctx);
    return toWire({ outcome, out, rendered: pageJob.rendered, renderError });
  }

  const connection = connect(target);
  const worker = new Worker<RemotePageRequest, WireResult>(ns.queueName, processJob, {
    connection,
    prefix: PREFIX,
    // Set by the process over its crawls (rebalance); the slots hold the process's total.
    concurrency: 1,
    lockDuration: options.lockMs,
    // Looked for often: a dead worker's page moves on soon after its lock lapses (the check is one small script).
    stalledInterval: Math.max(500, Math.round(options.lockMs / 4)),
    // A page whose worker dies twice is recorded as failed, not handed out forever.
    maxStalledCount: 1,
  });
  worker.on('error', () => {});
  return {
    worker,
    connection,
    controller,
    get renderer() {
      return renderer;
    },
    get fetcher() {
      return fetcher ?? { close: async () => {} } as unknown as Fetcher;
    },
  } as Served;
}

/** The worker process's page slots, shared by every crawl it serves. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(total: number) {
    this.free = total;
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}
