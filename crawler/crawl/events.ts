import { EventEmitter } from 'node:events';
import type { PageResult } from '../../shared/schemas/index.ts';
import type { PageRecord } from '../store/crawl-store.ts';

/** A page was fetched and stored (whatever its status). */
export interface PageEvent {
  url: string;
  finalUrl: string;
  status: number;
  depth: number | null;
  contentType: string | null;
  error: string | null;
  /** The page as it will appear in the report; null when the pipeline could not score it. */
  result: PageResult | null;
  record: PageRecord;
  /** Pages fetched so far, this one included. */
  fetched: number;
}

/** A page failed: no response, an error status, or a fetch problem (timeout, cap, loop…). */
export interface PageErrorEvent {
  url: string;
  status: number;
  error: string;
  errorCode: string | null;
}

/** A URL was not fetched: robots.txt disallows it. */
export interface BlockedEvent {
  url: string;
  reason: string;
}

export interface ProgressEvent {
  fetched: number;
  queued: number;
  errors: number;
  blocked: number;
  inFlight: number;
  maxPages: number;
  elapsedMs: number;
  /** Pages per second over the whole run. */
  rate: number;
}

/** Something about the crawl as a whole: robots.txt unreachable, a guard kicked in, sitemaps read. */
export interface NoticeEvent {
  type: string;
  message: string;
  url: string | null;
}

export interface CrawlSummary {
  startUrl: string;
  storePath: string;
  startedAt: string;
  finishedAt: string;
  pagesFetched: number;
  pagesQueued: number;
  errors: number;
  blocked: number;
  skipped: number;
  sitemapUrls: number;
  durationMs: number;
  interrupted: boolean;
  resumed: boolean;
  /** Hosts crawled: the start host and any it redirected to. */
  hosts: string[];
}

export interface CrawlEventMap {
  page: PageEvent;
  pageError: PageErrorEvent;
  blocked: BlockedEvent;
  progress: ProgressEvent;
  notice: NoticeEvent;
  done: CrawlSummary;
}

/** A running crawl: typed events, a promise for the summary, and a way to stop it cleanly. */
export interface CrawlRun {
  on<E extends keyof CrawlEventMap>(event: E, listener: (payload: CrawlEventMap[E]) => void): this;
  off<E extends keyof CrawlEventMap>(event: E, listener: (payload: CrawlEventMap[E]) => void): this;
  /** Resolves when the crawl finishes or is interrupted; rejects only on a setup error (bad store, bad options). */
  readonly done: Promise<CrawlSummary>;
  /** Stops claiming URLs, abandons requests in flight (they stay queued for --resume) and finishes. */
  abort(reason?: string): void;
}

export class TypedEmitter extends EventEmitter {
  emitEvent<E extends keyof CrawlEventMap>(event: E, payload: CrawlEventMap[E]): void {
    // A listener that throws must not take the crawl down with it.
    try {
      this.emit(event, payload);
    } catch (e) {
      if (event !== 'notice') this.emitEvent('notice', { type: 'listener-error', message: `a ${event} listener failed: ${(e as Error).message}`, url: null });
    }
  }
}
