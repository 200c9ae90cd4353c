import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../crawler/browser.ts';
import { AddressGuard, type LookupFn } from '../../crawler/crawl/address-guard.ts';
import { startGuardProxy, type GuardProxy } from '../../crawler/guard-proxy.ts';

// The Chromium of Lighthouse and --render, driven through the guard proxy: a public page cannot make
// this machine reach a private address, by name, by literal IP, or by a name that resolves to one.
let publicSite: Server;
let privateSite: Server;
let publicPort = 0;
let privatePort = 0;
const privateHits: string[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  privateSite = createServer((req, res) => {
    privateHits.push(req.url ?? '');
    res.end('secret');
  });
  privatePort = await listen(privateSite);
  publicSite = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>public</title><h1>Public page</h1>
      <img src="http://localhost:${privatePort}/img-by-name">
      <img src="http://127.0.0.2:${privatePort}/img-by-ip">
      <img src="http://rebind.example:${privatePort}/img-by-rebinding-name">
      <script>fetch('http://localhost:${privatePort}/fetch').catch(() => {}); document.title = 'loaded';</script>`);
  });
  publicPort = await listen(publicSite);
});
afterAll(() => {
  publicSite?.close();
  privateSite?.close();
});

/** Stands in for DNS: the start host is the "public" site; rebind.example resolves to a private address. */
const lookup = ((hostname: string, options: unknown, callback: (err: Error | null, addrs: Array<{ address: string; family: number }>) => void) => {
  const cb = typeof options === 'function' ? (options as typeof callback) : callback;
  const address = hostname === 'rebind.example' ? '127.0.0.1' : hostname === 'localhost' ? '127.0.0.1' : hostname;
  cb(null, [{ address, family: 4 }]);
}) as unknown as LookupFn;

describe('guard proxy', () => {
  it('lets the public page load and refuses every request it makes to private addresses', async () => {
    // The crawl started on 127.0.0.1:publicPort, treated as a public site: only its own host is exempt.
    const guard = new AddressGuard(false, ['127.0.0.1'], lookup);
    const proxy: GuardProxy = await startGuardProxy(guard);
    const chromium = await launchChromium({ extraArgs: proxy.chromiumArgs });
    try {
      const page = await chromium.browser.newPage();
      await page.goto(`http://127.0.0.1:${publicPort}/`, { waitUntil: 'networkidle0' });
      expect(await page.title()).toBe('loaded');
      expect(privateHits).toEqual([]);
      expect(proxy.refused.some((r) => r.includes('localhost'))).toBe(true);
      expect(proxy.refused.some((r) => r.includes('127.0.0.2'))).toBe(true);
      expect(proxy.refused.some((r) => r.includes('rebind.example'))).toBe(true);
    } finally {
      await chromium.close();
      await proxy.close();
    }
  }, 120_000);

  it('allows private targets when the crawl itself started on a local address', async () => {
    const proxy = await startGuardProxy(new AddressGuard(true, [], lookup));
    const chromium = await launchChromium({ extraArgs: proxy.chromiumArgs });
    try {
      const page = await chromium.browser.newPage();
      await page.goto(`http://127.0.0.1:${publicPort}/`, { waitUntil: 'networkidle0' });
      expect(privateHits.length).toBeGreaterThan(0);
      expect(proxy.refused).toEqual([]);
    } finally {
      await chromium.close();
      await proxy.close();
    }
  }, 120_000);
});
