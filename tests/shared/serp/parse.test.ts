import fc from 'fast-check';
// @ts-ignore -- jsdom ships no type declarations and @types/jsdom is not installed; loadDocument types what we use.
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parseSerp, tryParseSerp } from '../../../shared/serp/parse.ts';
import { SERP_SELECTORS } from '../../../shared/serp/selectors.ts';
import { SerpSchema, type Serp, type SerpAiSourceVia } from '../../../shared/schemas/serp.ts';
import { readSavedSerpPage, savedSerpPages, serpExpectations } from '../../helpers/serp-fixtures.ts';

// The results-page parser on every saved Google page (the shared sets beside the project — desktop,
// mobile and no-JS 2023, German 2022, captcha, no results, a mobile 2026 page with an AI Overview —
// and the project's own in tests/fixtures/serp), on hand-written pages, and on arbitrary HTML.

interface PageExpectations {
  query?: string;
  layout?: string;
  organicCount?: number;
  organic?: Record<string, { title?: string; url?: string; snippet?: string; featured?: boolean; domain?: string }>;
  relatedSearches?: number;
  firstRelatedSearch?: string;
  peopleAlsoAsk?: boolean;
  localPack?: boolean;
  local?: Record<string, { title?: string; rating?: number; reviews?: number }>;
  shopping?: boolean;
  adsTop?: number;
  adsBottom?: number;
  adTop?: Record<string, { title?: string; url?: string }>;
  adBottom?: Record<string, { title?: string; url?: string }>;
  captcha?: boolean;
  locale?: string;
  aiOverview?: {
    present: boolean;
    expanded?: boolean;
    textStartsWith?: string;
    sources?: Array<{ domain: string; title?: string; via?: SerpAiSourceVia[] }>;
  };
}

const expectations = serpExpectations<PageExpectations>();
const allPages = savedSerpPages();
const savedPages = allPages.map((page) => page.name);

/** A Document built by jsdom from markup; scripts are not run (jsdom's default). */
function loadDocument(html: string, url?: string): Document {
  // A silent console: jsdom's complaints about Google's CSS are not the parser's concern.
  return new JSDOM(html, { ...(url ? { url } : {}), virtualConsole: new VirtualConsole() }).window.document as Document;
}

// Each saved page is parsed once and shared by the tests below (jsdom takes ~1 s on the 2 MB pages).
const parsedPages = new Map<string, { document: Document; serp: Serp }>();
function parsedPage(name: string): { document: Document; serp: Serp } {
  let parsed = parsedPages.get(name);
  if (!parsed) {
    const document = loadDocument(readSavedSerpPage(name));
    parsed = { document, serp: parseSerp(document) };
    parsedPages.set(name, parsed);
  }
  return parsed;
}

/**
 * Counts from the fixtures' source suites that count something other than organic results.
 * vkolev/parsy counts every `#rso > div` block of the German page (9); two of those blocks are
 * "Schlagzeilen" (Top stories) and "Ähnliche Fragen" (People also ask), which hold no organic
 * result, so the page has 7 organic results. The test below checks that explanation on the page.
 */
const ORGANIC_COUNT_DEVIATIONS: Record<string, { organicCount: number; nonResultBlocks: string[] }> = {
  'google-desktop-2022-de-test.html': { organicCount: 7, nonResultBlocks: ['Schlagzeilen', 'Ähnliche Fragen'] },
};

/**
 * Saved pages described by a README instead of an expectations.json entry: what the README of
 * ../shared/fixtures/serp-2026 says the page holds, read by a person from the markup.
 */
const AI_OVERVIEW_PAGES: Record<string, PageExpectations> = {
  'ai-overview-top-stories-iran-war-status.html': {
    query: 'iran war status',
    layout: 'mobile',
    organicCount: 8,
    organic: {
      '0': { url: 'https://www.reuters.com/world/iran/', domain: 'reuters.com' },
      '1': { url: 'https://www.csis.org/programs/latest-analysis-war-iran' },
      '2': { url: 'https://news.sky.com/story/iran-war-latest-trump-deal-tehran-pakistan-strait-hormuz-blockade-13509565' },
      '3': { url: 'https://www.cbsnews.com/us-iran-tensions/' },
      '4': { url: 'https://en.wikipedia.org/wiki/2026_Iran_war', title: '2026 Iran war' },
      '5': { url: 'https://www.cnn.com/world/middleeast/iran' },
      '6': { url: 'https://www.nbcnews.com/world/iran-war' },
      '7': { url: 'https://www.csis.org/analysis/who-winning-iran-war', title: 'Who Is Winning the Iran War?' },
    },
    peopleAlsoAsk: true,
    aiOverview: {
      present: true,
      expanded: false,
      textStartsWith:
        'The United States and Iran have reached an interim memorandum of understanding to end hostilities, though technical negotiations continue in Switzerland. While a roadmap for a final deal within 60 days has been established',
      sources: [
        { domain: 'aljazeera.com', title: 'Iran war updates: Trump says Iran ‘will agree’ to allow weapons inspections', via: ['citation', 'news', 'source-card'] },
        { domain: 'cbsnews.com', title: 'Live Updates: Trump says Iran "completely agreed" to nuclear inspections, but Tehran denies any such plans', via: ['news', 'citation', 'inline-link', 'source-card'] },
        { domain: 'wusa9.com', title: 'Iran says it will never return to pre-war status', via: ['news'] },
        { domain: 'palestinechronicle.com', title: 'Iran Says Hormuz Will Not Return to Pre-War Status under New Understanding', via: ['news', 'source-card'] },
      ],
    },
  },
};

describe('the saved Google results pages', () => {
  it('has expectations for every saved page and a saved page for every expectation', () => {
    // Pages without an expectations.json entry (serp-2026, which has a README instead) are asserted below.
    const described = savedPages.filter((name) => expectations[name] !== undefined || name in AI_OVERVIEW_PAGES);
    expect(described).toEqual(savedPages);
    expect(Object.keys(expectations).filter((name) => !savedPages.includes(name))).toEqual([]);
    // Both sets are read: the shared pages beside the project and the project's own.
    expect(new Set(allPages.map((page) => page.set))).toEqual(new Set(['shared', 'shared-2026', 'project']));
  });

  describe.each(savedPages)('%s', (name) => {
    const expected: PageExpectations = expectations[name] ?? AI_OVERVIEW_PAGES[name];

    it('yields the query, counts, titles, URLs and features the source test suites assert', () => {
      const { serp } = parsedPage(name);
      if (expected.query !== undefined) expect(serp.query, 'query').toBe(expected.query);

      if (expected.organicCount !== undefined) {
        const count = ORGANIC_COUNT_DEVIATIONS[name]?.organicCount ?? expected.organicCount;
        expect(serp.organic.length, 'organic result count').toBe(count);
      }
      for (const [index, want] of Object.entries(expected.organic ?? {})) {
        const got = serp.organic[Number(index)];
        expect(got, `organic[${index}] exists`).toBeDefined();
        if (want.title !== undefined) expect(got.title, `organic[${index}].title`).toBe(want.title);
        if (want.url !== undefined) expect(got.url, `organic[${index}].url`).toBe(want.url);
        if (want.snippet !== undefined) expect(got.snippet, `organic[${index}].snippet`).toBe(want.snippet);
        if (want.domain !== undefined) expect(got.domain, `organic[${index}].domain`).toBe(want.domain);
        if (want.featured !== undefined) expect(got.featured, `organic[${index}].featured`).toBe(want.featured);
      }

      const adsTop = serp.ads.filter((ad) => ad.placement === 'top');
      const adsBottom = serp.ads.filter((ad) => ad.placement === 'bottom');
      if (expected.adsTop !== undefined) expect(adsTop.length, 'top ads').toBe(expected.adsTop);
      if (expected.adsBottom !== undefined) expect(adsBottom.length, 'bottom ads').toBe(expected.adsBottom);
      for (const [placement, list, wanted] of [
        ['top', adsTop, expected.adTop],
        ['bottom', adsBottom, expected.adBottom],
      ] as const) {
        for (const [index, want] of Object.entries(wanted ?? {})) {
          const got = list[Number(index)];
          expect(got, `${placement} ad ${index} exists`).toBeDefined();
          expect(got.position).toBe(Number(index) + 1);
          if (want.title !== undefined) expect(got.title, `${placement} ad ${index} title`).toBe(want.title);
          if (want.url !== undefined) expect(got.url, `${placement} ad ${index} url`).toBe(want.url);
        }
      }

      if (expected.relatedSearches !== undefined) {
        expect(serp.relatedSearches.length, 'related searches').toBe(expected.relatedSearches);
      }
      if (expected.firstRelatedSearch !== undefined) expect(serp.relatedSearches[0]).toBe(expected.firstRelatedSearch);
      if (expected.peopleAlsoAsk) {
        expect(serp.peopleAlsoAsk.length, 'people also ask').toBeGreaterThan(0);
        for (const question of serp.peopleAlsoAsk) expect(question).toMatch(/\?$/);
      }
      if (expected.localPack) expect(serp.localPack.length, 'local pack').toBeGreaterThan(0);
      for (const [index, want] of Object.entries(expected.local ?? {})) {
        const got = serp.localPack[Number(index)];
        expect(got, `local[${index}] exists`).toBeDefined();
        if (want.title !== undefined) expect(got.title).toBe(want.title);
        if (want.rating !== undefined) expect(got.rating).toBe(want.rating);
        if (want.reviews !== undefined) expect(got.reviews).toBe(want.reviews);
      }
      if (expected.shopping !== undefined) expect(serp.shopping, 'shopping').toBe(expected.shopping);
      if (expected.captcha) expect(serp.kind).toBe('captcha');

      const ai = expected.aiOverview;
      if (!ai) expect(serp.aiOverview, 'no AI Overview on this page').toEqual({ present: false, expanded: false, text: '', sources: [] });
      else {
        expect(serp.aiOverview.present).toBe(ai.present);
        if (ai.expanded !== undefined) expect(serp.aiOverview.expanded, 'expanded').toBe(ai.expanded);
        if (ai.textStartsWith !== undefined) expect(serp.aiOverview.text.startsWith(ai.textStartsWith), serp.aiOverview.text.slice(0, 300)).toBe(true);
        if (ai.sources) {
          expect(serp.aiOverview.sources.map((source) => source.domain)).toEqual(ai.sources.map((source) => source.domain));
          ai.sources.forEach((want, index) => {
            const got = serp.aiOverview.sources[index];
            expect(got.position).toBe(index + 1);
            if (want.title !== undefined) expect(got.title).toBe(want.title);
            if (want.via !== undefined) expect(got.via).toEqual(want.via);
          });
        }
      }
    });

    it('holds the invariants every results page must hold', () => {
      const { document, serp } = parsedPage(name);
      expect(() => SerpSchema.parse(serp)).not.toThrow();
      expect(serp.warnings).toEqual([]);

      expect(serp.organic.map((result) => result.position)).toEqual(serp.organic.map((_, index) => index + 1));
      const urls = serp.organic.map((result) => result.url);
      expect(new Set(urls).size, 'no duplicate organic URLs').toBe(urls.length);
      for (const result of serp.organic) {
        expect(result.title.trim(), `title of ${result.url}`).not.toBe('');
        const url = new URL(result.url);
        expect(url.protocol).toMatch(/^https?:$/);
        expect(`${url.hostname}${url.pathname}`).not.toMatch(/(^|\.)google\.[a-z.]+\/(search|url)$/);
        expect(result.domain).toBe(url.hostname.replace(/^www\./, ''));
      }
      expect(serp.organic.filter((result) => result.featured).length).toBeLessThanOrEqual(1);

      // Ads are never counted as organic: no organic result is a link inside an ad on the page.
      const adLinks = Array.from(document.querySelectorAll('#tads a[href], #tadsb a[href], .uEierd a[href], [data-text-ad] a[href]'));
      const adTitlesAndHrefs = new Set(adLinks.map((a) => `${a.textContent}|${a.getAttribute('href')}`));
      for (const result of serp.organic) {
        expect([...adTitlesAndHrefs].some((key) => key.includes(result.title) && key.endsWith(`|${result.url}`))).toBe(false);
      }
      for (const ad of serp.ads) {
        expect(new URL(ad.url).protocol).toMatch(/^https?:$/);
        expect(ad.title).not.toBe('');
      }

      const kind = name.includes('recaptcha') ? 'captcha' : name.includes('no-results') ? 'no-results' : 'results';
      expect(serp.kind).toBe(kind);
      const layout = kind === 'captcha' ? 'unknown' : (expected.layout ?? /google-(desktop|mobile|nojs)-/.exec(name)?.[1] ?? 'unknown');
      expect(serp.layout, 'layout read from the markup agrees with the page the source saved').toBe(layout);
      if (kind === 'results') expect(serp.organic.length).toBeGreaterThan(0);
      else expect(serp.organic).toEqual([]);
    });
  });

  it('leaves out exactly the non-result blocks where a source suite counted blocks, not results', () => {
    for (const [name, deviation] of Object.entries(ORGANIC_COUNT_DEVIATIONS)) {
      const { document, serp } = parsedPage(name);
      const blocks = Array.from(document.querySelectorAll('#rso > div'));
      expect(blocks.length).toBe(expectations[name].organicCount);
      const titlesIn = (block: Element) => Array.from(block.querySelectorAll('a[href] h3')).map((h3) => h3.textContent);
      const withoutResult = blocks.filter((block) => !serp.organic.some((result) => titlesIn(block).includes(result.title)));
      expect(withoutResult.map((block) => deviation.nonResultBlocks.find((title) => block.textContent?.includes(title)))).toEqual(
        deviation.nonResultBlocks,
      );
      expect(serp.organic.length).toBe(deviation.organicCount);
    }
  });

  it('finds the featured snippet, ads, "People also ask" and related searches in the right order', () => {
    const desktop = parsedPage('google-desktop-2023-featured-snippet.html').serp;
    expect(desktop.organic[0]).toMatchObject({ position: 1, featured: true, url: 'https://developers.google.com/search/docs/appearance/featured-snippets' });
    expect(desktop.organic[0].snippet).toMatch(/^Featured snippets are special boxes/);
    expect(desktop.organic.slice(1).every((result) => !result.featured)).toBe(true);

    const nojs = parsedPage('google-nojs-2023-domain-nojs.html').serp;
    // No-JS pages have no ad regions: placement comes from the ad's place relative to the results.
    expect(nojs.ads.map((ad) => [ad.placement, ad.position, ad.domain])).toEqual([
      ['top', 1, 'godaddy.com'],
      ['bottom', 1, 'top10.com'],
    ]);
    expect(nojs.peopleAlsoAsk).toEqual(['What is domain explain?', 'What are domain examples?', 'How do I find a domain?']);

    const german = parsedPage('google-desktop-2022-de-test.html').serp;
    expect(german.peopleAlsoAsk[0]).toBe('Was versteht man unter test?');
    expect(german.organic[0]).toMatchObject({ title: 'Stiftung Warentest | Unabhängig. Objektiv. Unbestechlich.', url: 'https://www.test.de/' });

    const captcha = parsedPage('google-desktop-2023-recaptcha.html').serp;
    // The captcha page hides a token in its q input; the query comes from the URL it returns to.
    expect(captcha.query).toBe('.com domains');
  });

  it('reads the 2026 AI Overview as its README describes it: whole paragraphs, script-inserted parts, cited URLs', () => {
    const { serp } = parsedPage('ai-overview-top-stories-iran-war-status.html');
    const ai = serp.aiOverview;
    // The first paragraph goes on past the end of its highlighted first sentence.
    expect(ai.text).toContain('continue in Switzerland. While a roadmap for a final deal within 60 days has been established, disputes remain over nuclear inspections and control of the Strait of Hormuz.');
    // The five list items of the static page, and the sixth ("Lebanon Front") that only a script holds.
    for (const lead of ['Interim Agreement:', 'Strait of Hormuz Dispute:', 'Nuclear Inspections:', 'Sanctions and Assets:', 'Congressional Action:', 'Lebanon Front:']) {
      expect(ai.text).toContain(lead);
    }
    // Controls, hidden alternates, carousel headlines and source-card excerpts are not the answer's words.
    for (const noise of ['Show more', 'AI Overview', 'You said', 'not available for this search', '6 hours ago', 'Video Duration']) {
      expect(ai.text).not.toContain(noise);
    }
    expect(ai.sources.map((source) => source.url)).toEqual([
      'https://www.aljazeera.com/news/liveblog/2026/6/22/iran-war-live-first-day-of-us-talks-covers-lebanon-hormuz-frozen-assets',
      'https://www.cbsnews.com/live-updates/iran-us-war-trump-nuclear-sites-strait-of-hormuz/',
      'https://www.wusa9.com/video/news/nation-world/attack-on-iran/iran-says-it-will-never-return-to-pre-war-status/65-05a0091a-33be-404a-b24f-a122e8c219b4',
      'https://www.palestinechronicle.com/iran-says-hormuz-will-not-return-to-pre-war-status-under-new-understanding/',
    ]);
    // The Videos block between organic 1 and 2 stays out, so CSIS is organic 2, not 5.
    expect(serp.organic.some((result) => result.domain === 'youtube.com')).toBe(false);
    expect(serp.organic[1].domain).toBe('csis.org');
    // Video cards carry data-cid too; they are not a local pack.
    expect(serp.localPack).toEqual([]);
    // Nothing of the overview (its news cards, its inline link) is an organic result.
    expect(serp.organic.some((result) => result.url.includes('wusa9.com') || result.url.includes('aljazeera.com'))).toBe(false);
  });

  it('reads the same overview as expanded once Google marks it so', () => {
    const { document } = parsedPage('ai-overview-top-stories-iran-war-status.html');
    const content = document.querySelector('#eKIzJc .h7Tj7e')!;
    // What Google's "Show more" does: the content box gets its expanded class.
    content.classList.add('zc75bb');
    try {
      expect(parseSerp(document).aiOverview).toMatchObject({ present: true, expanded: true, sources: expect.any(Array) });
    } finally {
      content.classList.remove('zc75bb');
    }
  });

  it('gives sitelinks no position of their own: they belong to the result above them (coffee: 89 results, not 95)', () => {
    const { document, serp } = parsedPage('google-desktop-2023-coffee.html');
    // The indented results Google lists under Starbucks, Blue Bottle, Stumptown and Black Rifle (each with a title, URL and snippet).
    const sitelinks = Array.from(document.querySelectorAll('ul > li a[href] h3')).map((h3) => h3.closest('a')!.getAttribute('href'));
    expect(sitelinks).toEqual([
      'https://www.starbucks.com/coffee/',
      'https://www.starbucks.com/menu/drinks/cold-coffees',
      'https://bluebottlecoffee.com/us/eng/shop/coffee',
      'https://bluebottlecoffee.com/us/eng/subscriptions',
      'https://www.stumptowncoffee.com/collections/coffee',
      'https://www.blackriflecoffee.com/collections/coffee',
    ]);
    expect(serp.organic.length).toBe(89);
    expect(serp.organic.map((result) => result.position)).toEqual(Array.from({ length: 89 }, (_, i) => i + 1));
    expect(serp.organic.filter((result) => sitelinks.includes(result.url))).toEqual([]);
    // The result a sitelink hangs under keeps its place and the next result follows it directly.
    expect(serp.organic.slice(12, 16).map((result) => [result.position, result.domain])).toEqual([
      [13, 'starbucks.com'],
      [14, 'hopkinsmedicine.org'],
      [15, 'bluebottlecoffee.com'],
      [16, 'medicalnewstoday.com'],
    ]);
    expect(serp.organic[88]).toMatchObject({ position: 89, url: 'https://www.keurig.com/' });
    // Same markup on the Shopping and hotel pages: one position per site block.
    expect(parsedPage('google-desktop-2023-dell.html').serp.organic.map((result) => result.domain)).toEqual(['dell.com', 'bestbuy.com', 'amazon.com', 'walmart.com']);
    expect(parsedPage('google-desktop-2023-hotels.html').serp.organic.map((result) => result.domain)).toEqual([
      'hotels.com',
      'expedia.com',
      'tripadvisor.com',
      'booking.com',
      'kayak.com',
      'nyc.com',
    ]);
  });

  it('reads displayed URLs and the local pack address where Google prints them', () => {
    const coffee = parsedPage('google-desktop-2023-coffee.html').serp;
    expect(coffee.organic[0]).toMatchObject({ url: 'https://en.wikipedia.org/wiki/Coffee', displayedUrl: 'https://en.wikipedia.org › wiki › Coffee' });
    expect(coffee.localPack.map((place) => place.address)).toEqual(['1594 Market St', '55 S Van Ness Ave', '244 Gough St']);
    const nojs = parsedPage('google-nojs-2023-google-nojs.html').serp;
    expect(nojs.organic[1].displayedUrl).toBe('www.google.com › account › about');
  });
});

describe('selectors', () => {
  it('are all valid CSS that the DOM accepts, one variant at a time', () => {
    const document = loadDocument('<p>x</p>');
    for (const [name, variants] of Object.entries(SERP_SELECTORS)) {
      expect(variants.length, name).toBeGreaterThan(0);
      for (const variant of variants) expect(() => document.querySelectorAll(variant), `${name}: ${variant}`).not.toThrow();
    }
  });
});

describe('hand-written pages', () => {
  it('holds on a made-up future layout through the generic fallbacks (a > h3 in data-hveid blocks)', () => {
    const html = `<!doctype html><html><head><title>trail running shoes - Google Search</title></head><body>
      <form action="/search"><input name="q" value="trail running shoes"></form>
      <div class="zz9-results">
        <div data-hveid="A1"><div class="n1"><a href="/url?q=https://shoes.example/trail%3Fsize%3D42&amp;sa=U&amp;ved=x"><h3>How to pick trail shoes</h3><cite>shoes.example › trail</cite></a></div>
          <div class="n2"><span>Grip, drop and fit: what matters on rocky trails.</span></div></div>
        <div data-hveid="A2"><a href="https://runners.example/reviews"><div><h3>Trail shoe reviews 2031</h3></div></a>
          <div><div>We ran 400 km in 30 pairs.</div></div></div>
        <div data-hveid="A3"><a href="/search?q=trail+running+shoes&amp;start=10"><h3>More results</h3></a></div>
        <div data-hveid="A4"><a href="https://webcache.googleusercontent.com/search?q=cache:shoes.example"><h3>Cached</h3></a></div>
        <div data-hveid="A5"><a href="https://www.google.com/maps/place/Shoe+Shop"><h3>Shoe Shop</h3></a></div>
        <div data-hveid="A6"><a href="https://runners.example/reviews"><h3>Trail shoe reviews 2031 (again)</h3></a></div>
      </div></body></html>`;
    const serp = parseSerp(loadDocument(html));
    expect(serp.query).toBe('trail running shoes');
    expect(serp.kind).toBe('results');
    expect(serp.organic).toEqual([
      {
        position: 1,
        title: 'How to pick trail shoes',
        url: 'https://shoes.example/trail?size=42',
        displayedUrl: 'shoes.example › trail',
        domain: 'shoes.example',
        snippet: 'Grip, drop and fit: what matters on rocky trails.',
        featured: false,
      },
      {
        position: 2,
        title: 'Trail shoe reviews 2031',
        url: 'https://runners.example/reviews',
        displayedUrl: '',
        domain: 'runners.example',
        snippet: 'We ran 400 km in 30 pairs.',
        featured: false,
      },
    ]);
    // No known results container: the parser says so and reads the whole page instead.
    expect(serp.warnings).toEqual([expect.stringMatching(/results container not found/)]);
  });

  it('looks in the whole page, and says so, when the results container is there but holds no result', () => {
    const html = `<html><head><title>x - Google Search</title></head><body><div id="main"><form action="/search"><input name="q" value="x"></form></div>
      <section class="results-2031"><div data-hveid="B1"><a href="https://x.example/"><h3>X</h3></a><p>About x.</p></div></section></body></html>`;
    const serp = parseSerp(loadDocument(html));
    expect(serp.organic.map((result) => [result.title, result.url, result.snippet])).toEqual([['X', 'https://x.example/', 'About x.']]);
    expect(serp.warnings).toEqual([expect.stringMatching(/^organic results found outside the results container/)]);
  });

  it('unwraps /url?url= redirects and skips Google translate proxies and javascript: links', () => {
    const html = `<html><head><title>x - Google Search</title></head><body><div id="search"><div id="rso">
      <div class="g"><a href="/url?url=https://a.example/page&amp;rct=j"><h3>A</h3></a></div>
      <div class="g"><a href="https://translate.google.com/translate?u=https://b.example"><h3>B translated</h3></a></div>
      <div class="g"><a href="https://b-example.translate.goog/?_x_tr_sl=auto"><h3>B proxied</h3></a></div>
      <div class="g"><a href="/url?q=javascript:alert(1)"><h3>Evil</h3></a></div>
      <div class="g"><a href="intent://x#Intent;end"><h3>App</h3></a></div>
      <div class="g"><a href="https://support.google.com/websearch/answer/1"><h3>Google help</h3></a></div>
    </div></div></body></html>`;
    const serp = parseSerp(loadDocument(html));
    expect(serp.organic.map((result) => result.url)).toEqual(['https://a.example/page', 'https://support.google.com/websearch/answer/1']);
  });

  it('recognises captcha and no-results pages by their markup and words, whatever the file is called', () => {
    const captcha = parseSerp(
      loadDocument('<html><body><p>Our systems have detected unusual traffic from your computer network.</p></body></html>'),
    );
    expect(captcha.kind).toBe('captcha');
    const noResultsDe = parseSerp(
      loadDocument(`<html lang="de"><head><title>qwxz - Google Suche</title></head><body><div id="main"><div id="topstuff">
        <div class="card-section"><p role="heading">Es wurden keine mit deiner Suchanfrage - <em>qwxz</em> - übereinstimmenden Dokumente gefunden.</p></div>
      </div><div id="search"></div></div></body></html>`),
    );
    expect(noResultsDe).toMatchObject({ kind: 'no-results', query: 'qwxz', organic: [] });
  });

  it('takes the query from the page URL when the page has no search box', () => {
    const document = loadDocument('<html><body><div id="rso"></div></body></html>');
    expect(parseSerp(document, 'https://www.google.de/search?q=m%C3%BCsli+preis&hl=de').query).toBe('müsli preis');
  });

  it('reads a local pack in German notation (4,5 stars, 1.234 reviews)', () => {
    const html = `<html><head><title>café - Google Suche</title></head><body><div id="rso"><div class="VkpGBb"><div class="rllt__details">
      <div role="heading" aria-level="3">Café Anna</div><div>4,5 <span class="RDApEe">(1.234)</span> · Café</div><div>Hauptstraße 5, Berlin</div>
    </div></div></div></body></html>`;
    expect(parseSerp(loadDocument(html)).localPack).toEqual([{ title: 'Café Anna', rating: 4.5, reviews: 1234, address: 'Hauptstraße 5, Berlin' }]);
  });
});

describe('robustness', () => {
  it('keeps the other features when one breaks, and says which one broke', () => {
    const { document } = parsedPage('google-desktop-2023-google.html');
    // A root whose "People also ask" lookups throw, as a selector engine rejecting a variant would.
    const brokenRoot = {
      querySelector: (selector: string) => document.querySelector(selector),
      querySelectorAll: (selector: string) => {
        if (selector.includes('data-q')) throw new SyntaxError(`unsupported selector ${selector}`);
        return document.querySelectorAll(selector);
      },
    };
    const serp = parseSerp(brokenRoot);
    expect(serp.peopleAlsoAsk).toEqual([]);
    expect(serp.warnings).toEqual([expect.stringMatching(/^people also ask could not be read: unsupported selector/)]);
    expect(serp.organic.length).toBe(9);
    expect(serp.relatedSearches.length).toBe(8);
    expect(serp.query).toBe('google');
  });

  it('keeps the organic results when the AI Overview cannot be read, and says so', () => {
    const { document } = parsedPage('ai-overview-top-stories-iran-war-status.html');
    // A root whose AI Overview lookups throw, as a variant a browser's selector engine rejects would.
    const brokenRoot = {
      querySelector: (selector: string) => document.querySelector(selector),
      querySelectorAll: (selector: string) => {
        if (selector.includes('eKIzJc')) throw new SyntaxError(`unsupported selector ${selector}`);
        return document.querySelectorAll(selector);
      },
    };
    const serp = parseSerp(brokenRoot);
    expect(serp.aiOverview.present).toBe(false);
    expect(serp.warnings).toEqual([expect.stringMatching(/^ai overview could not be read: unsupported selector/)]);
    expect(serp.organic.length).toBe(8);
    expect(serp.peopleAlsoAsk.length).toBe(4);
  });

  it('never throws on arbitrary HTML and always returns a valid Serp', () => {
    const tag = fc.constantFrom('div', 'a', 'h3', 'span', 'cite', 'form', 'input', 'textarea', 'table', 'td', 'script', 'block-component');
    const attribute = fc.constantFrom(
      'id="rso"', 'id="search"', 'id="main"', 'id="tads"', 'id="tadsb"', 'class="uEierd"', 'data-text-ad="1"', 'class="g"',
      'class="related-question-pair"', 'data-q="why?"', 'class="k8XOCe"', 'class="VkpGBb"', 'class="rllt__details"',
      'role="heading"', 'aria-level="3"', 'data-hveid="x"', 'name="q"', 'value="q"', 'class="c2xzTb"', 'class="pla-unit"',
      'href="/url?q=https://ok.example/"', 'href="/url?q=javascript:alert(1)"', 'href="/url?url="', 'href="http://[::1"',
      'href="https://www.google.com/aclk?adurl=not a url"', 'href="//evil.example/x"', 'href=""', 'data-pcu="::"',
      'aria-label="Rated 9.9 out of 5"', 'action="/search"', 'class="captcha"',
    );
    const link = fc.constantFrom('href="https://ok.example/a"', 'href="/url?q=https://ok.example/b"', 'href="/search?q=more"');
    const text = fc.constantFrom('', 'Title', 'People also ask', 'Related searches', 'did not match any documents', '(1.2K)', '4,7', 'x?', '&amp;', '<');
    // Well-nested trees (so links around headings do occur) mixed with stray open and close tags.
    const { tree } = fc.letrec<{ tree: string }>((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        text,
        // Whole features as leaves, so they land inside random (and hostile) surroundings.
        fc.constantFrom(
          '<a href="/url?q=https://ok.example/b"><h3>Title</h3></a>',
          '<a href="https://ok.example/c"><div role="heading" aria-level="3">Mobile title</div></a>',
          '<div class="related-question-pair" data-q="Why?"></div>',
          '<div data-text-ad="1"><a href="https://www.google.com/aclk?adurl=https://ad.example/"><div role="heading">Ad</div></a></div>',
          '<div class="VkpGBb"><div role="heading">Cafe</div><span aria-label="Rated 4.5 out of 5"></span>(12)</div>',
          '<div id="eKIzJc"><div class="h7Tj7e" style="max-height:630px"><div data-subtree="aimc">Answer <span class="x"><button class="vDOt8c"></button></span><!--TgQPHd|a/scS1X|[["Site",1,"https://cited.example/"]]--><a href="https://cited.example/b">b</a><div id="sdh_1"></div></div></div></div>',
          '<div role="heading" aria-level="2">AI Overview</div><p>Generated text</p>',
          '<script>[{id:\'sdh_1\'},function(){jsl.dh(this.id,\'\\x3ca href="https://frag.example/">f\\x3c/a>\')}]</script>',
        ),
        fc
          .tuple(tag, fc.array(fc.oneof(attribute, link), { maxLength: 3 }), fc.array(tie('tree'), { maxLength: 4 }))
          .map(([name, attrs, children]) => `<${name} ${attrs.join(' ')}>${children.join('')}</${name}>`),
      ),
    }));
    const fragment = fc.oneof(
      tree,
      tree,
      fc.tuple(tag, fc.array(attribute, { maxLength: 3 })).map(([name, attrs]) => `<${name} ${attrs.join(' ')}>`),
      tag.map((name) => `</${name}>`),
    );
    const document = loadDocument('<!doctype html><html><body></body></html>');
    const reached = { organic: 0, ads: 0, peopleAlsoAsk: 0, localPack: 0, aiOverview: 0 };
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), fc.option(fc.constantFrom('https://www.google.com/search?q=a', 'not a url', '')), (fragments, pageUrl) => {
        document.documentElement.innerHTML = `<head><title>t - Google Search</title></head><body>${fragments.join('')}</body>`;
        const serp = parseSerp(document, pageUrl ?? undefined);
        expect(() => SerpSchema.parse(serp)).not.toThrow();
        for (const result of serp.organic) expect(new URL(result.url).protocol).toMatch(/^https?:$/);
        expect(serp.organic.map((result) => result.position)).toEqual(serp.organic.map((_, index) => index + 1));
        for (const feature of ['organic', 'ads', 'peopleAlsoAsk', 'localPack'] as const) if (serp[feature].length > 0) reached[feature]++;
        if (serp.aiOverview.sources.length > 0) reached.aiOverview++;
        for (const source of serp.aiOverview.sources) expect(new URL(source.url).protocol).toMatch(/^https?:$/);
      }),
      { numRuns: 100, seed: 20230421 },
    );
    // The random pages do reach the feature readers, not only their early exits.
    for (const feature of Object.keys(reached) as (keyof typeof reached)[]) expect(reached[feature], feature).toBeGreaterThan(0);
  });

  it('returns a typed error, not a Serp, for a page that is not a Google results page', () => {
    const article = loadDocument('<html><head><title>My blog</title></head><body><main><a href="/post"><h3>Post</h3></a></main></body></html>');
    expect(tryParseSerp(article)).toEqual({ ok: false, error: { code: 'not-a-google-serp', message: expect.stringMatching(/^not a Google results page/) } });
    // parseSerp still reads what it can (Google may one day change every marker at once) but says so.
    expect(parseSerp(article)).toMatchObject({ kind: 'unknown', warnings: [expect.stringMatching(/^not a Google results page/)] });
    expect(tryParseSerp(null as unknown as Document)).toMatchObject({ ok: false, error: { code: 'unreadable-document' } });
    expect(parseSerp({} as Document).kind).toBe('unknown');
    const google = tryParseSerp(parsedPage('google-mobile-2023-google.html').document);
    expect(google.ok && google.serp.organic.length).toBe(3);
  });
});
