/**
 * URL identity, in one place: which query parameters only track, how a host is compared, and the keys
 * two URLs of the same page share. The crawler's de-duplication, the site audits, the report and the
 * extension's matching of Google results to report pages all read these. Registrable domains (the
 * Public Suffix List) are in shared/public-suffix.ts, apart, so that the content script does not carry the list.
 */

/**
 * Query parameters that only track a campaign, click or visit: they never change what a page says. The
 * crawler drops them before de-duplication (with its sort and session lists), the extension before matching
 * a result to a report page. `*` matches any characters.
 */
export const TRACKING_PARAMS: readonly string[] = [
  'utm_*', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'yclid', 'twclid', 'igshid',
  'mc_*', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'srsltid', 'ref',
];

/** `utm_*` style names → one case-insensitive regex per name. */
export function paramMatchers(names: readonly string[]): RegExp[] {
  return names
    .map((n) => n.trim())
    .filter(Boolean)
    .map((n) => new RegExp(`^${n.split('*').map(escapeRegex).join('.*')}$`, 'i'));
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const TRACKING = paramMatchers(TRACKING_PARAMS);

/** Whether a query parameter only tracks (see TRACKING_PARAMS). */
export function isTrackingParam(name: string): boolean {
  return TRACKING.some((re) => re.test(name));
}

/** A host as compared across sources: lower-case, no trailing dot, no leading "www.". Port kept if given. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

/** The normalised host name (no port) of a URL; '' when it is not a URL. */
export function hostOfUrl(url: string): string {
  try {
    return normalizeHost(new URL(url).hostname);
  } catch {
    return '';
  }
}

/** Same site for link classification: same host and port, ignoring a leading www. */
export function isSameSite(a: string, b: string): boolean {
  try {
    return normalizeHost(new URL(a).host) === normalizeHost(new URL(b).host);
  } catch {
    return false;
  }
}

/**
 * The key two URLs of the same page share across sources (Google's result links, a crawl report, the live
 * cache): scheme, "www.", default port, fragment, trailing slash, /index.html, tracking parameters and
 * parameter order do not matter. '' when it is not an http(s) URL.
 */
export function urlKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '';
  const host = normalizeHost(parsed.hostname);
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  let path = parsed.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/$/, '');
  path = path.replace(/\/index\.html?$/i, '') || '/';
  const params = [...parsed.searchParams.entries()].filter(([name]) => !isTrackingParam(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${search}`;
}

/**
 * The key of a URL within one crawl, where the crawler has already normalised what it fetched: parsed and
 * re-serialised, fragment dropped, nothing else. Matches links, sitemap entries and redirect hops to the
 * pages fetched (a trailing slash or "www." is a different fetch, and a redirect between them is a finding).
 */
export function fetchedUrlKey(url: string): string {
  try {
    const u = new URL(url.trim());
    u.hash = '';
    return u.href;
  } catch {
    return url.trim();
  }
}

/**
 * Orders by URL (code-unit order, like `<`): what site-wide audits and scoring read pages in, so that which page
 * a report names first never depends on fetch timing.
 */
export function byUrl(a: { url: string }, b: { url: string }): number {
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}
