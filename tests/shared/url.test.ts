import { describe, expect, it } from 'vitest';
import { createNormalizer, DEFAULT_IGNORED_PARAMS } from '../../crawler/crawl/urls.ts';
import { urlKey as extensionUrlKey } from '../../extension/utils/url-key.ts';
import { isPublicSuffix, registrableDomain } from '../../shared/public-suffix.ts';
import { parseDomainList } from '../../extension/utils/domain-input.ts';
import { fetchedUrlKey, hostOfUrl, isSameSite, isTrackingParam, normalizeHost, TRACKING_PARAMS, urlKey } from '../../shared/url.ts';

describe('one URL identity', () => {
  it('the crawler drops every tracking parameter the extension ignores, and more (sort, session)', () => {
    for (const p of TRACKING_PARAMS) expect(DEFAULT_IGNORED_PARAMS).toContain(p);
    const crawler = createNormalizer(DEFAULT_IGNORED_PARAMS);
    const url = 'https://www.example.com/guide?utm_source=x&mc_cid=1&ref=news&srsltid=abc&page=2&sort=asc';
    expect(crawler.normalize(url)).toBe('https://www.example.com/guide?page=2');
    expect(urlKey(url)).toBe('example.com/guide?page=2&sort=asc');
  });

  it('the extension keys URLs with the shared urlKey', () => {
    expect(extensionUrlKey).toBe(urlKey);
    expect(urlKey('http://WWW.Example.com:80/a/index.html?b=2&a=1#x')).toBe(urlKey('https://example.com/a/?a=1&b=2&gclid=9'));
    expect(urlKey('mailto:a@b.c')).toBe('');
  });

  it('one host normaliser: case, trailing dot and www. do not matter; the port does for same-site', () => {
    expect(normalizeHost('WWW.Example.COM.')).toBe('example.com');
    expect(hostOfUrl('https://www.example.com:8080/x')).toBe('example.com');
    expect(isSameSite('https://www.example.com/a', 'https://example.com/b')).toBe(true);
    expect(isSameSite('https://example.com:8080/a', 'https://example.com/b')).toBe(false);
    expect(isSameSite('not a url', 'https://example.com/')).toBe(false);
  });

  it('tracking names match with wildcards, case-insensitively, and nothing else', () => {
    expect(['utm_campaign', 'UTM_Source', 'gclid', 'mc_eid', 'ref'].every(isTrackingParam)).toBe(true);
    expect(['page', 'q', 'id', 'referrer'].some(isTrackingParam)).toBe(false);
  });

  it('within one crawl, a fetched URL keeps its exact form, less the fragment', () => {
    expect(fetchedUrlKey('https://www.example.com/a/#top')).toBe('https://www.example.com/a/');
    expect(fetchedUrlKey('https://example.com/a')).not.toBe(fetchedUrlKey('https://example.com/a/'));
  });
});

describe('registrable domains (Public Suffix List)', () => {
  it('finds the name a site registers, under a one- or two-label suffix', () => {
    expect(registrableDomain('shop.brightwell.co.uk')).toEqual({ domain: 'brightwell.co.uk', name: 'brightwell' });
    expect(registrableDomain('WWW.Brightwell.com')).toEqual({ domain: 'brightwell.com', name: 'brightwell' });
    expect(registrableDomain('impots.gouv.fr')).toEqual({ domain: 'impots.gouv.fr', name: 'impots' });
    expect(registrableDomain('127.0.0.1')).toBeNull();
    expect(registrableDomain('co.uk')).toBeNull();
  });

  it('refuses a public suffix as a brand or competitor domain in the options', () => {
    expect(isPublicSuffix('co.uk')).toBe(true);
    expect(isPublicSuffix('brightwell.co.uk')).toBe(false);
    expect(isPublicSuffix('gouv.fr')).toBe(true);
    expect(parseDomainList('co.uk\nhttps://www.Brightwell.co.uk/x\ncom\nlocalhost')).toEqual({ domains: ['brightwell.co.uk', 'localhost'], rejected: ['co.uk', 'com'] });
  });
});
