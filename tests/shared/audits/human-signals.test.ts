import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArtifacts } from '../../../shared/extract/index.ts';
import { auditById } from '../../../shared/audits/registry.ts';
import { runAudits } from '../../../shared/audits/run.ts';
import { contactFactor, humanSignalScore } from '../../../shared/human-signals/config.ts';
import { humanSignalSiteAudits } from '../../../shared/human-signals/site.ts';
import { pageResultFrom } from '../../../shared/pipeline.ts';
import { evaluateAssertions } from '../../../shared/ci/assertions.ts';
import { scoreSite } from '../../../shared/score/index.ts';
import { ProspectQuestionSchema, type AuditResult, type CrawlReport, type PageArtifacts } from '../../../shared/schemas/index.ts';
import { page as scoredPage, testConfig } from '../score/pages.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';

// Small local pages with and without each human signal; then the same audits on a real SaaS site's pages.
const URL_ = 'https://brand.example/guides/leak/';
const PROSE = Array.from({ length: 40 }, (_, i) => `Sentence ${i} explains how a water leak shows itself under floors and behind walls.`).join(' ');

function page(body: string, head = '', url = URL_): PageArtifacts {
  return extractArtifacts({
    url,
    status: 200,
    headers: { 'content-type': 'text/html' },
    html: `<!doctype html><html lang="en"><head><title>Leak guide</title>${head}</head><body>${body}</body></html>`,
  });
}
function run(id: string, a: PageArtifacts): AuditResult {
  return runAudits(a, { audits: [auditById(id)!] })[0];
}
const article = (extra: string, head = '') => page(`<main><h1>How to find a leak</h1>${extra}<p>${PROSE}</p></main>`, head);

describe('author-byline', () => {
  it('finds a person in the markup, a visible byline with an author page, rel=author; fails an anonymous article', () => {
    const markup = article('', '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"x","author":{"@type":"Person","name":"Dana Whitfield","url":"https://brand.example/team/dana/"}}</script>');
    expect(run('author-byline', markup)).toMatchObject({ score: 1, displayValue: 'Dana Whitfield' });
    const byline = article('<p class="byline">By <a href="/team/ana/">Ana Pop</a></p>');
    expect(run('author-byline', byline)).toMatchObject({ score: 1, displayValue: 'Ana Pop' });
    expect(run('author-byline', byline).items[0]).toMatchObject({ url: 'https://brand.example/team/ana/', source: 'byline' });
    expect(run('author-byline', article('<a rel="author" href="/team/ana/">Ana Pop</a>')).items[0]).toMatchObject({ name: 'Ana Pop', source: 'rel-author', url: 'https://brand.example/team/ana/' });
    const nameOnly = article('<span class="author-name">Ana Pop</span>');
    expect(run('author-byline', nameOnly).score).toBeCloseTo(0.7);
    expect(run('author-byline', nameOnly).explanation).toMatch(/neither an author page nor a bio/);
    const anonymous = run('author-byline', article(''));
    expect(anonymous).toMatchObject({ score: 0, title: 'Does not say who wrote it' });
    expect(anonymous.explanation).toMatch(/No author/);
  });

  it('gives an organisation as author partial credit, ignores customers named in testimonials, and skips short pages', () => {
    const org = article('', '<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebPage","author":{"@type":"Organization","name":"Zera Books"}}</script>');
    expect(run('author-byline', org).score).toBeCloseTo(0.3);
    const testimonial = article('<div class="testimonial"><blockquote>It changed how we close the month, every single month, for all our clients.</blockquote><div class="testimonial-author"><strong>Ashish Josan</strong></div></div>');
    expect(run('author-byline', testimonial).score).toBe(0);
    expect(run('author-byline', page('<main><p>Call us.</p></main>'))).toMatchObject({ score: null, scoreDisplayMode: 'notApplicable' });
  });
});

describe('content-dates', () => {
  it('reads dates from markup, meta, <time> and "Updated on" text; fails an undated article', () => {
    expect(run('content-dates', article('', '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","datePublished":"2025-01-15","dateModified":"2025-02-28"}</script>'))).toMatchObject({ score: 1, displayValue: 'modified 2025-02-28' });
    expect(run('content-dates', article('', '<meta property="article:published_time" content="2024-03-01T10:00:00Z">')).score).toBe(1);
    expect(run('content-dates', article('<p class="post-meta"><time datetime="2024-05-02">2 May 2024</time></p>')).score).toBe(1);
    expect(run('content-dates', article('<p>Last updated: March 3, 2025</p>')).items[0]).toMatchObject({ kind: 'modified', value: 'March 3, 2025', source: 'text' });
    expect(run('content-dates', article(''))).toMatchObject({ score: 0, title: 'Does not say when it was published or updated' });
  });
});

describe('contact-paths', () => {
  it('finds contact links, tel:/mailto:, labelled phones and e-mails, chat widgets and booking links', () => {
    expect(run('contact-paths', page('<footer><a href="/contact-us/">Get in touch</a></footer>')).items).toEqual([{ kind: 'contact-page', value: 'https://brand.example/contact-us/', source: 'link' }]);
    expect(run('contact-paths', page('<a href="tel:+15415550187">Call</a><a href="mailto:help@brand.example?subject=hi">Mail</a>')).displayValue).toBe('phone, email');
    const text = run('contact-paths', page('<p>Phone: (541) 555-0187 · Email: support@brand.example · Monday to Friday, 9 a.m. to 5 p.m.</p>'));
    expect(text.items.map((i) => i.kind)).toEqual(['phone', 'email', 'opening-hours']);
    expect(run('contact-paths', page('<script src="https://widget.intercom.io/widget/abc123"></script>')).items[0]).toMatchObject({ kind: 'chat', value: 'widget.intercom.io' });
    expect(run('contact-paths', page('<script>window.$crisp=[];window.CRISP_WEBSITE_ID="x";</script>')).score).toBe(1);
    expect(run('contact-paths', page('<a href="https://calendly.com/brand/intro">Pick a time</a>')).items[0]).toMatchObject({ kind: 'booking' });
    expect(run('contact-paths', page('<a href="/sales/">Book a demo</a>')).items[0]).toMatchObject({ kind: 'booking' });
  });

  it('fails a page with no way to reach a person, and does not guess one from numbers or opening hours alone', () => {
    const none = run('contact-paths', page('<p>Our sensor costs $49.00 and ships in 2 days. Order 123-4567-89.</p>'));
    expect(none).toMatchObject({ score: 0, title: 'Gives no way to reach a person', items: [{ problem: 'no contact path' }] });
    const hours = run('contact-paths', page('<p>Open Monday to Friday, 9:00 to 17:00.</p>'));
    expect(hours).toMatchObject({ score: 0 });
    expect(hours.explanation).toMatch(/Opening hours are given/);
  });
});

describe('customer-voice and organization-identity', () => {
  it('counts named testimonials, rated reviews and AggregateRating markup; lists a page without them as informative', () => {
    const quotes = page('<h2>What customers say</h2><blockquote><p>“The valve closed before I got downstairs, and the floor was saved.”</p><p>— Renata Holm, homeowner</p></blockquote>');
    expect(run('customer-voice', quotes)).toMatchObject({ score: 1, items: [{ kind: 'testimonial', author: 'Renata Holm' }] });
    const cards = page('<div class="review-grid"><div class="review-card"><div class="stars">★★★★</div><div class="review-text">It turned three days of month-end work into a few hours for our whole team.</div><div class="review-author"><strong>Mark T.</strong> Bookkeeper</div></div></div>');
    expect(run('customer-voice', cards).items).toEqual([{ kind: 'testimonial', author: 'Mark T.', rating: 4, count: null, source: 'html' }]);
    const rating = page('', '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Sentry","aggregateRating":{"@type":"AggregateRating","ratingValue":"4.7","reviewCount":"212"}}</script>');
    expect(run('customer-voice', rating).items[0]).toMatchObject({ kind: 'aggregate-rating', rating: 4.7, count: 212, source: 'markup' });
    const anonymous = page('<section class="testimonials"><blockquote>Best purchase we made this year, and the support was quick and kind.</blockquote></section>');
    expect(run('customer-voice', anonymous).score).toBe(0.5);
    expect(run('customer-voice', page('<p>No quotes here.</p>'))).toMatchObject({ score: null, scoreDisplayMode: 'informative' });
  });

  it('scores Organization markup by name, legal name and address', () => {
    const full = page('', '<script type="application/ld+json">{"@context":"https://schema.org","@type":"LocalBusiness","name":"Brightwell","legalName":"Brightwell Home, Inc.","address":{"@type":"PostalAddress","addressLocality":"Eugene","addressCountry":"US"},"telephone":"+1-541-555-0187","openingHours":"Mo-Fr 07:00-17:00"}</script>');
    expect(run('organization-identity', full)).toMatchObject({ score: 1, displayValue: 'Brightwell Home, Inc.' });
    expect(run('contact-paths', full).items.map((i) => i.kind)).toEqual(['phone', 'opening-hours']);
    const nameOnly = page('<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Acme</span></div>');
    expect(run('organization-identity', nameOnly)).toMatchObject({ score: 0.5 });
    expect(run('organization-identity', nameOnly).explanation).toMatch(/postal address or legal name/);
    // The publisher of an article is not the site's identity card.
    const publisher = page('', '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","publisher":{"@type":"Organization","name":"Acme"}}</script>');
    expect(run('organization-identity', publisher).scoreDisplayMode).toBe('informative');
  });
});

describe('stage-aware scoring', () => {
  const pricing = (contact: string) =>
    scoredPage(`<h1>Acme pricing</h1><p>The Acme Sensor costs $49.00 and the Acme Hub costs $89.00. Free shipping on orders over $99.</p>${contact}`, { url: 'https://acme.example/pricing/', title: 'Acme pricing: sensor and hub prices' });
  const guide = scoredPage('<h1>What is a leak detector?</h1><p>A leak detector is a small battery device that sounds an alarm when water touches its contacts on the floor.</p>', {
    url: 'https://acme.example/guides/what-is-a-leak-detector/',
    title: 'What is a leak detector?',
  });
  const q = [
    ProspectQuestionSchema.parse({ id: 'q-price', text: 'how much does the acme sensor cost', stage: 'purchase', lang: 'en' }),
    ProspectQuestionSchema.parse({ id: 'q-what', text: 'what is a leak detector', stage: 'interest', lang: 'en' }),
  ];
  const config = testConfig({ brand: { name: 'Acme' }, products: ['Acme Sensor'] });

  it('lowers a purchase answer with no way to reach a person, with a note; the same page with a contact link is not lowered', () => {
    const without = scoreSite({ config, questions: q, pages: [pricing(''), guide] }).questions;
    const withContact = scoreSite({ config, questions: q, pages: [pricing('<p><a href="/contact/">Contact sales</a></p>'), guide] }).questions;
    const a = without[0].best!;
    const b = withContact[0].best!;
    expect(a.url).toBe('https://acme.example/pricing/');
    expect(a.notes.join(' ')).toMatch(/no way to reach a person .* purchase-stage prospect .* visibility −20%/);
    expect(b.notes.join(' ')).not.toMatch(/reach a person/);
    expect(a.visibility).toBeCloseTo(b.visibility * 0.8, 2);
  });

  it('does not penalise an interest-stage guide for lacking a phone number', () => {
    const [, what] = scoreSite({ config, questions: q, pages: [pricing(''), guide] }).questions;
    expect(what.best!.url).toBe('https://acme.example/guides/what-is-a-leak-detector/');
    expect(what.best!.notes.join(' ')).not.toMatch(/reach a person/);
    expect(what.visibility).toBeCloseTo(what.best!.answer * what.best!.findability, 2);
    expect(contactFactor(guide.page.audits, 'interest')).toBe(1);
    expect(contactFactor(guide.page.audits, 'comparison')).toBeCloseTo(0.9);
  });

  it('weighs the people audits per stage from data: an anonymous guide scores low at interest, a contact link counts at purchase', () => {
    const audits = runAudits(article(''));
    expect(humanSignalScore(audits, 'interest').score).toBe(0);
    expect(humanSignalScore(audits, 'interest').failing.map((f) => f.id)).toEqual(['author-byline', 'content-dates']);
    const shop = runAudits(page('<a href="/contact/">Contact</a>'));
    expect(humanSignalScore(shop, 'purchase').score).toBe(1);
  });
});

describe('site-wide: talk to a person, organisation, customer voice, in reports and CI', () => {
  const pages = [
    pageResultFrom(page('<main><h1>Pricing</h1><p>$49</p></main>', '', 'https://brand.example/pricing/'), { stageProfile: () => ({ interest: 0.1, comparison: 0.1, purchase: 0.8, signals: [] }) }),
    pageResultFrom(page('<main><h1>Shipping</h1><p>2 days.</p><a href="/contact/">Contact us</a></main>', '', 'https://brand.example/shipping/'), { stageProfile: () => ({ interest: 0.1, comparison: 0.1, purchase: 0.8, signals: [] }) }),
    pageResultFrom(page('<main><h1>Guide</h1><p>How leaks start.</p></main>', '', 'https://brand.example/guide/'), { stageProfile: () => ({ interest: 0.9, comparison: 0.05, purchase: 0.05, signals: [] }) }),
  ];
  const { audits, issues } = humanSignalSiteAudits({ pages, questions: [] });
  const byId = new Map(audits.map((a) => [a.id, a]));

  it('lists the purchase pages with no contact path (not the guide), and says what the site lacks', () => {
    expect(byId.get('talk-to-a-person')).toMatchObject({ score: 0.5, displayValue: '1 of 2 pages', items: [{ url: 'https://brand.example/pricing/', stage: 'purchase' }] });
    expect(issues).toEqual([expect.objectContaining({ type: 'no-contact-path', url: 'https://brand.example/pricing/' })]);
    expect(byId.get('organization-identity-site')).toMatchObject({ score: 0 });
    expect(byId.get('customer-voice-site')).toMatchObject({ score: 0 });
    expect(byId.get('human-signals-site')!.items.find((i) => i.signal === 'way to reach a person')).toMatchObject({ pages: 1, checked: 3 });
  });

  it('names its example pages in URL order, not in the order they were fetched', () => {
    const withContact = (url: string) => pageResultFrom(page('<main><h1>Help</h1><p>Ask us.</p><a href="/contact/">Contact us</a></main>', '', url), { stageProfile: () => ({ interest: 0.1, comparison: 0.1, purchase: 0.8, signals: [] }) });
    const fetched = [withContact('https://brand.example/b/'), withContact('https://brand.example/a/')];
    const row = (list: typeof fetched) => humanSignalSiteAudits({ pages: list, questions: [] }).audits.find((a) => a.id === 'human-signals-site')!.items.find((i) => i.signal === 'way to reach a person');
    expect(row(fetched)).toMatchObject({ pages: 2, examples: 'https://brand.example/a/ https://brand.example/b/' });
    expect(row([...fetched].reverse())).toEqual(row(fetched));
  });

  it('is assertable in zmot ci like other audits: audit:contact-paths per page, audit:talk-to-a-person and issue:no-contact-path site-wide', () => {
    const report = { pages, siteAudits: audits, issues, questions: [], gaps: [], scores: null } as unknown as CrawlReport;
    const out = evaluateAssertions(report, [
      { target: 'audit:contact-paths', level: 'error', urlPattern: '/pricing|shipping/' },
      { target: 'audit:talk-to-a-person', level: 'error' },
      { target: 'issue:no-contact-path', level: 'warn' },
    ] as never);
    expect(out.map((o) => [o.passed, o.urls])).toEqual([
      [false, ['https://brand.example/pricing/']],
      [false, ['https://brand.example/pricing/']],
      [false, ['https://brand.example/pricing/']],
    ]);
  });
});

describe('on a real SaaS site (zerabooks, ../shared/fixtures/sites/zerabooks)', () => {
  const site = path.join(SHARED_FIXTURES, 'sites/zerabooks');
  const real = (p: string) =>
    runAudits(extractArtifacts({ url: `https://zerabooks.github.io/${p}`, status: 200, headers: { 'content-type': 'text/html' }, html: readFileSync(path.join(site, p, 'index.html'), 'utf8') }));
  const get = (audits: AuditResult[], id: string) => audits.find((a) => a.id === id)!;

  it('finds its reviews (AggregateRating 4.9 of 312 and six named, starred review cards) and its CPA testimonial', () => {
    const reviews = get(real('reviews/'), 'customer-voice');
    expect(reviews.score).toBe(1);
    expect(reviews.items[0]).toMatchObject({ kind: 'aggregate-rating', rating: 4.9, count: 312, source: 'markup' });
    expect(reviews.items.filter((i) => i.kind === 'testimonial').map((i) => i.author)).toEqual(['Ashish Josan', 'Manroop Gill', 'Jennifer K.', 'Mark T.', 'Sarah M.', 'David R.']);
    expect(get(real('cpas-accountants/'), 'customer-voice').items).toEqual([expect.objectContaining({ kind: 'testimonial', author: 'Ashish Josan' })]);
  });

  it('finds no way to reach a person on its pricing page, and articles credited to the company, not a person', () => {
    const pricing = real('pricing/');
    expect(get(pricing, 'contact-paths')).toMatchObject({ score: 0, items: [{ problem: 'no contact path' }] });
    const guide = real('guides/');
    expect(get(guide, 'author-byline').items[0]).toMatchObject({ name: 'Zera Books', kind: 'organization' });
    expect(get(guide, 'content-dates')).toMatchObject({ score: 1, displayValue: 'modified 2025-02-28' });
  });
});
