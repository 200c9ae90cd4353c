import { html, page, startSite, type TestSite } from './server.ts';

/** The server rate-limits the first request to each page with 429 and Retry-After: 1. */
export function startRateLimitSite(): Promise<TestSite> {
  const seen = new Set<string>();
  return startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (!seen.has(url.pathname)) {
      seen.add(url.pathname);
      return void res.writeHead(429, { 'retry-after': '1' }).end();
    }
    if (url.pathname === '/') return html(res, page('Home', ['/next']));
    html(res, page(url.pathname));
  });
}
