import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** A test site on 127.0.0.1 that counts what the crawler asked for. */
export interface TestSite {
  origin: string;
  port: number;
  /** Requests per path+query, in arrival order. */
  hits: Map<string, number>;
  log: Array<{ path: string; at: number }>;
  /** TCP connections opened by clients (keep-alive reuse keeps this low). */
  connections(): number;
  /** Requests whose response was completely sent. */
  completed: Map<string, number>;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export async function startSite(handler: Handler): Promise<TestSite> {
  const hits = new Map<string, number>();
  const completed = new Map<string, number>();
  const log: Array<{ path: string; at: number }> = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const key = `${url.pathname}${url.search}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    log.push({ path: key, at: Date.now() });
    res.on('finish', () => completed.set(key, (completed.get(key) ?? 0) + 1));
    Promise.resolve(handler(req, res, url)).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    hits,
    completed,
    log,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function html(res: ServerResponse, body: string, status = 200, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
}

export function text(res: ServerResponse, body: string, status = 200, type = 'text/plain') {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

/** A minimal page with a title and links. */
export function page(title: string, links: string[] = [], extra = ''): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title>${extra}</head><body><h1>${title}</h1><p>Some words about ${title} for the reader.</p>${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}</body></html>`;
}
