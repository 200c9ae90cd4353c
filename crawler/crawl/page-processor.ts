import { extractArtifacts, type PageInput } from '../../shared/extract/index.ts';
import { pageResultFrom, type PagePipelineOptions } from '../../shared/pipeline.ts';
import type { PageArtifacts, PageResult, RobotsTxt } from '../../shared/schemas/index.ts';
import { packPage, type StoredLink } from '../store/crawl-store.ts';
import { decodeJob } from './decode-job.ts';
import type { UrlSource } from '../store/crawl-store.ts';
import type { UrlNormalizer } from './urls.ts';

export { decodeJob };

/** Why a page has no artifacts or result although it was fetched. */
export const PROCESS_ERRORS = {
  extractionFailed: (why: string) => `could not extract the page: ${why}`,
  scoringFailed: (why: string) => `could not score the page: ${why}`,
};

/** Everything the CPU-heavy part of a page needs: plain data, so it can cross to a worker thread. */
export interface PageJob {
  url: string;
  requestedUrl: string;
  status: number;
  headers: Array<[string, string]>;
  contentType: string | null;
  /** Decompressed body bytes (HTML only); null when not read. */
  body: Uint8Array | null;
  /** Already-decoded HTML (a rendered DOM); wins over `body`. */
  html: string | null;
  truncated: boolean;
  redirectChain: Array<{ url: string; status: number }>;
  fetchError: string | null;
  depth: number | null;
  inSitemap: boolean | null;
  robotsTxt: RobotsTxt | null;
  rendered: boolean;
  /** The encoding of `html` when it came rendered (the fetch decided it). */
  encoding: string | null;
  encodingNote: string | null;
  /**
   * Leave the page result out of the output (it is still computed: every audit runs). The crawl sets it when
   * nobody listens for page events: the result is ~7 KB of structured clone per page from the worker, and
   * the store derives it again from the artifacts.
   */
  omitResult?: boolean;
}

/** A link found on the page, normalized, with whether the crawl may follow it. */
export interface LinkCandidate {
  url: string;
  source: UrlSource;
}

export interface PageOutput {
  encoding: string | null;
  encodingNote: string | null;
  /** The store's blob for the page: artifacts (robots.txt content stripped) and links, compressed. */
  data: Uint8Array;
  /** The page result for events; plain data (the store re-derives it from the artifacts). */
  result: PageResult | null;
  /** Followable targets (links, canonicals, hreflang); the engine applies scope and depth. */
  candidates: LinkCandidate[];
  error: string | null;
  /** Decoded HTML when the engine wants to render it. */
  html: string | null;
}

/** A page's small summary for crawl-level audits, kept in the store next to the page. */
export type ToSitePage = (artifacts: PageArtifacts, page: PageResult) => unknown;

export interface ProcessorContext {
  pipeline: PagePipelineOptions;
  /** Site-audit summary; derived again from the artifacts when a report is built, so not needed per page. */
  toSitePage?: ToSitePage;
  normalizer: UrlNormalizer;
  followNofollow: boolean;
  queueCanonicals: boolean;
  queueHreflang: boolean;
}

/** A page-level robots directive that forbids following its links. */
export function forbidsFollowing(a: PageArtifacts): boolean {
  return a.robots.some((r) => (r.agent === 'all' || r.agent === 'zmotbot' || r.agent === 'googlebot') && r.directives.some((d) => d === 'nofollow' || d === 'none'));
}

/**
 * The CPU part of crawling a page: decode, extract artifacts, run the page pipeline, summarize for
 * site audits, list links. Pure (no I/O), so the engine may run it on a worker thread.
 */
export function processPage(job: PageJob, ctx: ProcessorContext): PageOutput {
  const { html, encoding, encodingNote } = decodeJob(job);
  const input: PageInput = {
    url: job.url,
    requestedUrl: job.requestedUrl,
    status: job.status,
    headers: job.headers,
    html,
    redirectChain: job.redirectChain,
    fetchError: job.fetchError,
    depth: job.depth,
    inSitemap: job.inSitemap,
    robotsTxt: job.robotsTxt,
    rendered: job.rendered,
  };
  let error: string | null = null;
  let artifacts: PageArtifacts;
  try {
    artifacts = extractArtifacts(input);
  } catch (e) {
    error = PROCESS_ERRORS.extractionFailed((e as Error).message);
    artifacts = extractArtifacts({ ...input, html: null, fetchError: input.fetchError ?? error });
  }
  let result: PageResult | null = null;
  try {
    result = pageResultFrom(artifacts, ctx.pipeline);
  } catch (e) {
    error ??= PROCESS_ERRORS.scoringFailed((e as Error).message);
  }
  const links: StoredLink[] = [];
  const candidates: LinkCandidate[] = [];
  if (html !== null) {
    const from = job.url;
    const seen = new Set<string>();
    const queued = new Set<string>();
    const ok = job.status >= 200 && job.status < 300;
    const followLinks = ok && !forbidsFollowing(artifacts);
    const queue = (url: string | null, source: UrlSource) => {
      if (!url || queued.has(url)) return;
      queued.add(url);
      candidates.push({ url, source });
    };
    const normalized = new Map<string, string | null>();
    const norm = (u: string) => {
      let n = normalized.get(u);
      if (n === undefined) {
        n = ctx.normalizer.normalize(u);
        normalized.set(u, n);
      }
      return n;
    };
    for (const l of artifacts.links) {
      if (!l.url) continue;
      const to = norm(l.url) ?? l.url;
      const text = l.text.slice(0, 300);
      const key = `${to}\u0000${text}\u0000${l.nofollow ? 1 : 0}`;
      if (!seen.has(key)) {
        seen.add(key);
        links.push({ from, to, text, nofollow: l.nofollow });
      }
      if (followLinks && (!l.nofollow || ctx.followNofollow)) queue(norm(l.url), 'link');
    }
    if (ok && ctx.queueCanonicals) for (const c of artifacts.canonicals) if (c.url) queue(norm(c.url), 'canonical');
    if (ok && ctx.queueHreflang) for (const h of artifacts.hreflangs) if (h.url) queue(norm(h.url), 'hreflang');
  }
  // robots.txt content lives once per origin in the store, not in every page.
  const stored = { ...artifacts, robotsTxt: artifacts.robotsTxt ? { ...artifacts.robotsTxt, content: null } : null };
  return {
    encoding,
    encodingNote,
    data: packPage(stored, links),
    result: job.omitResult ? null : result,
    candidates,
    error,
    html: null,
  };
}
