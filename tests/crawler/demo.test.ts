import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrawlReportSchema, type CrawlReport } from '../../shared/schemas/index.ts';
import { zmotInProcess as zmot, type CliResult } from '../helpers/cli.ts';

// `zmot demo` end to end, as README's first command runs it: serve, crawl, score, write, name the files.
let out: string;
let run: CliResult;
let report: CrawlReport;
const pathOf = (url: string) => new URL(url).pathname;

beforeAll(async () => {
  out = path.join(await mkdtemp(path.join(os.tmpdir(), 'zmot-demo-')), 'report');
  run = await zmot(['demo', '--out', out]);
  if (run.code === 0) report = CrawlReportSchema.parse(JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')));
}, 300_000);

describe('zmot demo', () => {
  it('exits 0 and prints where every report went', () => {
    expect(run.stderr + run.stdout).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    for (const f of ['report.json', 'report.html', 'pages.csv', 'questions.csv', 'issues.csv', 'summary.md']) {
      const file = path.join(out, f);
      expect(run.stdout).toContain(file);
      expect(existsSync(file)).toBe(true);
    }
  });

  it('crawls the whole demo site from its home page', () => {
    const paths = new Set(report.pages.map((p) => pathOf(p.url)));
    for (const p of ['/', '/pricing/', '/fr/', '/compare/sentry-vs-aquaguard/', '/guides/find-a-hidden-water-leak/', '/fr/prix/']) expect(paths).toContain(p);
    expect(report.pages.filter((p) => p.status === 200).length).toBeGreaterThanOrEqual(35);
    expect(report.crawl.pagesFetched).toBe(report.pages.length);
  });

  it('lists every URL once: /old-pricing/ is a redirect to /pricing/, not a second copy of it', () => {
    const urls = report.pages.map((p) => p.url);
    expect(new Set(urls).size).toBe(urls.length);
    const pricing = report.pages.filter((p) => pathOf(p.url) === '/pricing/');
    expect(pricing).toHaveLength(1);
    expect(pricing[0].status).toBe(200);
    // Either the redirect was followed (and /pricing/ was not fetched again), or it is recorded as a 301 to /pricing/.
    const viaRedirect = !!pricing[0].requestedUrl && pathOf(pricing[0].requestedUrl) === '/old-pricing/';
    const redirectRow = report.pages.find((p) => p.requestedUrl && pathOf(p.requestedUrl) === '/old-pricing/' && p.status === 301);
    expect(viaRedirect || redirectRow !== undefined).toBe(true);
    const duplicateTitles = report.issues.filter((i) => i.type === 'duplicate-title');
    expect(duplicateTitles).toHaveLength(1);
    expect(duplicateTitles[0].items.map((i) => pathOf(String(i.url))).sort()).toEqual(['/returns/', '/shipping/']);
  });

  it('marks the noindex page and the X-Robots-Tag page as not indexable, the guides as indexable', () => {
    const byPath = new Map(report.pages.map((p) => [pathOf(p.url), p]));
    expect(byPath.get('/guides/water-heater-leak-signs/')?.indexable).toBe(false);
    expect(byPath.get('/pricing/print/')?.indexable).toBe(false);
    expect(byPath.get('/guides/what-is-a-leak-detector/')?.indexable).toBe(true);
    expect(byPath.get('/guides/what-is-a-leak-detector/')?.findability.score).toBeGreaterThan(0.7);
  });

  it('finds the page without a meta description', () => {
    const failing = report.pages.filter((p) => p.audits.find((a) => a.id === 'meta-description')?.score === 0).map((p) => pathOf(p.url));
    expect(failing).toContain('/warranty/');
    expect(failing).not.toContain('/pricing/');
  });

  it('scores the three stages and lists gaps', () => {
    expect(report.scores).not.toBeNull();
    const s = report.scores!;
    for (const stage of ['interest', 'comparison', 'purchase'] as const) {
      expect(s.stages[stage]).not.toBeNull();
      expect(s.stages[stage]!).toBeGreaterThan(0);
      expect(s.stages[stage]!).toBeLessThan(100);
    }
    expect(report.questions.length).toBeGreaterThanOrEqual(24);
    expect(report.gaps.length).toBeGreaterThan(0);
  });
});
