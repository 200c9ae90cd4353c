import { gzipBomb } from './fetch-scenarios.ts';
import { html, page, startSite, type TestSite } from './server.ts';

/** A page that is a gzip bomb (100 MB of zeros in ~100 KB), linked from a normal page. */
export async function startGzipBombSite(): Promise<TestSite> {
  const bomb = await gzipBomb();
  return startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/') return html(res, page('Home', ['/bomb', '/after']));
    if (url.pathname === '/bomb') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb);
    html(res, page(url.pathname));
  });
}
