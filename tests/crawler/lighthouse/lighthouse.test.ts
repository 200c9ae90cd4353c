import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseSample, runLighthouseSample, templateOf, workerCount } from '../../../crawler/lighthouse/index.ts';
import { extractArtifacts } from '../../../shared/extract/index.ts';
import type { LighthouseFigures } from '../../../shared/schemas/index.ts';

describe('templateOf', () => {
  it('groups pages by path pattern, dropping language prefixes and ids', () => {
    expect(templateOf('https://brand.example/')).toBe('/');
    expect(templateOf('https://brand.example/fr/')).toBe('/');
    expect(templateOf('https://brand.example/about/')).toBe('/*');
    expect(templateOf('https://brand.example/guides/find-a-leak/')).toBe('/guides/*');
    expect(templateOf('https://brand.example/fr/guides/trouver-une-fuite/')).toBe('/guides/*');
    expect(templateOf('https://brand.example/blog/2024/05/winter-pipes')).toBe('/blog/:id/:id/*');
    expect(templateOf('not a url')).toBe('invalid-url');
  });

  it('adds the page kind from its markup, so product and category pages under one path differ', () => {
    const product = extractArtifacts({
      url: 'https://brand.example/products/sentry/',
      status: 200,
      html: '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Organization"},{"@type":"Product","name":"Sentry"}]}</script>',
    });
    const category = extractArtifacts({ url: 'https://brand.example/products/valves/', status: 200, html: '<meta property="og:type" content="website">' });
    expect(templateOf(product.url, product)).toBe('/products/* [Product]');
    expect(templateOf(category.url, category)).toBe('/products/* [website]');
  });
});

describe('chooseSample', () => {
  const pages = [
    ...['a', 'b', 'c', 'd', 'e', 'f'].map((s) => ({ url: `https://b.example/guides/${s}`, template: '/guides/*' })),
    ...['x', 'y'].map((s) => ({ url: `https://b.example/products/${s}`, template: '/products/*' })),
    { url: 'https://b.example/', template: '/' },
  ];

  it('covers every template before taking a second page of any, largest templates first', () => {
    expect(chooseSample(pages, 3)).toEqual(['https://b.example/guides/a', 'https://b.example/products/x', 'https://b.example/']);
    expect(chooseSample(pages, 2)).toEqual(['https://b.example/guides/a', 'https://b.example/products/x']);
  });

  it('then spends the rest on templates by size, never more pages than exist', () => {
    expect(chooseSample(pages, 5)).toEqual([
      'https://b.example/guides/a',
      'https://b.example/products/x',
      'https://b.example/',
      'https://b.example/guides/b',
      'https://b.example/guides/c',
    ]);
    expect(chooseSample(pages, 50)).toHaveLength(pages.length);
    expect(chooseSample(pages, 0)).toEqual([]);
  });

  it('never runs more workers than cores or jobs', () => {
    expect(workerCount(64, 3)).toBeLessThanOrEqual(3);
    expect(workerCount(undefined, 10)).toBe(1);
    expect(workerCount(0, 10)).toBe(1);
  });
});

describe('runLighthouseSample without a browser', () => {
  it('records the failure on each sampled page instead of throwing', async () => {
    const previous = process.env.CHROME_PATH;
    process.env.CHROME_PATH = '/nonexistent/chromium';
    try {
      const out = await runLighthouseSample(
        [
          { url: 'http://127.0.0.1:9/a', template: '/a' },
          { url: 'http://127.0.0.1:9/b', template: '/a' },
        ],
        { count: 1 },
      );
      expect(out.get('http://127.0.0.1:9/a')?.errorMessage).toMatch(/CHROME_PATH points to a missing file/);
      // The other page of the template inherits the failure, saying from where.
      expect(out.get('http://127.0.0.1:9/b')).toMatchObject({ inheritedFrom: 'http://127.0.0.1:9/a', performance: null });
    } finally {
      if (previous === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = previous;
    }
  });
});

// Real Lighthouse in real Chromium: one run per template of a two-template site, plus one unreachable page.
describe('runLighthouseSample on a local site', () => {
  let server: Server;
  let base = '';
  let figures: Map<string, LighthouseFigures>;
  const seconds: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('User-agent: *\nDisallow:\n');
        return;
      }
      const guide = req.url?.startsWith('/guides/');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>${guide ? 'How to find a hidden water leak' : 'Brand: leak detectors for homes'}</title>
        <meta name="description" content="A local test page for Lighthouse, with enough text to be a page."></head>
        <body><main><h1>${guide ? 'Guide' : 'Home'}</h1><p>Water leaks are found by reading the meter twice, two hours apart, with no water used.</p>
        ${guide ? '<ol><li>Close every tap.</li><li>Read the meter.</li><li>Wait two hours.</li></ol>' : '<a href="/guides/a">Find a hidden leak</a>'}</main></body></html>`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    figures = await runLighthouseSample(
      [
        { url: `${base}/`, template: '/' },
        { url: `${base}/guides/a`, template: '/guides/*' },
        { url: `${base}/guides/b`, template: '/guides/*' },
        // Nothing listens on port 9 here: Chromium cannot load it.
        { url: 'http://127.0.0.1:9/down', template: '/down' },
      ],
      { count: 3, concurrency: 2, onPage: (_url, _f, s) => seconds.push(s) },
    );
  }, 300_000);

  afterAll(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it('measures performance, SEO, LCP, CLS and TBT on one page per template', () => {
    for (const url of [`${base}/`, `${base}/guides/a`]) {
      const f = figures.get(url)!;
      expect(f.errorMessage).toBeNull();
      expect(f.inheritedFrom).toBeNull();
      expect(f.performance).toBeGreaterThan(0);
      expect(f.seo).toBeGreaterThan(0.5);
      expect(f.lcpMs).toBeGreaterThan(0);
      expect(f.cls).toBeGreaterThanOrEqual(0);
      expect(f.tbtMs).toBeGreaterThanOrEqual(0);
      // For the screen-reader and slow-mobile personas (shared/personas).
      expect(f.accessibility).toBeGreaterThan(0);
      expect(f.totalBytes).toBeGreaterThan(0);
    }
    expect(seconds).toHaveLength(3);
  });

  it('gives unsampled pages their template figures, marked as inherited', () => {
    const b = figures.get(`${base}/guides/b`)!;
    const a = figures.get(`${base}/guides/a`)!;
    expect(b.inheritedFrom).toBe(`${base}/guides/a`);
    expect(b.template).toBe('/guides/*');
    expect([b.performance, b.seo, b.lcpMs]).toEqual([a.performance, a.seo, a.lcpMs]);
  });

  it('records a failure on the page that failed while the others complete', () => {
    const down = figures.get('http://127.0.0.1:9/down')!;
    expect(down.errorMessage).toBeTruthy();
    expect(down.performance).toBeNull();
    expect(figures.size).toBe(4);
  });
});
