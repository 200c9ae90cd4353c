/**
 * What a cold extension worker pays for its first live score, in CPU time: Chrome stops an idle MV3
 * background worker after 30 s, so a user's first live score after a pause runs in a fresh worker —
 * its script evaluated, then the first page scored with nothing built yet (the query classifier's
 * lexicons, the scorer's tables) and nothing compiled by the engine.
 *
 *   npx tsx bench/cold-score.ts                        10 fresh processes, this build
 *   npx tsx bench/cold-score.ts --peer DIR             also another checkout (e.g. the fc945cd worktree of
 *                                                      bench/ref-build.ts), its processes alternating with ours
 *   npx tsx bench/cold-score.ts --runs 20 --json
 *
 * Each build's live scorer (extension/entrypoints/background/score-page.ts `scoreFetchedPage`, what the
 * worker calls for a `score:live`) is bundled by esbuild for the browser as the extension's build
 * bundles it, then run in fresh Node processes: the same 10 demo-site pages (fetched once from a local
 * demo server, the first of them first) scored for the same query as bench/extension.ts. CPU time
 * (process.cpuUsage, all threads) of: evaluating the bundle (a worker's script start), the first page,
 * and the next nine pages per page (a warm worker). Medians over the runs; with a peer, the runs
 * alternate, so both see the same moments of the machine's load: quote the ratio, not the times.
 * bench/extension.ts times the same in Chromium (a stopped worker, wall time to the first badge).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { serveDemo } from '../crawler/demo/server.ts';
import { demoRoutes } from '../tests/extension/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const RUNS = Math.max(1, Number(option('--runs') ?? 10) || 10);
const PEER = option('--peer');
const JSON_OUT = args.includes('--json');
const QUERY = 'what is a water leak detector';
const PAGES = 10;

/** Run in a fresh process: evaluate the bundle, score the first page, then the others. Prints JSON. */
const CHILD = `
import { readFileSync } from 'node:fs';
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const [bundle, inputsFile, query] = process.argv.slice(2);
const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
const t0 = cpu();
const { scoreFetchedPage } = await import(bundle);
const t1 = cpu();
const first = scoreFetchedPage(inputs[0], query, null);
const t2 = cpu();
for (const input of inputs.slice(1)) scoreFetchedPage(input, query, null);
const t3 = cpu();
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, firstMs: t2 - t1, warmPerPageMs: (t3 - t2) / (inputs.length - 1), answer: first.answer }));
`;

interface Sample {
  loadMs: number;
  firstMs: number;
  warmPerPageMs: number;
  answer: number;
}

async function bundleOf(dir: string, out: string): Promise<void> {
  await build({
    stdin: { contents: `export { scoreFetchedPage } from ${JSON.stringify(path.join(dir, 'extension/entrypoints/background/score-page.ts'))};`, resolveDir: dir, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile: out,
    logLevel: 'error',
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
}

function summary(samples: Sample[]) {
  const range = (pick: (s: Sample) => number) => {
    const values = samples.map(pick);
    return { median: median(values), min: Math.round(Math.min(...values) * 10) / 10, max: Math.round(Math.max(...values) * 10) / 10 };
  };
  return { runs: samples.length, load: range((s) => s.loadMs), first: range((s) => s.firstMs), loadAndFirst: range((s) => s.loadMs + s.firstMs), warmPerPage: range((s) => s.warmPerPageMs) };
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'zmot-bench-cold-'));
  const demo = await serveDemo();
  try {
    const routes = demoRoutes().filter((r) => r !== '/').slice(0, PAGES);
    const inputs = [];
    for (const route of routes) {
      const url = `${demo.origin}${route}`;
      const response = await fetch(url);
      inputs.push({ url, requestedUrl: url, status: response.status, headers: [...response.headers], html: await response.text() });
    }
    const inputsFile = path.join(work, 'inputs.json');
    await writeFile(inputsFile, JSON.stringify(inputs));
    const childFile = path.join(work, 'child.mjs');
    await writeFile(childFile, CHILD);
    const builds = [{ label: 'this build', dir: ROOT }, ...(PEER ? [{ label: `peer ${PEER}`, dir: path.resolve(PEER) }] : [])].map((b, i) => ({ ...b, bundle: path.join(work, `score-${i}.mjs`), samples: [] as Sample[] }));
    for (const b of builds) await bundleOf(b.dir, b.bundle);
    for (let run = 0; run < RUNS; run++) {
      // Alternating, and which build goes first alternates too.
      const order = run % 2 === 0 ? builds : [...builds].reverse();
      for (const b of order) {
        const child = spawnSync(process.execPath, [childFile, b.bundle, inputsFile, QUERY], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`${b.label}: the scoring process failed: ${child.stderr.split('\n').filter((l) => /Error|^\s+at /.test(l)).slice(0, 6).join(' | ').slice(0, 600)}`);
        b.samples.push(JSON.parse(child.stdout) as Sample);
      }
    }
    const load = os.loadavg().map((n) => n.toFixed(1)).join(' / ');
    const figures = builds.map((b) => ({ label: b.label, ...summary(b.samples) }));
    if (JSON_OUT) {
      process.stdout.write(`${JSON.stringify({ query: QUERY, pages: inputs.length, load, builds: figures }, null, 2)}\n`);
      return;
    }
    const line = (f: (typeof figures)[number]) =>
      `${f.label}: script evaluated ${f.load.median} ms (${f.load.min}–${f.load.max}), first page ${f.first.median} ms (${f.first.min}–${f.first.max}), both ${f.loadAndFirst.median} ms; warm ${f.warmPerPage.median} ms/page`;
    const lines = [`Cold worker, first live score (CPU ms, medians of ${RUNS} fresh processes; ${inputs.length} demo pages, query "${QUERY}"):`, ...figures.map((f) => `  ${line(f)}`)];
    if (figures.length === 2) {
      const [a, b] = figures;
      const r = (x: number, y: number) => (x / y).toFixed(2);
      lines.push(`  ours ÷ peer: first page ${r(a.first.median, b.first.median)}, script ${r(a.load.median, b.load.median)}, both ${r(a.loadAndFirst.median, b.loadAndFirst.median)}, warm ${r(a.warmPerPage.median, b.warmPerPage.median)}`);
    }
    lines.push(`Load average after the runs: ${load}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await demo.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
