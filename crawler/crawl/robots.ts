import robotsParser from 'robots-parser';
import type { RobotsTxt } from '../../shared/schemas/index.ts';
import { decodeText } from './charset.ts';
import { fetchSiteFile, isSuccess, type Fetcher } from './fetcher.ts';

/** The product's robots.txt token: site owners write `User-agent: zmotbot` to address us. */
export const ROBOTS_TOKEN = 'zmotbot';
/** Rules we fall back to when a robots.txt has no group for us: we crawl as a search engine would. */
export const FALLBACK_TOKEN = 'Googlebot';
/** Google reads the first 500 KiB of a robots.txt and ignores the rest. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/** How a robots.txt outcome is read, as Google documents it; shown in reports. */
export const ROBOTS_VERDICTS = {
  parsed: 'rules read',
  clientError: (status: number) => `robots.txt returned HTTP ${status}: treated as "allow all" (Google's rule for 4xx)`,
  serverError: (status: number) => `robots.txt returned HTTP ${status}: treated as "disallow all" (Google's rule for 5xx and 429)`,
  unreachable: (why: string) => `robots.txt could not be fetched (${why}): treated as "disallow all" (Google's rule for an unreachable robots.txt)`,
  redirectedAway: 'robots.txt redirected too many times: treated as "allow all"',
};

export const BLOCKED_BY_ROBOTS = (agent: string) => `blocked by robots.txt (rules for ${agent})`;

export type RobotsVerdict = 'rules' | 'allow-all' | 'disallow-all';

/** One origin's robots.txt as fetched: what the store keeps. */
export interface RobotsRecord {
  origin: string;
  url: string;
  status: number | null;
  content: string | null;
  verdict: RobotsVerdict;
  /** Why the verdict is what it is, in words. */
  message: string;
  fetchedAt: string;
}

type Parsed = ReturnType<typeof robotsParser>;

/** The user-agent groups a robots.txt declares, lower-cased. */
function declaredAgents(content: string): Set<string> {
  const out = new Set<string>();
  for (const m of content.matchAll(/^\s*user-agent\s*:\s*([^\s#]+)/gim)) out.add(m[1].toLowerCase());
  return out;
}

/** The rules one origin's robots.txt sets for us. */
export class RobotsRules {
  private readonly parsed: Parsed | null;
  /** The group we obey: ours when the file has one, else Googlebot's (which falls back to `*`). */
  readonly agent: string;
  readonly sitemaps: string[];

  constructor(readonly record: RobotsRecord) {
    this.parsed = record.verdict === 'rules' && record.content != null ? robotsParser(record.url, record.content) : null;
    const agents = record.content ? declaredAgents(record.content) : new Set<string>();
    this.agent = agents.has(ROBOTS_TOKEN) ? ROBOTS_TOKEN : FALLBACK_TOKEN;
    this.sitemaps = this.parsed ? this.parsed.getSitemaps().filter((s) => /^https?:\/\//i.test(s)).slice(0, 100) : [];
  }

  /** Whether we may fetch the URL. */
  isAllowed(url: string): boolean {
    if (this.record.verdict === 'allow-all') return true;
    if (this.record.verdict === 'disallow-all') return false;
    return this.parsed!.isAllowed(url, this.agent) ?? true;
  }

  /** Whether Googlebot may fetch it (what findability cares about). */
  isAllowedForGoogle(url: string): boolean {
    if (!this.parsed) return this.record.verdict !== 'disallow-all';
    return this.parsed.isAllowed(url, FALLBACK_TOKEN) ?? true;
  }

  /** Crawl-delay for our group, in ms; null when none. */
  crawlDelayMs(): number | null {
    const s = this.parsed?.getCrawlDelay(this.agent);
    return typeof s === 'number' && Number.isFinite(s) && s > 0 ? Math.round(s * 1000) : null;
  }

  /** The per-page artifact: what the page's audits read. Content is kept once per origin in the store. */
  artifactFor(url: string, withContent = true): RobotsTxt {
    return {
      url: this.record.url,
      status: this.record.status,
      content: withContent ? this.record.content : null,
      allowed: this.record.verdict === 'disallow-all' ? false : this.isAllowed(url) && this.isAllowedForGoogle(url),
      errorMessage: this.record.verdict === 'rules' ? null : this.record.message,
    };
  }
}

/** Fetches a robots.txt and reads its outcome as Google documents it. */
export async function fetchRobots(origin: string, fetcher: Fetcher, signal?: AbortSignal): Promise<RobotsRecord> {
  const fetchedAt = new Date().toISOString();
  const { url, res } = await fetchSiteFile(fetcher, origin, '/robots.txt', { accept: 'text/plain,*/*;q=0.5', maxBodyBytes: ROBOTS_MAX_BYTES, signal });
  const base = { origin, url, status: res.status || null, fetchedAt };
  if (res.status === 0 || (res.error && res.errorCode !== 'body-too-large')) {
    if (res.errorCode === 'too-many-redirects' || res.errorCode === 'redirect-loop') {
      return { ...base, content: null, verdict: 'allow-all', message: ROBOTS_VERDICTS.redirectedAway };
    }
    if (isSuccess(res.status)) {
      // A 2xx whose body failed to arrive is as good as unreachable.
      return { ...base, content: null, verdict: 'disallow-all', message: ROBOTS_VERDICTS.unreachable(res.error ?? 'no body') };
    }
    if (res.status === 0) return { ...base, content: null, verdict: 'disallow-all', message: ROBOTS_VERDICTS.unreachable(res.error ?? 'no response') };
  }
  if (res.status === 429 || res.status >= 500) return { ...base, content: null, verdict: 'disallow-all', message: ROBOTS_VERDICTS.serverError(res.status) };
  if (res.status >= 300 && res.status < 400) return { ...base, content: null, verdict: 'allow-all', message: ROBOTS_VERDICTS.redirectedAway };
  if (res.status >= 400) return { ...base, content: null, verdict: 'allow-all', message: ROBOTS_VERDICTS.clientError(res.status) };
  const content = res.body ? decodeText(res.body, res.contentType) : '';
  return { ...base, content, verdict: 'rules', message: ROBOTS_VERDICTS.parsed };
}

export interface RobotsCacheOptions {
  fetcher: Fetcher;
  /** Reads a stored record (resume) before fetching. */
  load?: (origin: string) => RobotsRecord | null;
  save?: (record: RobotsRecord) => void;
  signal?: AbortSignal;
}

/** robots.txt per origin, fetched once (concurrent callers share the fetch) and kept in the store. */
export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<RobotsRules>>();
  constructor(private readonly options: RobotsCacheOptions) {}

  forOrigin(origin: string): Promise<RobotsRules> {
    let p = this.byOrigin.get(origin);
    if (!p) {
      p = (async () => {
        const stored = this.options.load?.(origin);
        if (stored) return new RobotsRules(stored);
        const record = await fetchRobots(origin, this.options.fetcher, this.options.signal);
        // An interrupted fetch says nothing about the site: keep it out of the store so a resume retries.
        if (!this.options.signal?.aborted) this.options.save?.(record);
        return new RobotsRules(record);
      })();
      this.byOrigin.set(origin, p);
      // The map holds one entry per origin; a crawl touches few origins.
    }
    return p;
  }

  forUrl(url: string): Promise<RobotsRules> {
    return this.forOrigin(new URL(url).origin);
  }
}
