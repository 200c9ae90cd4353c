/**
 * CONTRIBUTING.md is true: the files and registries it names exist, and a page audit, a site audit,
 * a report format and a Google markup variant added the way it says (one definition, one line in the
 * registry it names, here through the registries' exported lists) reach the reports and the parser
 * with nothing else touched. A small site is crawled once, then the report is rebuilt from the store
 * as `zmot report` does (which re-audits the stored artifacts), with the throwaway additions registered.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-ignore -- jsdom ships no type declarations and @types/jsdom is not installed.
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlToStore, reportFromStore } from '../../crawler/job.ts';
import { REPORT_WRITERS } from '../../crawler/report/formats.ts';
import { writeFileAtomic, type ReportWriter } from '../../crawler/report/write-file.ts';
import { serveStatic, type StaticServer } from '../../crawler/serve.ts';
import { FINDABILITY_AUDITS } from '../../shared/audits/config.ts';
import { PAGE_AUDITS } from '../../shared/audits/registry.ts';
import { defineAudit, type AuditDefinition } from '../../shared/audits/types.ts';
import { ConfigSchema, type CrawlReport } from '../../shared/schemas/index.ts';
import { parseSerp } from '../../shared/serp/parse.ts';
import { SERP_SELECTORS } from '../../shared/serp/selectors.ts';
import { SITE_AUDITS } from '../../shared/site-audits/registry.ts';
import { defineSiteAudit } from '../../shared/site-audits/types.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

const GUIDE = fs.readFileSync(path.join(REPO_ROOT, 'CONTRIBUTING.md'), 'utf8');

describe('CONTRIBUTING.md names what exists', () => {
  // Backticked repository paths: `shared/audits/registry.ts`, `tests/fixtures/serp/` (placeholders like <id> left out).
  const paths = [...new Set([...GUIDE.matchAll(/`((?:shared|crawler|extension|tests|bench|docs)\/[^`\s<>]*?)`/g)].map((m) => m[1]))];
  // Registries and lists it tells a contributor to add a line to: `PAGE_AUDITS`, `REPORT_WRITERS` …
  const names = [...new Set([...GUIDE.matchAll(/`([A-Z][A-Z0-9_]{3,})`/g)].map((m) => m[1]))];

  it('every file and folder it names is in the repository', () => {
    expect(paths.length).toBeGreaterThan(30);
    expect(paths.filter((p) => !fs.existsSync(path.join(REPO_ROOT, p)))).toEqual([]);
  });

  it('every registry or list it names is declared in a file it names', () => {
    expect(names).toEqual(expect.arrayContaining(['PAGE_AUDITS', 'SITE_AUDITS', 'REPORT_WRITERS', 'LANGUAGE_PACKS', 'FINDABILITY_AUDITS', 'GATHERERS']));
    const sources = paths.filter((p) => /\.tsx?$/.test(p) && fs.existsSync(path.join(REPO_ROOT, p))).map((p) => fs.readFileSync(path.join(REPO_ROOT, p), 'utf8'));
    const declared = (name: string) => sources.some((s) => new RegExp(`\\b(?:const|function|type|interface) ${name}\\b`).test(s));
    expect(names.filter((n) => !declared(n))).toEqual([]);
  });
});

// The throwaway additions, written as the guide's recipes say.
const shoutingTitle = defineAudit({
  meta: {
    id: 'contributing-example-title',
    title: 'Title is not in capitals (contributing example)',
    failureTitle: 'Title is in capitals (contributing example)',
    description: 'Throwaway audit of tests/docs/contributing.test.ts.',
    group: 'content',
    requires: ['title'],
  },
  run(a) {
    const letters = (a.title ?? '').replace(/[^\p{L}]/gu, '');
    return letters.length > 3 && letters === letters.toUpperCase() ? { score: 0, explanation: 'The title is in capitals.', items: [{ title: a.title }] } : { score: 1 };
  },
});

const h1RepeatsTitle = defineSiteAudit({
  id: 'contributing-example-site',
  title: 'H1 headings add to the title (contributing example)',
  failureTitle: 'H1 headings repeat the title (contributing example)',
  check({ competing }) {
    const issues = competing
      .filter((p) => p.title && p.h1 && p.title.trim() === p.h1.trim())
      .map((p) => ({ type: 'contributing-example-issue', severity: 'warning' as const, message: 'The H1 repeats the title (contributing example).', url: p.url, items: [] }));
    return { issues, population: competing.length };
  },
});

const auditList: ReportWriter = {
  id: 'contributing-example-format',
  async write(report, outDir) {
    const file = path.join(outDir, 'contributing-example.txt');
    await writeFileAtomic(file, report.siteAudits.map((a) => `${a.id}\t${a.score ?? '-'}`).join('\n'));
    return [file];
  },
};

const page = (title: string, h1: string, links: string[]) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width"></head>` +
  `<body><h1>${h1}</h1><p>How to reconcile a bank account: match each bank line to a ledger entry, then explain what is left.</p>${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}</body></html>`;

describe('a page audit, a site audit and a report format added as the guide says reach every report', () => {
  let tmp: string;
  let server: StaticServer;
  let report: CrawlReport;
  let files: string[];
  let out: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'zmot-contributing-'));
    const site = path.join(tmp, 'site');
    for (const [route, html] of [
      ['', page('Bank reconciliation guide', 'Reconciling your bank', ['/shout/', '/same/'])],
      ['shout/', page('BANK FEEDS EXPLAINED', 'Bank feeds', ['/'])],
      ['same/', page('Reconcile in five steps', 'Reconcile in five steps', ['/'])],
    ] as const) {
      await mkdir(path.join(site, route), { recursive: true });
      await writeFile(path.join(site, route, 'index.html'), html);
    }
    server = await serveStatic(site);
    const config = ConfigSchema.parse({
      brand: { name: 'Example Books', domains: ['127.0.0.1'] },
      questions: [{ id: 'q1', text: 'how to reconcile a bank account', stage: 'interest', lang: 'en' }],
      templates: false,
    });
    out = path.join(tmp, 'out');
    // The crawl runs the registered audits as they are; the throwaway ones join the registries before the report is rebuilt.
    const { storePath } = await crawlToStore({ startUrl: `${server.origin}/`, config, outDir: out, crawl: { workers: 0, sitemaps: false } });
    PAGE_AUDITS.push(shoutingTitle as unknown as AuditDefinition);
    FINDABILITY_AUDITS.push({ id: shoutingTitle.meta.id, weight: 1 });
    SITE_AUDITS.push(h1RepeatsTitle);
    REPORT_WRITERS.push(auditList);
    ({ report, files } = await reportFromStore(storePath, out, { config }));
  });

  afterAll(async () => {
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('the page audit is run on every page, weighs in findability and shows in report.json, report.html and pages.csv', async () => {
    const scores = Object.fromEntries(report.pages.map((p) => [new URL(p.url).pathname, p.audits.find((a) => a.id === shoutingTitle.meta.id)?.score]));
    expect(scores).toEqual({ '/': 1, '/same/': 1, '/shout/': 0 });
    const shout = report.pages.find((p) => p.url.endsWith('/shout/'))!;
    expect(shout.findability.failing.map((f) => f.title)).toContain(shoutingTitle.meta.failureTitle);
    expect(await readFile(path.join(out, 'report.html'), 'utf8')).toContain(shoutingTitle.meta.failureTitle);
    // pages.csv lists each page's failing audits by id.
    expect(await readFile(path.join(out, 'pages.csv'), 'utf8')).toContain(shoutingTitle.meta.id);
  });

  it('the site audit is run, isolated and scored, and its issue shows in report.json, report.html, issues.csv and summary.md', async () => {
    const audit = report.siteAudits.find((a) => a.id === h1RepeatsTitle.id);
    expect(audit).toMatchObject({ title: h1RepeatsTitle.failureTitle });
    expect(audit!.score).toBeCloseTo(2 / 3, 2);
    expect(report.issues.filter((i) => i.type === 'contributing-example-issue').map((i) => new URL(i.url!).pathname)).toEqual(['/same/']);
    const message = 'The H1 repeats the title (contributing example).';
    for (const file of ['report.html', 'issues.csv']) expect(await readFile(path.join(out, file), 'utf8'), file).toContain(message);
    expect(await readFile(path.join(out, 'summary.md'), 'utf8')).toContain('contributing-example-issue');
  });

  it('the report format is written by the same call as the others, next to them', async () => {
    const file = path.join(out, 'contributing-example.txt');
    expect(files).toEqual(expect.arrayContaining([path.join(out, 'report.json'), file]));
    expect(await readFile(file, 'utf8')).toContain(`${h1RepeatsTitle.id}\t`);
  });
});

describe('a Google markup variant added as the guide says', () => {
  it('one new variant in shared/serp/selectors.ts makes the parser read a layout it missed', () => {
    const html =
      '<!doctype html><html lang="en" itemscope itemtype="http://schema.org/SearchResultsPage"><head><title>bank reconciliation - Google Search</title></head>' +
      '<body id="gsr"><form action="/search"><textarea name="q">bank reconciliation</textarea></form><div id="main"><div id="rcnt"><div id="search"><div id="rso">' +
      '<div class="r1"><a href="https://books.example/reconcile"><span class="zqTitle">How to reconcile a bank account</span></a><div class="VwiC3b">Match each bank line.</div></div>' +
      '<div class="r1"><a href="https://ledger.example/guide"><span class="zqTitle">Bank reconciliation guide</span></a><div class="VwiC3b">Step by step.</div></div>' +
      '</div></div></div></div></body></html>';
    const read = () => parseSerp(new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document as Document).organic.map((r) => r.title);
    expect(read()).toEqual([]);
    (SERP_SELECTORS.organicTitle as unknown as string[]).unshift('a[href] span.zqTitle');
    expect(read()).toEqual(['How to reconcile a bank account', 'Bank reconciliation guide']);
  });
});
