import { describe, expect, it } from 'vitest';
import { scorePage } from '../../../shared/pipeline.ts';
import {
  AuditResultSchema,
  ConfigSchema,
  CrawlReportSchema,
  PageArtifactsSchema,
  PageResultSchema,
  ProspectQuestionSchema,
  REPORT_SCHEMA_VERSION,
  type CrawlReport,
} from '../../../shared/schemas/index.ts';

const html = `<!doctype html><html lang="en"><head><title>Leak detector pricing</title>
<meta name="description" content="Prices and plans"><link rel="canonical" href="/pricing/"></head>
<body><main><h1>Pricing</h1><p>The Sentry costs $49.</p><h2>How to order?</h2><ol><li>Pick</li><li>Pay</li></ol></main></body></html>`;

/** JSON out and back in, as a report file or an extension message travels. */
const viaJson = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

describe('schemas survive a JSON round trip unchanged', () => {
  const { artifacts, result } = scorePage({ url: 'https://brand.example/pricing/', status: 200, headers: { 'content-type': 'text/html' }, html });

  it('page artifacts', () => {
    expect(PageArtifactsSchema.parse(viaJson(artifacts))).toEqual(artifacts);
  });

  it('page result and its audit results', () => {
    expect(PageResultSchema.parse(viaJson(result))).toEqual(result);
    for (const a of result.audits) expect(AuditResultSchema.parse(viaJson(a))).toEqual(a);
  });

  it('prospect question, with defaults filled once', () => {
    const q = ProspectQuestionSchema.parse({ id: 'q1', text: 'how much does a leak detector cost', stage: 'purchase' });
    expect(q).toMatchObject({ weight: 1, source: 'config' });
    expect(ProspectQuestionSchema.parse(viaJson(q))).toEqual(q);
  });

  it('config file, with crawl defaults', () => {
    const c = ConfigSchema.parse({ brand: { name: 'Brightwell', domains: ['brightwell.example'] }, questions: [{ id: 'a', text: 'what is a leak', stage: 'interest' }] });
    expect(c.crawl.maxPages).toBeGreaterThan(0);
    expect(c.languages).toEqual(['en']);
    expect(ConfigSchema.parse(viaJson(c))).toEqual(c);
  });

  it('crawl report, carrying its schemaVersion', () => {
    const report: CrawlReport = {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'zmot-lens', version: '0.1.0' },
      generatedAt: '2026-11-23T10:00:00.000Z',
      site: { name: 'Brightwell', origin: 'https://brand.example' },
      crawl: { startUrl: 'https://brand.example/', startedAt: '2026-11-23T10:00:00.000Z', finishedAt: null, pagesFetched: 1, pagesQueued: 0, errors: 0, durationMs: 5, interrupted: false },
      scores: { zmot: 42, stages: { interest: 30, comparison: null, purchase: 80 }, personas: {} },
      pages: [result],
      siteAudits: [],
      issues: [{ type: 'broken-link', severity: 'error', message: 'Link to a 404', url: 'https://brand.example/x', items: [{ from: 'https://brand.example/' }] }],
      questions: [],
      gaps: [],
    };
    expect(CrawlReportSchema.parse(viaJson(report))).toEqual(report);
  });
});

describe('schemas reject what they must', () => {
  it('a report of another schemaVersion', () => {
    expect(CrawlReportSchema.safeParse({ schemaVersion: 999 }).success).toBe(false);
  });

  it('a question with an unknown stage, naming the field', () => {
    const r = ProspectQuestionSchema.safeParse({ id: 'q', text: 'x', stage: 'awareness' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['stage']);
  });

  it('a config whose crawl.maxPages is not a positive integer', () => {
    const r = ConfigSchema.safeParse({ brand: { name: 'B' }, crawl: { maxPages: -3 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['crawl', 'maxPages']);
  });
});
