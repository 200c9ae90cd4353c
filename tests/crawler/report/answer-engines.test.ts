import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../../../crawler/crawl/index.ts';
import { buildReport } from '../../../crawler/report/build.ts';
import { CrawlStore } from '../../../crawler/store/crawl-store.ts';
import { evaluateAssertions } from '../../../shared/ci/assertions.ts';
import { AssertionSchema, ConfigSchema, type CrawlReport } from '../../../shared/schemas/index.ts';
import { startSite } from '../crawl/sites/server.ts';

// Answer-engine readiness end to end: a site on 127.0.0.1 whose robots.txt keeps OAI-SearchBot out
// of /guides/ and GPTBot out of everything, whose /pricing/ says nosnippet, and whose /llms.txt
// links one of the two answering pages — crawled, reported, and asserted on as `zmot ci` does.

const page = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="en"><head><title>${title}</title>${head}<meta name="description" content="${title}"></head><body><main><h1>${title}</h1>${body}<a href="/">Home</a> <a href="/guides/leak/">Leak guide</a> <a href="/pricing/">Pricing</a> <a href="mailto:help@brand.example">Email us</a></main></body></html>`;

const PAGES: Record<string, string> = {
  '/': page('Brightwell Home', '<p>Leak detectors for every home, with guides on choosing, installing and paying for one.</p>'),
  '/guides/leak/': page(
    'What is a leak detector',
    '<h2>What is a leak detector?</h2><p>A leak detector is a small sensor that sounds an alarm and sends a phone alert when it touches water, so a leaking pipe is found before it floods the floor.</p>',
  ),
  '/pricing/': page(
    'Leak detector price',
    '<h2>How much does a leak detector cost?</h2><p>A Brightwell leak detector costs 49 euros; the three-pack costs 129 euros with free delivery.</p>',
    '<meta name="robots" content="nosnippet">',
  ),
};
const ROBOTS = 'User-agent: OAI-SearchBot\nDisallow: /guides/\n\nUser-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n';

let dir: string;
let report: CrawlReport;
let llmsHits = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-ai-ready-'));
  const site = await startSite((_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(ROBOTS);
    if (url.pathname === '/llms.txt') {
      llmsHits++;
      const origin = `http://${_req.headers.host}`;
      return void res.writeHead(200, { 'content-type': 'text/markdown' }).end(`# Brightwell Home\n\n> Leak detectors.\n\n## Guides\n\n- [What is a leak detector](${origin}/guides/leak/): the basics\n`);
    }
    const html = PAGES[url.pathname];
    if (!html) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  const storePath = path.join(dir, 'crawl.sqlite');
  try {
    await crawl({ startUrl: `${site.origin}/`, storePath, workers: 0, retries: 0, timeoutMs: 30_000, headersTimeoutMs: 30_000 /* outlast a loaded machine: no page here is slow on purpose */ }).done;
  } finally {
    await site.close();
  }
  const store = CrawlStore.open(storePath, { readonly: true });
  try {
    report = await buildReport(store, {
      config: ConfigSchema.parse({
        brand: { name: 'Brightwell Home' },
        templates: false,
        questions: [
          { id: 'what', text: 'what is a leak detector', stage: 'interest' },
          { id: 'cost', text: 'how much does a leak detector cost', stage: 'purchase' },
        ],
      }),
    });
  } finally {
    store.close();
  }
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pageAudit = (url: string, id: string) => report.pages.find((p) => new URL(p.url).pathname === url)!.audits.find((a) => a.id === id)!;

describe('answer-engine readiness in a crawl report', () => {
  it('fetches /llms.txt once and finds both answering pages', () => {
    expect(llmsHits).toBe(1);
    const best = report.questions.map((q) => [q.question.id, q.best && new URL(q.best.url).pathname]);
    expect(best).toEqual([
      ['what', '/guides/leak/'],
      ['cost', '/pricing/'],
    ]);
  });

  it('per page: which answer crawlers are blocked, and that /pricing/ may not be quoted', () => {
    expect(pageAudit('/guides/leak/', 'ai-crawler-access').items.map((i) => i.agent)).toEqual(['OAI-SearchBot', 'GPTBot']);
    expect(pageAudit('/pricing/', 'ai-crawler-access').items.map((i) => i.agent)).toEqual(['GPTBot']);
    expect(pageAudit('/pricing/', 'ai-crawler-access').score).toBe(1);
    expect(pageAudit('/pricing/', 'quotable-text')).toMatchObject({ score: 0, items: [expect.objectContaining({ problem: 'nosnippet' })] });
    expect(pageAudit('/guides/leak/', 'quotable-text').score).toBe(1);
    // Readiness audits do not weigh in findability.
    expect(pageAudit('/pricing/', 'quotable-text').weight).toBe(0);
  });

  it('site-wide: crawlers against answering pages, and /llms.txt linking one of the two', () => {
    const access = report.siteAudits.find((a) => a.id === 'ai-crawler-access-site')!;
    expect(access.items.map((i) => [i.agent, i.blockedAnsweringPages, i.answeringPages])).toEqual([
      ['OAI-SearchBot', 1, 2],
      ['GPTBot', 2, 2],
    ]);
    const llms = report.siteAudits.find((a) => a.id === 'llms-txt')!;
    expect(llms).toMatchObject({ score: 0.75, displayValue: '1 of 2 answering pages linked' });
    expect(llms.items).toEqual([expect.objectContaining({ problem: 'unlinked', url: expect.stringMatching(/\/pricing\/$/) })]);
  });

  it('scores quotability as a factor of its own: /pricing/ (nosnippet) loses a quarter of its visibility, said in its notes', () => {
    const cost = report.questions.find((q) => q.question.id === 'cost')!.best!;
    expect(cost.quotability).toBeLessThan(1);
    expect(cost.visibility).toBeCloseTo(cost.answer * cost.findability * (1 - 0.25 * (1 - cost.quotability)), 2);
    expect(cost.notes).toContainEqual(expect.stringMatching(/^answer engines may not fully quote this page \(search and answer engines may not quote the page’s answers\): AI-answer quotability \d+%, visibility −\d+%$/));
    const what = report.questions.find((q) => q.question.id === 'what')!.best!;
    // OAI-SearchBot is blocked from /guides/: quotable, though not by every engine.
    expect(what.quotability).toBeGreaterThan(cost.quotability);
    expect(what.notes.some((n) => n.startsWith('answer engines may not fully quote'))).toBe(what.quotability < 1);
    // Findability is untouched by readiness: the factor stands apart.
    expect(report.pages.find((p) => p.url.endsWith('/pricing/'))!.findability.failing.map((f) => f.id)).not.toContain('quotable-text');
    expect(report.scores?.aiReadiness).toEqual({ interest: Math.round(what.quotability * 1000) / 10, comparison: null, purchase: Math.round(cost.quotability * 1000) / 10 });
  });

  it('can gate CI: audit:quotable-text fails on /pricing/, audit:llms-txt on the site', () => {
    const outcomes = evaluateAssertions(report, [
      AssertionSchema.parse({ target: 'audit:quotable-text', level: 'error' }),
      AssertionSchema.parse({ target: 'audit:ai-crawler-access', level: 'warn', urlPattern: '/pricing/' }),
      AssertionSchema.parse({ target: 'audit:llms-txt', level: 'warn' }),
    ]);
    expect(outcomes.map((o) => [o.target, o.passed])).toEqual([
      ['audit:quotable-text', false],
      ['audit:ai-crawler-access', true],
      ['audit:llms-txt', false],
    ]);
    expect(outcomes[0].urls).toEqual([expect.stringMatching(/\/pricing\/$/)]);
  });
});
