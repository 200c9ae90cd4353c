/** Query parameters that never change what a page says: dropped before URLs are compared. */
const TRACKING_PARAMS = /^(utm_[a-z]+|gclid|gbraid|wbraid|fbclid|msclkid|mc_[a-z]+|_ga|_gl|ref|srsltid)$/i;

/**
 * The key two URLs of the same page share: scheme, "www.", default port, fragment, trailing slash,
 * tracking parameters and parameter order do not matter. Used to match Google's result URLs to the
 * pages of an imported crawl report and to key the live-score cache. '' when it is not a URL.
 */
export function urlKey(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '';
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  let path = parsed.pathname.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/$/, '');
  path = path.replace(/\/index\.html?$/i, '') || '/';
  const params = [...parsed.searchParams.entries()].filter(([name]) => !TRACKING_PARAMS.test(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${search}`;
}
