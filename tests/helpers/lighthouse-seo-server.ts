import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SHARED_FIXTURES } from './paths.ts';

export const LH_DIR = path.join(SHARED_FIXTURES, 'lighthouse-seo');

export interface LighthouseCase {
  id: string;
  page: string;
  status: number;
  headers: Array<[string, string]>;
  audits: Record<string, { score: number | null; items?: number; texts?: string[]; explanation?: string }>;
}

export async function lighthouseCases(): Promise<LighthouseCase[]> {
  return JSON.parse(await readFile(path.join(LH_DIR, 'expectations.json'), 'utf8')).cases;
}

/**
 * Serves the Lighthouse SEO fixture folder as its expectations say: robots.txt at the root and each
 * case at /<case id>/<page> with that case's status and headers ({origin} replaced).
 */
export async function serveLighthouseSeo(originOverride?: (port: number) => string) {
  const cases = await lighthouseCases();
  let origin = '';
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(await readFile(path.join(LH_DIR, 'robots.txt')));
      return;
    }
    const [, id, page] = url.pathname.split('/');
    const c = cases.find((x) => x.id === id && x.page === page);
    if (!c) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>404</title>');
      return;
    }
    const headers: Array<[string, string]> = [['content-type', 'text/html; charset=utf-8'], ...c.headers.map(([k, v]) => [k, v.replaceAll('{origin}', origin)] as [string, string])];
    res.writeHead(c.status, headers.flat());
    res.end(await readFile(path.join(LH_DIR, c.page)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  origin = originOverride ? originOverride(port) : `http://127.0.0.1:${port}`;
  return {
    base: `http://127.0.0.1:${port}`,
    origin,
    cases,
    urlOf: (c: LighthouseCase) => `http://127.0.0.1:${port}/${c.id}/${c.page}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
