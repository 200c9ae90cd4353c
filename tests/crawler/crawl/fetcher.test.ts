import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressGuard, type LookupFn } from '../../../crawler/crawl/address-guard.ts';
import { Fetcher, parseRetryAfter, type FetcherOptions } from '../../../crawler/crawl/fetcher.ts';
import { HostGate } from '../../../crawler/crawl/host-gate.ts';
import { startFetchScenarios } from './sites/fetch-scenarios.ts';

type Site = Awaited<ReturnType<typeof startFetchScenarios>>;
let site: Site;
const fetchers: Fetcher[] = [];

/** Resolves every name to 127.0.0.1, as a hostile DNS record pointing a public name inward would. */
const inward: LookupFn = ((hostname: string, options: unknown, callback: unknown) => {
  const cb = (typeof options === 'function' ? options : callback) as (e: Error | null, a?: LookupAddress[] | string, f?: number) => void;
  if ((options as { all?: boolean })?.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
  else cb(null, '127.0.0.1', 4);
}) as LookupFn;

function makeFetcher(overrides: Partial<FetcherOptions> = {}): Fetcher {
  const f = new Fetcher({
    userAgent: 'zmotbot-test',
    timeoutMs: 3000,
    headersTimeoutMs: 800,
    bodyTimeoutMs: 800,
    maxBodyBytes: 1024 * 1024,
    maxRedirects: 10,
    retries: 2,
    retryBaseMs: 10,
    maxRetryAfterMs: 2000,
    connectionsPerHost: 4,
    guard: new AddressGuard(true),
    gate: new HostGate({ concurrency: 4, delayMs: 0 }),
    ...overrides,
  });
  fetchers.push(f);
  return f;
}

beforeAll(async () => {
  site = await startFetchScenarios();
});
afterAll(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  await site.close();
});

describe('fetcher: connections and redirects', () => {
  it('reuses keep-alive connections', async () => {
    const f = makeFetcher({ connectionsPerHost: 1 });
    const before = site.connections();
    for (let i = 0; i < 10; i++) expect((await f.fetch({ url: `${site.origin}/ok` })).status).toBe(200);
    expect(site.connections() - before).toBe(1);
  });

  it('follows redirects by hand and records the chain', async () => {
    const r = await makeFetcher().fetch({ url: `${site.origin}/chain/1` });
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${site.origin}/ok`);
    expect(r.redirectChain).toEqual([
      { url: `${site.origin}/chain/1`, status: 301 },
      { url: `${site.origin}/chain/2`, status: 302 },
      { url: `${site.origin}/chain/3`, status: 307 },
    ]);
    expect(r.body?.toString()).toContain('<title>OK</title>');
  });

  it('detects redirect loops', async () => {
    const r = await makeFetcher().fetch({ url: `${site.origin}/loop/a` });
    expect(r.errorCode).toBe('redirect-loop');
    expect(r.error).toBe(`redirect loop: ${site.origin}/loop/a → ${site.origin}/loop/b → ${site.origin}/loop/a`);
  });

  it('stops after the maximum number of redirects', async () => {
    const r = await makeFetcher({ maxRedirects: 5 }).fetch({ url: `${site.origin}/hops/0` });
    expect(r.errorCode).toBe('too-many-redirects');
    expect(r.redirectChain).toHaveLength(6);
    expect(site.hits.get('/hops/6')).toBeUndefined();
  });

  it('lets the caller stop a redirect (scope, robots) and says why', async () => {
    const r = await makeFetcher().fetch({ url: `${site.origin}/chain/1`, onRedirect: () => ({ follow: false, reason: 'outside the crawl scope' }) });
    expect(r.status).toBe(301);
    expect(r.redirectStopped).toEqual({ to: `${site.origin}/chain/2`, reason: 'outside the crawl scope' });
  });
});

describe('fetcher: retries', () => {
  it('retries 5xx with backoff until the server recovers', async () => {
    const r = await makeFetcher().fetch({ url: `${site.origin}/flaky-503` });
    expect(r.status).toBe(200);
    expect(r.attempts).toBe(3);
  });

  it('gives up after the retry budget and records the status', async () => {
    const r = await makeFetcher({ retries: 2 }).fetch({ url: `${site.origin}/always-500` });
    expect(r.status).toBe(500);
    expect(r.attempts).toBe(3);
    expect(site.hits.get('/always-500')).toBe(3);
  });

  it('waits as long as Retry-After asks before retrying a 429', async () => {
    const r = await makeFetcher().fetch({ url: `${site.origin}/rate-limited` });
    expect(r.status).toBe(200);
    const times = site.log.filter((l) => l.path === '/rate-limited').map((l) => l.at);
    expect(times).toHaveLength(2);
    // Politeness, not speed: the second request must not come before the server allowed it.
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(950);
  });

  it('does not wait an unreasonable Retry-After and records why', async () => {
    const r = await makeFetcher().fetch({ url: `${site.origin}/rate-limited-long` });
    expect(r.status).toBe(429);
    expect(r.error).toMatch(/retry after 3600s, longer than the 2s the crawler waits/);
    expect(site.hits.get('/rate-limited-long')).toBe(1);
  });

  it('retries a connection reset', async () => {
    const r = await makeFetcher().fetch({ url: `${site.origin}/reset-once` });
    expect(r.status).toBe(200);
    expect(r.attempts).toBe(2);
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('fetcher: hostile servers', () => {
  it('gives up on a connection that never answers', async () => {
    const r = await makeFetcher({ retries: 1 }).fetch({ url: `${site.origin}/hang` });
    expect(r.status).toBe(0);
    expect(r.errorCode).toBe('timeout');
    expect(r.error).toMatch(/no response headers within 0.8s/);
  });

  it('gives up on a body that trickles in forever', async () => {
    const r = await makeFetcher({ timeoutMs: 1000, retries: 0 }).fetch({ url: `${site.origin}/drip` });
    expect(r.status).toBe(200);
    expect(r.errorCode).toBe('timeout');
    expect(r.error).toMatch(/timed out after 1s/);
  });

  it('reads a 50 MB page only up to the body cap', async () => {
    const r = await makeFetcher({ maxBodyBytes: 1024 * 1024 }).fetch({ url: `${site.origin}/huge` });
    expect(r.status).toBe(200);
    expect(r.truncated).toBe(true);
    expect(r.errorCode).toBe('body-too-large');
    expect(r.body?.length).toBe(1024 * 1024);
    expect(r.body?.toString('utf8', 0, 100)).toContain('<title>Huge page</title>');
    // The server stopped sending soon after the cap, not after 50 MB.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(site.bytesSent()).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses a decompression bomb without inflating it', async () => {
    const r = await makeFetcher({ maxBodyBytes: 2 * 1024 * 1024 }).fetch({ url: `${site.origin}/bomb` });
    expect(r.errorCode).toBe('decompression-bomb');
    expect(r.body).toBeNull();
    expect(r.bodyBytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(r.error).toMatch(/decompression bomb/);
  });

  it('decodes gzip, brotli and deflate', async () => {
    const f = makeFetcher();
    for (const [path, title] of [['/gzip', 'Gzipped'], ['/br', 'Brotli'], ['/deflate', 'Deflated']]) {
      const r = await f.fetch({ url: `${site.origin}${path}` });
      expect(r.body?.toString()).toContain(`<title>${title}</title>`);
      expect(r.wireBytes).toBeLessThan(r.bodyBytes!);
    }
  });

  it('records a body that claims gzip but is not', async () => {
    const r = await makeFetcher().fetch({ url: `${site.origin}/bad-gzip` });
    expect(r.errorCode).toBe('bad-encoding');
    expect(r.error).toMatch(/could not decompress the gzip body/);
  });

  it('records a non-HTML response without downloading it', async () => {
    const r = await makeFetcher().fetch({ url: `${site.origin}/pdf` });
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('application/pdf');
    expect(r.body).toBeNull();
    expect(r.bodyBytes).toBe(2_000_000);
  });
});

describe('fetcher: private network guard', () => {
  const publicGuard = () => new AddressGuard(false, ['127.0.0.1'], inward);

  it('refuses a redirect to localhost when the crawl started elsewhere', async () => {
    const r = await makeFetcher({ guard: publicGuard() }).fetch({ url: `${site.origin}/to-private` });
    expect(r.errorCode).toBe('private-address');
    expect(r.error).toMatch(/refused: the target is a private, loopback or link-local address/);
    expect(r.redirectChain).toEqual([{ url: `${site.origin}/to-private`, status: 302 }]);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    const r = await makeFetcher({ guard: publicGuard() }).fetch({ url: `${site.origin}/to-metadata` });
    expect(r.errorCode).toBe('private-address');
    expect(r.url).toBe('http://169.254.169.254/latest/meta-data/');
  });

  it('refuses a public-looking name that resolves to a private address', async () => {
    const okHitsBefore = site.hits.get('/ok') ?? 0;
    const r = await makeFetcher({ guard: publicGuard() }).fetch({ url: `${site.origin}/to-evil-name` });
    expect(r.errorCode).toBe('private-address');
    expect(r.url).toBe(`http://evil.test:${site.port}/ok`);
    // The refused target was never requested: the private server behind the name saw nothing.
    expect(site.hits.get('/ok') ?? 0).toBe(okHitsBefore);
  });
});
