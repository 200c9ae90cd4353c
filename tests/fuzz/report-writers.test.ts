/**
 * The report writers on reports whose strings are arbitrary: report.html parses (jsdom, no scripts
 * run) into our own elements only, every CSV cell is formula-free, and summary.md stays inert.
 */
import fc from 'fast-check';
// @ts-ignore -- jsdom ships no type declarations; only the constructor and window.document are used.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { csvCell, issuesCsv, pagesCsv, questionsCsv } from '../../crawler/report/csv.ts';
import { esc, renderHtmlReport } from '../../crawler/report/html.ts';
import { mdText, renderMarkdownSummary } from '../../crawler/report/markdown.ts';
import type { CrawlReport, PageResult } from '../../shared/schemas/index.ts';
import { QUESTIONS_CSV_COLUMNS, questionsCsv as extensionQuestionsCsv } from '../../extension/utils/questions-export.ts';
import { asShownText, formulaCells, markdownProblems, readCsv } from '../security/inert.ts';
import { anyText, bounded, params, settle, suiteTimeout } from './fuzz.ts';

const text = anyText;
const url = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), text);
const stage = fc.constantFrom('interest' as const, 'comparison' as const, 'purchase' as const);
const item = fc.dictionary(text, fc.oneof(text, fc.double(), fc.boolean(), fc.constant(null)), { maxKeys: 4 });
const audit = fc.record({
  id: text, title: text, score: fc.constantFrom(0, 0.5, null), scoreDisplayMode: fc.constantFrom('binary' as const, 'numeric' as const, 'error' as const),
  explanation: fc.option(text, { nil: undefined }), errorMessage: fc.option(text, { nil: undefined }), warnings: fc.array(text, { maxLength: 2 }), items: fc.array(item, { maxLength: 3 }), weight: fc.constant(1),
});
const page: fc.Arbitrary<PageResult> = fc.record({
  url, status: fc.constantFrom(200, 404, 0), contentType: fc.option(text, { nil: null }), title: fc.option(text, { nil: null }), metaDescription: fc.option(text, { nil: null }),
  h1: fc.option(text, { nil: null }), lang: fc.option(text, { nil: null }), canonical: fc.option(url, { nil: null }), wordCount: fc.nat(5_000), depth: fc.option(fc.nat(10), { nil: null }),
  inSitemap: fc.option(fc.boolean(), { nil: null }), indexable: fc.boolean(), redirectChain: fc.array(fc.record({ url, status: fc.constantFrom(301, 302) }), { maxLength: 2 }),
  fetchError: fc.option(text, { nil: null }), audits: fc.array(audit, { maxLength: 3 }),
  findability: fc.record({ score: fc.double({ min: 0, max: 1, noNaN: true }), indexable: fc.boolean(), failing: fc.array(fc.record({ id: text, title: text, lost: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 2 }) }),
  stageProfile: fc.option(fc.record({ interest: fc.double({ min: 0, max: 1, noNaN: true }), comparison: fc.double({ min: 0, max: 1, noNaN: true }), purchase: fc.double({ min: 0, max: 1, noNaN: true }), signals: fc.array(text, { maxLength: 2 }) }), { nil: null }),
  lighthouse: fc.constant(null),
});
const answer = fc.record({
  url, passageId: fc.option(text, { nil: null }), heading: fc.option(text, { nil: null }), excerpt: text,
  answer: fc.double({ min: 0, max: 1, noNaN: true }), findability: fc.double({ min: 0, max: 1, noNaN: true }), visibility: fc.double({ min: 0, max: 1, noNaN: true }),
  factors: fc.record({ relevance: fc.double({ min: 0, max: 1, noNaN: true }), shape: fc.double({ min: 0, max: 1, noNaN: true }), directness: fc.double({ min: 0, max: 1, noNaN: true }), tone: fc.double({ min: 0, max: 1, noNaN: true }) }),
  notes: fc.array(text, { maxLength: 2 }),
});
const report: fc.Arbitrary<CrawlReport> = fc.record({
  schemaVersion: fc.constant(1 as const),
  tool: fc.constant({ name: 'zmot-lens' as const, version: '0.1.0' }),
  generatedAt: fc.constant('2026-01-02T03:04:05.000Z'),
  site: fc.record({ name: fc.option(text, { nil: null }), origin: url }),
  crawl: fc.record({ startUrl: url, startedAt: fc.constant('2026-01-02T03:04:05.000Z'), finishedAt: fc.constant(null), pagesFetched: fc.nat(100), pagesQueued: fc.nat(100), errors: fc.nat(5), durationMs: fc.nat(), interrupted: fc.boolean() }),
  scores: fc.option(fc.record({ zmot: fc.double({ min: 0, max: 100, noNaN: true }), stages: fc.record({ interest: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), comparison: fc.constant(null), purchase: fc.double({ min: 0, max: 100, noNaN: true }) }), personas: fc.dictionary(text, fc.double({ min: 0, max: 100, noNaN: true }), { maxKeys: 2 }) }), { nil: null }),
  pages: fc.array(page, { maxLength: 3 }),
  siteAudits: fc.constant([]),
  issues: fc.array(fc.record({ type: text, severity: fc.constantFrom('error' as const, 'warning' as const, 'notice' as const), message: text, url: fc.option(url, { nil: null }), items: fc.array(item, { maxLength: 2 }) }), { maxLength: 3 }),
  questions: fc.array(fc.record({ question: fc.record({ id: text, text, stage, persona: fc.option(text, { nil: undefined }), weight: fc.constantFrom(1, 2.5), source: fc.constantFrom('config' as const, 'paa' as const) }), visibility: fc.double({ min: 0, max: 1, noNaN: true }), best: fc.option(answer, { nil: null }), others: fc.constant([]), answered: fc.boolean() }), { maxLength: 3 }),
  gaps: fc.array(fc.record({ questionId: text, question: text, stage, nearestUrl: fc.option(url, { nil: null }), missing: fc.array(text, { maxLength: 3 }), visibility: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 3 }),
}) as fc.Arbitrary<CrawlReport>;

/** Elements report.html is built from: anything else would have come from the report's strings. */
const OWN_TAGS = new Set(['HTML', 'HEAD', 'META', 'TITLE', 'STYLE', 'BODY', 'HEADER', 'MAIN', 'SECTION', 'H1', 'H2', 'H3', 'DIV', 'SPAN', 'P', 'B', 'A', 'UL', 'OL', 'LI', 'DETAILS', 'SUMMARY', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'INPUT', 'SELECT', 'OPTION', 'SCRIPT', 'svg', 'text', 'rect']);

describe('report writers on arbitrary strings', () => {
  it('esc, csvCell and mdText neutralise any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(esc(s)).not.toMatch(/[<>"']/);
        expect(esc(s)).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
        expect(String(csvCell(s))).not.toMatch(/^[=+\-@\t\r]/);
        expect(mdText(s, 10_000)).not.toMatch(/[<>[\]()|`!\\*_~\r\n\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      params(1_000),
    );
  });

  it('report.html holds only its own elements, no handlers, and shows the strings as text', { timeout: suiteTimeout(40_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(report, async (r) => {
        const html = bounded('renderHtmlReport', r, () => renderHtmlReport(r));
        // The report's own script runs (it renders the pages table from the data block); page content must stay text.
        const dom = new JSDOM(html, { runScripts: 'dangerously' }) as { window: { document: Document; close(): void } };
        try {
          const doc = dom.window.document;
          const all = Array.from(doc.querySelectorAll('*'));
          expect(all.map((e) => e.tagName).filter((t) => !OWN_TAGS.has(t))).toEqual([]);
          expect(all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)))).toEqual([]);
          expect(Array.from(doc.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')).filter((h) => !/^https?:\/\//i.test(h ?? ''))).toEqual([]);
          const scripts = Array.from(doc.scripts);
          expect(scripts.filter((e) => e.type !== 'application/json')).toHaveLength(1);
          expect(scripts.filter((e) => e.type === 'application/json').map((e) => e.id)).toEqual(['zmot-first', 'zmot-rows', 'zmot-detail']);
          // What is on screen: the body without the script and data blocks.
          const body = doc.body.cloneNode(true) as HTMLElement;
          body.querySelectorAll('script').forEach((e) => e.remove());
          const shown = (body.textContent ?? '').replace(/\s+/g, ' ');
          const asShown = (s: string) => asShownText(s).replace(/\s+/g, ' ').trim();
          for (const q of r.questions) expect(shown).toContain(asShown(q.question.text));
          for (const p of r.pages) if (p.title) expect(shown).toContain(asShown(p.title));
        } finally {
          dom.window.close();
        }
        await settle();
      }),
      params(60),
    );
  });

  it('the extension’s questions CSV export holds no formula cell and keeps each question', () => {
    const question = fc.record({ text, query: text, source: fc.constantFrom('paa' as const, 'query' as const), lang: fc.option(fc.constantFrom('en', 'fr'), { nil: undefined }), collectedAt: fc.constant('2026-01-02T03:04:05.000Z'), url: fc.option(fc.webUrl(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(question, { maxLength: 5 }), (questions) => {
        const rows = readCsv(extensionQuestionsCsv(questions));
        expect(rows[0]).toEqual([...QUESTIONS_CSV_COLUMNS]);
        expect(formulaCells(rows)).toEqual([]);
        // Written as UTF-8, a lone surrogate becomes U+FFFD.
        const wellFormed = (t: string) => t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
        const shown = (t: string) => wellFormed(/^[=+\-@\t\r]/.test(t) ? `'${t}` : t);
        rows.slice(1).forEach((row, i) => expect(row[0]).toBe(shown(questions[i].text)));
      }),
      params(300),
    );
  });

  it('the CSVs never hold a formula cell, and summary.md stays inert', { timeout: suiteTimeout(30_000) }, () => {
    fc.assert(
      fc.property(report, (r) => {
        for (const csv of [pagesCsv(r), questionsCsv(r), issuesCsv(r)]) expect(formulaCells(readCsv(csv))).toEqual([]);
        expect(markdownProblems(renderMarkdownSummary(r))).toEqual({ rawHtml: [], scriptLinks: [], images: [], brokenRows: [], controls: [] });
      }),
      params(150),
    );
  });
});
