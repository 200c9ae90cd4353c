import { describe, expect, it } from 'vitest';
import { CrawlScope, createNormalizer, DEFAULT_IGNORED_PARAMS, hasRepeatingPath, parseUrlPattern, urlPatternOf } from '../../../crawler/crawl/urls.ts';

const normalizer = createNormalizer(DEFAULT_IGNORED_PARAMS);
const n = (u: string, base?: string) => normalizer.normalize(u, base);

describe('URL normalization (de-duplication key)', () => {
  it('drops tracking, sorting and session parameters so one page is crawled once', () => {
    expect(n('https://shop.test/shoes?utm_source=news&utm_medium=mail&color=red')).toBe('https://shop.test/shoes?color=red');
    expect(n('https://shop.test/shoes?sort=price&order=asc&color=red')).toBe('https://shop.test/shoes?color=red');
    expect(n('https://shop.test/cart?PHPSESSID=abc123&step=2')).toBe('https://shop.test/cart?step=2');
    expect(n('https://shop.test/a;jsessionid=ABCDEF?x=1')).toBe('https://shop.test/a?x=1');
    expect(n('https://shop.test/a?gclid=1&fbclid=2')).toBe('https://shop.test/a');
  });

  it('keeps what changes the page: path case, trailing slash, other parameters, ports', () => {
    expect(n('https://shop.test/Shoes/')).toBe('https://shop.test/Shoes/');
    expect(n('https://shop.test/shoes')).not.toBe(n('https://shop.test/shoes/'));
    expect(n('https://shop.test/list?page=2')).toBe('https://shop.test/list?page=2');
    expect(n('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x');
  });

  it('treats spellings of the same URL as one', () => {
    expect(n('HTTPS://Shop.TEST:443/a/../b/#section')).toBe('https://shop.test/b/');
    expect(n('https://shop.test?b=2&a=1')).toBe(n('https://shop.test/?a=1&b=2'));
    expect(n('https://shop.test')).toBe('https://shop.test/');
    expect(n('/about', 'https://shop.test/team/')).toBe('https://shop.test/about');
  });

  it('returns null for what cannot be crawled', () => {
    expect(n('mailto:sales@shop.test')).toBeNull();
    expect(n('javascript:alert(1)')).toBeNull();
    expect(n('http://exa mple.com/')).toBeNull();
    expect(n('')).toBeNull();
  });

  it('takes configured parameters with wildcards, case-insensitively', () => {
    const custom = createNormalizer(['ref', 'pk_*']);
    expect(custom.normalize('https://a.test/?REF=x&pk_campaign=y&id=3')).toBe('https://a.test/?id=3');
    expect(custom.normalize('https://a.test/?utm_source=x')).toBe('https://a.test/?utm_source=x');
  });
});

describe('URL patterns (infinite URL space guard)', () => {
  it('gives calendar pages one shape', () => {
    const a = urlPatternOf('https://a.test/calendar/2031/07/?day=3');
    expect(urlPatternOf('https://a.test/calendar/2099/12/?day=31')).toBe(a);
    expect(urlPatternOf('https://a.test/events?month=2031-07')).toBe(urlPatternOf('https://a.test/events?month=1999-01'));
    expect(urlPatternOf('https://a.test/blog/how-to-fix-a-leak')).not.toBe(urlPatternOf('https://a.test/blog/why-pipes-burst'));
  });
});

describe('crawl scope', () => {
  const scope = new CrawlScope({ hosts: ['shop.test'], include: [], exclude: [parseUrlPattern('/admin'), parseUrlPattern('/\\.pdf$/i')] });

  it('keeps the crawl on the start host', () => {
    expect(scope.check('https://shop.test/a')).toBeNull();
    expect(scope.check('https://blog.shop.test/a')).toBe('out-of-scope');
    expect(scope.check('https://other.test/a')).toBe('out-of-scope');
  });

  it('applies exclude patterns (substring or /regex/)', () => {
    expect(scope.check('https://shop.test/admin/login')).toBe('excluded');
    expect(scope.check('https://shop.test/manual.PDF')).toBe('excluded');
  });

  it('applies include patterns', () => {
    const only = new CrawlScope({ hosts: ['shop.test'], include: [parseUrlPattern('/guides/')], exclude: [] });
    expect(only.check('https://shop.test/guides/a')).toBeNull();
    expect(only.check('https://shop.test/pricing')).toBe('not-included');
  });

  it('refuses trap-shaped URLs', () => {
    expect(scope.check(`https://shop.test/${'x'.repeat(3000)}`)).toBe('too-long');
    expect(hasRepeatingPath('https://shop.test/a/b/a/b/a/b/a/b/')).toBe(true);
    expect(hasRepeatingPath('https://shop.test/docs/v2/api/')).toBe(false);
  });

  it('rejects a bad regular expression with a readable message', () => {
    expect(() => parseUrlPattern('/[unclosed/')).toThrow(/not a valid regular expression: \/\[unclosed\//);
  });
});
