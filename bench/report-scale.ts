/**
 * Reports at scale: a crawl store of N pages written directly (no fetching: the extracted pages of
 * bench/scoring.ts's generated site, its 500 questions in the stored config), then `zmot report` on it
 * in its own process (wall time, peak RSS from /proc's VmHWM, every report file's size), then
 * report.html opened in Chromium: time to the first rendered pages-table row, to a sort and to a
 * filter over all pages.
 *
 *   npx tsx bench/report-scale.ts --pages 50000 [--ref-bin <older checkout>/crawler/bin/zmot.js] [--opens N] [--out DIR --reuse-store]
 *
 * With --ref-bin, an older build's `zmot report` also writes its report.html from the same store (into <out>/ref),
 * and the two files are opened in turn, N times each (--opens, default 3): the first row, DOMContentLoaded and load
 * of each, medians, in the same run.
 *
 * With --reuse-store, a finished store of N pages already in --out (written by an earlier run) is used as it is.
 *
 * Needs bench/scoring.ts's cached crawl of at least N pages (run `npx tsx bench/scoring.ts --pages N` first).
 * The pages are bench/scoring.ts's small generated pages (~10 KB of artifacts JSON each), not the
 * real-sized site's: the store holds fewer bytes per page than a crawl of real-sized pages would.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../crawler/browser.ts';
import { CrawlStore } from '../crawler/store/crawl-store.ts';

/** Run in the page before its own script: records when the first pages-table row is in the DOM (ms after navigation start). */
function watchFirstRow(): void {
  const w = window as unknown as { __firstRow?: number };
  new MutationObserver((_, o) => {
    if (w.__firstRow === undefined && document.querySelector('#t-pages > tbody > tr')) {
      w.__firstRow = performance.now();
      o.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}
import type { PageArtifacts } from '../shared/schemas/index.ts';

const args = process.argv.slice(2);
const arg = (name: string): string | null => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null);
const PAGES = Number(arg('--pages') ?? 50000);
const CACHE = readdirSync(os.tmpdir())
  .map((f) => /^zmot-bench-scoring-v1-(\d+)-(\d+)\.jsonl$/.exec(f))
  .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) >= PAGES)
  .sort((a, b) => Number(a[1]) - Number(b[1]))[0];
if (!CACHE) {
  process.stderr.write(`no cached crawl of ${PAGES}+ pages: run npx tsx bench/scoring.ts --pages ${PAGES} first\n`);
  process.exit(2);
}
const OUT = arg('--out') ?? path.join(os.tmpdir(), `zmot-bench-report-${PAGES}`);
const REF_BIN = arg('--ref-bin');
const OPENS = Number(arg('--opens') ?? 3);
const ROOT = path.resolve(import.meta.dirname, '..');

// 1. The store (or the one an earlier run wrote, with --reuse-store).
const reused = args.includes('--reuse-store') && existsSync(path.join(OUT, 'crawl.sqlite')) ? CrawlStore.open(path.join(OUT, 'crawl.sqlite'), { readonly: true }) : null;
const reuse = reused !== null && reused.getMeta<string>('status') === 'finished' && reused.pageCount() === PAGES;
reused?.close();
if (!reuse) {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
}
const store = CrawlStore.open(path.join(OUT, 'crawl.sqlite'), { fresh: !reuse });
const t0 = Date.now();
const origin = 'https://acme.example';
store.setMeta('startUrl', `${origin}/p/0/`);
store.setMeta('startedAt', new Date().toISOString());
let n = 0;
let htmlBytes = 0;
let config: unknown = null;
const batch: Array<() => void> = [];
const flush = () => {
  store.transaction(() => batch.splice(0).forEach((f) => f()));
};
for await (const line of readline.createInterface({ input: createReadStream(path.join(os.tmpdir(), CACHE[0])) })) {
  if (reuse) {
    n = PAGES;
    break;
  }
  if (!line || n >= PAGES) continue;
  const { artifacts } = JSON.parse(line) as { artifacts: PageArtifacts };
  const i = n++;
  htmlBytes += artifacts.usability.htmlBytes;
  batch.push(() => {
    store.insertUrl(artifacts.url, artifacts.depth ?? 1, i, i === 0 ? 'start' : 'link', null, 'done');
    store.savePage(
      {
        record: {
          url: artifacts.url, finalUrl: artifacts.url, status: 200, contentType: 'text/html', headers: [['content-type', 'text/html']], redirectChain: [], redirectStopped: null,
          bodyBytes: artifacts.usability.htmlBytes, wireBytes: artifacts.usability.htmlBytes, truncated: false, encoding: 'utf-8', encodingNote: null, error: null, errorCode: null, attempts: 1,
          timings: null, depth: artifacts.depth ?? 1, rendered: false, renderError: null, fetchedAt: new Date().toISOString(),
        },
        artifacts,
      },
      artifacts.links.filter((l) => l.url).map((l) => ({ from: artifacts.url, to: l.url!, text: l.text.slice(0, 300), nofollow: l.nofollow })),
    );
  });
  if (batch.length >= 500) flush();
}
flush();
if (n < PAGES) throw new Error(`the cached crawl has ${n} pages`);
// The scoring bench's config (its questions), written beside its cached crawl.
const configFile = path.join(os.tmpdir(), `${CACHE[0]}.config.json`);
config = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : null;
if (config && !reuse) store.setMeta('config', config);
if (!reuse) {
  store.setMeta('status', 'finished');
  store.setMeta('finishedAt', new Date().toISOString());
}
store.close();
const storeMs = Date.now() - t0;
const storeBytes = statSync(path.join(OUT, 'crawl.sqlite')).size;
process.stderr.write(`store of ${n} pages written in ${(storeMs / 1000).toFixed(0)} s (${(storeBytes / 2 ** 20).toFixed(0)} MB)\n`);

// 2. zmot report, its peak RSS sampled from /proc.
const child = spawn(process.execPath, [path.join(ROOT, 'crawler/bin/zmot.js'), 'report', OUT, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => (stderr += d));
child.stdout.resume();
let peakKb = 0;
const samples: number[] = [];
const sampler = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peakKb = Math.max(peakKb, hwm);
    samples.push(rss);
  } catch {
    // the process has exited
  }
}, 200);
const r0 = Date.now();
const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
clearInterval(sampler);
const reportMs = Date.now() - r0;
if (code !== 0) process.stderr.write(`zmot report exited ${code}: ${stderr.slice(-2000)}\n`);
const files = Object.fromEntries(
  readdirSync(OUT)
    .filter((f) => !f.startsWith('crawl.sqlite'))
    .map((f) => [f, statSync(path.join(OUT, f)).size]),
);

// 2b. The older build's report.html from the same store, when asked.
let refReport: { exit: number | null; wallMs: number; htmlBytes: number | null } | null = null;
if (REF_BIN) {
  const refOut = path.join(OUT, 'ref');
  const t = Date.now();
  const ref = spawn(process.execPath, [REF_BIN, 'report', OUT, '--out', refOut, '--json'], { cwd: path.resolve(path.dirname(REF_BIN), '../..'), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  ref.stderr.on('data', (d) => (err += d));
  const exit = await new Promise<number | null>((resolve) => ref.on('exit', resolve));
  if (exit !== 0) process.stderr.write(`older zmot report exited ${exit}: ${err.slice(-2000)}\n`);
  const file = path.join(refOut, 'report.html');
  refReport = { exit, wallMs: Date.now() - t, htmlBytes: existsSync(file) ? statSync(file).size : null };
}

// 3. report.html in Chromium.
type Opened = { firstRowMs: number; domContentLoadedMs: number; loadMs: number };
let html: (Opened & { sortMs: number; filterMs: number; filterAgainMs: number; rowsInDom: number; opens: Opened[]; refOpens: Opened[] | null }) | null = null;
const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
if (existsSync(path.join(OUT, 'report.html'))) {
  const browser = await launchChromium();
  try {
    // Each open in a fresh tab: when the first pages-table row is in the DOM, DOMContentLoaded, load.
    const open = async (file: string): Promise<Opened> => {
      const tab = await browser.browser.newPage();
      try {
        await tab.evaluateOnNewDocument(watchFirstRow);
        await tab.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 600_000 });
        const t = await tab.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return { firstRow: (window as unknown as { __firstRow?: number }).__firstRow ?? -1, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
        });
        return { firstRowMs: Math.round(t.firstRow), domContentLoadedMs: Math.round(t.dcl), loadMs: Math.round(t.load) };
      } finally {
        await tab.close();
      }
    };
    const refFile = path.join(OUT, 'ref', 'report.html');
    const hasRef = REF_BIN !== null && existsSync(refFile);
    const opens: Opened[] = [];
    const refOpens: Opened[] = [];
    // Taking turns (the older file first in odd rounds), so load drifts hit both alike.
    for (let k = 0; k < OPENS; k++) {
      const order = hasRef ? (k % 2 ? ['ref', 'new'] : ['new', 'ref']) : ['new'];
      for (const which of order) {
        const o = await open(which === 'ref' ? refFile : path.join(OUT, 'report.html'));
        (which === 'ref' ? refOpens : opens).push(o);
        process.stderr.write(`${which === 'ref' ? 'older' : 'this'} build's report.html: first row ${o.firstRowMs} ms, DOMContentLoaded ${o.domContentLoadedMs} ms, load ${o.loadMs} ms (load average ${os.loadavg()[0].toFixed(1)})\n`);
      }
    }
    const page = await browser.browser.newPage();
    // When the first pages-table row is in the DOM (ms after navigation start, from a MutationObserver set before
    // the page's own script runs), and when the whole file is parsed (DOMContentLoaded) and loaded.
    await page.evaluateOnNewDocument(watchFirstRow);
    await page.goto(pathToFileURL(path.join(OUT, 'report.html')).href, { waitUntil: 'load', timeout: 600_000 });
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { firstRow: (window as unknown as { __firstRow?: number }).__firstRow ?? -1, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
    });
    void timing;
    const firstRowMs = median(opens.map((o) => o.firstRowMs));
    const domContentLoadedMs = median(opens.map((o) => o.domContentLoadedMs));
    const loadMs = median(opens.map((o) => o.loadMs));
    const timedIn = (fn: () => void) => page.evaluate((src) => {
      const t = performance.now();
      new Function(src)();
      return performance.now() - t;
    }, `(${fn.toString()})()`);
    const sortMs = await timedIn(() => (document.querySelector('#t-pages th[data-col="3"]') as HTMLElement).click());
    const filterMs = await timedIn(() => {
      const i = document.querySelector('[data-filter="pages"]') as HTMLInputElement;
      i.value = '/p/4999';
      i.dispatchEvent(new Event('input'));
    });
    const rowsInDom = await page.$$eval('#t-pages > tbody > tr', (rows) => rows.length);
    // A second filter: the first one also builds each row's search text, once.
    const filterAgainMs = await timedIn(() => {
      const i = document.querySelector('[data-filter="pages"]') as HTMLInputElement;
      i.value = '/p/123';
      i.dispatchEvent(new Event('input'));
    });
    html = { firstRowMs, domContentLoadedMs, loadMs, sortMs: Math.round(sortMs), filterMs: Math.round(filterMs), filterAgainMs: Math.round(filterAgainMs), rowsInDom, opens, refOpens: hasRef ? refOpens : null };
  } finally {
    await browser.close();
  }
}

const figures = {
  pages: n,
  htmlBytesOfPages: htmlBytes,
  storeBytes,
  storeWriteMs: storeMs,
  report: { exit: code, wallMs: reportMs, peakRssMb: Math.round(peakKb / 1024), rssSamplesMb: samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 10)) === 0).map((kb) => Math.round(kb / 1024)) },
  files,
  html,
  ref: refReport && html?.refOpens
    ? { ...refReport, firstRowMs: median(html.refOpens.map((o) => o.firstRowMs)), domContentLoadedMs: median(html.refOpens.map((o) => o.domContentLoadedMs)), loadMs: median(html.refOpens.map((o) => o.loadMs)) }
    : refReport,
  load: os.loadavg().map((x) => Math.round(x * 10) / 10),
  node: process.version,
};
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
