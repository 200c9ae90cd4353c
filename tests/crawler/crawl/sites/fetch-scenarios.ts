import zlib from 'node:zlib';
import { html, page, startSite, type TestSite } from './server.ts';

/**
 * One site serving every fetch-level scenario, each under its own path:
 * redirects and loops, retries (5xx, 429 + Retry-After, resets), hangs, slow bodies,
 * huge bodies, gzip bombs, and each content encoding.
 */
export async function startFetchScenarios(): Promise<TestSite & { bytesSent: () => number; resetAttempts: () => void }> {
  let bytesSent = 0;
  const bomb = await gzipBomb();
  const attempts = new Map<string, number>();
  const site = await startSite(async (req, res, url) => {
    const p = url.pathname;
    const n = (attempts.get(p) ?? 0) + 1;
    attempts.set(p, n);
    if (p === '/ok') return html(res, page('OK'));
    if (p === '/chain/1') return void res.writeHead(301, { location: '/chain/2' }).end();
    if (p === '/chain/2') return void res.writeHead(302, { location: `${site.origin}/chain/3` }).end();
    if (p === '/chain/3') return void res.writeHead(307, { location: '/ok' }).end();
    if (p === '/loop/a') return void res.writeHead(301, { location: '/loop/b' }).end();
    if (p === '/loop/b') return void res.writeHead(301, { location: '/loop/a' }).end();
    if (p.startsWith('/hops/')) {
      const i = Number(p.slice(6));
      return void res.writeHead(301, { location: `/hops/${i + 1}` }).end();
    }
    if (p === '/flaky-503') return n < 3 ? void res.writeHead(503).end('busy') : html(res, page('Recovered'));
    if (p === '/always-500') return void res.writeHead(500).end('broken');
    if (p === '/rate-limited') return n === 1 ? void res.writeHead(429, { 'retry-after': '1' }).end() : html(res, page('After the wait'));
    if (p === '/rate-limited-long') return void res.writeHead(429, { 'retry-after': '3600' }).end();
    if (p === '/reset-once') {
      if (n === 1) return void req.socket.destroy();
      return html(res, page('After a reset'));
    }
    if (p === '/hang') return; // never answers
    if (p === '/drip') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>Drip</title>');
      const t = setInterval(() => {
        if (res.destroyed) return clearInterval(t);
        res.write('.');
      }, 100);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (p === '/huge') {
      // 50 MB of HTML, streamed; stops as soon as the client goes away.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const chunk = Buffer.from(`<p>${'x'.repeat(64 * 1024 - 7)}</p>`);
      res.write('<!doctype html><html><head><title>Huge page</title></head><body>');
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          if (res.destroyed) return;
          sent += chunk.length;
          bytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('</body></html>');
      };
      pump();
      return;
    }
    if (p === '/bomb') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(bomb);
      return;
    }
    if (p === '/gzip') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync(page('Gzipped')));
    if (p === '/br') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' }).end(zlib.brotliCompressSync(page('Brotli')));
    if (p === '/deflate') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' }).end(zlib.deflateSync(page('Deflated')));
    if (p === '/bad-gzip') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(Buffer.from('this is not gzip at all'));
    if (p === '/pdf') return void res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '2000000' }).end(Buffer.alloc(2_000_000));
    if (p === '/to-private') return void res.writeHead(302, { location: `http://localhost:${site.port}/ok` }).end();
    if (p === '/to-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (p === '/to-evil-name') return void res.writeHead(302, { location: `http://evil.test:${site.port}/ok` }).end();
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end(page('Not found'));
  });
  return { ...site, bytesSent: () => bytesSent, resetAttempts: () => attempts.clear() };
}

/** 100 MB of zeros gzipped to about 100 KB: a decompression bomb. */
export async function gzipBomb(megabytes = 100): Promise<Buffer> {
  const gz = zlib.createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gz.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => gz.on('end', resolve));
  const zero = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!gz.write(zero)) await new Promise((r) => gz.once('drain', r));
  gz.end();
  await done;
  return Buffer.concat(parts);
}
