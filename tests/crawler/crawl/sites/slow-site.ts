import { html, page, startSite, type TestSite } from './server.ts';

/** Every page answers after `delayMs`: a slow but working server. */
export function startSlowSite(delayMs = 300): Promise<TestSite> {
  return startSite(async (_req, res, url) => {
    await new Promise((r) => setTimeout(r, delayMs));
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/') return html(res, page('Slow home', ['/1', '/2', '/3', '/4']));
    if (/^\/\d$/.test(url.pathname)) return html(res, page(`Slow ${url.pathname}`));
    html(res, page('Not found'), 404);
  });
}
