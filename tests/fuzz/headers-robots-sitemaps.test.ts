/**
 * Hostile response headers (Link, X-Robots-Tag), robots.txt files and sitemaps through their parsers:
 * data or a typed error, in bounded time, never an exception.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import robotsParser from 'robots-parser';
import { describe, expect, it } from 'vitest';
import { RobotsRules, type RobotsRecord } from '../../crawler/crawl/robots.ts';
import { parseSitemapStream, SITEMAP_ERRORS, type SitemapEntry } from '../../crawler/crawl/sitemaps.ts';
import { normalizeHeaders, parseDirectiveList, parseLinkHeader, parseXRobotsTag } from '../../shared/extract/headers.ts';
import { anyText, bounded, params, payload, suiteTimeout } from './fuzz.ts';

const headerPiece = fc.oneof(
  fc.constantFrom('<', '>', ';', ',', '=', '"', "'", ' ', 'rel', 'canonical', 'alternate', 'hreflang', 'fr', 'x-default', 'noindex', 'nofollow', 'googlebot:', 'unavailable_after:', 'max-snippet:-1', ':', '\\"', 'https://a.test/x,y'),
  anyText,
);
const headerValue = fc.oneof(fc.array(headerPiece, { maxLength: 30 }).map((p) => p.join('')), payload, fc.string({ maxLength: 200 }));

describe('header parsers on hostile values', () => {
  it('Link headers give entries with string hrefs and params', { timeout: suiteTimeout(20_000) }, () => {
    fc.assert(
      fc.property(fc.array(headerValue, { maxLength: 4 }), (values) => {
        const entries = bounded('parseLinkHeader', values, () => parseLinkHeader(values));
        for (const e of entries) {
          expect(typeof e.href).toBe('string');
          for (const [k, v] of Object.entries(e.params)) expect(typeof k + typeof v).toBe('stringstring');
        }
      }),
      params(400),
    );
  });

  it('X-Robots-Tag values give agents with directive lists', { timeout: suiteTimeout(20_000) }, () => {
    fc.assert(
      fc.property(headerValue, (value) => {
        for (const e of bounded('parseXRobotsTag', value, () => parseXRobotsTag(value))) {
          expect(e.agent.length).toBeGreaterThan(0);
          expect(e.directives.length).toBeGreaterThan(0);
        }
        parseDirectiveList(value);
      }),
      params(400),
    );
  });

  it('a Link header made to backtrack is read in bounded time', () => {
    const nasty = [`<x>${'; a'.repeat(20_000)}`, `<x>;${' '.repeat(50_000)}a`, `${'<'.repeat(50_000)}`, `<x>; a="${'\\'.repeat(50_000)}`, `<x>${';a=b '.repeat(20_000)},`];
    for (const v of nasty) bounded('parseLinkHeader', v, () => parseLinkHeader([v]));
    bounded('parseXRobotsTag', 'x', () => parseXRobotsTag(`${'a:'.repeat(50_000)}noindex`));
  });

  it('header lists of any shape normalize', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.tuple(anyText, anyText), { maxLength: 8 }), fc.dictionary(anyText, fc.oneof(anyText, fc.array(anyText, { maxLength: 3 })))), (h) => {
        const n = normalizeHeaders(h as never);
        for (const [name] of n.all) expect(name).toBe(name.toLowerCase());
      }),
      params(300),
    );
  });
});

const robotsLine = fc.oneof(
  fc.tuple(fc.constantFrom('User-agent', 'user-agent', 'USER-AGENT', 'Disallow', 'Allow', 'Crawl-delay', 'Sitemap', 'Host', 'Noindex', 'Clean-param'), fc.constantFrom(':', ': ', ' : ', ''), fc.oneof(fc.constantFrom('*', 'zmotbot', 'Googlebot', '/', '/*', '/*.pdf$', '$', '/a*b*c', '10', '-1', 'NaN', '1e400', 'javascript:alert(1)', 'http://127.0.0.1/sitemap.xml'), anyText)).map(([k, sep, v]) => `${k}${sep}${v}`),
  anyText.map((t) => `# ${t}`),
  anyText,
);
const robotsTxt = fc.array(robotsLine, { maxLength: 40 }).chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((nl) => lines.join(nl)));

function rulesFor(content: string): RobotsRules {
  const record: RobotsRecord = { origin: 'http://127.0.0.1:8080', url: 'http://127.0.0.1:8080/robots.txt', status: 200, content, verdict: 'rules', message: 'rules read', fetchedAt: new Date(0).toISOString() };
  return new RobotsRules(record);
}

describe('robots.txt parsing on hostile files', () => {
  it('robots-parser and our rules give a verdict for any file and URL', { timeout: suiteTimeout(20_000) }, () => {
    const url = fc.oneof(fc.constant('http://127.0.0.1:8080/a/b.pdf?x=1'), fc.webUrl().map((u) => `http://127.0.0.1:8080${new URL(u).pathname}`), anyText.map((t) => `http://127.0.0.1:8080/${t}`));
    fc.assert(
      fc.property(robotsTxt, url, (content, u) => {
        bounded('robots', content, () => {
          const plain = robotsParser('http://127.0.0.1:8080/robots.txt', content);
          plain.isAllowed(u, 'zmotbot');
          plain.getCrawlDelay('zmotbot');
          const rules = rulesFor(content);
          expect(typeof rules.isAllowed(u)).toBe('boolean');
          expect(typeof rules.isAllowedForGoogle(u)).toBe('boolean');
          const delay = rules.crawlDelayMs();
          if (delay !== null) expect(delay).toBeGreaterThan(0);
          for (const s of rules.sitemaps) expect(s).toMatch(/^https?:\/\//i);
          rules.artifactFor(u);
        });
      }),
      params(300),
    );
  });

  it('a robots.txt of wildcard-heavy rules answers a long URL in bounded time', () => {
    const content = `User-agent: *\n${Array.from({ length: 200 }, (_, i) => `Disallow: /${'*a'.repeat(200)}${i}`).join('\n')}`;
    const rules = rulesFor(content);
    bounded('robots wildcard rules', content, () => rules.isAllowed(`http://127.0.0.1:8080/${'a'.repeat(2_000)}`));
  });
});

async function readSitemap(body: Buffer | string, maxUrls?: number) {
  const entries: SitemapEntry[] = [];
  const sitemaps: string[] = [];
  const chunks = typeof body === 'string' ? Buffer.from(body) : body;
  // Delivered in small chunks, as a network would, so element boundaries fall anywhere.
  const pieces = Array.from({ length: Math.ceil(chunks.length / 997) || 1 }, (_, i) => chunks.subarray(i * 997, (i + 1) * 997));
  const outcome = await parseSitemapStream(Readable.from(pieces), { onUrls: (e) => entries.push(...e), onSitemaps: (s) => sitemaps.push(...s) }, { maxUrls });
  for (const e of entries) expect(e.loc).toMatch(/^https?:\/\//i);
  return { ...outcome, entries, sitemaps };
}

const loc = fc.oneof(fc.webUrl({ withQueryParameters: true }), payload, anyText, fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', '<![CDATA[http://127.0.0.1/x]]>', '&lol;', 'http://127.0.0.1/&amp;&lt;'));
const sitemapXml = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(loc, fc.oneof(fc.constant(''), anyText)), { maxLength: 20 }), fc.constantFrom('urlset', 'sitemapindex', 'other'))
  .map(([decl, items, root]) => {
    const tag = root === 'sitemapindex' ? 'sitemap' : 'url';
    return `${decl ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${items.map(([l, m]) => `<${tag}><loc>${l}</loc>${m ? `<lastmod>${m}</lastmod>` : ''}</${tag}>`).join('\n')}</${root}>`;
  });

describe('sitemap parsing on hostile files', () => {
  it('gives http(s) entries or an error in words, for XML, text, gzip and garbage', { timeout: suiteTimeout(30_000) }, async () => {
    const body = fc.oneof(
      sitemapXml,
      fc.array(loc, { maxLength: 20 }).map((l) => l.join('\n')),
      fc.uint8Array({ maxLength: 3_000 }).map((b) => Buffer.from(b)),
      sitemapXml.map((x) => gzipSync(x)),
      sitemapXml.chain((x) => fc.nat().map((n) => gzipSync(x).subarray(0, n % (x.length + 1)))),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const out = await readSitemap(b);
        expect(['urlset', 'index', 'text', 'unknown']).toContain(out.kind);
        if (out.error !== null) expect(out.error).not.toMatch(/[\r\n]/);
      }),
      params(150),
    );
  });

  it('does not expand entities into a billion laughs', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>`;
    for (const doc of [
      `${laughs}<urlset><url><loc>http://127.0.0.1/&lol9;</loc></url></urlset>`,
      `<urlset><url>${laughs}<loc>http://127.0.0.1/&lol9;</loc></url></urlset>`,
    ]) {
      const out = await bounded('sitemap entities', doc, () => readSitemap(doc));
      const { entries } = await out;
      for (const e of entries) expect(e.loc.length).toBeLessThan(10_000);
    }
  });

  it('stops at the URL limit and says so', async () => {
    const doc = `<urlset>${Array.from({ length: 120 }, (_, i) => `<url><loc>http://127.0.0.1/${i}</loc></url>`).join('')}</urlset>`;
    const out = await readSitemap(doc, 100);
    expect(out.entries).toHaveLength(100);
    expect(out.error).toBe(SITEMAP_ERRORS.tooManyUrls(100));
  });
});
