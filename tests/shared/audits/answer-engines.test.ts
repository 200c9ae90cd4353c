import { describe, expect, it } from 'vitest';
import { quotability } from '../../../shared/answer-engines/config.ts';
import { parseLlmsTxt } from '../../../shared/answer-engines/llms-txt.ts';
import { answerEngineSiteAudits } from '../../../shared/answer-engines/site-audits.ts';
import { auditById } from '../../../shared/audits/registry.ts';
import { runAudits } from '../../../shared/audits/run.ts';
import { extractArtifacts, type HeaderInput } from '../../../shared/extract/index.ts';
import type { AuditResult, PageArtifacts, RobotsTxt } from '../../../shared/schemas/index.ts';

// Answer-engine readiness audits: pure functions of artifacts, each case built inline.
const URL_ = 'https://brand.example/guides/leak/';
const ANSWER = '<h2>How much does a leak detector cost?</h2><p>A leak detector costs between 40 and 120 euros, and a smart model with an app costs 150 to 250 euros with installation included.</p>';

function page(html: string, opts: { headers?: HeaderInput; robotsTxt?: RobotsTxt | null } = {}): PageArtifacts {
  return extractArtifacts({ url: URL_, status: 200, headers: opts.headers ?? { 'content-type': 'text/html' }, html, robotsTxt: opts.robotsTxt ?? null });
}
function run(id: string, a: PageArtifacts): AuditResult {
  return runAudits(a, { audits: [auditById(id)!] })[0];
}
const robots = (content: string | null, status = 200): RobotsTxt => ({ url: 'https://brand.example/robots.txt', status, content, allowed: true, errorMessage: null });
const body = (inner: string) => `<html lang="en"><head><title>Leak detectors</title></head><body><main><h1>Leak detectors</h1>${inner}</main></body></html>`;

describe('ai-crawler-access', () => {
  it('costs nothing when only training crawlers are blocked, and lists them as a decision', () => {
    const r = run('ai-crawler-access', page(body(ANSWER), { robotsTxt: robots('User-agent: GPTBot\nDisallow: /\n\nUser-agent: CCBot\nDisallow: /\n\nUser-agent: Google-Extended\nDisallow: /') }));
    expect(r.score).toBe(1);
    expect(r.items.map((i) => [i.agent, i.purpose])).toEqual([
      ['Google-Extended', 'training'],
      ['GPTBot', 'training'],
      ['CCBot', 'training'],
    ]);
    expect(r.items[0].effect).toMatch(/AI Overviews are NOT affected/);
    expect(r.displayValue).toBe('3 training-only crawlers blocked (no effect on answers)');
  });

  it('says which answer crawlers are blocked from this page and by which group', () => {
    const r = run('ai-crawler-access', page(body(ANSWER), { robotsTxt: robots('User-agent: OAI-SearchBot\nUser-agent: PerplexityBot\nDisallow: /guides/\n\nUser-agent: *\nAllow: /') }));
    expect(r.score).toBeLessThan(1);
    expect(r.score).toBeGreaterThan(0.5);
    expect(r.items.map((i) => [i.agent, i.rulesFrom])).toEqual([
      ['OAI-SearchBot', 'User-agent: OAI-SearchBot'],
      ['PerplexityBot', 'User-agent: PerplexityBot'],
    ]);
    // The same rules leave a page outside /guides/ readable.
    const other = extractArtifacts({ url: 'https://brand.example/pricing/', status: 200, headers: { 'content-type': 'text/html' }, html: body(ANSWER), robotsTxt: robots('User-agent: OAI-SearchBot\nDisallow: /guides/') });
    expect(run('ai-crawler-access', other).score).toBe(1);
  });

  it('weighs Googlebot (AI Overviews) most, and a 5xx robots.txt blocks everyone', () => {
    const googlebot = run('ai-crawler-access', page(body(ANSWER), { robotsTxt: robots('User-agent: Googlebot\nDisallow: /') })).score!;
    const oai = run('ai-crawler-access', page(body(ANSWER), { robotsTxt: robots('User-agent: OAI-SearchBot\nDisallow: /') })).score!;
    expect(googlebot).toBeLessThan(oai);
    expect(run('ai-crawler-access', page(body(ANSWER), { robotsTxt: robots(null, 503) })).score).toBe(0);
    expect(run('ai-crawler-access', page(body(ANSWER), { robotsTxt: robots(null, 404) })).score).toBe(1);
    expect(run('ai-crawler-access', page(body(ANSWER))).scoreDisplayMode).toBe('notApplicable');
  });
});

describe('quotable-text', () => {
  it('passes a page whose answer may be quoted', () => {
    expect(run('quotable-text', page(body(ANSWER)))).toMatchObject({ score: 1, items: [] });
  });

  it('fails nosnippet and max-snippet:0 from a meta or the X-Robots-Tag header, and halves a too-short max-snippet', () => {
    const meta = run('quotable-text', page(body(ANSWER).replace('<head>', '<head><meta name="robots" content="nosnippet">')));
    expect(meta).toMatchObject({ score: 0, items: [expect.objectContaining({ problem: 'nosnippet', where: '<meta name="robots">' })] });
    const header = run('quotable-text', page(body(ANSWER), { headers: [['content-type', 'text/html'], ['x-robots-tag', 'max-snippet:0']] }));
    expect(header).toMatchObject({ score: 0, items: [expect.objectContaining({ problem: 'max-snippet', where: 'X-Robots-Tag', value: 0 })] });
    const googlebot = run('quotable-text', page(body(ANSWER).replace('<head>', '<head><meta name="googlebot" content="max-snippet:20">')));
    expect(googlebot).toMatchObject({ score: 0.5, items: [expect.objectContaining({ value: 20 })] });
    // Another engine's directive does not stop Google or everyone.
    expect(run('quotable-text', page(body(ANSWER).replace('<head>', '<head><meta name="bingbot" content="nosnippet">'))).score).toBe(1);
  });

  it('fails the share of answer text inside data-nosnippet', () => {
    const html = body(`<div data-nosnippet>${ANSWER}</div><h2>Where to buy one?</h2><p>Hardware stores and our online shop sell leak detectors, shipped within two days across the country.</p>`);
    const r = run('quotable-text', page(html));
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThan(1);
    expect(r.items).toEqual([expect.objectContaining({ problem: 'data-nosnippet', heading: 'How much does a leak detector cost?' })]);
  });

  it('fails an answer that lives only in images or only behind scripts', () => {
    const images = run('quotable-text', page(body('<img src="/price-table.png" alt="Price table"><img src="/faq.png" alt="">')));
    expect(images).toMatchObject({ score: 0, items: [expect.objectContaining({ problem: 'images-only', images: 2 })] });
    const spa = run('quotable-text', page('<html><head><title>App</title><script src="/a.js"></script></head><body><div id="root"></div><script src="/b.js"></script></body></html>'));
    expect(spa).toMatchObject({ score: 0, items: [expect.objectContaining({ problem: 'scripts-only' })] });
  });
});

describe('standalone-answers', () => {
  it('passes answers that name their subject and lead with the answer', () => {
    expect(run('standalone-answers', page(body(ANSWER))).score).toBe(1);
  });

  it('flags passages that refer back, open with a pronoun or a preamble under a question', () => {
    const html = body(`
      <h2>Does a leak detector need Wi-Fi?</h2><p>As mentioned above, the answer depends on the model you pick and where in the house you plan to install it.</p>
      <h2>How long do the batteries last?</h2><p>It lasts about two years on two AA batteries, and the app warns you a month before they run out.</p>
      <h2>Is installation hard?</h2><p>Great question! Many people ask us this, so here is what you need to know before you start the installation at home.</p>
      ${ANSWER}`);
    const r = run('standalone-answers', page(html));
    expect(r.items.map((i) => [i.heading, i.problem])).toEqual([
      ['Does a leak detector need Wi-Fi?', expect.stringMatching(/^Opens by referring back/)],
      ['How long do the batteries last?', expect.stringMatching(/opens with a pronoun/)],
      ['Is installation hard?', expect.stringMatching(/preamble/)],
    ]);
    expect(r.score).toBeCloseTo(1 - 3 / 4);
  });
});

describe('quotability', () => {
  it('is the weighted mean of the readiness audits, with what lowered it', () => {
    const a = page(body(ANSWER).replace('<head>', '<head><meta name="robots" content="nosnippet">'), { robotsTxt: robots('User-agent: *\nAllow: /') });
    const q = quotability(runAudits(a));
    expect(q.score).toBeCloseTo((0 * 5 + 1 * 4 + 1 * 1) / 10);
    expect(q.failing.map((f) => f.id)).toEqual(['quotable-text']);
  });
});

describe('llms.txt', () => {
  const good = '# Brightwell Home\n\n> Leak detectors and guides.\n\nSome words.\n\n## Guides\n\n- [Leak detector prices](https://brand.example/guides/leak/): what they cost\n- [Install](/install/)\n\n## Optional\n\n- [About](https://brand.example/about/)\n';

  it('reads a well-formed file (llmstxt.org): title, summary, links by section', () => {
    const parsed = parseLlmsTxt(good, 'https://brand.example/llms.txt');
    expect(parsed).toMatchObject({ title: 'Brightwell Home', summary: 'Leak detectors and guides.', errors: [] });
    expect(parsed.links.map((l) => [l.section, l.url])).toEqual([
      ['Guides', 'https://brand.example/guides/leak/'],
      ['Guides', 'https://brand.example/install/'],
      ['Optional', 'https://brand.example/about/'],
    ]);
  });

  it('names what breaks the format', () => {
    expect(parseLlmsTxt('<!doctype html><html>…', 'https://brand.example/llms.txt').errors).toEqual([expect.stringMatching(/HTML, not Markdown/)]);
    const bad = parseLlmsTxt('Intro first\n# Title\n## Pages\n- just text\n- [x](mailto:a@brand.example)\n### Deep', 'https://brand.example/llms.txt');
    expect(bad.errors).toEqual([
      expect.stringMatching(/must start with an H1/),
      'line 2: a second H1; the format has one, at the top.',
      expect.stringMatching(/^line 4: a list item in a section is not a link/),
      expect.stringMatching(/^line 5: "mailto:a@brand.example" is not a URL/),
      expect.stringMatching(/^line 6: H3/),
    ]);
  });

  it('scores presence, form and which answering pages it links; missing is 0 with the status', () => {
    const answeringPages = ['https://brand.example/guides/leak/', 'https://brand.example/pricing/'];
    const [, llms] = answerEngineSiteAudits({ robots: [], llmsTxt: { url: 'https://brand.example/llms.txt', status: 200, contentType: 'text/markdown', content: good, error: null }, answeringPages });
    expect(llms).toMatchObject({ id: 'llms-txt', score: 0.75, displayValue: '1 of 2 answering pages linked', items: [{ problem: 'unlinked', url: 'https://brand.example/pricing/' }] });
    const [, missing] = answerEngineSiteAudits({ robots: [], llmsTxt: { url: 'https://brand.example/llms.txt', status: 404, contentType: null, content: null, error: null }, answeringPages });
    expect(missing).toMatchObject({ score: 0, explanation: '/llms.txt answers HTTP 404.' });
  });
});

describe('ai-crawler-access-site', () => {
  it('lists per crawler the answering pages it may not read', () => {
    const [access] = answerEngineSiteAudits({
      robots: [{ origin: 'https://brand.example', url: 'https://brand.example/robots.txt', status: 200, content: 'User-agent: OAI-SearchBot\nDisallow: /guides/\n\nUser-agent: GPTBot\nDisallow: /' }],
      llmsTxt: null,
      answeringPages: ['https://brand.example/guides/leak/', 'https://brand.example/pricing/'],
    });
    expect(access.items.map((i) => [i.agent, i.blockedAnsweringPages, i.answeringPages, i.examples])).toEqual([
      ['OAI-SearchBot', 1, 2, 'https://brand.example/guides/leak/'],
      ['GPTBot', 2, 2, 'https://brand.example/guides/leak/ https://brand.example/pricing/'],
    ]);
    expect(access.score).toBeGreaterThan(0.9);
    expect(access.score).toBeLessThan(1);
  });
});
