/**
 * The extension on a results page: time from the page being ready to all badges shown, with an
 * imported report and with live scoring, and the size of the content script.
 *
 *   npx tsx bench/extension.ts                  build, measure 10 runs per scenario, print a table
 *   npx tsx bench/extension.ts --runs 20        more runs
 *   npx tsx bench/extension.ts --json           the figures as JSON
 *   npx tsx bench/extension.ts --write          also update the "Extension" section of BENCHMARKS.md
 *   npx tsx bench/extension.ts --screenshot F   also save a screenshot of the results page to F (PNG)
 *   npx tsx bench/extension.ts --peer DIR       also measure another Chrome build (e.g. main's .output/chrome-mv3,
 *                                               copied aside) in the same run, page loads alternating between the two
 *   npx tsx bench/extension.ts --no-live        skip the live-scoring scenarios (warm and cold worker)
 *
 * The real build (`wxt build`) runs in headless Chromium. A saved Google results page (desktop 2023,
 * 10 organic results) is served for https://www.google.com/search?q=… by request interception,
 * every result pointing at a demo-site page: in the report scenario all of them are pages of an
 * imported report of the whole demo site; in the live scenario none is, and the background worker
 * fetches and scores each from a local demo server (cache cleared before each run). The cold-worker
 * scenario is live scoring after Chrome stopped the background worker (as it does after 30 s idle):
 * the worker is closed before each page load (CDP Target.closeTarget, as Puppeteer's `WebWorker.close`),
 * so the page's first message starts it again and it loads its script and builds the classifier
 * before the first score; "first score" is when the first badge shows a score.
 *
 * "Ready" is the page's DOMContentLoaded; "shown" is when a MutationObserver in the page sees one
 * badge per organic result, each with its final state (scored or not scored). Both are read from
 * the page's own clock (performance.now), outside the extension.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page, Target, WebWorker } from 'puppeteer-core';
import { serveDemo } from '../crawler/demo/server.ts';
import {
  CHROME_BUILD,
  SERP_FIXTURES,
  buildExtension,
  demoRoutes,
  importReportFile,
  loadExtension,
  prepareSerp,
  saveOptions,
  searchUrlFor,
  serveSerpOn,
  writeDemoReport,
  type LoadedExtension,
  type PreparedSerp,
} from '../tests/extension/harness.ts';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const RUNS = Math.max(1, Number(option('--runs') ?? 10) || 10);
const JSON_OUT = args.includes('--json');
const WRITE = args.includes('--write');
const SCREENSHOT = option('--screenshot');
const PEER = option('--peer');
const NO_LIVE = args.includes('--no-live');
const BENCHMARKS_MD = path.resolve(import.meta.dirname, '../BENCHMARKS.md');

const QUERY = 'what is a water leak detector';
const FIXTURE = 'google-desktop-2023-featured-snippet.html';
const TARGETS = { reportBadgesMs: 50, contentScriptGzipKb: 40 };

/** Installed in the page before its own scripts: when are all badges shown with a final state, and when is the first one scored? */
function installBadgeClock(expected: number) {
  const w = window as unknown as { __zmotBadgesShownAt: number | null; __zmotFirstScoredAt: number | null };
  w.__zmotBadgesShownAt = null;
  w.__zmotFirstScoredAt = null;
  new MutationObserver((_, observer) => {
    if (w.__zmotFirstScoredAt === null && document.querySelector('zmot-badge[data-zmot-state="scored"]')) w.__zmotFirstScoredAt = performance.now();
    const hosts = document.querySelectorAll('zmot-badge');
    if (hosts.length !== expected) return;
    for (const h of Array.from(hosts)) {
      const state = h.getAttribute('data-zmot-state');
      if (state !== 'scored' && state !== 'unscored') return;
    }
    w.__zmotBadgesShownAt = performance.now();
    observer.disconnect();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-zmot-state'] });
}

/** The content script's own marks (overlay.tsx), in order: its start, the page parsed by the browser, read by our parser, the worker's reply, badges mounted. */
const STEPS = ['start', 'dom', 'parsed', 'reply', 'badges'] as const;
type Steps = Record<(typeof STEPS)[number], number>;

async function timeOnePage(page: Page, serp: PreparedSerp): Promise<{ ms: number; firstScoredMs: number; fromStartMs: number; scored: number; steps: Steps }> {
  await page.goto(searchUrlFor(serp.query), { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => (window as unknown as { __zmotBadgesShownAt: number | null }).__zmotBadgesShownAt !== null, { timeout: 60_000, polling: 50 });
  return page.evaluate((steps_: string[]) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const shownAt = (window as unknown as { __zmotBadgesShownAt: number }).__zmotBadgesShownAt;
    const firstScoredAt = (window as unknown as { __zmotFirstScoredAt: number | null }).__zmotFirstScoredAt ?? Number.NaN;
    const scored = document.querySelectorAll('zmot-badge[data-zmot-state="scored"]').length;
    // The content script marks its start on the page's timeline (Chrome injects it after DOMContentLoaded).
    const start = performance.getEntriesByName('zmot-lens:start')[0]?.startTime ?? Number.NaN;
    // Inline (no named helper): tsx would wrap a named function in __name, which the page does not have.
    const steps = Object.fromEntries(steps_.map((step) => [step, (performance.getEntriesByName(`zmot-lens:${step}`)[0]?.startTime ?? Number.NaN) - nav.domContentLoadedEventStart])) as Steps;
    return { ms: shownAt - nav.domContentLoadedEventStart, firstScoredMs: firstScoredAt - nav.domContentLoadedEventStart, fromStartMs: shownAt - start, scored, steps };
  }, STEPS as unknown as string[]);
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (n: number) => Math.round(n * 10) / 10;
  return { runs: values.length, median: round(at(0.5)), p90: round(at(0.9)), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

async function main() {
  await buildExtension();
  const script = await readFile(path.join(CHROME_BUILD, 'content-scripts/google.js'));
  // The overlay's stylesheet is bundled into the script (cssInjectionMode 'manual'), so this size includes it.
  const size = {
    contentScriptBytes: script.length,
    contentScriptGzipBytes: gzipSync(script, { level: 9 }).length,
  };

  const work = await mkdtemp(path.join(os.tmpdir(), 'zmot-bench-ext-'));
  const routes = demoRoutes();
  const reportFile = path.join(work, 'report.json');
  const reportPages = await writeDemoReport(reportFile, routes);
  const live = await serveDemo();
  const fixture = await readFile(path.join(SERP_FIXTURES, FIXTURE), 'utf8');
  const organicCount = prepareSerp(fixture, QUERY, new Map()).organic.length;
  const pages = routes.filter((r) => r !== '/').slice(0, organicCount);
  const reportSerp = prepareSerp(fixture, QUERY, new Map(pages.map((r, i) => [i + 1, `${reportPages.origin}${r}`])));
  const liveSerp = prepareSerp(fixture, QUERY, new Map(pages.map((r, i) => [i + 1, `${live.origin}${r}`])));

  /** One loaded build with the options saved and the report imported, as a user would. */
  const setUp = async (dir: string) => {
    const ext = await loadExtension(dir, ['*://127.0.0.1/*']);
    await saveOptions(ext.browser, ext.extensionId, { brandDomains: '127.0.0.1', liveDomains: '127.0.0.1' }, async (page) => {
      await page.$eval('#liveLimit', (el) => ((el as HTMLInputElement).value = ''));
      await page.type('#liveLimit', '1000');
    });
    const imported = await importReportFile(ext.browser, ext.extensionId, reportFile);
    if (imported.alert) throw new Error(imported.text);
    return { ext, worker: await workerOf(ext) };
  };
  const ours = await setUp(CHROME_BUILD);
  const peer = PEER ? await setUp(path.resolve(PEER)) : null;
  const ext = ours.ext;
  try {
    const peerSize = PEER ? gzipSync(await readFile(path.join(path.resolve(PEER), 'content-scripts/google.js')), { level: 9 }).length : null;

    const onePage = async (browser: LoadedExtension['browser'], serp: PreparedSerp, screenshot: boolean) => {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(installBadgeClock, serp.organic.length);
      await serveSerpOn(page, () => serp.html);
      const result = await timeOnePage(page, serp);
      if (screenshot && SCREENSHOT) await page.screenshot({ path: SCREENSHOT, fullPage: false });
      await page.close();
      return result;
    };
    type Samples = { times: number[]; firstScored: number[]; fromStart: number[]; stepTimes: Record<string, number[]>; scored: number };
    const samples = (): Samples => ({ times: [], firstScored: [], fromStart: [], stepTimes: Object.fromEntries(STEPS.map((step) => [step, []])), scored: 0 });
    const keep = (into: Samples, result: Awaited<ReturnType<typeof onePage>>, counted: boolean) => {
      into.scored = result.scored;
      // The first run warms the worker and the disk cache; it is not counted.
      if (!counted) return;
      into.times.push(result.ms);
      if (Number.isFinite(result.firstScoredMs)) into.firstScored.push(result.firstScoredMs);
      into.fromStart.push(result.fromStartMs);
      for (const step of STEPS) into.stepTimes[step].push(result.steps[step]);
    };
    const summarise = (from: Samples, serp: PreparedSerp) => {
      const steps = Object.fromEntries(STEPS.map((step) => [step, stats(from.stepTimes[step]).median])) as Steps;
      return {
        ...stats(from.times),
        firstScored: from.firstScored.length ? stats(from.firstScored) : null,
        fromContentScriptStart: stats(from.fromStart),
        steps,
        badges: serp.organic.length,
        scored: from.scored,
      };
    };
    /** `beforeEach` runs before each page load of either build, given that build. */
    const measure = async (serp: PreparedSerp, beforeEach?: (build: Build) => Promise<void>) => {
      const mine = samples();
      const theirs = samples();
      for (let i = 0; i <= RUNS; i++) {
        await beforeEach?.(ours);
        // With a peer, the two builds load the page in turn: both see the same moments of the machine's load.
        keep(mine, await onePage(ext.browser, serp, i === 0 && serp === reportSerp), i > 0);
        if (peer) {
          await beforeEach?.(peer);
          keep(theirs, await onePage(peer.ext.browser, serp, false), i > 0);
        }
      }
      return { ours: summarise(mine, serp), peer: peer ? summarise(theirs, serp) : null };
    };

    const report = await measure(reportSerp);
    const fromReport = report.ours;
    // Both builds (back to fc945cd) keep their live scores under the same storage key.
    const clearCache = async (build: Build) => {
      build.worker = await workerOf(build.ext);
      await build.worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { remove(key: string): Promise<void> } } } }).chrome.storage.local.remove('scoreCache'));
    };
    const live_ = NO_LIVE ? null : await measure(liveSerp, clearCache);
    const liveScoring = live_?.ours ?? null;
    // Cold worker: the cache cleared, then the worker stopped; the results page's first message starts it again.
    const cold_ = NO_LIVE
      ? null
      : await measure(liveSerp, async (build) => {
          await clearCache(build);
          await stopWorker(build.ext, build.worker);
        });
    const coldWorker = cold_?.ours ?? null;
    const figures = {
      date: new Date().toISOString().slice(0, 10),
      load: os.loadavg().map((n) => n.toFixed(1)).join(' / '),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${(await ext.browser.version()).replace('/', ' ')}`,
      reportPages: reportPages.pages,
      fromReport,
      liveScoring,
      coldWorker,
      peer: report.peer && PEER ? { dir: PEER, fromReport: report.peer, liveScoring: live_?.peer ?? null, coldWorker: cold_?.peer ?? null, contentScriptGzipBytes: peerSize! } : null,
      size,
      targets: TARGETS,
    };
    if (JSON_OUT) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    else process.stdout.write(`${table(figures)}\n`);
    if (WRITE) await writeSection(figures);
  } finally {
    for (const loaded of [ours, peer]) {
      if (!loaded) continue;
      await loaded.ext.launched.close();
      await rm(loaded.ext.dir, { recursive: true, force: true });
    }
    await live.close();
    await rm(work, { recursive: true, force: true });
  }
}

type Scenario = ReturnType<typeof stats> & { firstScored: ReturnType<typeof stats> | null; fromContentScriptStart: ReturnType<typeof stats>; steps: Steps; badges: number; scored: number };

/** One loaded build and its background worker (a new one each time Chrome starts it again). */
type Build = { ext: LoadedExtension; worker: WebWorker };

const isBackground = (ext: LoadedExtension) => (t: Target) => t.type() === 'service_worker' && t.url() === `chrome-extension://${ext.extensionId}/background.js`;

/** The build's running background worker, started by Chrome if it is stopped. */
async function workerOf(ext: LoadedExtension): Promise<WebWorker> {
  const target = await ext.browser.waitForTarget(isBackground(ext), { timeout: 30_000 });
  const worker = await target.worker();
  if (!worker) throw new Error('background worker not reachable');
  return worker;
}

/** Stops the background worker as Chrome does after 30 s idle, and waits until it is gone. */
async function stopWorker(ext: LoadedExtension, worker: WebWorker): Promise<void> {
  await worker.close();
  const deadline = Date.now() + 10_000;
  while (ext.browser.targets().some(isBackground(ext))) {
    if (Date.now() > deadline) throw new Error('the background worker did not stop');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const stepLine = (s: Steps) => STEPS.map((step) => `${step} ${s[step]} ms`).join(', ');

type Figures = {
  date: string;
  load: string;
  machine: string;
  reportPages: number;
  fromReport: Scenario;
  liveScoring: Scenario | null;
  coldWorker: Scenario | null;
  peer: { dir: string; fromReport: Scenario; liveScoring: Scenario | null; coldWorker: Scenario | null; contentScriptGzipBytes: number } | null;
  size: { contentScriptBytes: number; contentScriptGzipBytes: number };
  targets: typeof TARGETS;
};

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? (a / b).toFixed(2) : '—');
const firstLine = (s: Scenario) => (s.firstScored ? `${s.firstScored.median} / ${s.firstScored.p90} / ${s.firstScored.max} ms` : 'none scored');

function table(f: Figures): string {
  const pass = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
  return [
    `Results page ready → all ${f.fromReport.badges} badges shown (median / p90 / max over ${f.fromReport.runs} runs):`,
    `  from an imported report (${f.reportPages} pages): ${f.fromReport.median} / ${f.fromReport.p90} / ${f.fromReport.max} ms  (${f.fromReport.scored} scored; target ≤ ${f.targets.reportBadgesMs} ms: ${pass(f.fromReport.median <= f.targets.reportBadgesMs)})`,
    `    its steps after DOMContentLoaded (medians of the content script's marks): ${stepLine(f.fromReport.steps)}`,
    ...(f.peer
      ? [
          `  peer build ${f.peer.dir}, same run, alternating: ${f.peer.fromReport.median} / ${f.peer.fromReport.p90} / ${f.peer.fromReport.max} ms; ours ÷ peer (medians) ${(f.fromReport.median / f.peer.fromReport.median).toFixed(2)}`,
          `    its steps: ${stepLine(f.peer.fromReport.steps)}; its content script ${f.peer.contentScriptGzipBytes} B gzipped`,
        ]
      : []),
    f.liveScoring ? `  live scoring, cache cleared:        ${f.liveScoring.median} / ${f.liveScoring.p90} / ${f.liveScoring.max} ms  (${f.liveScoring.scored} scored)` : '  live scoring: not measured (--no-live)',
    ...(f.liveScoring && f.peer?.liveScoring
      ? [`  peer build, live scoring, same run, alternating: ${f.peer.liveScoring.median} / ${f.peer.liveScoring.p90} / ${f.peer.liveScoring.max} ms  (${f.peer.liveScoring.scored} scored); ours ÷ peer (medians) ${(f.liveScoring.median / f.peer.liveScoring.median).toFixed(2)}`]
      : []),
    ...(f.coldWorker
      ? [
          `  live scoring, cold worker (stopped before each load, cache cleared): all badges ${f.coldWorker.median} / ${f.coldWorker.p90} / ${f.coldWorker.max} ms; first score ${firstLine(f.coldWorker)}`,
        ]
      : []),
    ...(f.coldWorker && f.peer?.coldWorker
      ? [
          `  peer build, cold worker, same run, alternating: all badges ${f.peer.coldWorker.median} / ${f.peer.coldWorker.p90} / ${f.peer.coldWorker.max} ms; first score ${firstLine(f.peer.coldWorker)}; ours ÷ peer (medians) all ${ratio(f.coldWorker.median, f.peer.coldWorker.median)}, first ${ratio(f.coldWorker.firstScored?.median, f.peer.coldWorker.firstScored?.median)}`,
        ]
      : []),
    `Content script: ${f.size.contentScriptGzipBytes} B gzipped, ${kb(f.size.contentScriptBytes)} KB raw, ${kb(f.size.contentScriptGzipBytes)} KB gzipped (target < ${f.targets.contentScriptGzipKb} KB: ${pass(f.size.contentScriptGzipBytes < f.targets.contentScriptGzipKb * 1024)})`,
    `Machine: ${f.machine}; load average ${f.load}`,
  ].join('\n');
}

const BEGIN = '<!-- extension:begin (written by bench/extension.ts --write) -->';
const END = '<!-- extension:end -->';

async function writeSection(f: Figures): Promise<void> {
  const section = [
    BEGIN,
    '## Extension',
    '',
    `Measured ${f.date} with \`npx tsx bench/extension.ts --write\` (${f.fromReport.runs} runs per scenario after one warm-up) on ${f.machine}.`,
    'The built extension in headless Chromium; a saved Google results page (desktop 2023) served by request interception, its',
    `${f.fromReport.badges} organic results pointing at demo-site pages. "Ready" is DOMContentLoaded; "shown" is when one badge per result has its final state, seen by a MutationObserver in the page.`,
    '',
    '| figure | median | p90 | max | target |',
    '|---|---|---|---|---|',
    `| badges shown, from an imported report (${f.reportPages} pages) | ${f.fromReport.median} ms | ${f.fromReport.p90} ms | ${f.fromReport.max} ms | ≤ ${f.targets.reportBadgesMs} ms |`,
    ...(f.liveScoring ? [`| badges shown, live scoring (${f.liveScoring.badges} pages fetched and scored, cache cleared) | ${f.liveScoring.median} ms | ${f.liveScoring.p90} ms | ${f.liveScoring.max} ms | — |`] : []),
    ...(f.peer ? [`| peer build (${f.peer.dir}), same run, page loads alternating with ours | ${f.peer.fromReport.median} ms | ${f.peer.fromReport.p90} ms | ${f.peer.fromReport.max} ms | ours ÷ peer ${(f.fromReport.median / f.peer.fromReport.median).toFixed(2)} |`] : []),
    ...(f.liveScoring && f.peer?.liveScoring
      ? [`| peer build, live scoring (cache cleared), same run, alternating | ${f.peer.liveScoring.median} ms | ${f.peer.liveScoring.p90} ms | ${f.peer.liveScoring.max} ms | ours ÷ peer ${(f.liveScoring.median / f.peer.liveScoring.median).toFixed(2)} |`]
      : []),
    ...(f.coldWorker
      ? [
          `| badges shown, live scoring, cold worker (stopped before each load, cache cleared) | ${f.coldWorker.median} ms | ${f.coldWorker.p90} ms | ${f.coldWorker.max} ms | — |`,
          `| first score shown, cold worker | ${f.coldWorker.firstScored?.median ?? '—'} ms | ${f.coldWorker.firstScored?.p90 ?? '—'} ms | ${f.coldWorker.firstScored?.max ?? '—'} ms | — |`,
        ]
      : []),
    ...(f.coldWorker && f.peer?.coldWorker
      ? [
          `| peer build, cold worker, same run, alternating | ${f.peer.coldWorker.median} ms | ${f.peer.coldWorker.p90} ms | ${f.peer.coldWorker.max} ms | ours ÷ peer ${ratio(f.coldWorker.median, f.peer.coldWorker.median)} |`,
          `| peer build, first score shown, cold worker | ${f.peer.coldWorker.firstScored?.median ?? '—'} ms | ${f.peer.coldWorker.firstScored?.p90 ?? '—'} ms | ${f.peer.coldWorker.firstScored?.max ?? '—'} ms | ours ÷ peer ${ratio(f.coldWorker.firstScored?.median, f.peer.coldWorker.firstScored?.median)} |`,
        ]
      : []),
    `| from the content script's start, which runs before the page is parsed (report) | ${f.fromReport.fromContentScriptStart.median} ms | ${f.fromReport.fromContentScriptStart.p90} ms | ${f.fromReport.fromContentScriptStart.max} ms | — |`,
    '',
    `Load average during the run: ${f.load}.`,
    '',
    `Where the time goes (medians of the content script's own marks, ms after DOMContentLoaded, report case): ${stepLine(f.fromReport.steps)}.`,
    "`start` is the content script's start (negative: it runs at `document_start`, before the page is parsed; meanwhile it",
    "starts the settings read and the worker's warm-up lookup, parses the overlay's stylesheet once for every shadow root, and",
    "runs the parser and a badge's render once on a throwaway miniature page so the engine has compiled them); `dom` is when its",
    "DOMContentLoaded listener runs; `parsed` after the shared parser read the page; `reply` when the worker's answer (report",
    "scores, words) is in; `badges` after every badge is mounted (one shadow root per badge, the shared stylesheet adopted).",
    ...(f.peer ? ['', `The peer row is another build (${f.peer.dir}) measured in the same run, its page loads alternating with ours; its steps: ${stepLine(f.peer.fromReport.steps)}; its content script ${f.peer.contentScriptGzipBytes} B gzipped.`] : []),
    '',
    '| content script | size | gzipped | target |',
    '|---|---|---|---|',
    `| content-scripts/google.js | ${kb(f.size.contentScriptBytes)} KB | ${f.size.contentScriptGzipBytes} B (${kb(f.size.contentScriptGzipBytes)} KB, Node gzip level 9) | < ${f.targets.contentScriptGzipKb} KB (${f.targets.contentScriptGzipKb * 1024} B) gzipped |`,
    END,
  ].join('\n');
  let text = '';
  try {
    text = await readFile(BENCHMARKS_MD, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next = start >= 0 && end > start ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}` : `${text.replace(/\s*$/, '')}\n\n${section}\n`;
  await writeFile(BENCHMARKS_MD, next);
}

await main();
