/**
 * Serves ../shared/fixtures/sites/zerabooks on 127.0.0.1 the way its README says a staging copy is
 * crawled: `/x/` → `x/index.html`, `/x` redirects to `/x/` (as GitHub Pages does), the site's own
 * origin (https://zerabooks.github.io) rewritten to the local one, the company's main site
 * (www.zerabooks.com) left as it is (external links). The copy has no sitemap and poor discovery
 * (37 of 85 pages unreachable from `/`), so the server publishes /sitemap.xml listing every page,
 * as a site generator would. README.md and questions.json (not part of the site) are not served.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ZERABOOKS_DIR = path.join(ROOT, '../shared/fixtures/sites/zerabooks');
const OWN_ORIGIN = /https?:\/\/zerabooks\.github\.io/g;

export interface ZerabooksServer {
  origin: string;
  /** Site paths of every page ("/", "/pricing/", …). */
  paths: string[];
  close(): Promise<void>;
}

/** Every page of the copy as a site path. */
export function zerabooksPaths(dir = ZERABOOKS_DIR): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const p = path.join(rel, name);
      if (statSync(path.join(dir, p)).isDirectory()) walk(p);
      else if (name === 'index.html') out.push(`/${rel ? `${rel.split(path.sep).join('/')}/` : ''}`);
    }
  };
  walk('');
  return out;
}

export async function serveZerabooks(dir = ZERABOOKS_DIR): Promise<ZerabooksServer> {
  const paths = zerabooksPaths(dir);
  const known = new Set(paths);
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const p = decodeURIComponent(url.pathname);
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (p === '/sitemap.xml') {
      const urls = paths.map((x) => `<url><loc>${origin}${x}</loc></url>`).join('');
      return send(200, 'application/xml; charset=utf-8', `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`);
    }
    if (p === '/robots.txt') return send(200, 'text/plain; charset=utf-8', `User-agent: *\nAllow: /\nSitemap: ${origin}/sitemap.xml\n`);
    if (!p.endsWith('/') && known.has(`${p}/`)) return send(301, 'text/plain; charset=utf-8', '', { location: `${p}/${url.search}` });
    if (known.has(p)) {
      const file = path.join(dir, p, 'index.html');
      if (existsSync(file)) return send(200, 'text/html; charset=utf-8', readFileSync(file, 'utf8').replace(OWN_ORIGIN, origin));
    }
    return send(404, 'text/html; charset=utf-8', '<!doctype html><title>Not found</title><h1>Not found</h1>');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
