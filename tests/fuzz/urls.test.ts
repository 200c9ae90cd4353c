/**
 * Hostile URLs and hrefs through link resolution and the crawler's URL normalizer: a URL or null,
 * never an exception, and a normalized URL normalizes to itself (else one page is crawled twice).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrawlScope, DEFAULT_IGNORED_PARAMS, createNormalizer, hasRepeatingPath, parseUrlPattern, templateOf, urlPatternOf } from '../../crawler/crawl/urls.ts';
import { isSameSite, resolveAnyUrl, resolveHttpUrl } from '../../shared/extract/url.ts';
import { hostOfUrl } from '../../shared/url.ts';
import { anyText, bounded, params, payload, suiteTimeout } from './fuzz.ts';

const BASE = 'http://127.0.0.1:8080/dir/page.html?x=1';

/** Hrefs as pages write them: real URLs, relative paths, odd schemes, encodings, payloads. */
const href = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webUrl({ validSchemes: ['http', 'https', 'ftp', 'javascript', 'data', 'file', 'mailto'], withQueryParameters: true }),
  fc.array(fc.constantFrom('/', '../', './', 'a', '%2e%2e', '%', '%zz', '?', '#', '&', '=', ';jsessionid=1', '\\', '//', ' ', '\t', '\n', '@', ':', '[::1]', 'xn--', 'é', '\u0000', '\u202e', 'utm_source=x', 'sort=asc'), { maxLength: 12 }).map((p) => p.join('')),
  anyText,
  payload,
);

describe('URL handling on hostile hrefs', () => {
  it('link resolution gives an http(s) URL without fragment, or null', { timeout: suiteTimeout(20_000) }, () => {
    fc.assert(
      fc.property(href, fc.oneof(fc.constant(BASE), fc.webUrl()), (h, base) => {
        const url = bounded('resolveHttpUrl', h, () => resolveHttpUrl(h, base));
        if (url !== null) {
          const u = new URL(url);
          expect(['http:', 'https:']).toContain(u.protocol);
          expect(u.hash).toBe('');
          expect(resolveHttpUrl(url, base)).toBe(url);
        }
        resolveAnyUrl(h, base);
        hostOfUrl(h);
        isSameSite(h, base);
      }),
      params(400),
    );
  });

  it('the crawler normalizer gives null or a URL; an in-scope one normalizes to itself', { timeout: suiteTimeout(20_000) }, () => {
    const normalizer = createNormalizer(DEFAULT_IGNORED_PARAMS);
    fc.assert(
      fc.property(href, (h) => {
        const once = bounded('normalize', h, () => normalizer.normalize(h, BASE));
        if (once === null) return;
        const u = new URL(once);
        expect(['http:', 'https:']).toContain(u.protocol);
        // The key a page is de-duplicated on: were it to drift, one page would be queued again and again.
        // Hosts like "..." drift (normalize-url), but never belong to the crawl.
        if (u.host === new URL(BASE).host) expect(normalizer.normalize(once)).toBe(once);
      }),
      params(400),
    );
  });

  it('URL shapes, templates, trap and scope checks never throw', { timeout: suiteTimeout(20_000) }, () => {
    const scope = new CrawlScope({ hosts: ['127.0.0.1:8080'], include: [parseUrlPattern('/dir/')], exclude: [parseUrlPattern('/\\.pdf$/i')] });
    fc.assert(
      fc.property(href, (h) => {
        const url = resolveAnyUrl(h, BASE) ?? h;
        bounded('url shape', url, () => {
          expect(typeof urlPatternOf(url)).toBe('string');
          expect(templateOf(url).startsWith('/')).toBe(true);
          expect(typeof hasRepeatingPath(url)).toBe('boolean');
          scope.check(url);
        });
      }),
      params(400),
    );
  });
});
