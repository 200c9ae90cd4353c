/**
 * Crawl speed benchmark: `npm run bench:crawl [-- options]`.
 *
 * Serves a generated site (bench/fixtures-site) on 127.0.0.1 in its own process, then crawls it with
 * `zmot crawl` (full extraction, audits and storage), crawlee's CheerioCrawler and linkinator, each in
 * its own child process whose RSS is sampled from /proc every 100 ms. Then crawls a 50,000-page site
 * with zmot alone to show memory staying flat. Writes the figures into BENCHMARKS.md ("Crawl speed").
 *
 * Options: --pages N (5000) --big N (50000, 0 to skip) --concurrency N (8) --reps N (1)
 *          --only zmot,crawlee,linkinator --timeout-min N (20, per tool run) --no-write
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ZMOT_BIN = path.join(ROOT, 'crawler/bin/zmot.js');
const BENCHMARKS = path.join(ROOT, 'BENCHMARKS.md');
const SECTION_START = '<!-- crawl-speed:start -->';
const SECTION_END = '<!-- crawl-speed:end -->';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const PAGES = Number(arg('pages', '5000'));
const BIG = Number(arg('big', '50000'));
const CONCURRENCY = Number(arg('concurrency', '8'));
const REPS = Number(arg('reps', '1'));
const ONLY = arg('only', 'zmot,crawlee,linkinator').split(',');
/** A tool that has not finished by then is stopped; its rate is computed from its last progress line. */
const TOOL_TIMEOUT_MS = Number(arg('timeout-min', '20')) * 60_000;
const WRITE = !process.argv.includes('--no-write');

interface Sample {
  t: number;
  rssMb: number;
}

interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssMb: number;
  samples: Sample[];
  /** (time, pages) pairs parsed from progress lines, when the tool prints them. */
  progress: Array<{ t: number; pages: number }>;
  timedOut: boolean;
}

function procStatus(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(s);
    const hwm = /VmHWM:\s+(\d+)/.exec(s);
    return rss && hwm ? { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]) } : null;
  } catch {
    return null;
  }
}

/** Runs a child process, sampling its RSS (and its peak, VmHWM) every 100 ms until it exits. */
function measure(command: string, args: string[], env: Record<string, string> = {}): Promise<Measured> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const progress: Array<{ t: number; pages: number }> = [];
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
      for (const m of c.toString().matchAll(/crawled (\d+) ·/g)) progress.push({ t: performance.now() - t0, pages: Number(m[1]) });
      if (stderr.length > 1_000_000) stderr = stderr.slice(-100_000);
    });
    const samples: Sample[] = [];
    let peakKb = 0;
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TOOL_TIMEOUT_MS);
    const timer = setInterval(() => {
      const s = child.pid ? procStatus(child.pid) : null;
      if (!s) return;
      peakKb = Math.max(peakKb, s.hwmKb, s.rssKb);
      samples.push({ t: performance.now() - t0, rssMb: s.rssKb / 1024 });
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      clearTimeout(killer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - t0, peakRssMb: peakKb / 1024, samples, progress, timedOut });
    });
  });
}

async function startSite(pages: number): Promise<{ origin: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/fixtures-site/serve.ts'), String(pages)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (c) => {
      buf += c;
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) resolve((JSON.parse(line) as { origin: string }).origin);
    });
    child.on('exit', (code) => reject(new Error(`site server exited with ${code}`)));
  });
  return { origin, stop: () => void child.kill('SIGTERM') };
}

interface ToolResult {
  tool: string;
  /** Stopped at the time limit: figures are from its last progress line. */
  timedOut: boolean;
  pages: number;
  crawlMs: number;
  wallMs: number;
  pagesPerSecond: number;
  peakRssMb: number;
}

function lastJsonLine(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').filter((l) => l.trim().startsWith('{')).pop();
  if (!line) throw new Error(`no JSON result in output: ${stdout.slice(-500)}`);
  try {
    return JSON.parse(line);
  } catch {
    // zmot --json prints pretty JSON over several lines
    return JSON.parse(stdout.slice(stdout.indexOf('{')));
  }
}

async function runZmot(origin: string, pages: number, outDir: string, json = true): Promise<{ result: ToolResult; measured: Measured }> {
  const args = [ZMOT_BIN, 'crawl', `${origin}/`, '--out', outDir, '--max-pages', String(pages), '--max-depth', '50', '--concurrency', String(CONCURRENCY), '--no-report'];
  if (json) args.push('--json');
  const m = await measure(process.execPath, args);
  if (m.code !== 0) throw new Error(`zmot crawl failed (${m.code}): ${m.stderr.slice(-800)}`);
  let fetched: number;
  let crawlMs: number;
  if (json) {
    const out = lastJsonLine(m.stdout) as { pagesFetched: number; durationMs: number };
    fetched = out.pagesFetched;
    crawlMs = out.durationMs;
  } else {
    const done = /Crawl finished: (\d+) page\(s\) in ([\d.]+)s/.exec(m.stdout);
    if (!done) throw new Error(`unexpected zmot output: ${m.stdout}`);
    fetched = Number(done[1]);
    crawlMs = Number(done[2]) * 1000;
  }
  return { result: { tool: 'zmot crawl', timedOut: false, pages: fetched, crawlMs, wallMs: m.wallMs, pagesPerSecond: (fetched * 1000) / crawlMs, peakRssMb: m.peakRssMb }, measured: m };
}

async function runPeer(name: string, script: string, origin: string, pages: number): Promise<ToolResult> {
  const m = await measure(process.execPath, [path.join(ROOT, script), origin, String(pages), String(CONCURRENCY)]);
  if (m.timedOut) {
    const last = m.progress.at(-1) ?? { t: m.wallMs, pages: 0 };
    return { tool: name, timedOut: true, pages: last.pages, crawlMs: last.t, wallMs: m.wallMs, pagesPerSecond: (last.pages * 1000) / last.t, peakRssMb: m.peakRssMb };
  }
  if (m.code !== 0) throw new Error(`${name} failed (${m.code}): ${m.stderr.slice(-800)}`);
  const out = lastJsonLine(m.stdout) as { pages: number; ms: number };
  return { tool: name, timedOut: false, pages: out.pages, crawlMs: out.ms, wallMs: m.wallMs, pagesPerSecond: (out.pages * 1000) / out.ms, peakRssMb: m.peakRssMb };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** RSS at a given number of pages, from the progress lines and the RSS samples (nearest in time). */
function rssAtPages(m: Measured, pages: number): number | null {
  const point = m.progress.find((p) => p.pages >= pages);
  if (!point) return null;
  let best: Sample | null = null;
  for (const s of m.samples) if (!best || Math.abs(s.t - point.t) < Math.abs(best.t - point.t)) best = s;
  return best ? best.rssMb : null;
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main() {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zmot-bench-'));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, load average at start ${os.loadavg()[0].toFixed(1)}`;
  process.stderr.write(`Machine: ${machine}\n`);
  const results: ToolResult[][] = [];
  const site = await startSite(PAGES);
  try {
    for (let rep = 0; rep < REPS; rep++) {
      const round: ToolResult[] = [];
      if (ONLY.includes('zmot')) {
        const { result } = await runZmot(site.origin, PAGES + 10, path.join(tmp, `zmot-${rep}`));
        round.push(result);
        process.stderr.write(`zmot: ${result.pages} pages, ${fmt(result.pagesPerSecond, 1)} pages/s, peak ${fmt(result.peakRssMb)} MB\n`);
      }
      if (ONLY.includes('crawlee')) {
        const r = await runPeer('crawlee CheerioCrawler', 'bench/peers/crawlee.mjs', site.origin, PAGES + 10);
        round.push(r);
        process.stderr.write(`crawlee${r.timedOut ? ' (time limit)' : ''}: ${r.pages} pages, ${fmt(r.pagesPerSecond, 1)} pages/s, peak ${fmt(r.peakRssMb)} MB\n`);
      }
      if (ONLY.includes('linkinator')) {
        const r = await runPeer('linkinator', 'bench/peers/linkinator.mjs', site.origin, PAGES + 10);
        round.push(r);
        process.stderr.write(`linkinator: ${r.pages} pages, ${fmt(r.pagesPerSecond, 1)} pages/s, peak ${fmt(r.peakRssMb)} MB\n`);
      }
      results.push(round);
    }
  } finally {
    site.stop();
  }

  const tools = results[0].map((r) => r.tool);
  const summary = tools.map((tool) => {
    const runs = results.map((round) => round.find((r) => r.tool === tool)!);
    return { tool, timedOut: runs.some((r) => r.timedOut), pages: median(runs.map((r) => r.pages)), pagesPerSecond: median(runs.map((r) => r.pagesPerSecond)), peakRssMb: median(runs.map((r) => r.peakRssMb)), wallMs: median(runs.map((r) => r.wallMs)) };
  });

  let reportLine = '';
  const zmotRun = summary.find((s) => s.tool === 'zmot crawl');
  if (zmotRun && ONLY.includes('zmot')) {
    // Building the report is a separate step (`zmot report`): timed on its own for completeness.
    const m = await measure(process.execPath, [ZMOT_BIN, 'report', path.join(tmp, 'zmot-0'), '--json']);
    if (m.code === 0) reportLine = `Building the reports afterwards (\`zmot report\`, ${zmotRun.pages} pages: JSON, HTML, CSV, Markdown; site audits and scoring): ${fmt(m.wallMs / 1000, 1)} s wall, peak ${fmt(m.peakRssMb)} MB.`;
  }

  let bigSection = '';
  if (BIG > 0 && ONLY.includes('zmot')) {
    const big = await startSite(BIG);
    try {
      process.stderr.write(`Crawling ${BIG} pages with zmot for the memory profile…\n`);
      const { result, measured } = await runZmot(big.origin, BIG + 10, path.join(tmp, 'zmot-big'), false);
      // Progress lines come every 2 s; the last one stands for the end of the crawl (RSS after it is the shutdown).
      const lastLine = measured.progress.at(-1)?.pages ?? result.pages;
      const marks = [...[0.1, 0.25, 0.5, 0.75].map((f) => Math.round(result.pages * f)), lastLine];
      const rows = marks.map((p) => `| ${p.toLocaleString('en-US')} | ${rssAtPages(measured, p) !== null ? fmt(rssAtPages(measured, p)!) : '–'} |`);
      const second = measured.samples.filter((s) => s.t > measured.wallMs / 2);
      const firstHalfPeak = Math.max(...measured.samples.filter((s) => s.t <= measured.wallMs / 2).map((s) => s.rssMb));
      const secondHalfPeak = Math.max(...second.map((s) => s.rssMb));
      bigSection = [
        `### Memory over a ${BIG.toLocaleString('en-US')}-page crawl (zmot alone)`,
        '',
        `${result.pages.toLocaleString('en-US')} pages in ${fmt(result.crawlMs / 1000)} s (${fmt(result.pagesPerSecond, 1)} pages/s); peak RSS ${fmt(result.peakRssMb)} MB. Peak in the first half of the run ${fmt(firstHalfPeak)} MB, in the second half ${fmt(secondHalfPeak)} MB: memory does not grow with the number of pages (the frontier, pages and links live in SQLite on disk).`,
        '',
        '| pages crawled | RSS (MB) |',
        '|---:|---:|',
        ...rows,
      ].join('\n');
    } finally {
      big.stop();
    }
  }
  await rm(tmp, { recursive: true, force: true });

  const crawlee = summary.find((s) => s.tool.startsWith('crawlee'));
  const table = [
    '| crawler | pages | pages/s | peak RSS (MB) | wall time (s) |',
    '|---|---:|---:|---:|---:|',
    ...summary.map((s) => `| ${s.tool}${s.timedOut ? ` (stopped at the ${TOOL_TIMEOUT_MS / 60_000}-minute limit)` : ''} | ${Math.round(s.pages)} | ${fmt(s.pagesPerSecond, 1)} | ${fmt(s.peakRssMb)} | ${fmt(s.wallMs / 1000, 1)} |`),
  ].join('\n');
  const ratios =
    zmotRun && crawlee
      ? `zmot vs crawlee: **${fmt(zmotRun.pagesPerSecond / crawlee.pagesPerSecond, 2)}×** the pages/s (target ≥ 1.5×) with **${fmt(zmotRun.peakRssMb / crawlee.peakRssMb, 2)}×** the peak memory (target ≤ 1×).`
      : '';
  const linkinator = summary.find((s) => s.tool === 'linkinator');
  const ratios2 = zmotRun && linkinator ? ` zmot vs linkinator: ${fmt(zmotRun.pagesPerSecond / linkinator.pagesPerSecond, 2)}× the pages/s, ${fmt(zmotRun.peakRssMb / linkinator.peakRssMb, 2)}× the peak memory.` : '';
  const section = [
    SECTION_START,
    '## Crawl speed',
    '',
    `Command: \`npm run bench:crawl\`${process.argv.slice(2).length ? ` (run as \`npm run bench:crawl -- ${process.argv.slice(2).join(' ')}\`)` : ''}. Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
    '',
    `A generated site of ${PAGES.toLocaleString('en-US')} pages (bench/fixtures-site: ~12 KB of HTML each, ~40 links, a table, a list, JSON-LD) served on 127.0.0.1 by its own process, crawled at concurrency ${CONCURRENCY} by each tool in its own child process; RSS sampled from /proc every 100 ms (peak = VmHWM). ${REPS > 1 ? `Median of ${REPS} runs. ` : ''}pages/s = pages ÷ the tool's own crawl time (zmot: \`durationMs\` of \`zmot crawl --json\`, worker start-up included; peers: time around \`crawler.run()\` / \`check()\`); wall time includes process start-up.`,
    '',
    '- **zmot crawl**: `zmot crawl <origin>/ --no-report --json` — fetch, robots.txt, charset detection, full artifact extraction (passages, links, FAQ, JSON-LD…), every page audit, stage profile, site summary, and a SQLite transaction per page (page, artifacts, result, links, frontier).',
    '- **crawlee CheerioCrawler** (bench/peers/crawlee.mjs): parses each page with cheerio, reads title, description, h1 and canonical, `enqueueLinks({ strategy: "same-hostname" })`; default storage (request queue on disk); starts at full concurrency and is told not to back off when *other* processes load the CPU (the machine is shared), so it runs as fast as it can.',
    '- **linkinator** (bench/peers/linkinator.mjs): `check({ recurse: true })` over the site: fetches and parses each page for links only.',
    '',
    table,
    '',
    `${ratios}${ratios2}`,
    '',
    reportLine,
    '',
    bigSection,
    SECTION_END,
  ].join('\n');
  process.stdout.write(`\n${section}\n`);
  if (WRITE) {
    const current = existsSync(BENCHMARKS) ? await readFile(BENCHMARKS, 'utf8') : '# Benchmarks\n';
    const start = current.indexOf(SECTION_START);
    const end = current.indexOf(SECTION_END);
    const next = start !== -1 && end !== -1 ? `${current.slice(0, start)}${section}${current.slice(end + SECTION_END.length)}` : `${current.trimEnd()}\n\n${section}\n`;
    await writeFile(BENCHMARKS, next);
    process.stderr.write(`Written to ${BENCHMARKS}\n`);
  }
}

await main();
