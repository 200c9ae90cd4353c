import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArtifacts, type HeaderInput } from '../../../shared/extract/index.ts';
import { PAGE_AUDITS, auditById } from '../../../shared/audits/registry.ts';
import { isIndexable, runAudits } from '../../../shared/audits/run.ts';
import type { AuditContext, CrawlIndexEntry } from '../../../shared/audits/types.ts';
import type { AuditResult, PageArtifacts, RobotsTxt } from '../../../shared/schemas/index.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';

// Audits are pure functions of artifacts: each test builds a page inline and reads one audit's result.
const URL_ = 'https://brand.example/guides/leak/';

function page(html: string, opts: { url?: string; headers?: HeaderInput; robotsTxt?: RobotsTxt | null; status?: number } = {}): PageArtifacts {
  return extractArtifacts({
    url: opts.url ?? URL_,
    status: opts.status ?? 200,
    headers: opts.headers ?? { 'content-type': 'text/html' },
    html,
    robotsTxt: opts.robotsTxt ?? null,
  });
}

function run(id: string, a: PageArtifacts, context: AuditContext = {}): AuditResult {
  const def = auditById(id);
  if (!def) throw new Error(`no audit ${id}`);
  return runAudits(a, { audits: [def], context })[0];
}

const robots = (content: string | null, status = 200, allowed: boolean | null = true): RobotsTxt => ({
  url: 'https://brand.example/robots.txt',
  status,
  content,
  allowed,
  errorMessage: null,
});

describe('is-crawlable', () => {
  it('passes with a warning when only Googlebot is blocked by header', () => {
    const r = run('is-crawlable', page('<title>x</title>', { headers: [['content-type', 'text/html'], ['x-robots-tag', 'googlebot: noindex']] }));
    expect(r.score).toBe(1);
    expect(r.warnings.join(' ')).toMatch(/Googlebot/);
  });

  it('fails on an unavailable_after date in the past, not in the future', () => {
    const past = run('is-crawlable', page('<head><meta name="robots" content="unavailable_after: 25 Jun 2010 15:00:00 PST"></head>'));
    expect(past.score).toBe(0);
    expect(past.items[0].source).toContain('unavailable_after');
    const future = run('is-crawlable', page('<head><meta name="robots" content="unavailable_after: 2999-01-01"></head>'));
    expect(future.score).toBe(1);
  });

  it('fails when robots.txt disallows the page for every bot, pointing at the line', () => {
    const r = run('is-crawlable', page('<title>x</title>', { robotsTxt: robots('User-agent: *\nDisallow: /guides/\n', 200, false) }));
    expect(r.score).toBe(0);
    expect(r.items).toEqual([{ type: 'robots.txt', source: 'https://brand.example/robots.txt:2' }]);
  });

  it('passes when robots.txt blocks Googlebot only, and warns', () => {
    const r = run('is-crawlable', page('<title>x</title>', { robotsTxt: robots('User-agent: Googlebot\nDisallow: /\n') }));
    expect(r.score).toBe(1);
    expect(r.warnings[0]).toContain('Googlebot');
  });

  it('treats an unreadable robots.txt (5xx) as disallowing everything', () => {
    const r = run('is-crawlable', page('<title>x</title>', { robotsTxt: robots(null, 503, false) }));
    expect(r.score).toBe(0);
    expect(String(r.items[0].source)).toContain('503');
  });

  it('ignores a robots meta outside <head>, and a Googlebot meta overrides the generic one for Googlebot only', () => {
    expect(run('is-crawlable', page('<body><p>x</p><meta name="robots" content="noindex"></body>')).score).toBe(1);
    const r = run('is-crawlable', page('<head><meta name="robots" content="noindex"><meta name="googlebot" content="index"></head>'));
    expect(r.score).toBe(1);
    expect(r.warnings[0]).toContain('bingbot');
  });
});

describe('canonical', () => {
  it('is not applicable without a canonical', () => {
    expect(run('canonical', page('<head><title>x</title></head>')).scoreDisplayMode).toBe('notApplicable');
  });

  it('fails on a relative canonical and says which', () => {
    const r = run('canonical', page('<head><link rel="canonical" href="/guides/leak/"></head>'));
    expect(r.score).toBe(0);
    expect(r.explanation).toBe('Is not an absolute URL (/guides/leak/)');
    expect(r.items).toHaveLength(1);
  });

  it('fails on an invalid canonical header', () => {
    const r = run('canonical', page('<head></head>', { headers: [['content-type', 'text/html'], ['link', '<http://[bad>; rel="canonical"']] }));
    expect(r.explanation).toBe('Invalid URL (http://[bad)');
  });

  it('fails when a deep page points its canonical at the homepage', () => {
    const r = run('canonical', page('<head><link rel="canonical" href="https://brand.example/"></head>'));
    expect(r.score).toBe(0);
    expect(r.explanation).toMatch(/root URL/);
  });

  it('fails when the canonical points to another language version listed in hreflang', () => {
    const r = run(
      'canonical',
      page(`<head><link rel="canonical" href="https://brand.example/fr/guides/fuite/">
        <link rel="alternate" hreflang="en" href="${URL_}"><link rel="alternate" hreflang="fr" href="https://brand.example/fr/guides/fuite/"></head>`),
    );
    expect(r.explanation).toBe(`Points to another \`hreflang\` location (${URL_})`);
  });

  it('passes a self canonical and warns about one in <body>', () => {
    const r = run('canonical', page(`<head><link rel="canonical" href="${URL_}"></head><body><link rel="canonical" href="https://other.example/"></body>`));
    expect(r.score).toBe(1);
    expect(r.warnings[0]).toMatch(/<body>/);
  });
});

describe('hreflang', () => {
  const html = `<html lang="en"><head>
    <link rel="alternate" hreflang="en" href="${URL_}">
    <link rel="alternate" hreflang="fr" href="https://brand.example/fr/guides/fuite/">
    <link rel="alternate" hreflang="de" href="https://brand.example/de/ratgeber/leck/">
  </head></html>`;
  const entry = (url: string, hreflangs: CrawlIndexEntry['hreflangs'], status = 200): CrawlIndexEntry => ({ url, status, indexable: true, canonical: url, hreflangs, lang: null });

  it('fails when a crawled alternate does not link back, or is broken', () => {
    const pages = new Map<string, CrawlIndexEntry>([
      ['https://brand.example/fr/guides/fuite/', entry('https://brand.example/fr/guides/fuite/', [{ lang: 'fr', url: 'https://brand.example/fr/guides/fuite/' }])],
      ['https://brand.example/de/ratgeber/leck/', entry('https://brand.example/de/ratgeber/leck/', [], 404)],
    ]);
    const r = run('hreflang', page(html), { crawl: { page: (u) => pages.get(u) } });
    expect(r.score).toBe(0);
    expect(r.items.map((i) => [i.hreflang, i.reason])).toEqual([
      ['fr', 'No return link: the target page does not link back with hreflang'],
      ['de', 'Target page returns HTTP 404'],
    ]);
  });

  it('passes when alternates link back, and warns when x-default is missing', () => {
    const back = [{ lang: 'en', url: URL_ }];
    const pages = new Map<string, CrawlIndexEntry>([
      ['https://brand.example/fr/guides/fuite/', entry('https://brand.example/fr/guides/fuite/', back)],
      ['https://brand.example/de/ratgeber/leck/', entry('https://brand.example/de/ratgeber/leck/', back)],
    ]);
    const r = run('hreflang', page(html), { crawl: { page: (u) => pages.get(u) } });
    expect(r.score).toBe(1);
    expect(r.warnings.join(' ')).toMatch(/x-default/);
  });
});

describe('link-text', () => {
  it('flags French, Spanish and German texts by the link language, skips nofollow and same-page anchors', () => {
    const r = run(
      'link-text',
      page(`<html lang="fr"><body>
        <a href="/a">Cliquez ici</a>
        <a href="/b" lang="es">más información</a>
        <a href="/c" lang="de">Weiterlesen</a>
        <a href="/d" lang="de">click here</a>
        <a href="/e" rel="nofollow">ici</a>
        <a href="#top">ici</a>
        <a href="/f">Guide des détecteurs de fuite</a></body></html>`),
    );
    expect(r.items.map((i) => i.text)).toEqual(['Cliquez ici', 'más información', 'Weiterlesen']);
    expect(r.items[0].path).toBe('a:nth-of-type(1)');
  });

  it('leaves hidden text out of the link text', () => {
    const r = run('link-text', page('<html lang="en"><body><a href="/x">here<span style="display:none"> is the leak guide</span></a></body></html>'));
    expect(r.items.map((i) => i.text)).toEqual(['here']);
  });
});

describe('crawlable-anchors', () => {
  it('sees listeners attached by inline scripts, not those on a parent (event delegation)', () => {
    const r = run(
      'crawlable-anchors',
      page(`<body>
        <a id="buy">Buy</a>
        <a class="menu">Menu</a>
        <div id="nav"><a>Delegated</a></div>
        <a class="plain">Placeholder</a>
        <script>
          document.getElementById('buy').addEventListener('click', go);
          const m = document.querySelector('.menu'); m.onclick = () => open();
          document.querySelector('#nav').addEventListener('click', route);
        </script></body>`),
    );
    // <a id="buy"> has no href but an id: Lighthouse treats it as a fragment target.
    expect(r.items.map((i) => i.text)).toEqual(['Menu']);
  });

  it('sees jQuery handlers and listeners added in a forEach over querySelectorAll', () => {
    const r = run(
      'crawlable-anchors',
      page(`<body><a class="jq">A</a><a class="all">B</a><a class="all">C</a><a class="none">D</a>
        <a class="var">E</a>
        <script>$('.jq').on('click', go); document.querySelectorAll('a.all').forEach((el) => el.addEventListener('mousedown', go));
          var v=$('.var'); v.on('click', go);</script></body>`),
    );
    expect(r.items.map((i) => i.text)).toEqual(['A', 'B', 'C', 'E']);
  });

  it('fails file:, href-less links with link attributes, invalid URLs; passes mailto and role', () => {
    const r = run(
      'crawlable-anchors',
      page(`<body><a href="file:///c/x.html">f</a><a target="_blank">t</a><a href="http://[x">bad</a>
        <a href="mailto:a@b.example" onclick="x()">m</a><a role="button" onclick="x()">r</a><a href="javascript:void 0">v</a></body>`),
    );
    expect(r.items.map((i) => i.text)).toEqual(['f', 't', 'bad', 'v']);
  });
});

describe('robots-txt', () => {
  it('lists each invalid line with its number', () => {
    const r = run('robots-txt', page('<title>x</title>', { robotsTxt: robots('Disallow: /a\nUser-agent: *\nDisalow: /b\nAllow: b\nSitemap: /sitemap.xml\n# ok\n') }));
    expect(r.score).toBe(0);
    expect(r.items.map((i) => [i.line, i.message])).toEqual([
      [1, 'No user-agent specified'],
      [3, 'Unknown directive'],
      [4, 'Pattern should either be empty, start with "/" or "*"'],
      [5, 'Invalid sitemap URL'],
    ]);
  });

  it('fails on a 5xx, is not applicable on a 404, and still runs on an error page', () => {
    expect(run('robots-txt', page('', { robotsTxt: robots(null, 500, false) })).score).toBe(0);
    expect(run('robots-txt', page('', { robotsTxt: robots(null, 404) })).scoreDisplayMode).toBe('notApplicable');
    expect(run('robots-txt', page('', { status: 404, robotsTxt: robots('User-agent: *\nDisallow:') })).score).toBe(1);
  });
});

describe('image-alt', () => {
  it('flags images with no accessible name or a whitespace alt; accepts empty alt, aria-label, title, presentation, hidden', () => {
    const r = run(
      'image-alt',
      page(`<body><img src="a.png"><img src="b.png" alt=" "><img src="c.png" alt=""><img src="d.png" aria-label="Sensor">
        <img src="e.png" title="Valve"><img src="f.png" role="presentation"><div aria-hidden="true"><img src="g.png"></div></body>`),
    );
    expect(r.items.map((i) => i.src)).toEqual(['a.png', 'b.png']);
    expect(r.displayValue).toBe('2 of 6 images');
  });
});

describe('content audits', () => {
  it('title-length and description-length fail with the length, and are not applicable when absent', () => {
    const short = page('<head><title>Leaks</title><meta name="description" content="Short."></head>');
    expect(run('title-length', short).items[0]).toMatchObject({ length: 5, problem: 'too short' });
    expect(run('description-length', short).items[0]).toMatchObject({ length: 6, problem: 'too short' });
    expect(run('title-length', page('<p>x</p>')).scoreDisplayMode).toBe('notApplicable');
    const good = page('<head><title>How to find a hidden water leak in 5 steps</title></head>');
    expect(run('title-length', good).score).toBe(1);
  });

  it('meta-description fails when the only description is in <body>', () => {
    const r = run('meta-description', page('<head><title>x</title></head><body><meta name="description" content="In the body."></body>'));
    expect(r.score).toBe(0);
    expect(r.items[0].problem).toBe('in body');
  });

  it('single-h1: none fails, several get half credit and are listed', () => {
    expect(run('single-h1', page('<h2>x</h2>')).score).toBe(0);
    const two = run('single-h1', page('<h1>A</h1><h1>B</h1>'));
    expect(two.score).toBe(0.5);
    expect(two.items.map((i) => i.text)).toEqual(['A', 'B']);
  });

  it('heading-order flags skipped levels', () => {
    const r = run('heading-order', page('<h1>A</h1><h2>B</h2><h4>C</h4><h2>D</h2><h3>E</h3>'));
    expect(r.items).toEqual([{ element: '<h4>', index: 3, text: 'C', problem: 'h2 followed by h4' }]);
  });

  it('html-lang: missing and invalid fail, a valid region tag passes', () => {
    expect(run('html-lang', page('<html><p>x</p></html>')).score).toBe(0);
    expect(run('html-lang', page('<html lang="xx"><p>x</p></html>')).explanation).toBe('"xx" is not a known language code.');
    expect(run('html-lang', page('<html lang="fr-CA"><p>x</p></html>')).score).toBe(1);
  });

  it('viewport needs width or initial-scale', () => {
    expect(run('viewport', page('<head></head>')).score).toBe(0);
    expect(run('viewport', page('<head><meta name="viewport" content="user-scalable=no"></head>')).score).toBe(0);
    expect(run('viewport', page('<head><meta name="viewport" content="initial-scale=1"></head>')).score).toBe(1);
  });

  it('thin-content scores main-content words against 300, leaving navigation out', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    const r = run('thin-content', page(`<nav>${words(500)}</nav><main><p>${words(150)}</p></main>`));
    expect(r.score).toBe(0.5);
    expect(run('thin-content', page(`<main><p>${words(320)}</p></main>`)).score).toBe(1);
  });

  it('open-graph gives a quarter per required property and lists what is missing or wrong', () => {
    const r = run('open-graph', page('<head><meta property="og:title" content="Leaks"><meta property="og:image" content="/img.png"></head>'));
    expect(r.score).toBe(0.25);
    expect(r.items.map((i) => [i.property, i.problem])).toEqual([
      ['og:type', 'missing'],
      ['og:image', 'not an absolute http(s) URL'],
      ['og:url', 'missing'],
    ]);
  });
});

describe('structured-data', () => {
  const jsonLdPage = (json: string) => page(`<head><script type="application/ld+json">${json}</script></head>`);

  it('is not applicable on a page without structured data', () => {
    expect(run('structured-data', page('<p>x</p>')).scoreDisplayMode).toBe('notApplicable');
  });

  it('passes a valid FAQPage as rich-result eligible', async () => {
    const json = await readFile(path.join(SHARED_FIXTURES, 'structured-data/more/FAQPage/valid1.json'), 'utf8');
    const r = run('structured-data', jsonLdPage(json));
    expect(r.score).toBe(1);
    expect(r.displayValue).toMatch(/1 of 1 rich result eligible/);
  });

  it('fails a Product without a name, naming the type, path and property', async () => {
    const json = await readFile(path.join(SHARED_FIXTURES, 'structured-data/adobe-gallery/Product/missing_name.json'), 'utf8');
    const r = run('structured-data', jsonLdPage(json));
    expect(r.score).toBeLessThan(1);
    const item = r.items.find((i) => i.property === 'name' && i.type === 'Product');
    expect(item).toBeDefined();
    expect(String(item!.path)).toContain('Product');
  });

  it('reads microdata too', () => {
    const r = run(
      'structured-data',
      page(`<div itemscope itemtype="https://schema.org/FAQPage">
        <div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question"><h3 itemprop="name">Is it safe?</h3>
          <div itemprop="acceptedAnswer" itemscope itemtype="https://schema.org/Answer"><p itemprop="text">Yes, it is.</p></div></div></div>`),
    );
    expect(r.scoreDisplayMode).not.toBe('notApplicable');
    expect(r.score).toBe(1);
  });

  it('fails broken JSON-LD', () => {
    const r = run('structured-data', jsonLdPage('{ "@type": "Product", '));
    expect(r.score).toBe(0);
    expect(r.items[0].severity).toBe('error');
  });
});

describe('indexability (what findability is zeroed on)', () => {
  it('follows Google: robots.txt rules for Googlebot count, rules for other bots do not', () => {
    expect(isIndexable(page('<title>x</title>', { robotsTxt: robots('User-agent: zmotbot\nDisallow: /\n', 200, false) }))).toBe(true);
    expect(isIndexable(page('<title>x</title>', { robotsTxt: robots('User-agent: Googlebot\nDisallow: /guides/\n') }))).toBe(false);
    expect(isIndexable(page('<title>x</title>', { robotsTxt: robots(null, 503, false) }))).toBe(false);
  });

  it('a Googlebot noindex makes the page unindexable; a Google News one does not', () => {
    expect(isIndexable(page('<head><meta name="googlebot" content="noindex"></head>'))).toBe(false);
    expect(isIndexable(page('<head><meta name="googlebot-news" content="noindex"></head>'))).toBe(true);
    expect(isIndexable(page('<head></head>', { headers: [['content-type', 'text/html'], ['x-robots-tag', 'unavailable_after: 1 Jan 2001 00:00:00 GMT']] }))).toBe(false);
  });
});

describe('every failing audit says where', () => {
  it('lists offending items for each audit that does not pass on a page that gets everything wrong', () => {
    const bad = page(
      `<html lang="zz"><head><meta name="robots" content="noindex"><link rel="canonical" href="/rel"><link rel="alternate" hreflang="qq" href="/x">
        <meta name="description" content="Short"><meta name="viewport" content="user-scalable=no"><meta property="og:image" content="x.png">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product"}</script></head>
        <body><h1>A</h1><h1>B</h1><h4>C</h4><img src="a.png"><a href="/x">click here</a><a href="javascript:void(0)">x</a></body></html>`,
      { robotsTxt: robots('Disalow: /\n') },
    );
    const results = runAudits(bad);
    const failing = results.filter((r) => r.score !== null && r.score < 1);
    expect(failing.length).toBeGreaterThan(12);
    for (const r of failing) expect({ id: r.id, items: r.items.length > 0 }).toEqual({ id: r.id, items: true });
  });
});

describe('registry and weights', () => {
  it('every audit has a unique id, a file named after it, and a weight in exactly one score: findability, quotability (answer-engine readiness) or the human-signal score (people)', async () => {
    const { FINDABILITY_AUDITS } = await import('../../../shared/audits/config.ts');
    const { QUOTABILITY_AUDITS } = await import('../../../shared/answer-engines/config.ts');
    const { HUMAN_SIGNAL_AUDIT_IDS } = await import('../../../shared/human-signals/config.ts');
    const human = HUMAN_SIGNAL_AUDIT_IDS.map((id) => ({ id, weight: 1 }));
    const ids = PAGE_AUDITS.map((a) => a.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      const weights = [FINDABILITY_AUDITS, QUOTABILITY_AUDITS, human].map((refs) => refs.find((r) => r.id === id)?.weight ?? 0);
      expect(weights.filter((w) => w > 0), id).toHaveLength(1);
      const mod = await import(`../../../shared/audits/${id}.ts`);
      expect(mod.default.meta.id).toBe(id);
    }
  });

  it('a not-applicable audit weighs nothing; an audit that throws becomes an error and the others still run', () => {
    const a = page('<html lang="en"><head><title>Leak detector buying guide 2026</title></head></html>');
    const results = runAudits(a, {
      audits: [auditById('canonical')!, { meta: { ...auditById('document-title')!.meta, id: 'boom' }, run: () => { throw new Error('kaput'); } }, auditById('document-title')!],
    });
    expect(results[0]).toMatchObject({ id: 'canonical', scoreDisplayMode: 'notApplicable', weight: 0 });
    expect(results[1]).toMatchObject({ id: 'boom', scoreDisplayMode: 'error', errorMessage: 'kaput' });
    expect(results[2]).toMatchObject({ id: 'document-title', score: 1, weight: 5 });
  });
});
