import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDemo } from '../../crawler/demo/server.ts';
import type { StaticServer } from '../../crawler/serve.ts';
import {
  CHROME_BUILD,
  FIREFOX_BUILD,
  SERP_FIXTURES,
  buildExtension,
  importReportFile,
  loadExtension,
  prepareSerp,
  saveOptions,
  searchUrlFor,
  serveSerpOn,
  writeDemoReport,
  type LoadedExtension,
  type PreparedSerp,
} from './harness.ts';

// The real extension, built with `wxt build`, loaded in headless Chromium: options saved and a
// crawl report imported through the options page, a saved Google results page served for
// https://www.google.com/search?q=… by request interception, then the summary panel and one badge
// per organic result checked inside their shadow roots: report scores, a live score of a page the
// demo site serves, and no fetch of anything the user did not allow.

const QUERY = 'what is a water leak detector';
const FIXTURE = 'google-desktop-2023-featured-snippet.html';
/** Demo pages in the imported report. */
const REPORT_ROUTES = ['/', '/guides/what-is-a-leak-detector/', '/compare/best-water-leak-detectors-2026/', '/pricing/', '/products/sentry/'];

/** Badge states as the page shows them: one entry per shadow host, in page order. */
async function badges(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('zmot-badge')).map((host) => {
      const root = host.shadowRoot;
      return {
        position: Number(host.getAttribute('data-zmot-position')),
        state: host.getAttribute('data-zmot-state'),
        party: host.getAttribute('data-zmot-party'),
        answer: root?.querySelector('[data-metric="answer"] .zl-metric-value')?.textContent ?? null,
        findability: root?.querySelector('[data-metric="findability"] .zl-metric-value')?.textContent ?? null,
        styled: root ? getComputedStyle(root.querySelector('.zl-pill')!).borderTopLeftRadius : '',
      };
    }),
  );
}

let ext: LoadedExtension;
let demo: StaticServer;
let workDir: string;
let reportPath: string;
let serp: PreparedSerp;
let reportUrls: string[];
let liveUrl: string;
let competitor: string;
let manifest: Record<string, unknown>;
let workerSession: CDPSession;
const workerRequests: string[] = [];

beforeAll(async () => {
  await buildExtension();
  manifest = JSON.parse(await readFile(path.join(CHROME_BUILD, 'manifest.json'), 'utf8'));
  workDir = await mkdtemp(path.join(os.tmpdir(), 'zmot-e2e-'));
  reportPath = path.join(workDir, 'report.json');
  // The report's pages come from one demo server (gone afterwards); live pages from another.
  const report = await writeDemoReport(reportPath, REPORT_ROUTES);
  demo = await serveDemo();
  reportUrls = [`${report.origin}/guides/what-is-a-leak-detector/`, `${report.origin}/compare/best-water-leak-detectors-2026/`];
  liveUrl = `${demo.origin}/guides/find-a-hidden-water-leak/`;
  // Positions 1, 3, 4 become the demo's pages; position 2 keeps its real domain and plays the competitor.
  const fixture = await readFile(path.join(SERP_FIXTURES, FIXTURE), 'utf8');
  serp = prepareSerp(fixture, QUERY, new Map([[1, reportUrls[0]], [3, reportUrls[1]], [4, liveUrl]]));
  competitor = serp.organic[1].domain;

  ext = await loadExtension(CHROME_BUILD, ['*://127.0.0.1/*']);
  // Every request the background worker makes is recorded: it may fetch only the allowed live page.
  workerSession = await ext.worker.createCDPSession();
  workerSession.on('Network.requestWillBeSent', (event: { request: { url: string } }) => workerRequests.push(event.request.url));
  await workerSession.send('Network.enable');
}, 600_000);

afterAll(async () => {
  await ext?.launched.close();
  await demo?.close();
  if (ext?.dir) await rm(ext.dir, { recursive: true, force: true });
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the built extension', () => {
  it('asks for storage only, Google results pages for its content script, and optional hosts at run time', () => {
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(['*://*/*']);
    const scripts = manifest.content_scripts as Array<{ matches: string[] }>;
    expect(scripts).toHaveLength(1);
    expect(scripts[0].matches.every((m) => /^https:\/\/www\.google\.[a-z.]+\/search\*$/.test(m))).toBe(true);
    const csp = (manifest.content_security_policy as { extension_pages: string }).extension_pages;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:\/\/[a-z]/);
    // The overlay's CSS is bundled into the content script: pages cannot probe for the extension's files.
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
  });

  it('saves the options, refuses a file that is not a crawl report with one clear line, imports the report', async () => {
    // The demo brand's domain, a competitor seen on the page, and live scoring for 127.0.0.1.
    await saveOptions(ext.browser, ext.extensionId, { brandDomains: '127.0.0.1', competitorDomains: competitor, liveDomains: 'http://127.0.0.1/' });
    const bad = path.join(workDir, 'not-a-report.json');
    await writeFile(bad, JSON.stringify({ schemaVersion: 1, pages: 'none' }));
    const refusal = await importReportFile(ext.browser, ext.extensionId, bad);
    expect(refusal.alert).toBe(true);
    expect(refusal.text).toMatch(/^not-a-report\.json: not a ZMOT Lens crawl report — [\w.]+: /);
    expect(await importReportFile(ext.browser, ext.extensionId, reportPath)).toEqual({ text: `Imported report.json: ${REPORT_ROUTES.length} pages.`, alert: false });
  });

  it('shows the summary panel and one badge per organic result on a Google results page, from the report and live', async () => {
    const page = await ext.browser.newPage();
    await serveSerpOn(page, () => serp.html);
    await page.goto(searchUrlFor(QUERY), { waitUntil: 'domcontentloaded' });
    const expected = serp.organic.length;
    await page.waitForFunction(
      (n: number) => {
        const hosts = Array.from(document.querySelectorAll('zmot-badge'));
        return hosts.length === n && hosts.every((h) => h.getAttribute('data-zmot-state') !== 'pending');
      },
      { timeout: 60_000 },
      expected,
    );

    const shown = await badges(page);
    expect(shown.map((b) => b.position)).toEqual(serp.organic.map((r) => r.position));
    // The shadow roots carry the extension's stylesheet (cssInjectionMode 'ui').
    expect(shown.every((b) => b.styled === '12px')).toBe(true);
    const byUrl = (url: string) => shown[serp.organic.findIndex((r) => r.url === url)];
    for (const url of reportUrls) {
      expect(byUrl(url)).toMatchObject({ state: 'scored', party: 'brand' });
      expect(Number(byUrl(url).findability)).toBeGreaterThan(0);
    }
    // The report has this very question: its answer score is shown, not a dash.
    expect(byUrl(reportUrls[0]).answer).toMatch(/^\d+$/);
    expect(byUrl(liveUrl)).toMatchObject({ state: 'scored', party: 'brand', answer: expect.stringMatching(/^\d+$/) });
    const others = shown.filter((_, i) => ![...reportUrls, liveUrl].includes(serp.organic[i].url));
    expect(others.length).toBeGreaterThan(0);
    for (const badge of others) expect(badge).toMatchObject({ state: 'unscored', answer: null });
    expect(shown[1].party).toBe('competitor');

    // A click opens the details: the live page's stage profile and the passage that answers.
    const livePosition = serp.organic.find((r) => r.url === liveUrl)!.position;
    await page.evaluate((position: number) => {
      const host = document.querySelector(`zmot-badge[data-zmot-position="${position}"]`)!;
      (host.shadowRoot!.querySelector('.zl-pill') as HTMLElement).click();
    }, livePosition);
    const detailsHandle = await page.waitForFunction(
      (position: number) => document.querySelector(`zmot-badge[data-zmot-position="${position}"]`)!.shadowRoot!.querySelector('.zl-details')?.textContent,
      {},
      livePosition,
    );
    const details = String(await detailsHandle.jsonValue());
    expect(details).toContain('Scored live from the page');
    expect(details).toContain('Stage profile');
    expect(details).toContain('The passage that answers');

    // The summary panel: the query's stage, the brand's position, the competitor, stages served.
    const panel = await page.evaluate(() => {
      const root = document.querySelector('zmot-panel')!.shadowRoot!;
      return {
        stage: root.querySelector('.zl-chip[data-stage]')?.getAttribute('data-stage'),
        brand: root.querySelector('[data-field="brand-position"]')?.textContent,
        competitors: root.querySelector('[data-field="competitors"]')?.textContent,
        counts: root.querySelector('[data-field="stage-counts"]')?.textContent,
      };
    });
    expect(panel.stage).toBe('interest');
    expect(panel.brand).toBe('#1');
    expect(panel.competitors).toContain(competitor);
    expect(panel.counts).toContain(`3 of ${expected} results scored`);

    // The worker fetched the one allowed result page live, and nothing else.
    expect(workerRequests.filter((u) => !u.startsWith('chrome-extension://'))).toEqual([liveUrl]);

    // The query and its "People also ask" questions, collected with one click.
    await page.evaluate(() => (document.querySelector('zmot-panel')!.shadowRoot!.querySelector('[data-action="collect"]') as HTMLElement).click());
    await page.waitForFunction(() => /Added [1-9]\d* \(\d+ collected\)/.test(document.querySelector('zmot-panel')!.shadowRoot!.textContent ?? ''));
    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.waitForFunction(() => /^[1-9]\d* questions? collected/.test(document.querySelector('#questions-count')?.textContent ?? ''));
    await options.close();
    await page.close();
  });

  it('shows hostile result pages and results as text: no script runs, no dialog, no injected element', async () => {
    const payload = `<img src=x onerror="alert('zmot')"><script>alert('zmot')</script>`;
    const escaped = payload.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    // A result page whose title, headings and text carry the payload, served by an allowed host.
    const hostile = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>${escaped} water leak detector</title></head><body><main><h1>What is a water leak detector? ${escaped}</h1><p>A water leak detector is a sensor that warns you of water ${escaped} where it should not be.</p></main></body></html>`);
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    const hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/leak`;
    try {
      const page = await ext.browser.newPage();
      let dialogs = 0;
      page.on('dialog', (dialog) => {
        dialogs++;
        void dialog.dismiss();
      });
      // Google prints result titles escaped; the parser reads them as text, so the payload reaches the overlay as text.
      const fixture = await readFile(path.join(SERP_FIXTURES, FIXTURE), 'utf8');
      const hostileSerp = prepareSerp(fixture.replace('Featured Snippets and Your Website | Google Search Central', `${escaped} Featured Snippets`), QUERY, new Map([[5, hostileUrl]]));
      await serveSerpOn(page, () => hostileSerp.html);
      await page.goto(searchUrlFor(QUERY), { waitUntil: 'domcontentloaded' });
      const position = hostileSerp.organic.find((r) => r.url === hostileUrl)!.position;
      await page.waitForFunction((p: number) => document.querySelector(`zmot-badge[data-zmot-position="${p}"]`)?.getAttribute('data-zmot-state') === 'scored', { timeout: 60_000 }, position);
      await page.evaluate((p: number) => (document.querySelector(`zmot-badge[data-zmot-position="${p}"]`)!.shadowRoot!.querySelector('.zl-pill') as HTMLElement).click(), position);
      const handle = await page.waitForFunction((p: number) => document.querySelector(`zmot-badge[data-zmot-position="${p}"]`)!.shadowRoot!.querySelector('.zl-passage')?.textContent, {}, position);
      expect(String(await handle.jsonValue())).toContain(`<script>alert('zmot')</script>`);
      const injected = await page.evaluate(() =>
        Array.from(document.querySelectorAll('zmot-badge, zmot-panel')).reduce((n, host) => n + (host.shadowRoot?.querySelectorAll('img, script, iframe, [onerror]').length ?? 0), 0),
      );
      expect(injected).toBe(0);
      expect(dialogs).toBe(0);
      await page.close();
    } finally {
      await new Promise<void>((resolve) => hostile.close(() => resolve()));
    }
  });

  it('builds for Firefox too (MV2): optional host permissions and the same strict CSP', async () => {
    await buildExtension('firefox');
    const firefox = JSON.parse(await readFile(path.join(FIREFOX_BUILD, 'manifest.json'), 'utf8'));
    expect(firefox.manifest_version).toBe(2);
    expect(firefox.permissions).toEqual(['storage']);
    expect(firefox.optional_permissions).toEqual(['*://*/*']);
    expect(firefox.content_security_policy).toContain("script-src 'self'");
    expect(firefox.browser_specific_settings.gecko.id).toBe('zmot-lens@zmot.invalid');
  });
});
