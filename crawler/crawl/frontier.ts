import type { CrawlStore, UrlSource, UrlState } from '../store/crawl-store.ts';
import { urlPatternOf } from './urls.ts';

/** Crawl-level notes when a guard kicks in: shown once per pattern or per crawl in the report. */
export const FRONTIER_NOTES = {
  patternCap: (pattern: string, cap: number) => `more than ${cap} URLs shaped like ${pattern}: the rest were not crawled (infinite URL space guard)`,
  patternRun: (pattern: string, max: number) => `more than ${max} pages in a row shaped like ${pattern}, each linking to the next: the chain was not followed further (calendar-style trap guard)`,
  queueFull: (cap: number) => `more than ${cap} URLs queued: later discoveries were not queued`,
};

/** A URL discovered by the crawl, not yet known to be new. */
export interface FrontierEntry {
  url: string;
  /** Clicks from the start URL; null when known only from a sitemap. */
  depth: number | null;
  source: UrlSource;
  foundOn: string | null;
  /** The page it was found on, by shape: a chain of same-shaped pages is how calendars trap crawlers. */
  via?: { pattern: string; run: number };
}

/** A URL handed out to be fetched. */
export interface FrontierItem extends FrontierEntry {
  id: number;
  /** Same-shaped hops that led here. */
  run: number;
}

export interface FrontierCompletion {
  state: Exclude<UrlState, 'queued' | 'claimed'>;
  note?: string | null;
  /** URLs found on the page, queued if new. */
  discovered: FrontierEntry[];
  /** Other URLs this fetch covered (followed redirect hops, final URL): never fetched again. */
  aliases: string[];
}

export interface AddOutcome {
  added: number;
  /** URLs dropped by the per-pattern cap or the queue cap. */
  dropped: number;
}

export interface FrontierCounts {
  queued: number;
  done: number;
  blocked: number;
  skipped: number;
  inFlight: number;
}

/**
 * The crawl queue. The SQLite implementation below is the embedded default; a distributed crawl's
 * lives in Redis (crawler/distributed/frontier.ts). Both keep the same contract: `complete` runs `persist` and records the outcome
 * as one unit of work where the backend can, else persist first and acknowledge after.
 */
export interface Frontier {
  add(entries: FrontierEntry[]): Promise<AddOutcome>;
  /** The next URL to fetch, breadth-first; null when nothing is queued. */
  next(): Promise<FrontierItem | null>;
  complete(item: FrontierItem, completion: FrontierCompletion, persist?: () => void): Promise<AddOutcome>;
  /** Whether a URL was already fetched (or covered by another fetch). */
  isDone(url: string): Promise<boolean>;
  counts(): Promise<FrontierCounts>;
  /** Gives claimed-but-unfinished URLs back to the queue (on interruption). */
  releaseClaims(): Promise<void>;
  /** Fast estimate of queued URLs for progress displays. */
  queuedEstimate(): number;
}

export interface SqliteFrontierOptions {
  /** Link-discovered URLs of one shape (sitemaps, bounded on their own, do not count). */
  maxUrlsPerPattern: number;
  /** Longest chain of same-shaped pages each found on the previous one. */
  maxPatternRun?: number;
  maxQueued: number;
  /** How many URLs to claim from the database per round trip. */
  batchSize?: number;
}

/** Priority of sitemap-only URLs: after every URL reached by links. */
const SITEMAP_PRIORITY = 1_000_000;
/** URLs recently seen, so the links every page repeats (menus, footers) skip the database. */
const RECENT_CAP = 20_000;

export class SqliteFrontier implements Frontier {
  private buffer: FrontierItem[] = [];
  private readonly inFlight = new Set<number>();
  private readonly recent = new Map<string, true>();
  private queued: number;
  private readonly batchSize: number;
  private depthUpgrades: boolean;

  constructor(
    private readonly store: CrawlStore,
    private readonly options: SqliteFrontierOptions,
  ) {
    store.unclaimAll();
    this.queued = store.stateCounts().queued;
    this.batchSize = options.batchSize ?? 32;
    this.depthUpgrades = store.sitemapUrlCount() > 0;
  }

  private remember(url: string) {
    if (this.recent.size >= RECENT_CAP) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(url, true);
  }

  /** Inserts entries; call inside a transaction. */
  private addSync(entries: FrontierEntry[]): AddOutcome {
    let added = 0;
    let dropped = 0;
    const maxRun = this.options.maxPatternRun ?? Number.POSITIVE_INFINITY;
    for (const e of entries) {
      if (this.recent.has(e.url)) continue;
      const priority = e.depth ?? SITEMAP_PRIORITY;
      if (this.queued >= this.options.maxQueued) {
        if (this.store.urlState(e.url) === null) {
          dropped++;
          this.store.addNote('queue-full', null, FRONTIER_NOTES.queueFull(this.options.maxQueued));
        }
        continue;
      }
      const guarded = e.source !== 'sitemap' && e.source !== 'start';
      const pattern = guarded ? urlPatternOf(e.url) : '';
      const run = guarded && e.via && e.via.pattern === pattern ? e.via.run + 1 : 0;
      if (this.store.insertUrl(e.url, e.depth, priority, e.source, e.foundOn, 'queued', null, run)) {
        let skip: { type: string; note: string } | null = null;
        if (guarded) {
          if (run > maxRun) skip = { type: 'url-pattern-run', note: FRONTIER_NOTES.patternRun(pattern, maxRun) };
          else if (this.store.bumpPattern(pattern) > this.options.maxUrlsPerPattern) skip = { type: 'url-pattern-cap', note: FRONTIER_NOTES.patternCap(pattern, this.options.maxUrlsPerPattern) };
        }
        if (skip) {
          this.store.setStateByUrl(e.url, 'skipped', skip.note);
          this.store.addNote(skip.type, pattern, skip.note);
          dropped++;
        } else {
          added++;
          this.queued++;
        }
      } else if (this.depthUpgrades && e.depth !== null) {
        this.store.raiseDepth(e.url, e.depth, priority);
      }
      if (e.depth !== null) this.remember(e.url);
    }
    return { added, dropped };
  }

  async add(entries: FrontierEntry[]): Promise<AddOutcome> {
    if (entries.some((e) => e.source === 'sitemap')) this.depthUpgrades = true;
    return this.store.transaction(() => this.addSync(entries));
  }

  async next(): Promise<FrontierItem | null> {
    if (!this.buffer.length) {
      const rows = this.store.claim(this.batchSize);
      this.buffer = rows.map((r) => ({ id: r.id, url: r.url, depth: r.depth, source: r.source, foundOn: r.foundOn, run: r.run }));
    }
    const item = this.buffer.shift() ?? null;
    if (item) {
      this.inFlight.add(item.id);
      this.queued--;
    }
    return item;
  }

  async complete(item: FrontierItem, completion: FrontierCompletion, persist?: () => void): Promise<AddOutcome> {
    return this.store.transaction(() => {
      persist?.();
      this.store.setState(item.id, completion.state, completion.note ?? null);
      for (const alias of completion.aliases) {
        if (alias === item.url) continue;
        if (!this.store.insertUrl(alias, item.depth, item.depth ?? SITEMAP_PRIORITY, 'redirect', item.url, 'done', `fetched as ${item.url}`)) {
          const state = this.store.urlState(alias);
          const buffered = this.buffer.findIndex((b) => b.url === alias);
          if (state === 'queued' || buffered !== -1) {
            this.queued--;
            if (buffered !== -1) this.buffer.splice(buffered, 1);
            this.store.setStateByUrl(alias, 'done', `fetched as ${item.url}`);
          }
        }
        this.remember(alias);
      }
      const outcome = this.addSync(completion.discovered);
      this.inFlight.delete(item.id);
      return outcome;
    });
  }

  async isDone(url: string): Promise<boolean> {
    const s = this.store.urlState(url);
    return s === 'done';
  }

  async counts(): Promise<FrontierCounts> {
    const c = this.store.stateCounts();
    return { queued: c.queued + c.claimed - this.inFlight.size, done: c.done, blocked: c.blocked, skipped: c.skipped, inFlight: this.inFlight.size };
  }

  /** Fast in-memory estimate of queued URLs for progress displays. */
  queuedEstimate(): number {
    return Math.max(0, this.queued);
  }

  async releaseClaims(): Promise<void> {
    this.buffer = [];
    this.inFlight.clear();
    this.store.unclaimAll();
  }
}
