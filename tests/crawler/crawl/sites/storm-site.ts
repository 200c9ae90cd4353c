import { html, page, startSite, type TestSite } from './server.ts';

/** A 5xx storm: most pages fail every time, every third fails once then recovers. */
export function startStormSite(): Promise<TestSite> {
  const attempts = new Map<string, number>();
  return startSite(async (_req, res, url) => {
    const n = (attempts.get(url.pathname) ?? 0) + 1;
    attempts.set(url.pathname, n);
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    const links = Array.from({ length: 12 }, (_, i) => `/p${i}`);
    if (url.pathname === '/') return html(res, page('Home', links));
    const i = Number(url.pathname.slice(2));
    if (i % 3 === 0 && n > 1) return html(res, page(`Recovered ${i}`));
    res.writeHead(i % 2 ? 503 : 500, { 'content-type': 'text/plain' });
    res.end('server error');
  });
}
