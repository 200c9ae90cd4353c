/**
 * The pieces the end-to-end test and bench/extension.ts share: build the real extension, load it
 * in headless Chromium, make a crawl report of demo pages, and serve a saved Google results page
 * whose results point where the scenario needs. No vitest here, so the benchmark can use it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { JSDOM } from 'jsdom';
import type { Browser, Page, Target } from 'puppeteer-core';
import { launchChromium, type LaunchedBrowser } from '../../crawler/browser.ts';
import { DEMO_CONFIG, serveDemo } from '../../crawler/demo/server.ts';
import { pageStageProfile } from '../../shared/classify/page-stage.ts';
import { scorePage } from '../../shared/pipeline.ts';
import { ConfigSchema, REPORT_SCHEMA_VERSION, type CompareReport, type Config, type CrawlReport, type Stage } from '../../shared/schemas/index.ts';
import { compareSites, configFromPointOfView } from '../../crawler/compare/compare.ts';
import { COMPETITOR_NAME, COMPETITOR_SITE_DIR } from '../../crawler/demo/competitor/server.ts';
import { scoreSite } from '../../shared/score/index.ts';
import { parseSerp, type SerpNodes } from '../../shared/serp/parse.ts';
import { REPO_ROOT, SHARED_FIXTURES } from '../helpers/paths.ts';

const run = promisify(execFile);

export const SERP_FIXTURES = path.join(SHARED_FIXTURES, 'serp');
export const DEMO_SITE = path.join(REPO_ROOT, 'crawler/demo/site');
export const WXT_BIN = path.join(REPO_ROOT, 'node_modules/wxt/bin/wxt.mjs');
export const CHROME_BUILD = path.join(REPO_ROOT, '.output/chrome-mv3');
export const FIREFOX_BUILD = path.join(REPO_ROOT, '.output/firefox-mv2');

/** Every route of the demo site that serves a page (folders with an index.html). */
export function demoRoutes(): string[] {
  const routes: string[] = [];
  const walk = (dir: string, route: string) => {
    if (fs.existsSync(path.join(dir, 'index.html'))) routes.push(route);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) walk(path.join(dir, entry.name), `${route}${entry.name}/`);
  };
  walk(DEMO_SITE, '/');
  return routes.sort();
}

/**
 * A real crawl report of some pages, scored with the shared core exactly as the crawler scores a
 * site (page pipeline with stage profiles, then `scoreSite`), for the given questions or config.
 */
export function buildReport(pages: Array<{ url: string; html: string }>, questions: Array<{ text: string; stage: Stage }> | Config, origin: string): CrawlReport {
  const scored = pages.map((p) => scorePage({ url: p.url, status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, html: p.html }, { stageProfile: pageStageProfile }));
  const config = Array.isArray(questions)
    ? ConfigSchema.parse({
        brand: { name: 'Brightwell Home', domains: [new URL(origin).hostname] },
        questions: questions.map((q, i) => ({ id: `q${i}`, text: q.text, stage: q.stage, lang: 'en' })),
        templates: false,
      })
    : questions;
  const site = scoreSite({ config, pages: scored.map((s) => ({ artifacts: s.artifacts, page: s.result })) });
  const now = new Date().toISOString();
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'zmot-lens', version: 'test' },
    generatedAt: now,
    site: { name: config.brand.name, origin },
    crawl: { startUrl: `${origin}/`, startedAt: now, finishedAt: now, pagesFetched: pages.length, pagesQueued: 0, errors: 0, durationMs: 1, interrupted: false },
    scores: site.scores,
    pages: scored.map((s) => s.result),
    siteAudits: [],
    issues: [],
    questions: site.questions,
    gaps: site.gaps,
  };
}

/**
 * Demo pages served by a demo server of their own (one origin), scored as a crawl with the demo's
 * config and questions, written to `file`. The server is closed afterwards: nothing can fetch the
 * report's URLs, so a badge scored from the report cannot have come from a fetch.
 */
export async function writeDemoReport(file: string, routes: string[]): Promise<{ origin: string; pages: number }> {
  const site = await serveDemo();
  try {
    const config = ConfigSchema.parse(JSON.parse(await readFile(DEMO_CONFIG, 'utf8')));
    const pages = await Promise.all(routes.map(async (route) => ({ url: `${site.origin}${route}`, html: await (await fetch(`${site.origin}${route}`)).text() })));
    await writeFile(file, JSON.stringify(buildReport(pages, config, site.origin)));
    return { origin: site.origin, pages: pages.length };
  } finally {
    await site.close();
  }
}

/** A saved site's page as its server serves it ({{origin}} filled in). */
function sitePage(siteDir: string, route: string, origin: string): { url: string; html: string } {
  return { url: `${origin}${route}`, html: fs.readFileSync(path.join(siteDir, route, 'index.html'), 'utf8').replaceAll('{{origin}}', origin) };
}

/**
 * A real `zmot compare` report of some demo pages (the brand, at `brandOrigin`) against some pages of
 * the bundled competitor AquaGuard (at `rivalOrigin`): each site scored with the shared core from its
 * own point of view on the demo's questions, then compared as `zmot compare` does.
 */
export function buildDemoCompare(brandOrigin: string, brandRoutes: string[], rivalOrigin: string, rivalRoutes: string[]): CompareReport {
  const config = ConfigSchema.parse(JSON.parse(fs.readFileSync(DEMO_CONFIG, 'utf8')));
  const brandReport = buildReport(brandRoutes.map((r) => sitePage(DEMO_SITE, r, brandOrigin)), config, brandOrigin);
  const rivalReport = buildReport(rivalRoutes.map((r) => sitePage(COMPETITOR_SITE_DIR, r, rivalOrigin)), configFromPointOfView(config, COMPETITOR_NAME, config.questions), rivalOrigin);
  const site = (report: CrawlReport, name: string, role: 'brand' | 'competitor') => ({ name, role, origin: report.site.origin, startUrl: report.crawl.startUrl, pagesFetched: report.pages.length, scores: report.scores, reportDir: null });
  return compareSites(config.brand.name, config.questions, [
    { site: site(brandReport, config.brand.name, 'brand'), report: brandReport },
    { site: site(rivalReport, COMPETITOR_NAME, 'competitor'), report: rivalReport },
  ]);
}

/** Runs `wxt build` (Chrome MV3 by default) as a user would. */
export async function buildExtension(browser: 'chrome' | 'firefox' = 'chrome'): Promise<void> {
  const args = browser === 'firefox' ? ['build', '-b', 'firefox'] : ['build'];
  await run(process.execPath, [WXT_BIN, ...args], { cwd: REPO_ROOT, timeout: 300_000, env: { ...process.env, NO_COLOR: '1' } });
}

export interface PreparedSerp {
  html: string;
  query: string;
  /** Organic results of the served page as the shared parser reads them. */
  organic: Array<{ position: number; url: string; domain: string }>;
}

/**
 * A saved results page with the query replaced and some results pointing elsewhere (position →
 * URL). Google's inline scripts are dropped: they would only call home (refused here) and make
 * runs vary.
 */
export function prepareSerp(fixtureHtml: string, query: string, rewrites: ReadonlyMap<number, string>): PreparedSerp {
  const searchUrl = searchUrlFor(query);
  const dom = new JSDOM(fixtureHtml, { url: 'https://www.google.com/search' });
  const doc = dom.window.document;
  for (const s of Array.from(doc.querySelectorAll('script'))) s.remove();
  const box = doc.querySelector('textarea[name="q"], input[name="q"]:not([type="hidden"])');
  if (box) {
    box.textContent = query;
    box.setAttribute('value', query);
  }
  const title = doc.querySelector('title');
  if (title) title.textContent = `${query} - Google Search`;
  const nodes: SerpNodes = { organic: [] };
  const before = parseSerp(doc, searchUrl, nodes);
  for (const [position, url] of rewrites) {
    const original = before.organic[position - 1]?.url;
    if (!original) continue;
    // Every link to that result (a featured snippet repeats its link) now points at the new URL.
    for (const a of Array.from(doc.querySelectorAll('a[href]'))) if (a === nodes.organic[position - 1]?.link || a.getAttribute('href') === original) a.setAttribute('href', url);
  }
  const html = dom.serialize();
  dom.window.close();
  const reread = new JSDOM(html, { url: searchUrl });
  const after = parseSerp(reread.window.document, searchUrl);
  reread.window.close();
  return { html, query, organic: after.organic.map((r) => ({ position: r.position, url: r.url, domain: r.domain })) };
}

export function searchUrlFor(query: string): string {
  return `https://www.google.com/search?q=${encodeURIComponent(query).replace(/%20/g, '+')}`;
}

export interface LoadedExtension {
  launched: LaunchedBrowser;
  browser: Browser;
  extensionId: string;
  worker: Target;
  dir: string;
}

/**
 * Loads a copy of the built extension in headless Chromium. The browser cannot be made to click
 * "Allow" on the optional-permission prompt headlessly, so `grantHosts` pre-grants in the copy's
 * manifest what a user grants at that prompt; the build itself stays as shipped.
 */
export async function loadExtension(buildDir: string, grantHosts: string[]): Promise<LoadedExtension> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-ext-'));
  await cp(buildDir, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(buildDir, 'manifest.json'), 'utf8'));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, host_permissions: grantHosts }));
  const launched = await launchChromium({ pipe: true, enableExtensions: [dir] });
  const worker = await launched.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), { timeout: 30_000 });
  return { launched, browser: launched.browser, extensionId: new URL(worker.url()).host, worker, dir };
}

/** Fills and saves the options page as a user would (domains one per line). */
export async function saveOptions(browser: Browser, extensionId: string, fields: Partial<Record<'brandDomains' | 'competitorDomains' | 'liveDomains', string>>, extra?: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.waitForSelector('#save');
  for (const [id, value] of Object.entries(fields)) {
    await page.$eval(`#${id}`, (el) => ((el as HTMLTextAreaElement).value = ''));
    await page.type(`#${id}`, value);
  }
  await extra?.(page);
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('#save-message')?.textContent === 'Saved.');
  await page.close();
}

/** Imports a report file through the options page; resolves with the message the page shows. */
export async function importReportFile(browser: Browser, extensionId: string, file: string): Promise<{ text: string; alert: boolean }> {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.waitForSelector('#report-file');
  await (await page.$('input#report-file'))!.uploadFile(file);
  await page.waitForSelector('#report-message');
  const message = await page.$eval('#report-message', (el) => ({ text: el.textContent ?? '', alert: el.getAttribute('role') === 'alert' }));
  await page.close();
  return message;
}

/**
 * Answers https://www.google.com/search… with `html`; every other http(s) request of the page
 * (Google's images, fonts, beacons) gets an empty answer, so nothing leaves the machine. Only
 * http(s) is paused (CDP Fetch patterns): the extension's own chrome-extension:// requests go
 * through untouched, as they do for a user.
 */
export async function serveSerpOn(page: Page, html: () => string): Promise<void> {
  const session = await page.createCDPSession();
  session.on('Fetch.requestPaused', (event: { requestId: string; request: { url: string } }) => {
    const isSerp = event.request.url.startsWith('https://www.google.com/search');
    void session
      .send('Fetch.fulfillRequest', {
        requestId: event.requestId,
        responseCode: isSerp ? 200 : 204,
        responseHeaders: isSerp ? [{ name: 'content-type', value: 'text/html; charset=utf-8' }] : [],
        body: isSerp ? Buffer.from(html()).toString('base64') : '',
      })
      .catch(() => {});
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: 'http://*' }, { urlPattern: 'https://*' }] });
}
