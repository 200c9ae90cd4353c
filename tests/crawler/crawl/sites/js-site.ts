import { html, startSite, type TestSite } from './server.ts';

/** A site built by JavaScript: the DOM only has content after scripts run. */
export function startJsSite(): Promise<TestSite> {
  return startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return void res.end(`
        document.title = 'Rendered home';
        document.getElementById('app').innerHTML = '<h1>Built by script</h1><p>Prices start at $49.</p><a href="/from-js">made by JS</a><img src="/pixel.png" alt="">';
      `);
    }
    if (url.pathname === '/') return html(res, '<!doctype html><html lang="en"><head><title>Loading…</title><script src="/app.js" defer></script></head><body><div id="app"></div></body></html>');
    if (url.pathname === '/from-js') return html(res, '<!doctype html><html><head><title>From JS</title></head><body><h1>Reached through a script link</h1><script>location.href = "/elsewhere";</script></body></html>');
    if (url.pathname === '/pixel.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
    html(res, '<title>other</title>');
  });
}
