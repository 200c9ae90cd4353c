import { html, page, startSite, type TestSite } from './server.ts';

/** Redirect loops and an endless redirect staircase, linked from the home page. */
export function startRedirectLoopSite(): Promise<TestSite> {
  return startSite(async (_req, res, url) => {
    const p = url.pathname;
    if (p === '/robots.txt') return void res.writeHead(404).end();
    if (p === '/') return html(res, page('Home', ['/loop-a', '/self', '/stairs/0', '/ok']));
    if (p === '/loop-a') return void res.writeHead(301, { location: '/loop-b' }).end();
    if (p === '/loop-b') return void res.writeHead(302, { location: '/loop-a' }).end();
    if (p === '/self') return void res.writeHead(301, { location: '/self' }).end();
    const stair = /^\/stairs\/(\d+)$/.exec(p);
    if (stair) return void res.writeHead(301, { location: `/stairs/${Number(stair[1]) + 1}` }).end();
    html(res, page(p));
  });
}
