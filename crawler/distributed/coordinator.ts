/**
 * The coordinator's side of a distributed crawl: page jobs go into the crawl's BullMQ queue, their
 * answers come back into the engine (and so into the crawl store), and workers' questions about
 * redirects are answered by the engine over a Redis list.
 */
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RemoteHooks, RemotePageRequest, RemotePageResult, RemotePages, RemoteSession } from '../crawl/remote.ts';
import type { CrawlOptions } from '../crawl/options.ts';
import { fetchLimits } from '../crawl/fetcher.ts';
import { DEFAULT_IGNORED_PARAMS } from '../crawl/urls.ts';
import type { CrawlStore } from '../store/crawl-store.ts';
import { connect, QUEUE_ERRORS, watchRedisWhileStopping, type QueueTarget } from './connection.ts';
import { jobIdOf, namespace, newCrawlId, PREFIX, setStatus, type Namespace, type WorkerCrawlSettings } from './namespace.ts';
import { RedisFrontier } from './frontier.ts';
import { RedisHostGate } from './redis-gate.ts';
import { UsageError } from '../errors.ts';

export const COORDINATOR_MESSAGES = {
  notDistributed: 'this crawl store holds a crawl that was not distributed: resume it without --queue',
  failedOnWorkers: (reason: string, attempts: number) => `failed on the workers after ${attempts} attempt(s): ${reason}`,
};

/** Tries per page when a worker throws (a worker that dies mid-page is counted by BullMQ's stall check instead). */
export const JOB_ATTEMPTS = 3;
/** Events kept in the queue's stream: enough to bridge a short coordinator pause; the sweep covers the rest. */
const EVENTS_MAX_LEN = 2000;
/** How often jobs whose event was missed (Redis restarted, coordinator paused) are looked up. */
const SWEEP_MS = 2000;

/** What the engine's result looks like on the wire: the page blob as base64. */
export interface WireResult {
  rendered: boolean;
  renderError: string | null;
  outcome: RemotePageResult['outcome'];
  out: Omit<RemotePageResult['out'], 'data'> & { data: string };
}

export function toWire(r: RemotePageResult): WireResult {
  return { ...r, outcome: { ...r.outcome, body: null }, out: { ...r.out, html: null, data: Buffer.from(r.out.data).toString('base64') } };
}

function fromWire(w: WireResult): RemotePageResult {
  return { outcome: w.outcome, out: { ...w.out, data: new Uint8Array(Buffer.from(w.out.data, 'base64')) }, rendered: w.rendered === true, renderError: w.renderError ?? null };
}

export function workerSettings(o: CrawlOptions, startUrl: string): WorkerCrawlSettings {
  return {
    startUrl,
    privateNetworks: o.privateNetworks,
    limits: fetchLimits(o),
    perHostConcurrency: o.perHostConcurrency ?? o.concurrency,
    delayMs: o.delayMs,
    ignoredParams: [...(o.defaultIgnoreParams ? DEFAULT_IGNORED_PARAMS : []), ...o.ignoreParams],
    followNofollow: o.followNofollow,
    queueCanonicals: o.queueCanonicals,
    queueHreflang: o.queueHreflang,
    render: o.render ? { concurrency: o.renderConcurrency, timeoutMs: o.renderTimeoutMs } : null,
  };
}

/** A slot lasts at most one request attempt and a margin; then another worker may use it. */
export function leaseMsFor(timeoutMs: number): number {
  return timeoutMs + 5000;
}

/** `--queue redis://…` for `zmot crawl`. */
export class RedisPages implements RemotePages {
  readonly shown: string;
  private redis: Redis | null = null;
  constructor(private readonly target: QueueTarget) {
    this.shown = target.shown;
  }

  async open(ctx: { store: CrawlStore; options: CrawlOptions; startUrl: string; resumed: boolean; hooks: RemoteHooks }): Promise<RemoteSession> {
    let crawlId = ctx.resumed ? ctx.store.getMeta<string>('queueCrawl') : null;
    if (ctx.resumed && !crawlId) throw new UsageError(COORDINATOR_MESSAGES.notDistributed);
    if (!crawlId) {
      crawlId = newCrawlId(ctx.startUrl);
      ctx.store.setMeta('queueCrawl', crawlId);
    }
    const redis = connect(this.target);
    this.redis = redis;
    const ns = namespace(crawlId);
    const settings = workerSettings(ctx.options, ctx.startUrl);
    const createdAt = new Date().toISOString();
    await redis.set(ns.settings, JSON.stringify(settings));
    const o = ctx.options;
    let frontier: RedisFrontier;
    try {
      frontier = await RedisFrontier.open(redis, ns.ours, ctx.store, { maxUrlsPerPattern: o.maxUrlsPerPattern, maxPatternRun: o.maxPatternRun, maxQueued: o.maxQueued }, ctx.resumed, this.shown);
    } catch (e) {
      redis.disconnect();
      throw e;
    }
    await setStatus(redis, crawlId, { startUrl: ctx.startUrl, status: 'running', createdAt });
    const session = new RedisSession(this.target, redis, ns, ctx.hooks, ctx.startUrl, createdAt, settings, frontier);
    await session.start();
    return session;
  }

  /** Whether Redis answers right now (a stop waits for it only then). */
  redisReady(): boolean {
    return this.redis === null || this.redis.status === 'ready';
  }

  /** After a stop signal: `onLost` when Redis is away, now or while the crawl closes. */
  watchWhileStopping(onLost: () => void): () => void {
    return watchRedisWhileStopping(() => this.redisReady(), onLost);
  }

  lostMessage(): string {
    return QUEUE_ERRORS.lost(this.shown, QUEUE_ERRORS.lostAtStop);
  }
}

interface Pending {
  settle(r: RemotePageResult | null | Error): void;
}

class RedisSession implements RemoteSession {
  readonly gate: RedisHostGate;
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private readonly rpcConn: Redis;
  private readonly eventsConn: Redis;
  private readonly pending = new Map<string, Pending>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private rpcLoop: Promise<void> = Promise.resolve();

  constructor(
    private readonly target: QueueTarget,
    private readonly redis: Redis,
    private readonly ns: Namespace,
    private readonly hooks: RemoteHooks,
    private readonly startUrl: string,
    private readonly createdAt: string,
    settings: WorkerCrawlSettings,
    readonly frontier: RedisFrontier,
  ) {
    // One connection for the queue, the gate and our keys: a Crawl-delay or robots.txt written before
    // a job is added reaches Redis before the job does.
    this.gate = new RedisHostGate(redis, { prefix: ns.ours, concurrency: settings.perHostConcurrency, delayMs: settings.delayMs, leaseMs: leaseMsFor(settings.limits.timeoutMs) });
    this.queue = new Queue(ns.queueName, {
      connection: redis,
      prefix: PREFIX,
      streams: { events: { maxLen: EVENTS_MAX_LEN } },
      defaultJobOptions: { attempts: JOB_ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false },
    });
    this.eventsConn = connect(target);
    this.events = new QueueEvents(ns.queueName, { connection: this.eventsConn, prefix: PREFIX });
    this.rpcConn = connect(target);
  }

  async start() {
    this.events.on('completed', ({ jobId }) => void this.check(jobId));
    this.events.on('failed', ({ jobId }) => void this.check(jobId));
    this.events.on('error', () => {});
    this.queue.on('error', () => {});
    await this.events.waitUntilReady();
    this.sweepTimer = setInterval(() => {
      for (const id of this.pending.keys()) void this.check(id);
    }, SWEEP_MS);
    this.sweepTimer.unref();
    this.rpcLoop = this.serveRpc();
  }

  /** Settles a page whose job is finished (completed, or failed for good); a job that vanished is added again. */
  private async check(jobId: string) {
    const p = this.pending.get(jobId);
    if (!p) return;
    try {
      const job = await this.queue.getJob(jobId);
      if (!job) return;
      const state = await job.getState();
      if (state === 'completed') p.settle(fromWire(job.returnvalue as WireResult));
      else if (state === 'failed') p.settle(new Error(COORDINATOR_MESSAGES.failedOnWorkers(job.failedReason ?? 'unknown error', job.attemptsMade)));
    } catch {
      // Redis away for a moment: the sweep asks again.
    }
  }

  run(request: RemotePageRequest, signal: AbortSignal): Promise<RemotePageResult | null> {
    const jobId = jobIdOf(request.url);
    return new Promise<RemotePageResult | null>((resolve, reject) => {
      const onAbort = () => settle(null);
      const settle = (r: RemotePageResult | null | Error) => {
        if (this.pending.get(jobId) !== entry) return;
        this.pending.delete(jobId);
        signal.removeEventListener('abort', onAbort);
        if (r instanceof Error) reject(r);
        else resolve(r);
      };
      const entry: Pending = { settle };
      this.pending.set(jobId, entry);
      if (signal.aborted) return settle(null);
      signal.addEventListener('abort', onAbort, { once: true });
      // The same URL is the same job: after a coordinator restart its answer may already be waiting.
      this.queue
        .add('page', request, { jobId })
        .then(() => this.check(jobId))
        .catch((e: Error) => settle(e));
    });
  }

  async stored(url: string, failed: boolean) {
    const jobId = jobIdOf(url);
    await this.redis
      .multi()
      .hincrby(this.ns.stats, failed ? 'failed' : 'done', 1)
      .exec()
      .catch(() => {});
    await this.queue.remove(jobId).catch(() => {});
  }

  shareRobots(origin: string, content: string | null) {
    this.redis.hset(this.ns.robots, origin, JSON.stringify(content)).catch(() => {});
  }

  /** Workers' questions: `{ id, kind, itemUrl, to | finalUrl }` on a list; answers on a list per question. */
  private async serveRpc() {
    while (!this.closed) {
      let popped: [string, string] | null = null;
      try {
        popped = await this.rpcConn.blpop(this.ns.rpc, 1);
      } catch {
        if (this.closed) return;
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (!popped) continue;
      void this.answer(popped[1]);
    }
  }

  private async answer(raw: string) {
    let q: { id: string; kind: string; itemUrl: string; to?: string; finalUrl?: string };
    try {
      q = JSON.parse(raw);
    } catch {
      return;
    }
    let reply: unknown;
    try {
      if (q.kind === 'redirect' && typeof q.to === 'string') reply = { ok: await this.hooks.redirect(q.itemUrl, q.to) };
      else if (q.kind === 'context' && typeof q.finalUrl === 'string') reply = { ok: await this.hooks.context(q.itemUrl, q.finalUrl) };
      else reply = { error: `unknown question: ${String(q.kind).slice(0, 40)}` };
    } catch (e) {
      reply = { error: e instanceof Error ? e.message : String(e) };
    }
    const key = this.ns.reply(String(q.id).slice(0, 64));
    await this.redis.multi().rpush(key, JSON.stringify(reply)).expire(key, 300).exec().catch(() => {});
  }

  async close(finished: boolean) {
    if (this.closed) return;
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const p of [...this.pending.values()]) p.settle(null);
    this.rpcConn.disconnect();
    await this.rpcLoop.catch(() => {});
    await this.events.close().catch(() => {});
    this.eventsConn.disconnect();
    try {
      await setStatus(this.redis, this.ns.crawlId, { startUrl: this.startUrl, status: finished ? 'finished' : 'interrupted', createdAt: this.createdAt });
      if (finished) {
        await this.queue.obliterate({ force: true });
        // Ours beside the queue's (frontier, seen URLs, robots.txt, politeness): BullMQ drops only its own.
        await dropKeys(this.redis, `${this.ns.ours}:*`);
      }
    } catch {
      // Redis gone at the very end: the store is complete; the queue's leftovers are harmless.
    }
    await this.queue.close().catch(() => {});
    this.redis.disconnect();
  }
}

/** Deletes the keys matching a pattern, a batch at a time. */
async function dropKeys(redis: Redis, pattern: string) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export type { Job };
