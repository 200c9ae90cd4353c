import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { PagePipelineOptions } from '../../shared/pipeline.ts';
import { auditStamp } from '../version.ts';
import { CrawlStore, type PageRecord } from '../store/crawl-store.ts';
import { AddressGuard, PRIVATE_TARGET_REFUSED, type LookupFn } from './address-guard.ts';
import { TypedEmitter, type CrawlRun, type CrawlSummary } from './events.ts';
import { fetchLimits, Fetcher, type FetchOutcome, type RedirectDecision } from './fetcher.ts';
import { SqliteFrontier, type Frontier, type FrontierEntry, type FrontierItem } from './frontier.ts';
import { HostGate } from './host-gate.ts';
import type { PageJob, PageOutput, ProcessorContext, ToSitePage } from './page-processor.ts';
import { pageJobOf, renderedJob } from './page-job.ts';
import type { PageWorkerPool } from './worker-pool.ts';
import { CrawlOptionsSchema, type CrawlOptions, type CrawlOptionsInput } from './options.ts';
import type { RenderPool } from './render.ts';
import type { RemotePages, RemoteSession } from './remote.ts';
import { BLOCKED_BY_ROBOTS, RobotsCache, type RobotsRules } from './robots.ts';
import { fetchLlmsTxt } from './llms-txt.ts';
import { readSitemaps } from './sitemaps.ts';
import { CrawlScope, createNormalizer, DEFAULT_IGNORED_PARAMS, parseUrlPattern, urlPatternOf, type UrlNormalizer } from './urls.ts';

/** Page workers when --workers is not given: one per core but one (at least one, at most 4). */
export function defaultWorkers(cores = availableParallelism()): number {
  return Math.min(4, Math.max(1, cores - 1));
}

/** Words for crawl-level events and for pages that stop short. */
export const CRAWL_MESSAGES = {
  redirectOutOfScope: 'redirect target is outside the crawl scope: not followed',
  redirectExcluded: (why: string) => `redirect target not crawled (${why}): not followed`,
  redirectAlreadyCrawled: 'redirect target was already crawled: not fetched again',
  redirectBeingCrawled: 'redirect target is being crawled on its own: recorded as a redirect to it',
  startHostAdded: (host: string) => `the start URL redirects to ${host}: that host is crawled too`,
  crawlDelay: (host: string, ms: number) => `robots.txt asks for a Crawl-delay of ${ms / 1000}s on ${host}: honoured`,
  crawlDelayCapped: (host: string, asked: number, cap: number) => `robots.txt asks for a Crawl-delay of ${asked / 1000}s on ${host}: capped at ${cap / 1000}s`,
  robotsTrouble: (origin: string, message: string) => `${origin}: ${message}`,
  sitemapsRead: (n: number, urls: number) => `${n} sitemap(s) read, ${urls} URL(s) listed`,
  internalError: (why: string) => `internal error while crawling this URL: ${why}`,
  resumeMismatch: (file: string, was: string, now: string) => `${file} holds a crawl of ${was}, not ${now}: use another --out or drop --resume`,
  badStartUrl: (url: string) => `not a crawlable http(s) URL: ${url}`,
};

export interface CrawlDeps {
  /** Page pipeline (audits, stage profile); defaults to the CLI's. */
  pipeline?: PagePipelineOptions;
  /** Summary kept per page for crawl-level audits; defaults to the site-audits module's. */
  toSitePage?: ToSitePage;
  /** DNS lookup (tests map names to 127.0.0.1). */
  lookup?: LookupFn;
  /** Fetch and process pages on remote workers (`--queue redis://…`) over a frontier they provide; the store stays here. */
  remote?: RemotePages;
}

/** Starts a crawl. Options are validated here (a ZodError for bad ones); everything else is events. */
export function crawl(input: CrawlOptionsInput, deps: CrawlDeps = {}): CrawlRun {
  const options = CrawlOptionsSchema.parse(input);
  return new CrawlEngine(options, deps);
}

interface Reservation {
  /** The frontier URL whose fetch holds the reservation. */
  url: string;
  /** URLs it reserved (its own, redirect targets it followed). */
  urls: Set<string>;
  /** URLs its stored page covers (redirect hops, final URL), known once it is stored. */
  covered: Set<string>;
  finished: Promise<void>;
}

class CrawlEngine extends TypedEmitter implements CrawlRun {
  readonly done: Promise<CrawlSummary>;
  private readonly controller = new AbortController();
  private aborted = false;
  private store!: CrawlStore;
  private fetcher!: Fetcher;
  private guard!: AddressGuard;
  private frontier!: Frontier;
  private robots!: RobotsCache;
  private scope!: CrawlScope;
  private normalizer!: UrlNormalizer;
  private renderer: RenderPool | null = null;
  private pool: PageWorkerPool | null = null;
  private ctx: ProcessorContext | null = null;
  private remote: RemoteSession | null = null;
  /** Pages out on remote workers, by URL: their redirect questions are answered from here. */
  private readonly remoteItems = new Map<string, FrontierItem>();
  /** The page pipeline on this thread (local-pipeline.ts), loaded the first time this thread processes a page. */
  private localPipeline: Promise<typeof import('./local-pipeline.ts')> | null = null;
  private startUrl = '';
  private started = 0;
  private fetched = 0;
  private fetchedBefore = 0;
  private errors = 0;
  private blocked = 0;
  private resumed = false;
  private readonly t0 = Date.now();
  private priorDurationMs = 0;
  private readonly delaysApplied = new Set<string>();
  private readonly robotsNoticed = new Set<string>();
  private sitemapsKnown = false;
  /**
   * URLs being fetched right now, each by one fetch (its own URL, or a redirect target it followed):
   * a URL is fetched once, so a redirect to a page in flight stops there, and a queued URL that a
   * followed redirect already reached waits for that fetch instead of fetching a second copy.
   */
  private readonly reserved = new Map<string, Reservation>();

  constructor(
    private readonly options: CrawlOptions,
    private readonly deps: CrawlDeps,
  ) {
    super();
    this.done = new Promise<CrawlSummary>((resolve, reject) => {
      // Deferred so callers can attach listeners before the first event.
      setImmediate(() => this.run().then(resolve, reject));
    });
    // The promise is also reported through events; an unobserved rejection must not crash the host.
    this.done.catch(() => {});
  }

  abort(reason = 'interrupted') {
    if (this.aborted) return;
    this.aborted = true;
    this.controller.abort(new Error(reason));
  }

  private notice(type: string, message: string, url: string | null = null) {
    this.store?.addNote(type, url, message);
    this.emitEvent('notice', { type, message, url });
  }

  private async setup() {
    const o = this.options;
    const ignored = [...(o.defaultIgnoreParams ? DEFAULT_IGNORED_PARAMS : []), ...o.ignoreParams];
    this.normalizer = createNormalizer(ignored);
    const start = this.normalizer.normalize(o.startUrl);
    if (!start) throw new Error(CRAWL_MESSAGES.badStartUrl(o.startUrl));
    this.startUrl = start;

    const exists = o.storePath !== ':memory:' && existsSync(o.storePath);
    this.resumed = o.resume && exists;
    this.store = CrawlStore.open(o.storePath, { fresh: !this.resumed });
    const previous = this.store.getMeta<string>('startUrl');
    if (this.resumed && previous && previous !== start) {
      this.store.close();
      throw new Error(CRAWL_MESSAGES.resumeMismatch(o.storePath, previous, start));
    }
    const hosts = this.store.getMeta<string[]>('hosts') ?? [new URL(start).host];
    this.scope = new CrawlScope({ hosts, include: o.include.map(parseUrlPattern), exclude: o.exclude.map(parseUrlPattern) });

    const guard = await AddressGuard.forStart(start, o.privateNetworks, this.deps.lookup);
    this.guard = guard;
    const perHost = o.perHostConcurrency ?? o.concurrency;
    if (this.deps.remote) {
      this.remote = await this.deps.remote.open({ store: this.store, options: o, startUrl: start, resumed: this.resumed, hooks: this.remoteHooks() });
    }
    const gate = this.remote?.gate ?? new HostGate({ concurrency: perHost, delayMs: o.delayMs });
    this.fetcher = new Fetcher({
      ...fetchLimits(o),
      connectionsPerHost: perHost,
      guard,
      gate,
    });
    this.robots = new RobotsCache({
      fetcher: this.fetcher,
      load: (origin) => this.store.getRobots(origin),
      save: (record) => this.store.saveRobots(record),
      signal: this.controller.signal,
    });
    this.frontier = this.remote?.frontier ?? new SqliteFrontier(this.store, { maxUrlsPerPattern: o.maxUrlsPerPattern, maxPatternRun: o.maxPatternRun, maxQueued: o.maxQueued });
    // One worker per core but one, which the main thread keeps (fetching, decompressing, the store's writes):
    // on 2 cores, one worker crawled as fast as two (3.5 vs 3.1 pages/s, loaded machine) at 381 MB instead of
    // 513 MB peak RSS — each worker holds its own copy of the pipeline's code and data (~130 MB).
    const workers = o.workers ?? defaultWorkers();
    // Custom pipelines are functions: they cannot cross to a worker, so they run here. Remote workers process their own pages.
    if (workers > 0 && !this.deps.pipeline && !this.deps.toSitePage && !this.remote) {
      const { PageWorkerPool } = await import('./worker-pool.ts');
      this.pool = await PageWorkerPool.start(workers, {
        ignoredParams: ignored,
        followNofollow: o.followNofollow,
        queueCanonicals: o.queueCanonicals,
        queueHreflang: o.queueHreflang,
      });
    }
    // Chromium and puppeteer load only for --render (on the workers, for a distributed crawl).
    if (o.render && !this.remote) this.renderer = await (await import('./render.ts')).RenderPool.start({ concurrency: o.renderConcurrency, timeoutMs: o.renderTimeoutMs, userAgent: o.userAgent, guard });

    if (this.resumed) {
      this.priorDurationMs = this.store.getMeta<number>('durationMs') ?? 0;
      this.fetched = this.store.pageCount();
      this.errors = this.store.errorCount();
      this.blocked = this.store.stateCounts().blocked;
      this.store.setMeta('resumedAt', new Date().toISOString());
    } else {
      this.store.setMeta('startUrl', start);
      this.store.setMeta('startedAt', new Date(this.t0).toISOString());
      this.store.setMeta('hosts', hosts);
      const seeds: FrontierEntry[] = [{ url: start, depth: 0, source: 'start', foundOn: null }];
      for (const extra of o.startUrls) {
        const key = this.normalizer.normalize(extra);
        if (key && key !== start) {
          this.scope.addHost(new URL(key).host);
          seeds.push({ url: key, depth: 0, source: 'start', foundOn: null });
        }
      }
      this.store.setMeta('hosts', this.scope.hostList);
      await this.frontier.add(seeds);
    }
    this.store.setMeta('options', { ...o, storePath: undefined });
    // The page workers name the audits they run; without workers, the registry is read here.
    const auditIds = this.pool?.auditIds ?? (await import('../../shared/audits/registry.ts')).PAGE_AUDITS.map((a) => a.meta.id);
    this.store.setMeta('auditVersion', auditStamp(auditIds));
    this.store.setMeta('status', 'running');
    this.started = this.fetched;
    this.fetchedBefore = this.fetched;
  }

  private async run(): Promise<CrawlSummary> {
    try {
      await this.setup();
    } catch (e) {
      await this.teardown();
      throw e;
    }
    let ticks = 0;
    const progressTimer = setInterval(() => {
      this.emitProgress();
      // The elapsed time survives a kill -9, so a resumed crawl reports its whole duration.
      if (++ticks % 20 === 0) this.store.setMeta('durationMs', this.priorDurationMs + (Date.now() - this.t0));
    }, this.options.progressIntervalMs);
    progressTimer.unref();
    try {
      if (this.options.sitemaps) await this.readSitemapsOnce(new URL(this.startUrl).origin);
      await this.readLlmsTxtOnce(new URL(this.startUrl).origin);
      await this.loop();
    } catch (e) {
      // Nothing should get here (pages fail as data); if it does, close cleanly and report it.
      clearInterval(progressTimer);
      await this.frontier.releaseClaims().catch(() => {});
      await this.teardown();
      throw e;
    } finally {
      clearInterval(progressTimer);
    }
    if (this.aborted) await this.frontier.releaseClaims();
    const summary = await this.summary();
    this.store.setMeta('status', this.aborted ? 'interrupted' : 'finished');
    this.store.setMeta('finishedAt', summary.finishedAt);
    this.store.setMeta('durationMs', summary.durationMs);
    this.emitProgress();
    await this.teardown();
    this.emitEvent('done', summary);
    return summary;
  }

  private async teardown() {
    await this.fetcher?.close();
    await this.remote?.close(!this.aborted && this.store?.getMeta<string>('status') === 'finished').catch(() => {});
    await this.renderer?.close().catch(() => {});
    await this.pool?.close();
    this.store?.close();
  }

  private async summary(): Promise<CrawlSummary> {
    const counts = await this.frontier.counts();
    return {
      startUrl: this.startUrl,
      storePath: this.options.storePath,
      startedAt: this.store.getMeta<string>('startedAt') ?? new Date(this.t0).toISOString(),
      finishedAt: new Date().toISOString(),
      pagesFetched: this.fetched,
      pagesQueued: counts.queued + counts.inFlight,
      errors: this.errors,
      blocked: counts.blocked,
      skipped: counts.skipped,
      sitemapUrls: this.store.sitemapUrlCount(),
      durationMs: this.priorDurationMs + (Date.now() - this.t0),
      interrupted: this.aborted,
      resumed: this.resumed,
      hosts: this.scope.hostList,
    };
  }

  private emitProgress() {
    if (!this.frontier) return;
    const elapsedMs = Date.now() - this.t0;
    this.emitEvent('progress', {
      fetched: this.fetched,
      queued: this.frontier.queuedEstimate(),
      errors: this.errors,
      blocked: this.blocked,
      inFlight: this.started - this.fetched,
      maxPages: this.options.maxPages,
      elapsedMs,
      // This run's rate: pages stored before a resume do not count.
      rate: elapsedMs > 0 ? ((this.fetched - this.fetchedBefore) * 1000) / elapsedMs : 0,
    });
  }

  private async loop() {
    const o = this.options;
    const active = new Set<Promise<void>>();
    while (!this.aborted) {
      while (!this.aborted && active.size < o.concurrency && this.started < o.maxPages) {
        const item = await this.frontier.next();
        if (!item) break;
        const rules = await this.robots.forUrl(item.url);
        this.applyRobots(rules, item.url);
        if (o.respectRobots && !rules.isAllowed(item.url)) {
          await this.recordBlocked(item, rules);
          continue;
        }
        const owner = this.reserved.get(item.url);
        const task: Promise<void> = (owner ? this.coveredBy(item, owner, rules) : (this.started++, this.processItem(item, rules)))
          .catch((e) => this.recordInternalError(item, e))
          .finally(() => active.delete(task));
        active.add(task);
      }
      if (active.size === 0) break;
      await Promise.race(active);
    }
    await Promise.allSettled([...active]);
  }

  /** First sight of an origin's robots.txt: Crawl-delay applied, trouble reported once. */
  private applyRobots(rules: RobotsRules, url: string) {
    const origin = rules.record.origin;
    if (this.delaysApplied.has(origin)) return;
    this.delaysApplied.add(origin);
    this.remote?.shareRobots(origin, rules.record.content);
    const host = new URL(url).host;
    const asked = rules.crawlDelayMs();
    if (asked) {
      const used = Math.min(asked, this.options.maxCrawlDelayMs);
      this.fetcher.options.gate.setDelay(host, used);
      this.notice('crawl-delay', used < asked ? CRAWL_MESSAGES.crawlDelayCapped(host, asked, used) : CRAWL_MESSAGES.crawlDelay(host, used), rules.record.url);
    }
    if (rules.record.verdict !== 'rules' && !this.robotsNoticed.has(origin)) {
      this.robotsNoticed.add(origin);
      this.notice('robots-txt', CRAWL_MESSAGES.robotsTrouble(origin, rules.record.message), rules.record.url);
    }
  }

  /** /llms.txt of the start origin, for the answer-engine readiness audit; kept in the store (resume reads it once). */
  private async readLlmsTxtOnce(origin: string) {
    if (this.store.getMeta('llmsTxt')) return;
    const fetched = await fetchLlmsTxt(origin, this.fetcher, this.controller.signal);
    if (!this.controller.signal.aborted) this.store.setMeta('llmsTxt', fetched);
  }

  private async readSitemapsOnce(origin: string) {
    const read = this.store.getMeta<string[]>('sitemapOrigins') ?? [];
    this.sitemapsKnown = true;
    if (read.includes(origin)) return;
    const rules = await this.robots.forOrigin(origin);
    this.applyRobots(rules, origin);
    const seeds = rules.sitemaps.length ? rules.sitemaps.map((url) => ({ url, source: 'robots.txt' })) : [{ url: `${origin}/sitemap.xml`, source: 'default location' }];
    const skip = new Set(this.store.sitemaps().map((s) => s.url));
    let listed = 0;
    const summaries = await readSitemaps({
      seeds,
      fetcher: this.fetcher,
      signal: this.controller.signal,
      maxUrls: Math.max(0, this.options.maxSitemapUrls - this.store.sitemapUrlCount()),
      maxSitemaps: this.options.maxSitemaps,
      skip,
      onUrls: (entries, sitemapUrl) => {
        const keyed: Array<{ url: string; lastmod: string | null }> = [];
        const queue: FrontierEntry[] = [];
        for (const e of entries) {
          const key = this.normalizer.normalize(e.loc);
          if (!key) continue;
          keyed.push({ url: key, lastmod: e.lastmod });
          if (this.scope.check(key) === null) queue.push({ url: key, depth: null, source: 'sitemap', foundOn: sitemapUrl });
        }
        listed += keyed.length;
        this.store.transaction(() => this.store.addSitemapUrls(keyed, sitemapUrl));
        void this.frontier.add(queue);
      },
      onSitemap: (s) => this.store.saveSitemap(s),
    });
    if (!this.controller.signal.aborted) this.store.setMeta('sitemapOrigins', [...read, origin]);
    const found = summaries.filter((s) => s.kind !== 'unknown');
    if (found.length) this.notice('sitemaps', CRAWL_MESSAGES.sitemapsRead(found.length, listed), origin);
  }

  private async redirectDecision(item: FrontierItem, to: string): Promise<RedirectDecision> {
    const key = this.normalizer.normalize(to);
    if (!key) return { follow: false, reason: CRAWL_MESSAGES.redirectOutOfScope };
    if (!this.scope.hasHost(key)) {
      // http://example.com → https://www.example.com/: the site the user meant lives there.
      if (item.source !== 'start') return { follow: false, reason: CRAWL_MESSAGES.redirectOutOfScope };
      const host = new URL(key).host;
      this.scope.addHost(host);
      this.store.setMeta('hosts', this.scope.hostList);
      this.notice('start-redirect', CRAWL_MESSAGES.startHostAdded(host), key);
      if (this.options.sitemaps) await this.readSitemapsOnce(new URL(key).origin);
    }
    const rejection = this.scope.check(key);
    if (rejection && item.source !== 'start') return { follow: false, reason: CRAWL_MESSAGES.redirectExcluded(rejection) };
    // A private target is refused by the fetcher, which records why; its robots.txt is not worth asking for.
    if (this.guard.checkUrl(key)) return { follow: true, url: key };
    if (this.options.respectRobots) {
      const rules = await this.robots.forUrl(key);
      this.applyRobots(rules, key);
      if (rules.record.message.includes(PRIVATE_TARGET_REFUSED)) return { follow: true, url: key };
      if (!rules.isAllowed(key)) return { follow: false, reason: BLOCKED_BY_ROBOTS(rules.agent) };
    }
    if (key !== item.url) {
      const owner = this.reserved.get(key);
      if (owner && owner.url !== item.url) return { follow: false, reason: CRAWL_MESSAGES.redirectBeingCrawled };
      if (await this.frontier.isDone(key)) return { follow: false, reason: CRAWL_MESSAGES.redirectAlreadyCrawled };
      this.reserve(key, this.reserved.get(item.url)!);
    }
    return { follow: true, url: key };
  }

  private inSitemap(...urls: string[]): boolean | null {
    if (!this.sitemapsKnown) return null;
    return urls.some((u) => this.store.isInSitemap(u));
  }

  private reserve(url: string, r: Reservation) {
    this.reserved.set(url, r);
    r.urls.add(url);
  }

  /** A queued URL that another fetch reached by a redirect: waits for it, then is done as its alias, or fetched if it was not reached. */
  private async coveredBy(item: FrontierItem, owner: Reservation, rules: RobotsRules): Promise<void> {
    await owner.finished;
    if (owner.covered.has(item.url)) {
      await this.frontier.complete(item, { state: 'done', note: `fetched as ${owner.url}`, discovered: [], aliases: [] });
      return;
    }
    if (this.aborted) return;
    this.started++;
    await this.processItem(item, rules);
  }

  private async processItem(item: FrontierItem, rules: RobotsRules): Promise<void> {
    let finish!: () => void;
    const reservation: Reservation = { url: item.url, urls: new Set(), covered: new Set(), finished: new Promise<void>((r) => (finish = r)) };
    this.reserve(item.url, reservation);
    try {
      await this.fetchAndStore(item, rules, reservation);
    } finally {
      for (const u of reservation.urls) if (this.reserved.get(u) === reservation) this.reserved.delete(u);
      finish();
    }
  }

  /** Remote workers answer the same questions a local fetch asks, with the same code. */
  private remoteHooks() {
    return {
      redirect: async (itemUrl: string, to: string): Promise<RedirectDecision> => {
        const item = this.remoteItems.get(itemUrl);
        if (!item) return { follow: false, reason: CRAWL_MESSAGES.redirectBeingCrawled };
        return this.redirectDecision(item, to);
      },
      context: async (itemUrl: string, finalUrl: string) => {
        const rules = await this.robots.forUrl(finalUrl);
        this.applyRobots(rules, finalUrl);
        return { inSitemap: this.inSitemap(finalUrl, itemUrl), robotsTxt: rules.artifactFor(finalUrl, false) };
      },
    };
  }

  private async fetchAndStore(item: FrontierItem, rules: RobotsRules, reservation: Reservation): Promise<void> {
    if (this.remote) {
      this.remoteItems.set(item.url, item);
      let r;
      try {
        r = await this.remote.run({ url: item.url, depth: item.depth, inSitemap: this.inSitemap(item.url), robotsTxt: rules.artifactFor(item.url, false) }, this.controller.signal);
      } finally {
        this.remoteItems.delete(item.url);
      }
      // Interrupted while a worker had it: the URL stays queued for --resume (the worker's answer waits in Redis).
      if (!r) return;
      return this.storeOutcome(item, reservation, r.outcome, r.out, r.rendered, r.renderError);
    }
    const outcome = await this.fetcher.fetch({
      url: item.url,
      signal: this.controller.signal,
      onRedirect: (_from, to) => this.redirectDecision(item, to),
    });
    // Interrupted mid-request: nothing learned, the URL stays queued for --resume.
    if (outcome.errorCode === 'aborted') return;

    const finalUrl = outcome.url;
    const finalRules = new URL(finalUrl).origin === rules.record.origin ? rules : await this.robots.forUrl(finalUrl);
    let job = pageJobOf(outcome, { requestedUrl: item.url, depth: item.depth, inSitemap: this.inSitemap(finalUrl, item.url), robotsTxt: finalRules.artifactFor(finalUrl) });
    let renderError: string | null = null;
    if (this.renderer && !this.aborted) ({ job, renderError } = await renderedJob(job, this.renderer));
    // The page result goes only to page listeners; without any it is not sent back from the worker.
    if (this.listenerCount('page') === 0) job.omitResult = true;
    let out: PageOutput;
    if (this.pool) {
      const pool = this.pool;
      out = await pool.run(job).catch(async (e: Error) => {
        // A page that hangs extraction is recorded without content; a worker that dies takes no page with it.
        if (e.name !== 'PageJobTimeoutError') return this.processHere(job);
        const bare = await this.processHere({ ...job, body: null, html: null, fetchError: job.fetchError ?? e.message });
        return { ...bare, error: e.message };
      });
    } else out = await this.processHere(job);
    return this.storeOutcome(item, reservation, outcome, out, job.rendered, renderError);
  }

  private async storeOutcome(item: FrontierItem, reservation: Reservation, outcome: FetchOutcome, out: PageOutput, rendered: boolean, renderError: string | null): Promise<void> {
    const finalUrl = outcome.url;
    const childDepth = item.depth === null ? null : item.depth + 1;
    const discovered: FrontierEntry[] = [];
    if (childDepth === null || childDepth <= this.options.maxDepth) {
      const via = { pattern: urlPatternOf(finalUrl), run: item.run };
      for (const c of out.candidates) if (this.scope.check(c.url) === null) discovered.push({ url: c.url, depth: childDepth, source: c.source, foundOn: finalUrl, via });
    }
    const record = this.recordOf(item, outcome, { encoding: out.encoding, encodingNote: out.encodingNote, rendered, renderError, error: outcome.error ?? out.error });
    const aliases = [...outcome.redirectChain.slice(1).map((h) => h.url), finalUrl];
    for (const a of aliases) reservation.covered.add(a);
    await this.frontier.complete(item, { state: 'done', discovered, aliases }, () =>
      this.store.savePackedPage({ record, data: out.data }),
    );
    await this.remote?.stored(item.url, false);

    this.fetched++;
    const failed = record.error !== null || record.status >= 400 || record.status === 0;
    if (failed) {
      this.errors++;
      this.emitEvent('pageError', { url: item.url, status: record.status, error: record.error ?? `HTTP ${record.status}`, errorCode: record.errorCode });
    }
    this.emitEvent('page', { url: item.url, finalUrl, status: record.status, depth: item.depth, contentType: record.contentType, error: record.error, result: out.result, record, fetched: this.fetched });
  }

  private local() {
    this.localPipeline ??= import('./local-pipeline.ts');
    return this.localPipeline;
  }

  /** Processes a page on this thread (no workers, or the worker could not). */
  private async processHere(job: PageJob): Promise<PageOutput> {
    const ctx = await this.processorContext();
    return (await this.local()).processPage(job, ctx);
  }

  private async processorContext(): Promise<ProcessorContext> {
    if (this.ctx) return this.ctx;
    const local = await this.local();
    this.ctx ??= {
      pipeline: this.deps.pipeline ?? local.pagePipelineOptions(),
      toSitePage: this.deps.toSitePage ?? local.toSitePage,
      normalizer: this.normalizer,
      followNofollow: this.options.followNofollow,
      queueCanonicals: this.options.queueCanonicals,
      queueHreflang: this.options.queueHreflang,
    };
    return this.ctx;
  }

  private recordOf(
    item: FrontierItem,
    outcome: FetchOutcome,
    extra: { encoding: string | null; encodingNote: string | null; rendered: boolean; renderError: string | null; error: string | null },
  ): PageRecord {
    return {
      url: item.url,
      finalUrl: outcome.url,
      status: outcome.status,
      contentType: outcome.contentType,
      headers: outcome.headers,
      redirectChain: outcome.redirectChain,
      redirectStopped: outcome.redirectStopped,
      bodyBytes: outcome.bodyBytes,
      wireBytes: outcome.wireBytes,
      truncated: outcome.truncated,
      encoding: extra.encoding,
      encodingNote: extra.encodingNote,
      error: extra.error,
      errorCode: outcome.errorCode,
      attempts: outcome.attempts,
      timings: outcome.timings,
      depth: item.depth,
      rendered: extra.rendered,
      renderError: extra.renderError,
      fetchedAt: new Date().toISOString(),
    };
  }

  private async recordBlocked(item: FrontierItem, rules: RobotsRules) {
    const reason = BLOCKED_BY_ROBOTS(rules.agent);
    const local = item.source === 'start' ? { ...(await this.local()), pipeline: (await this.processorContext()).pipeline } : null;
    // The start URL gets a row: a crawl that could fetch nothing must say why on the page itself.
    const persist =
      local
        ? () => {
            const artifacts = local.extractArtifacts({ url: item.url, status: 0, fetchError: reason, depth: item.depth, robotsTxt: rules.artifactFor(item.url) });
            const result = local.pageResultFrom(artifacts, local.pipeline);
            const record: PageRecord = {
              url: item.url, finalUrl: item.url, status: 0, contentType: null, headers: [], redirectChain: [], redirectStopped: null, bodyBytes: null, wireBytes: 0,
              truncated: false, encoding: null, encodingNote: null, error: reason, errorCode: 'blocked-by-robots', attempts: 0, timings: null, depth: item.depth,
              rendered: false, renderError: null, fetchedAt: new Date().toISOString(),
            };
            this.store.savePage({ record, artifacts: { ...artifacts, robotsTxt: artifacts.robotsTxt ? { ...artifacts.robotsTxt, content: null } : null } }, []);
            this.started++;
            this.fetched++;
            this.errors++;
          }
        : undefined;
    await this.frontier.complete(item, { state: 'blocked', note: reason, discovered: [], aliases: [] }, persist);
    this.blocked++;
    this.emitEvent('blocked', { url: item.url, reason });
  }

  private async recordInternalError(item: FrontierItem, e: unknown) {
    const message = CRAWL_MESSAGES.internalError(e instanceof Error ? e.message : String(e));
    try {
      const { extractArtifacts } = await this.local();
      const artifacts = extractArtifacts({ url: item.url, status: 0, fetchError: message, depth: item.depth });
      const record: PageRecord = {
        url: item.url, finalUrl: item.url, status: 0, contentType: null, headers: [], redirectChain: [], redirectStopped: null, bodyBytes: null, wireBytes: 0,
        truncated: false, encoding: null, encodingNote: null, error: message, errorCode: 'internal', attempts: 0, timings: null, depth: item.depth,
        rendered: false, renderError: null, fetchedAt: new Date().toISOString(),
      };
      await this.frontier.complete(item, { state: 'done', discovered: [], aliases: [] }, () => this.store.savePage({ record, artifacts }, []));
      await this.remote?.stored(item.url, true);
      this.fetched++;
      this.errors++;
      this.emitEvent('pageError', { url: item.url, status: 0, error: message, errorCode: 'internal' });
    } catch {
      this.notice('internal-error', message, item.url);
    }
  }
}
