import { html, page, startSite, type TestSite } from './server.ts';

/** A 50 MB HTML page linked from a normal one; counts the bytes actually sent. */
export async function startHugePageSite(): Promise<TestSite & { bytesSent(): number }> {
  let sent = 0;
  const site = await startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/') return html(res, page('Home', ['/huge', '/after']));
    if (url.pathname === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(50 * 1024 * 1024) });
      const head = Buffer.from('<!doctype html><html><head><title>Huge page</title></head><body><a href="/linked-from-huge">x</a>');
      res.write(head);
      sent += head.length;
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          if (res.destroyed) return;
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    html(res, page(url.pathname));
  });
  return { ...site, bytesSent: () => sent };
}
