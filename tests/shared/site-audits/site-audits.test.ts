import { describe, expect, it } from 'vitest';
import { extractArtifacts } from '../../../shared/extract/index.ts';
import { pageResultFrom } from '../../../shared/pipeline.ts';
import { auditById } from '../../../shared/audits/registry.ts';
import { runAudits } from '../../../shared/audits/run.ts';
import {
  MIN_WORDS_FOR_FINGERPRINT,
  SitePageSchema,
  crawlIndexFrom,
  hammingDistance,
  runSiteAudits,
  simhash64,
  toSitePage,
  type SiteAuditInput,
  type SitePage,
} from '../../../shared/site-audits/index.ts';

const O = 'https://brand.example';

function sitePage(p: Partial<SitePage> & { url: string }): SitePage {
  return SitePageSchema.parse({
    requestedUrl: p.url,
    status: 200,
    indexable: true,
    noindex: false,
    canonical: null,
    title: `Title of ${p.url}`,
    metaDescription: `Description of ${p.url}`,
    h1: null,
    lang: 'en',
    depth: 1,
    inSitemap: null,
    wordCount: 400,
    ...p,
  });
}

function input(pages: SitePage[], extra: Partial<SiteAuditInput> = {}): SiteAuditInput {
  return { startUrl: `${O}/`, pages, links: [], sitemapUrls: [], ...extra };
}

const link = (from: string, to: string, text = 'link') => ({ from, to, text, nofollow: false });

// Generated prose: distinct sentences so shingles differ page to page.
function prose(seed: number, n: number): string {
  const vocab = ['leak', 'water', 'pipe', 'valve', 'sensor', 'basement', 'winter', 'pressure', 'meter', 'plumber', 'damage', 'alarm', 'hub', 'battery', 'wifi', 'floor'];
  // mulberry32: a small seeded generator, so every run builds the same texts.
  let t = seed >>> 0;
  const next = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => vocab[Math.floor(next() * vocab.length)]).join(' ');
}

describe('simhash64', () => {
  it('is stable, close for a small edit and far for different text', () => {
    const a = prose(1, 400);
    const edited = a.replace(/^(\w+ \w+ \w+)/, '$1 extra');
    const b = prose(2, 400);
    expect(simhash64(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash64(a)).toBe(simhash64(a));
    expect(hammingDistance(simhash64(a)!, simhash64(edited)!)).toBeLessThanOrEqual(3);
    expect(hammingDistance(simhash64(a)!, simhash64(b)!)).toBeGreaterThan(10);
  });

  it('gives the fingerprint of the plain definition (3-word shingles joined by a space, two FNV-1a halves, majority vote per bit)', () => {
    // The definition written the slow, obvious way: fingerprints stored by older crawls stay comparable.
    const fnv = (s: string, basis: number) => {
      let h = basis >>> 0;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    const plain = (text: string) => {
      const w = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const votes = new Array<number>(64).fill(0);
      for (let i = 0; i < Math.max(1, w.length - 2); i++) {
        const shingle = w.slice(i, i + 3).join(' ');
        const [lo, hi] = [fnv(shingle, 0x811c9dc5), fnv(shingle, 0x01000193 ^ 0x5bd1e995)];
        for (let b = 0; b < 32; b++) {
          votes[b] += (lo >>> b) & 1 ? 1 : -1;
          votes[32 + b] += (hi >>> b) & 1 ? 1 : -1;
        }
      }
      let bits = '';
      for (let b = 63; b >= 0; b--) bits += votes[b] > 0 ? '1' : '0';
      return BigInt(`0b${bits}`).toString(16).padStart(16, '0');
    };
    for (const text of [prose(3, 400), prose(4, 7), 'one', 'one two', 'Ünïcode wörds, ça va: 日本語 テキスト 42 😀 end', `${prose(5, 50)} ${'repeated words '.repeat(30)}`]) {
      expect(simhash64(text)).toBe(plain(text));
    }
  });
});

describe('runSiteAudits', () => {
  it('reports a broken internal link with every page that links to it', () => {
    const pages = [sitePage({ url: `${O}/` }), sitePage({ url: `${O}/a` }), sitePage({ url: `${O}/gone`, status: 404, indexable: false })];
    const out = runSiteAudits(input(pages, { links: [link(`${O}/`, `${O}/gone`, 'Old guide'), link(`${O}/a`, `${O}/gone#x`), link(`${O}/a`, 'https://other.example/404')] }));
    const broken = out.issues.filter((i) => i.type === 'broken-link');
    expect(broken).toHaveLength(1);
    expect(broken[0].url).toBe(`${O}/gone`);
    expect(broken[0].items.map((i) => i.from)).toEqual([`${O}/`, `${O}/a`]);
    expect(broken[0].message).toMatch(/HTTP 404.*2 pages/);
    expect(out.audits.find((a) => a.id === 'broken-links')!.score).toBeLessThan(1);
  });

  it('reports redirect chains of two hops or more, and loops', () => {
    const pages = [
      sitePage({ url: `${O}/c`, requestedUrl: `${O}/a`, redirectChain: [{ url: `${O}/a`, status: 301 }, { url: `${O}/b`, status: 302 }] }),
      sitePage({ url: `${O}/e`, requestedUrl: `${O}/d`, redirectChain: [{ url: `${O}/d`, status: 301 }] }),
      sitePage({ url: `${O}/x`, requestedUrl: `${O}/x`, status: 301, fetchError: 'redirect loop', indexable: false, redirectChain: [{ url: `${O}/x`, status: 301 }, { url: `${O}/y`, status: 301 }] }),
    ];
    const out = runSiteAudits(input(pages));
    const chain = out.issues.find((i) => i.type === 'redirect-chain')!;
    expect(chain.url).toBe(`${O}/a`);
    expect(chain.items.map((i) => i.url)).toEqual([`${O}/a`, `${O}/b`, `${O}/c`]);
    expect(out.issues.filter((i) => i.type === 'redirect-loop').map((i) => i.url)).toEqual([`${O}/x`]);
  });

  it('groups duplicate titles and descriptions among pages that compete in search only', () => {
    const pages = [
      sitePage({ url: `${O}/a`, title: 'Leak Sensors', metaDescription: 'Same words.' }),
      sitePage({ url: `${O}/b`, title: 'leak  sensors ', metaDescription: 'Same words.' }),
      // Canonicalised to /a: a duplicate by design, not a problem.
      sitePage({ url: `${O}/a?sort=price`, title: 'Leak Sensors', canonical: `${O}/a` }),
      sitePage({ url: `${O}/c`, title: 'Leak Sensors', noindex: true, indexable: false }),
    ];
    const out = runSiteAudits(input(pages));
    const titles = out.issues.filter((i) => i.type === 'duplicate-title');
    expect(titles).toHaveLength(1);
    expect(titles[0].items.map((i) => i.url)).toEqual([`${O}/a`, `${O}/b`]);
    expect(out.issues.filter((i) => i.type === 'duplicate-description')).toHaveLength(1);
  });

  it('finds near-duplicate content from fingerprints, leaving distinct pages alone', () => {
    const base = prose(3, 600);
    const pages = [
      sitePage({ url: `${O}/a`, fingerprint: simhash64(base) }),
      sitePage({ url: `${O}/b`, fingerprint: simhash64(`${base} one more sentence here`) }),
      sitePage({ url: `${O}/c`, fingerprint: simhash64(prose(4, 600)) }),
    ];
    const out = runSiteAudits(input(pages));
    const near = out.issues.filter((i) => i.type === 'near-duplicate');
    expect(near).toHaveLength(1);
    expect(near[0].items.map((i) => i.url).sort()).toEqual([`${O}/a`, `${O}/b`]);
  });

  it('reports sitemap orphans, but not pages reached through a redirecting link', () => {
    const pages = [
      sitePage({ url: `${O}/` }),
      sitePage({ url: `${O}/linked/`, requestedUrl: `${O}/linked`, redirectChain: [{ url: `${O}/linked`, status: 301 }] }),
      sitePage({ url: `${O}/orphan` }),
    ];
    const out = runSiteAudits(input(pages, { links: [link(`${O}/`, `${O}/linked`)], sitemapUrls: [`${O}/`, `${O}/linked/`, `${O}/orphan`] }));
    expect(out.issues.filter((i) => i.type === 'orphan-page').map((i) => i.url)).toEqual([`${O}/orphan`]);
  });

  it('reports sitemap entries that are noindex, non-canonical, redirecting or broken', () => {
    const pages = [
      sitePage({ url: `${O}/noindex`, noindex: true, indexable: false }),
      sitePage({ url: `${O}/dup`, canonical: `${O}/main` }),
      sitePage({ url: `${O}/new`, requestedUrl: `${O}/old`, redirectChain: [{ url: `${O}/old`, status: 301 }] }),
      sitePage({ url: `${O}/gone`, status: 410, indexable: false }),
      sitePage({ url: `${O}/fine` }),
    ];
    const out = runSiteAudits(input(pages, { sitemapUrls: [`${O}/noindex`, `${O}/dup`, `${O}/old`, `${O}/gone`, `${O}/fine`] }));
    expect(out.issues.filter((i) => i.type.startsWith('sitemap-')).map((i) => [i.type, i.url])).toEqual([
      ['sitemap-noindex', `${O}/noindex`],
      ['sitemap-non-canonical', `${O}/dup`],
      ['sitemap-redirect', `${O}/old`],
      ['sitemap-broken', `${O}/gone`],
    ]);
  });

  it('flags pages more than 3 clicks deep', () => {
    const out = runSiteAudits(input([sitePage({ url: `${O}/a`, depth: 3 }), sitePage({ url: `${O}/b`, depth: 5 })]));
    expect(out.issues.filter((i) => i.type === 'deep-page').map((i) => i.url)).toEqual([`${O}/b`]);
  });

  it('flags canonicals whose target is noindex, broken or redirecting', () => {
    const pages = [
      sitePage({ url: `${O}/a`, canonical: `${O}/t-noindex` }),
      sitePage({ url: `${O}/b`, canonical: `${O}/t-404` }),
      sitePage({ url: `${O}/c`, canonical: `${O}/t-old` }),
      sitePage({ url: `${O}/d`, canonical: `${O}/t-ok` }),
      sitePage({ url: `${O}/t-noindex`, noindex: true, indexable: false }),
      sitePage({ url: `${O}/t-404`, status: 404, indexable: false }),
      sitePage({ url: `${O}/t-new`, requestedUrl: `${O}/t-old`, redirectChain: [{ url: `${O}/t-old`, status: 301 }] }),
      sitePage({ url: `${O}/t-ok` }),
    ];
    const out = runSiteAudits(input(pages));
    expect(out.issues.filter((i) => i.type === 'canonical-target-not-indexable').map((i) => [i.url, i.items[0].reason])).toEqual([
      [`${O}/a`, 'is noindex'],
      [`${O}/b`, 'returns HTTP 404'],
      [`${O}/c`, `redirects to ${O}/t-new`],
    ]);
  });

  it('flags hreflang alternates that do not link back', () => {
    const pages = [
      sitePage({ url: `${O}/en/`, hreflangs: [{ lang: 'fr', url: `${O}/fr/` }, { lang: 'de', url: `${O}/de/` }] }),
      sitePage({ url: `${O}/fr/`, hreflangs: [{ lang: 'en', url: `${O}/en/` }] }),
      sitePage({ url: `${O}/de/`, hreflangs: [] }),
    ];
    const out = runSiteAudits(input(pages));
    const issue = out.issues.find((i) => i.type === 'hreflang-no-return-link')!;
    expect(issue.url).toBe(`${O}/en/`);
    expect(issue.items).toEqual([{ hreflang: 'de', target: `${O}/de/`, reason: 'no return link' }]);
  });

  it('leaves out unreadable page summaries (read back from a store) and says so', () => {
    const out = runSiteAudits(input([sitePage({ url: `${O}/` }), { url: `${O}/broken-record` } as unknown as SitePage]));
    expect(out.audits[0].warnings).toEqual(['1 page summary was unreadable and left out.']);
  });

  it('returns one audit result per site audit, passing or not applicable on a clean crawl', () => {
    const out = runSiteAudits(input([sitePage({ url: `${O}/` })]));
    expect(out.issues).toEqual([]);
    for (const a of out.audits) expect([1, null]).toContain(a.score);
    expect(out.audits.map((a) => a.id)).toContain('near-duplicate-content');
  });
});

describe('toSitePage and crawlIndexFrom', () => {
  it('summarises a page from its artifacts, with a fingerprint only when there is enough text', () => {
    const long = prose(5, MIN_WORDS_FOR_FINGERPRINT + 20);
    const a = extractArtifacts({
      url: `${O}/fr/`,
      status: 200,
      headers: { 'content-type': 'text/html', 'x-robots-tag': 'noindex' },
      html: `<html lang="fr"><head><title>Accueil</title><link rel="canonical" href="${O}/fr/"><link rel="alternate" hreflang="en" href="${O}/en/"></head><body><h1>Bonjour</h1><p>${long}</p></body></html>`,
    });
    const s = toSitePage(a, pageResultFrom(a));
    expect(s).toMatchObject({ url: `${O}/fr/`, noindex: true, indexable: false, canonical: `${O}/fr/`, title: 'Accueil', h1: 'Bonjour', lang: 'fr', hreflangs: [{ lang: 'en', url: `${O}/en/` }] });
    expect(s.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const short = extractArtifacts({ url: `${O}/x`, status: 200, html: '<p>Too short.</p>' });
    expect(toSitePage(short, pageResultFrom(short)).fingerprint).toBeNull();
  });

  it('lets the hreflang page audit see return links across the crawl, and redirects as redirects', () => {
    const pages = [
      sitePage({ url: `${O}/fr/`, hreflangs: [{ lang: 'en', url: `${O}/en/` }] }),
      sitePage({ url: `${O}/de/neu`, requestedUrl: `${O}/de/`, redirectChain: [{ url: `${O}/de/`, status: 301 }] }),
    ];
    const index = crawlIndexFrom(pages);
    expect(index.page(`${O}/de/`)).toMatchObject({ status: 301, indexable: false });
    const en = extractArtifacts({
      url: `${O}/en/`,
      status: 200,
      html: `<html lang="en"><head><link rel="alternate" hreflang="fr" href="${O}/fr/"><link rel="alternate" hreflang="de" href="${O}/de/"><link rel="alternate" hreflang="x-default" href="${O}/en/"></head></html>`,
    });
    const [r] = runAudits(en, { audits: [auditById('hreflang')!], context: { crawl: index } });
    expect(r.items.map((i) => [i.hreflang, i.reason])).toEqual([['de', 'Target page returns HTTP 301']]);
  });
});

describe('site audit isolation', () => {
  it('an audit that throws is an error result; the other audits still run and report', async () => {
    const { runSiteAudits, SITE_AUDITS, defineSiteAudit } = await import('../../../shared/site-audits/index.ts');
    const broken = defineSiteAudit({
      id: 'broken-links',
      title: 't',
      failureTitle: 'f',
      check() {
        throw new Error('boom');
      },
    });
    const page = { url: 'https://ex.com/', requestedUrl: 'https://ex.com/', status: 200, redirectChain: [], fetchError: null, isHtml: true, hreflangs: [], fingerprint: null, indexable: true, noindex: false, canonical: null, title: 'Home', metaDescription: null, h1: null, lang: 'en', depth: 5, inSitemap: true, wordCount: 10 };
    const out = runSiteAudits({ startUrl: 'https://ex.com/', pages: [page, { ...page, url: 'https://ex.com/b', requestedUrl: 'https://ex.com/b' }], links: [], sitemapUrls: [] }, SITE_AUDITS.map((a) => (a.id === 'broken-links' ? broken : a)));
    expect(out.audits.find((a) => a.id === 'broken-links')).toMatchObject({ scoreDisplayMode: 'error', errorMessage: 'boom' });
    expect(out.audits.find((a) => a.id === 'duplicate-titles')).toMatchObject({ scoreDisplayMode: 'numeric', score: 0 });
    expect(out.audits.map((a) => a.id)).toEqual(SITE_AUDITS.map((a) => a.id));
  });
});
