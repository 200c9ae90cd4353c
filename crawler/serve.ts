import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Routes {
  redirects?: Array<{ from: string; to: string; status?: number }>;
  headers?: Array<{ path: string; headers: Record<string, string> }>;
}

export interface StaticServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.gz': 'application/gzip',
};
const TEXT = /^(text\/|application\/(json|xml))/;

/**
 * Serves a folder on 127.0.0.1 (free port): pretty URLs (/a/ → /a/index.html, /a → /a.html),
 * optional redirects and extra headers, and `{{origin}}` in text files replaced by the server's origin.
 */
export async function serveStatic(root: string, options: { routes?: Routes; port?: number } = {}): Promise<StaticServer> {
  const rootDir = path.resolve(root);
  const routes = options.routes ?? {};
  let origin = '';
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin);
      const pathname = decodeURIComponent(url.pathname);
      const redirect = routes.redirects?.find((r) => r.from === pathname);
      if (redirect) {
        res.writeHead(redirect.status ?? 301, { location: redirect.to });
        res.end();
        return;
      }
      const file = await resolveFile(rootDir, pathname);
      if (!file) {
        const notFound = await resolveFile(rootDir, '/404.html');
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(notFound ? (await readFile(notFound, 'utf8')).replaceAll('{{origin}}', origin) : '<!doctype html><title>Not found</title><h1>Not found</h1>');
        return;
      }
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const extra = routes.headers?.find((h) => h.path === pathname)?.headers ?? {};
      let body: Buffer | string = await readFile(file);
      if (TEXT.test(type)) body = body.toString('utf8').replaceAll('{{origin}}', origin);
      res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('server error');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function resolveFile(root: string, pathname: string): Promise<string | null> {
  const target = path.resolve(root, `.${pathname}`);
  // Never serve outside the folder, whatever the request path says.
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  const candidates = pathname.endsWith('/') ? [path.join(target, 'index.html')] : [target, `${target}.html`, path.join(target, 'index.html')];
  for (const c of candidates) {
    const s = await stat(c).catch(() => null);
    if (s?.isFile()) return c;
  }
  return null;
}
