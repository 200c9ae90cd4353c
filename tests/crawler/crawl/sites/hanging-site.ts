import { html, page, startSite, type TestSite } from './server.ts';

/** One page accepts the connection and never answers; one sends headers then stalls. */
export function startHangingSite(): Promise<TestSite> {
  return startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/') return html(res, page('Home', ['/stuck', '/stalls', '/fine']));
    if (url.pathname === '/stuck') return; // never answers
    if (url.pathname === '/stalls') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>Stalls');
      return; // body never finishes
    }
    html(res, page(url.pathname));
  });
}
