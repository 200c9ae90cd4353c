import normalizeUrl from 'normalize-url';
import { paramMatchers, TRACKING_PARAMS } from '../../shared/url.ts';


/**
 * Query parameters dropped before de-duplication so one page is not crawled once per campaign, sort order or
 * visitor (a classic spider trap): the shared tracking list (shared/url.ts), then sort and session parameters.
 */
export const DEFAULT_IGNORED_PARAMS = [
  ...TRACKING_PARAMS,
  'sort', 'sort_by', 'sortby', 'order', 'order_by', 'orderby', 'dir', 'direction',
  'sessionid', 'session_id', 'sid', 'phpsessid', 'jsessionid', 'aspsessionid*', 'cfid', 'cftoken', 'zenid',
];

/** Longest URL we queue: longer ones are almost always generated (traps, tracking blobs). */
export const MAX_URL_LENGTH = 2048;

/** A URL pattern from config: `/regex/flags` or a plain substring. */
export interface UrlPattern {
  source: string;
  test(url: string): boolean;
}

/** Parses an include/exclude pattern; throws an Error with a readable message for a bad regex. */
export function parseUrlPattern(source: string): UrlPattern {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(source);
  if (m) {
    let re: RegExp;
    try {
      re = new RegExp(m[1], m[2]);
    } catch (e) {
      throw new Error(`not a valid regular expression: ${source} (${(e as Error).message})`);
    }
    return { source, test: (url) => re.test(url) };
  }
  return { source, test: (url) => url.includes(source) };
}

export interface UrlNormalizer {
  /** The de-duplication key, also the URL we fetch; null for non-http(s) or unparsable URLs. */
  normalize(raw: string, base?: string): string | null;
}

/** Session ids some servers put in the path (`/page;jsessionid=…`). */
const PATH_SESSION = /;(jsessionid|sid|phpsessid|sessionid)=[^/?#]*/gi;

/** Raw URLs whose normalized form a normalizer remembers. */
const NORMALIZE_MEMO_CAP = 4096;

export function createNormalizer(ignoredParams: readonly string[]): UrlNormalizer {
  const removeQueryParameters = paramMatchers(ignoredParams);
  const options = {
    stripWWW: false,
    stripHash: true,
    stripTextFragment: true,
    removeTrailingSlash: false,
    removeSingleSlash: false,
    removeDirectoryIndex: false,
    removeExplicitPort: false, // URL already drops default ports; this option would drop every port
    sortQueryParameters: true,
    removeQueryParameters,
    stripAuthentication: true,
  } as const;
  // The same hrefs recur on every page of a site (navigation, footer): each is normalized once (a bounded
  // memo of absolute URLs; about 10 µs saved per repeat, ~50 repeats per real-sized page).
  const memo = new Map<string, string | null>();
  const normalize = (raw: string, base?: string): string | null => {
    if (base !== undefined || raw.length > MAX_URL_LENGTH) return normalizeOnce(raw, base);
    let n = memo.get(raw);
    if (n === undefined) {
      n = normalizeOnce(raw);
      if (memo.size >= NORMALIZE_MEMO_CAP) memo.delete(memo.keys().next().value!);
      memo.set(raw, n);
    }
    return n;
  };
  return { normalize };
  function normalizeOnce(raw: string, base?: string): string | null {
    let u: URL;
    try {
      u = base ? new URL(raw.trim(), base) : new URL(raw.trim());
    } catch {
      return null;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.pathname.includes(';')) u.pathname = u.pathname.replace(PATH_SESSION, '');
    try {
      // normalize-url drops the root slash in some cases ("http://a.com/?"); URL puts it back.
      return new URL(normalizeUrl(u.href, options)).href;
    } catch {
      return null;
    }
  }
}

/**
 * The shape of a URL with its numbers and parameter values blurred: `/calendar/2031/07?day=3` and
 * `/calendar/2031/08?day=4` share one. Infinite URL spaces (calendars, paginations) repeat one shape.
 */
export function urlPatternOf(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const path = u.pathname.replace(/\d+/g, '{n}');
  const keys = [...new Set([...u.searchParams.keys()])].sort();
  const query = keys.length ? `?${keys.map((k) => `${k}=${(u.searchParams.get(k) ?? '').replace(/\d+/g, '{n}').slice(0, 40)}`).join('&')}` : '';
  return `${u.host}${path}${query}`.slice(0, 400);
}

/** A coarse template of a URL (its first path segment); crawler/lighthouse has the finer one for sampling. */
export function templateOf(url: string): string {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    if (segments.length === 0) return '/';
    if (segments.length === 1 && !/\d/.test(segments[0])) return `/${segments[0]}`;
    return `/${segments[0].replace(/\d+/g, '{n}')}/*`;
  } catch {
    return '/';
  }
}

/** Why a discovered URL is not queued; null when it may be crawled. */
export type ScopeRejection = 'out-of-scope' | 'excluded' | 'not-included' | 'too-long' | 'repeating-path';

export interface ScopeOptions {
  /** Hosts (host[:port]) whose URLs are crawled. */
  hosts: Iterable<string>;
  include: UrlPattern[];
  exclude: UrlPattern[];
}

/** URLs whose scope verdict a CrawlScope remembers. */
const SCOPE_MEMO_CAP = 8192;

/** Decides which URLs belong to the crawl: same host(s), include/exclude patterns, trap guards. */
export class CrawlScope {
  private readonly hosts: Set<string>;
  /** Verdicts of URLs checked lately: every page offers the same navigation links again (cleared when a host is added). */
  private readonly verdicts = new Map<string, ScopeRejection | null>();
  constructor(private readonly options: ScopeOptions) {
    this.hosts = new Set([...options.hosts].map((h) => h.toLowerCase()));
  }

  addHost(host: string) {
    this.hosts.add(host.toLowerCase());
    this.verdicts.clear();
  }

  get hostList(): string[] {
    return [...this.hosts];
  }

  hasHost(url: string): boolean {
    try {
      return this.hosts.has(new URL(url).host.toLowerCase());
    } catch {
      return false;
    }
  }

  check(url: string): ScopeRejection | null {
    if (url.length > MAX_URL_LENGTH) return this.checkOnce(url);
    let v = this.verdicts.get(url);
    if (v === undefined) {
      v = this.checkOnce(url);
      if (this.verdicts.size >= SCOPE_MEMO_CAP) this.verdicts.delete(this.verdicts.keys().next().value!);
      this.verdicts.set(url, v);
    }
    return v;
  }

  private checkOnce(url: string): ScopeRejection | null {
    if (!this.hasHost(url)) return 'out-of-scope';
    if (url.length > MAX_URL_LENGTH) return 'too-long';
    if (hasRepeatingPath(url)) return 'repeating-path';
    if (this.options.exclude.some((p) => p.test(url))) return 'excluded';
    if (this.options.include.length && !this.options.include.some((p) => p.test(url))) return 'not-included';
    return null;
  }
}

/** `/a/b/a/b/a/b/…`: relative links that keep stacking a path on itself. */
export function hasRepeatingPath(url: string): boolean {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split('/').filter(Boolean);
  } catch {
    return false;
  }
  if (segments.length > 40) return true;
  const counts = new Map<string, number>();
  for (const s of segments) {
    const n = (counts.get(s) ?? 0) + 1;
    if (n >= 4) return true;
    counts.set(s, n);
  }
  return false;
}
