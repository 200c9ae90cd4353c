/**
 * The failure kinds met on real sites (issue 11), each on small pages of its own: what a marketer
 * would see go wrong in a report if they came back.
 */
import { describe, expect, it } from 'vitest';
import { scoreSite } from '../../../shared/score/index.ts';
import type { ProspectQuestion } from '../../../shared/schemas/index.ts';
import { filler, page, testConfig } from './pages.ts';

const q = (id: string, text: string, stage: ProspectQuestion['stage']): ProspectQuestion => ({ id, text, stage, weight: 1, source: 'config', lang: 'en' });
const pathOf = (url: string | null | undefined) => (url ? new URL(url).pathname : null);

describe("the brand's own pricing page answers a cost question about the brand", () => {
  const config = testConfig({ brand: { name: 'Ledgerly', domains: ['ledgerly.example'] }, competitors: [{ name: 'Booxo' }] });
  const pricing = page(
    `<h1>Plans</h1><h2>Pick a plan</h2><p>Starter is $29 a month for one user and five connected bank accounts; Team is $79 a month for ten users and unlimited accounts. Every plan is billed monthly and can be cancelled at any time.</p>`,
    { url: 'https://ledgerly.example/plans/', title: 'Plans | Ledgerly' },
  );
  const alternative = page(
    `<h1>The best Booxo alternative</h1><h2>Why teams leave Booxo</h2><p>Booxo costs more as you grow and Ledgerly does not: Ledgerly keeps one simple price. Teams that switch from Booxo to Ledgerly say the move takes an afternoon, and their books close faster. ${filler(40)}</p>`,
    { url: 'https://ledgerly.example/booxo-alternative/', title: 'Booxo alternative | Ledgerly' },
  );
  const scored = scoreSite({ config, questions: [q('cost', 'How much does Ledgerly cost?', 'purchase')], pages: [alternative, pricing] });

  it('picks the plans page, whose passage says neither "cost" nor the brand name, over the alternative page', () => {
    const r = scored.questions[0];
    expect(pathOf(r.best?.url)).toBe('/plans/');
    expect(r.best?.factors.relevance).toBeGreaterThan(0.8);
    expect(r.best?.notes.join(' ')).not.toMatch(/ledgerly|'cost'/i);
  });

  it('does not imply the brand on another site, nor a competitor\u2019s name on the brand\u2019s pages', () => {
    const elsewhere = page(pricing.artifacts ? `<h1>Plans</h1><h2>Pick a plan</h2><p>Starter is $29 a month for one user and five connected bank accounts.</p>` : '', {
      url: 'https://reseller.example/plans/',
      title: 'Plans',
    });
    const other = scoreSite({ config, questions: [q('cost', 'How much does Ledgerly cost?', 'purchase')], pages: [elsewhere] });
    expect(other.questions[0].best?.factors.relevance ?? 0).toBeLessThan(0.8);
    const competitor = scoreSite({ config, questions: [q('c', 'How much does Booxo cost?', 'purchase')], pages: [pricing] });
    expect(competitor.questions[0].best?.factors.relevance ?? 0).toBeLessThan(0.8);
  });
});

describe('stage vocabulary matches as synonyms, per language', () => {
  const config = testConfig({ brand: { name: 'Acme' }, languages: ['en', 'fr', 'de', 'es'] });
  it.each([
    ['en', 'can I cancel my subscription', '<h2>Contract</h2><p>There is no contract: stop whenever you like, from your account settings, with no fee to leave.</p>'],
    ['fr', 'combien coûte l’abonnement', '<h2>Tarifs</h2><p>La formule Pro est à 19 € par mois, sans engagement, facturée chaque mois.</p>'],
    ['de', 'was kostet das abo', '<h2>Preise</h2><p>Der Tarif Pro liegt bei 19 € im Monat und ist monatlich kündbar.</p>'],
    ['es', 'cuánto cuesta la suscripción', '<h2>Precios</h2><p>El plan Pro cuesta 19 € al mes, sin permanencia, y se factura cada mes.</p>'],
  ])('%s: "%s" finds the page that uses other words for it', (lang, question, body) => {
    const p = page(`<h1>Acme</h1>${body}`, { lang, url: `https://acme.example/${lang}/` });
    const r = scoreSite({ config, questions: [{ ...q('x', question, 'purchase'), lang }], pages: [p] }).questions[0];
    expect(r.best).not.toBeNull();
    expect(r.best!.factors.relevance).toBeGreaterThan(0.6);
  });
});

describe('listing pages never win over the article they excerpt', () => {
  const config = testConfig({ brand: { name: 'Acme', domains: ['acme.example'] } });
  const articleUrl = 'https://acme.example/blog/why-invoices-get-paid-late/';
  const card = (title: string, url: string, summary: string) => `<article><h2><a href="${url}">${title}</a></h2><p>${summary}</p><a href="${url}">Read more →</a></article>`;
  const listing = page(
    `<h1>Blog</h1>${card('Why invoices get paid late', articleUrl, 'Why do invoices get paid late? Unclear payment terms, missing purchase order numbers and invoices sent to the wrong person.')}
     ${card('Month-end close checklist', 'https://acme.example/blog/close/', 'A checklist to close the books in three days.')}
     ${card('Chart of accounts basics', 'https://acme.example/blog/coa/', 'How to structure a chart of accounts.')}
     ${card('Bank feeds explained', 'https://acme.example/blog/feeds/', 'What bank feeds do and where they break.')}
     ${card('Receipt capture tips', 'https://acme.example/blog/receipts/', 'Snap, tag and file receipts the same day.')}`,
    { url: 'https://acme.example/blog/page/2/', title: 'Blog, page 2 | Acme' },
  );
  const article = page(
    `<h1>Why invoices get paid late</h1><p>${filler(30)}</p><h2>The usual causes</h2><p>Invoices get paid late mostly for three reasons: payment terms nobody agreed on, a missing purchase order number, and invoices sent to someone who cannot approve them. Fix the first two before you send, and send to the approver.</p>`,
    { url: articleUrl, title: 'Why invoices get paid late | Acme' },
  );
  const question = q('late', 'why do invoices get paid late', 'interest');

  it('recognises the paginated blog index and ranks the article first, the listing after it', () => {
    const r = scoreSite({ config, questions: [question], pages: [listing, article] }).questions[0];
    expect(pathOf(r.best?.url)).toBe('/blog/why-invoices-get-paid-late/');
    expect(r.others.map((o) => pathOf(o.url))).toContain('/blog/page/2/');
    const listed = r.others.find((o) => pathOf(o.url) === '/blog/page/2/')!;
    expect(listed.notes).toContain('an excerpt on a listing page: the article it links to is the answer');
  });
});

describe("a page's subject (title and H1) counts for every passage", () => {
  const config = testConfig({ brand: { name: 'Acme' } });
  it('a section of the QuickBooks Desktop guide answers a QuickBooks Desktop question without repeating the name', () => {
    const guide = page(
      `<h1>QuickBooks Desktop import guide</h1><h2>Which file to use</h2><p>Use a QBO file through Web Connect: it keeps the payee and the memo, and it is the format the desktop edition reads without a mapping step. ${filler(20)}</p>`,
      { url: 'https://acme.example/import/quickbooks-desktop/', title: 'QuickBooks Desktop import guide | Acme' },
    );
    const generic = page(`<h1>File formats</h1><h2>Formats</h2><p>We export CSV, Excel and OFX files for any ledger. ${filler(20)}</p>`, { url: 'https://acme.example/formats/', title: 'File formats | Acme' });
    const r = scoreSite({ config, questions: [q('qbd', 'which file format for quickbooks desktop', 'purchase')], pages: [generic, guide] }).questions[0];
    expect(pathOf(r.best?.url)).toBe('/import/quickbooks-desktop/');
    expect(r.best?.excerpt).toContain('Web Connect');
  });
});

describe('a long section is scored by its best window', () => {
  const config = testConfig({ brand: { name: 'Acme' } });
  it('finds the answer in the middle of a 2,000-word section, and says where it starts', () => {
    const answer = 'The usual causes of reconciliation differences are outstanding cheques, deposits in transit and bank fees that were never booked.';
    const long = page(`<h1>Bookkeeping handbook</h1><h2>Everything about the books</h2><p>${filler(1000)} ${answer} ${filler(1000)}</p>`, {
      url: 'https://acme.example/handbook/',
      title: 'Bookkeeping handbook',
    });
    const r = scoreSite({ config, questions: [q('rec', 'what causes reconciliation differences', 'interest')], pages: [long] }).questions[0];
    expect(r.best?.excerpt).toContain('outstanding cheques');
    expect(r.best?.notes.join(' ')).not.toMatch(/spread over/);
    expect(r.best!.factors.relevance).toBeGreaterThan(0.8);
  });
});

describe("a gap's nearest page is the question's best page", () => {
  const config = testConfig({ brand: { name: 'Acme' } });
  it('names the page that came closest to answering, not the one that merely mentions the topic most', () => {
    const topical = page(
      `<h1>Client statements</h1><h2>Statements</h2><p>Statements statements statements: our statements hub lists statements for every bank, statements for every client. <a href="https://acme.example/a/">Statements for banks in the north</a> <a href="https://acme.example/b/">Statements for banks in the south</a> <a href="https://acme.example/c/">Statements for banks in the east</a></p>`,
      { url: 'https://acme.example/statements/', title: 'Client statements | Acme' },
    );
    const close = page(`<h1>Client portal</h1><h2>Collecting documents</h2><p>Clients upload their bank statements to the portal each month; you see who has not yet uploaded. ${filler(10)}</p>`, {
      url: 'https://acme.example/portal/',
      title: 'Client portal | Acme',
    });
    const s = scoreSite({ config, questions: [q('chase', 'how do I get clients to send bank statements on time without chasing them', 'interest')], pages: [topical, close] });
    const r = s.questions[0];
    const g = s.gaps.find((x) => x.questionId === 'chase');
    if (r.answered) return expect(g).toBeUndefined();
    expect(g?.nearestUrl).toBe(r.best?.url);
  });
});
