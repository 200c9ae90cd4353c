import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArtifacts } from '../../../shared/extract/index.ts';
import { PageArtifactsSchema, type PageArtifacts } from '../../../shared/schemas/index.ts';
import { fetchPage, robotsTxtFor } from '../../../crawler/fetch-page.ts';
import { serveLighthouseSeo } from '../../helpers/lighthouse-seo-server.ts';

// Extraction on Lighthouse's SEO pages, fetched over HTTP with the headers its suite serves them with.
let server: Awaited<ReturnType<typeof serveLighthouseSeo>>;
const pages = new Map<string, PageArtifacts>();

beforeAll(async () => {
  server = await serveLighthouseSeo();
  for (const c of server.cases) {
    const url = server.urlOf(c);
    const input = await fetchPage(url);
    pages.set(c.id, extractArtifacts({ ...input, robotsTxt: await robotsTxtFor(url) }));
  }
});
afterAll(() => server?.close());

describe('extraction of the Lighthouse SEO fixture pages', () => {
  it('produces artifacts that validate against the schema for every case', () => {
    expect(pages.size).toBe(server.cases.length);
    for (const a of pages.values()) expect(() => PageArtifactsSchema.parse(a)).not.toThrow();
  });

  it('reads title, description (any case of the name attribute), lang and viewport of the passing page', () => {
    const a = pages.get('seo-passing')!;
    expect(a.status).toBe(200);
    expect(a.title).toBe('SEO audit tester');
    expect(a.metaDescription).toBe('The premiere destination for testing your SEO audit gathering');
    expect(a.lang).toBe('en');
    expect(a.viewport).toContain('width=device-width');
    expect(a.robotsTxt?.allowed).toBe(true);
  });

  it('takes the canonical from the Link header and from link tags, marking the one in <body>', () => {
    const a = pages.get('seo-passing')!;
    const header = a.canonicals.filter((c) => c.source === 'header');
    expect(header.map((c) => c.url)).toEqual([`${server.origin}/seo/`]);
    const tags = a.canonicals.filter((c) => c.source === 'link');
    expect(tags.map((c) => c.inHead)).toEqual([true, false]);
  });

  it('reads hreflang from upper-case tags and keeps body ones apart', () => {
    const a = pages.get('seo-passing')!;
    const head = a.hreflangs.filter((h) => h.inHead).map((h) => h.lang);
    expect(head).toEqual(['es', 'en-PH', 'ru-RU', 'zh-Hans-TW', 'x-default']);
    expect(a.hreflangs.find((h) => h.lang === 'nonsense')?.inHead).toBe(false);
  });

  it('reads robots directives from X-Robots-Tag and a mixed-case meta tag, and both Link headers', () => {
    const a = pages.get('seo-failing')!;
    expect(a.title).toBeNull();
    expect(a.metaDescription).toBeNull();
    expect(a.robots.find((r) => r.source === 'header')?.directives).toEqual(['none']);
    expect(a.robots.find((r) => r.source === 'meta')?.directives).toEqual(['nofollow', 'noindex', 'all']);
    expect(a.canonicals.map((c) => c.url).sort()).toEqual(['https://example.com/', 'https://example.com/other']);
    expect(a.hreflangs.filter((h) => h.source === 'header').map((h) => h.lang)).toEqual(['xx']);
    // An hreflang link without href is kept (audits report it) with no resolved URL.
    expect(a.hreflangs.some((h) => h.lang === 'es' && h.url === null)).toBe(true);
  });

  it('keeps every anchor with its text, raw href and language context', () => {
    const a = pages.get('seo-failing')!;
    const texts = a.links.map((l) => l.text);
    expect(texts.filter((t) => t.toLowerCase() === 'click this')).toHaveLength(4);
    expect(a.links.find((l) => l.text === 'klicke hier')?.lang).toBe('de');
    expect(a.links.some((l) => l.href === 'javascript:void(0)' && l.url === null)).toBe(true);
    const mixed = pages.get('seo-mixed-language')!;
    expect(mixed.links.length).toBeGreaterThan(15);
    expect(new Set(mixed.links.map((l) => l.lang)).size).toBeGreaterThan(1);
  });

  it('still extracts a page served with 403, recording the status', () => {
    const a = pages.get('seo-status-403')!;
    expect(a.status).toBe(403);
    expect(a.robots.some((r) => r.directives.includes('noindex'))).toBe(true);
  });
});

describe('extraction on inline pages', () => {
  it('splits main content into passages by heading, leaving out nav and footer', () => {
    const a = extractArtifacts({
      url: 'https://brand.example/guide/',
      status: 200,
      headers: { 'content-type': 'text/html' },
      html: `<!doctype html><html lang="fr"><head><title>Guide</title></head><body>
        <nav><a href="/">Accueil</a> menu menu menu</nav>
        <main><h1>Guide</h1><p>Intro text here.</p>
          <h2>Comment installer ?</h2><ol><li>Couper l'eau</li><li>Visser</li><li>Tester</li></ol>
          <h2>Prix</h2><p>À partir de 119 € ou $129.00.</p>
          <table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>
        </main><footer>© footer words</footer></body></html>`,
    });
    expect(a.passages.map((p) => p.heading)).toEqual(['Guide', 'Comment installer ?', 'Prix']);
    const steps = a.passages[1];
    expect(steps.orderedSteps).toBe(3);
    expect(steps.headingPath).toEqual(['Guide', 'Comment installer ?']);
    expect(steps.wordOffset).toBe(a.passages[0].wordCount);
    expect(a.passages[2].prices).toEqual(['119 €', '$129.00']);
    expect(a.passages[2].tables).toBe(1);
    expect(a.passages.map((p) => p.text).join(' ')).not.toMatch(/menu|footer/);
    expect(a.prices.map((p) => [p.amount, p.currency])).toEqual([[119, 'EUR'], [129, 'USD']]);
    expect(a.faq.map((f) => f.question)).toEqual(['Comment installer ?']);
    expect(a.lang).toBe('fr');
  });

  it('honours <base href> when resolving links and reads FAQPage JSON-LD, broken JSON-LD as data', () => {
    const a = extractArtifacts({
      url: 'https://brand.example/a/b/',
      status: 200,
      html: `<html><head><base href="https://cdn.brand.example/root/">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"FAQPage","mainEntity":[{"@type":"Question","name":"Is it safe?","acceptedAnswer":{"@type":"Answer","text":"<p>Yes.</p>"}}]}</script>
        <script type="application/ld+json">{ broken</script></head>
        <body><a href="page.html" rel="nofollow">Page</a><img src="x.png"></body></html>`,
    });
    expect(a.links[0].url).toBe('https://cdn.brand.example/root/page.html');
    expect(a.links[0].nofollow).toBe(true);
    expect(a.links[0].internal).toBe(false);
    expect(a.images[0]).toMatchObject({ url: 'https://cdn.brand.example/root/x.png', alt: null });
    expect(a.faq).toEqual([{ question: 'Is it safe?', answer: 'Yes.', source: 'jsonld' }]);
    expect(a.jsonLd[1].parsed).toBeNull();
    expect(a.jsonLd[1].error).toBeTruthy();
  });

  it('records a non-HTML response without parsing it', () => {
    const a = extractArtifacts({ url: 'https://brand.example/file.pdf', status: 200, headers: { 'content-type': 'application/pdf' }, html: '%PDF-1.4 <title>x</title>' });
    expect(a.isHtml).toBe(false);
    expect(a.title).toBeNull();
    expect(a.links).toEqual([]);
  });
});
