import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl, type CrawlOptionsInput } from '../../../crawler/crawl/index.ts';
import { buildReport } from '../../../crawler/report/build.ts';
import { CrawlStore } from '../../../crawler/store/crawl-store.ts';
import { ConfigSchema, type CrawlReport } from '../../../shared/schemas/index.ts';
import { startBasicSite } from '../crawl/sites/basic-site.ts';
import { startCalendarSite } from '../crawl/sites/calendar-site.ts';
import { startRobotsSite } from '../crawl/sites/robots-variants.ts';
import type { TestSite } from '../crawl/sites/server.ts';
import { startWrongCharsetSite } from '../crawl/sites/wrong-charset-site.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-build-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// No site here is slow on purpose: the fetch limits only have to outlast a loaded machine (with 2 s, pages
// timed out at a load average of 18 while the main thread audited the page before).
const PATIENT = { timeoutMs: 30_000, headersTimeoutMs: 30_000 };

let n = 0;
async function reportOf(site: TestSite, options: Partial<CrawlOptionsInput> = {}, abortAfter?: number): Promise<CrawlReport> {
  const storePath = path.join(dir, `r${n++}.sqlite`);
  try {
    const run = crawl({ startUrl: `${site.origin}/`, storePath, workers: 0, retries: 0, ...PATIENT, ...options });
    if (abortAfter) run.on('page', (p) => p.fetched >= abortAfter && run.abort());
    await run.done;
  } finally {
    await site.close();
  }
  const store = CrawlStore.open(storePath, { readonly: true });
  try {
    return await buildReport(store, { config: ConfigSchema.parse({ brand: { name: 'Test brand' }, questions: [{ id: 'q1', text: 'what is a leak detector', stage: 'interest' }] }) });
  } finally {
    store.close();
  }
}

describe('report from a crawl store', () => {
  it('has every stored page, crawl statistics, scores and crawl-level audits', async () => {
    const report = await reportOf(await startBasicSite());
    expect(report.site).toMatchObject({ name: 'Test brand' });
    expect(report.pages.length).toBe(report.crawl.pagesFetched);
    expect(report.pages.find((p) => p.url.endsWith('/missing'))?.status).toBe(404);
    expect(report.crawl.errors).toBe(1);
    expect(report.crawl.interrupted).toBe(false);
    expect(report.scores).not.toBeNull();
    expect(report.questions.map((q) => q.question.id)).toContain('q1');
    const blocked = report.issues.find((i) => i.type === 'blocked-by-robots')!;
    expect(blocked.items[0]).toMatchObject({ url: expect.stringMatching(/\/private\/secret$/) });
  });

  it('audits the stored artifacts again when the report is built: the audits running now decide, not the crawl\'s', async () => {
    const site = await startBasicSite();
    const storePath = path.join(dir, `r${n++}.sqlite`);
    try {
      await crawl({ startUrl: `${site.origin}/`, storePath, workers: 0, retries: 0, ...PATIENT }).done;
    } finally {
      await site.close();
    }
    const store = CrawlStore.open(storePath, { readonly: true });
    try {
      expect(store.getMeta<{ tool: string; audits: string[] }>('auditVersion')?.audits).toContain('document-title');
      // Another audit logic (here: another stage profile) shows in the rebuilt report, for every page.
      const marker = { interest: 0.11, comparison: 0.22, purchase: 0.67, signals: ['test'] };
      const report = await buildReport(store, { pipeline: { stageProfile: () => marker } });
      const html = report.pages.filter((p) => p.status === 200);
      expect(html.length).toBeGreaterThan(2);
      for (const p of html) expect(p.stageProfile).toMatchObject({ interest: 0.11, purchase: 0.67 });
    } finally {
      store.close();
    }
  });

  it('reports robots.txt trouble as an error issue', async () => {
    const report = await reportOf(await startRobotsSite('500'));
    expect(report.issues.find((i) => i.type === 'robots-txt')).toMatchObject({ severity: 'error', message: expect.stringMatching(/HTTP 500: treated as "disallow all"/) });
    expect(report.pages[0].fetchError).toMatch(/blocked by robots\.txt/);
  });

  it('reports the trap guard and the page limit', async () => {
    const report = await reportOf(await startCalendarSite(), { maxPatternRun: 5, maxDepth: 100 });
    expect(report.issues.find((i) => i.type === 'url-pattern-run')?.message).toMatch(/calendar-style trap guard/);
    const limited = await reportOf(await startBasicSite(), { maxPages: 3 });
    expect(limited.issues.find((i) => i.type === 'max-pages')?.message).toMatch(/stopped at the page limit \(3\)/);
  });

  it('reports charset mismatches on their page', async () => {
    const report = await reportOf(await startWrongCharsetSite());
    const issue = report.issues.find((i) => i.type === 'charset-mismatch' && i.url?.endsWith('/latin1-says-utf8'));
    expect(issue?.message).toMatch(/says charset=utf-8 but the body is not valid UTF-8/);
  });

  it('marks an interrupted crawl and says how to finish it', async () => {
    const report = await reportOf(await startBasicSite(), { concurrency: 1 }, 3);
    expect(report.crawl.interrupted).toBe(true);
    expect(report.issues.find((i) => i.type === 'crawl-interrupted')?.message).toMatch(/--resume/);
  });
});
