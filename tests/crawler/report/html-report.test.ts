import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../../../crawler/browser.ts';
import { PAGE_ROWS, renderHtmlReport } from '../../../crawler/report/html.ts';
import type { CrawlReport } from '../../../shared/schemas/index.ts';
import { demoJob } from '../../helpers/demo-job.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

// report.html of the demo crawl, opened from file:// in real headless Chromium, as a client would.
let report: CrawlReport;
let browser: LaunchedBrowser;
let page: Page;
const consoleErrors: string[] = [];
const SCREENSHOT = path.join(REPO_ROOT, 'tests/.artifacts/report-demo.png');

beforeAll(async () => {
  const job = await demoJob();
  report = job.report;
  browser = await launchChromium();
  page = await browser.browser.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // Offline by construction: any request leaving file:// fails the test below.
  const remote: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) remote.push(r.url());
    void (r.url().startsWith('file:') || r.url().startsWith('data:') ? r.continue() : r.abort());
  });
  await page.setViewport({ width: 1360, height: 2000 });
  await page.goto(pathToFileURL(path.join(job.outDir, 'report.html')).href, { waitUntil: 'load' });
  expect(remote).toEqual([]);
  await mkdir(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: false });
}, 300_000);
afterAll(() => browser?.close());

const texts = (sel: string) => page.$$eval(sel, (els) => els.map((e) => (e.textContent ?? '').trim()));
const visibleRows = (table: string) => page.$$eval(`#t-${table} > tbody > tr`, (rows) => rows.filter((r) => !(r as HTMLElement).hidden).length);

describe('report.html of the demo crawl', () => {
  it('shows the ZMOT score and the three stage scores at the top, as in report.json', async () => {
    const s = report.scores!;
    const values = await texts('#scores .card .value');
    expect(values).toEqual([s.zmot, s.stages.interest, s.stages.comparison, s.stages.purchase].map((v) => String(Math.round(v!))));
    expect(await page.$$('#scores svg.chart rect.bar')).toHaveLength(3);
  });

  it('lists every gap by stage with the nearest page and what is missing', async () => {
    expect(report.gaps.length).toBeGreaterThan(0);
    const shown = await texts('#gaps .gaps > li .q');
    expect(shown.sort()).toEqual(report.gaps.map((g) => g.question).sort());
    const missing = await texts('#gaps .missing li');
    expect(missing).toContain(report.gaps[0].missing[0]);
  });

  it('has one row per question and per page, and says which page and passage answers', async () => {
    expect(await visibleRows('questions')).toBe(report.questions.length);
    expect(await visibleRows('pages')).toBe(report.pages.length);
    const answered = report.questions.find((q) => q.answered && q.best)!;
    const row = await page.$$eval('#t-questions > tbody > tr', (rows, text) => rows.find((r) => r.cells[0].textContent?.includes(text as string))?.textContent ?? '', answered.question.text);
    expect(row).toContain(new URL(answered.best!.url).pathname);
    expect(row).toContain(answered.best!.excerpt.slice(0, 40));
  });

  it('sorts a table when a header is clicked', async () => {
    await page.click('#t-pages th[data-col="3"]');
    const asc = await page.$$eval('#t-pages > tbody > tr > td:nth-child(4)', (tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await page.click('#t-pages th[data-col="3"]');
    const desc = await page.$$eval('#t-pages > tbody > tr > td:nth-child(4)', (tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
    expect(desc).toEqual([...asc].sort((a, b) => b - a));
  });

  it('filters a table by text and by stage', async () => {
    await page.type('[data-filter="pages"]', '/pricing/');
    const n = await visibleRows('pages');
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(report.pages.length);
    await page.$eval('[data-filter="pages"]', (i) => ((i as HTMLInputElement).value = ''));
    await page.type('[data-filter="pages"]', ' ');
    await page.select('[data-attr-filter="questions"]', 'purchase');
    expect(await visibleRows('questions')).toBe(report.questions.filter((q) => q.question.stage === 'purchase').length);
  });

  it('shows failing audits with their items, and site-wide issues', async () => {
    const audits = await texts('#t-pages td.audits summary');
    expect(audits.some((a) => a.startsWith('meta-description'))).toBe(true);
    // A failing audit's findings are read from the report's detail block when it is opened.
    await page.click('#t-pages td.audits details[data-d] > summary');
    const [id, opened] = await page.$eval('#t-pages td.audits details[open]', (d) => [d.querySelector('summary')!.textContent!.split(' ')[0], d.textContent ?? '']);
    const titles = report.pages.flatMap((p) => p.audits.filter((a) => a.id === id).map((a) => a.title));
    expect(titles.some((t) => opened.includes(t))).toBe(true);
    expect(await visibleRows('issues')).toBe(report.issues.length);
    expect((await texts('#t-issues > tbody > tr > td:nth-child(2)')).filter((t) => t === 'broken-link').length).toBeGreaterThanOrEqual(1);
  });

  it('pages a long pages table, and sorts and filters across every page, not the rows shown', async () => {
    // 250 pages (the demo's, under new URLs): the first PAGE_ROWS are in the DOM, the rest are data.
    const many = Array.from({ length: 250 }, (_, i) => ({ ...report.pages[i % report.pages.length], url: `https://many.example/p${i}/` }));
    const file = path.join(path.dirname(SCREENSHOT), 'report-many.html');
    await writeFile(file, renderHtmlReport({ ...report, pages: many }));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(await visibleRows('pages')).toBe(PAGE_ROWS);
    expect(await texts('[data-range="pages"]')).toEqual([`1–${PAGE_ROWS} of 250`]);
    await page.type('[data-filter="pages"]', '/p249/');
    expect(await texts('#t-pages > tbody > tr > td:first-child a')).toEqual(['/p249/']);
    await page.$eval('[data-filter="pages"]', (i) => {
      (i as HTMLInputElement).value = '';
      i.dispatchEvent(new Event('input'));
    });
    await page.click('#t-pages th[data-col="6"]');
    await page.click('#t-pages th[data-col="6"]');
    const words = await page.$$eval('#t-pages > tbody > tr > td:nth-child(7)', (tds) => tds.map((td) => Number(td.getAttribute('data-v'))));
    expect(words[0]).toBe(Math.max(...many.map((p) => p.wordCount)));
    await page.click('[data-pager="pages"] button[data-step="1"]');
    expect(await texts('[data-range="pages"]')).toEqual([`${PAGE_ROWS + 1}–${2 * PAGE_ROWS} of 250`]);
  });

  it('keeps a page title that closes the script or opens a comment as text, in the rows data block and on screen', async () => {
    const title = '</script><!--<script>window.__pwned=1</script>--><img src=x onerror="window.__pwned=2">';
    const html = renderHtmlReport({ ...report, pages: [{ ...report.pages[0], url: 'https://hostile.example/a/', title }] });
    const $ = load(html);
    // The three data blocks (first rows, every row, details) and our script, nothing else; both row blocks parse back
    // to the title as written.
    expect($('script').map((_, e) => $(e).attr('type') ?? 'code').get()).toEqual(['application/json', 'code', 'application/json', 'application/json']);
    expect(JSON.parse($('#zmot-first').text()).pages[0][1]).toBe(title);
    expect(JSON.parse($('#zmot-rows').text()).pages[0][1]).toBe(title);
    const file = path.join(path.dirname(SCREENSHOT), 'report-hostile-title.html');
    await writeFile(file, html);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(await texts('#t-pages > tbody > tr > td:first-child > div.small:not(.dim)')).toEqual([title]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('runs without a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
