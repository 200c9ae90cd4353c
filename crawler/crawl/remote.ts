/**
 * The contract between the crawl engine and a distributed page queue (crawler/distributed: Redis +
 * BullMQ). The engine keeps the crawl store, robots.txt and every decision, over a frontier the remote
 * session provides (in Redis, so it outlives the coordinator's process); a remote
 * session fetches, extracts and audits pages on worker processes and hands back exactly what the
 * engine would have computed itself, so the per-page pipeline and the store are shared, not forked.
 */
import type { RobotsTxt } from '../../shared/schemas/index.ts';
import type { CrawlStore } from '../store/crawl-store.ts';
import type { FetchOutcome, RedirectDecision } from './fetcher.ts';
import type { PolitenessGate } from './host-gate.ts';
import type { CrawlOptions } from './options.ts';
import type { Frontier } from './frontier.ts';
import type { PageOutput } from './page-processor.ts';

/** One page to fetch: the URL and what the engine already knows about it (no code, no secrets). */
export interface RemotePageRequest {
  url: string;
  depth: number | null;
  inSitemap: boolean | null;
  /** The robots.txt verdict for the URL, without the file's text (shared once per origin). */
  robotsTxt: RobotsTxt;
}

/** What a worker sends back: the fetch outcome (without the body) and the processed page. */
export interface RemotePageResult {
  outcome: FetchOutcome;
  out: PageOutput;
  /** `--render`: the worker rendered the page with Chromium, or why it could not. */
  rendered: boolean;
  renderError: string | null;
}

/** Questions a worker asks the engine mid-page, answered by the same code as a local crawl. */
export interface RemoteHooks {
  /** Follow a redirect hop or stop (scope, robots.txt, already crawled, being crawled). */
  redirect(itemUrl: string, to: string): Promise<RedirectDecision>;
  /** For a page that ended on another URL: its sitemap membership and robots.txt verdict. */
  context(itemUrl: string, finalUrl: string): Promise<{ inSitemap: boolean | null; robotsTxt: RobotsTxt }>;
}

export interface RemoteSession {
  /** Politeness shared with every worker; the engine's own requests (robots.txt, sitemaps) pass it too. */
  readonly gate: PolitenessGate;
  /** The crawl's frontier and seen URLs, shared in the queue's backend (the store keeps the outcomes). */
  readonly frontier: Frontier;
  /** Runs a page on some worker; null when the crawl was interrupted before it came back. Rejects when the page failed on every attempt. */
  run(request: RemotePageRequest, signal: AbortSignal): Promise<RemotePageResult | null>;
  /** The page's outcome is in the store: the queue may forget it. */
  stored(url: string, failed: boolean): Promise<void>;
  /** robots.txt text of an origin, for the workers' audits. */
  shareRobots(origin: string, content: string | null): void;
  /** Ends the session; `finished` drops the crawl's queue, otherwise it stays for --resume. */
  close(finished: boolean): Promise<void>;
}

export interface RemotePages {
  /** Label of the queue for messages (password masked). */
  readonly shown: string;
  open(ctx: { store: CrawlStore; options: CrawlOptions; startUrl: string; resumed: boolean; hooks: RemoteHooks }): Promise<RemoteSession>;
}
