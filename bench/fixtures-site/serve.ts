/**
 * Serves the generated benchmark site on 127.0.0.1: `node --import tsx bench/fixtures-site/serve.ts <pages> [real|small]`
 * (real: ~92 KB pages from real-site.ts, the default; small: ~12 KB pages from site.ts).
 * Prints `{"origin": …}` on stdout when listening; counts requests (GET /__stats).
 */
import { createServer } from 'node:http';
import { realPageHtml } from './real-site.ts';
import { pageHtml, pageIndexOf } from './site.ts';

export type SiteKind = 'real' | 'small';

export interface BenchServer {
  origin: string;
  requests(): number;
  close(): Promise<void>;
}

export async function serveBenchSite(total: number, port = 0, kind: SiteKind = 'real'): Promise<BenchServer> {
  const render = kind === 'small' ? pageHtml : realPageHtml;
  let requests = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/__stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ requests }));
      return;
    }
    requests++;
    if (url.pathname === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nAllow: /\n');
      return;
    }
    const i = pageIndexOf(url.pathname, total);
    if (i === null) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Not found</title><h1>Not found</h1>');
      return;
    }
    const body = render(i, total);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'));
if (isMain) {
  const total = Number(process.argv[2] ?? 5000);
  const kind: SiteKind = process.argv[3] === 'small' ? 'small' : 'real';
  const s = await serveBenchSite(total, 0, kind);
  process.stdout.write(`${JSON.stringify({ origin: s.origin, pages: total, kind })}\n`);
  process.on('SIGTERM', () => void s.close().then(() => process.exit(0)));
}
