/**
 * Crawl speed benchmark: `npm run bench:crawl [-- options]`.
 *
 * Serves a generated site (bench/fixtures-site) on 127.0.0.1 in its own process, then crawls it with
 * `zmot crawl` (full extraction, audits and storage), crawlee's CheerioCrawler with its default storage
 * and with `CRAWLEE_PERSIST_STORAGE=false`, each in its own child process whose RSS is sampled from
 * /proc every 100 ms; the tools take turns (interleaved runs), medians are reported. The main case is
 * the real-sized site (~92 KB pages, bench/fixtures-site/real-site.ts); the small-page site (~12 KB)
 * is the second row. Writes the figures into BENCHMARKS.md ("Crawl speed").
 *
 * Options: --pages N (5000) --sites real,small --reps N (3) --concurrency N (8)
 *          --only zmot,crawlee,crawlee-memory[,linkinator] --timeout-min N (20, per tool run)
 *          --big N (0: a crawl + report of N real-sized pages end to end, zmot alone: wall time per phase — crawl,
 *            page pass and site audits, scoring, writing the reports —, RSS sampled over the whole run, store and
 *            report sizes, written to BENCHMARKS.md's "End to end at scale" section; alone unless --sites is given;
 *            --timeout-min applies to each of its two processes)
 *          --cpu-prof (one extra zmot crawl of the real site under --cpu-prof; profile summary printed)
 *          --ref <commit> [--ref-dir <dir>] (an older build of zmot as one more tool, `zmot-ref`, in the same
 *            interleaved runs: bench/ref-build.ts checks it out and installs it once)
 *          --no-write
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { summarizeProfiles } from './profile-summary.ts';
import { prepareRefBuild, refArgs, type RefBuild } from './ref-build.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ZMOT_BIN = path.join(ROOT, 'crawler/bin/zmot.js');
const BENCHMARKS = path.join(ROOT, 'BENCHMARKS.md');
const SECTION_START = '<!-- crawl-speed:start -->';
const SECTION_END = '<!-- crawl-speed:end -->';
const BIG_START = '<!-- crawl-big:start -->';
const BIG_END = '<!-- crawl-big:end -->';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const PAGES = Number(arg('pages', '5000'));
const BIG = Number(arg('big', '0'));
// --big runs alone unless --sites asks for the speed comparison too.
const SITES = (process.argv.includes('--sites') || !BIG ? arg('sites', 'real,small').split(',') : []) as Array<'real' | 'small'>;
const CONCURRENCY = Number(arg('concurrency', '8'));
const REPS = Number(arg('reps', '3'));
const REF_ARGS = refArgs();
const ONLY = arg('only', REF_ARGS ? 'zmot,zmot-ref,crawlee,crawlee-memory' : 'zmot,crawlee,crawlee-memory').split(',');
/** The older build of zmot (`--ref`), prepared in main() before the runs. */
let REF: RefBuild | null = null;
/** A tool that has not finished by then is stopped; its rate is computed from its last progress line. */
const TOOL_TIMEOUT_MS = Number(arg('timeout-min', '20')) * 60_000;
const WRITE = !process.argv.includes('--no-write');
const CPU_PROF = process.argv.includes('--cpu-prof');

/** Bytes of the files under a directory. */
function duBytes(dir: string): number {
  let total = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? duBytes(p) : statSync(p).size;
  }
  return total;
}

/** HTML bytes the crawl downloaded (decompressed bodies), from its store; null when the store does not say (an older build's). */
function htmlBytesOf(storeDir: string): number | null {
  try {
    const db = new Database(path.join(storeDir, 'crawl.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT coalesce(sum(body_bytes), 0) FROM pages').pluck().get() as number) ?? 0;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

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
  /** CPU time of the process, every thread (user + system), at the last sample before it exited. */
  cpuMs: number;
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

const CLOCK_TICKS = 100;
/** CPU time (user + system, every thread) a live process has used so far, from /proc/<pid>/stat. */
function procCpuMs(pid: number): number | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Runs a child process, sampling its RSS (and its peak, VmHWM) and its CPU time every 100 ms until it exits. */
function measure(command: string, args: string[], env: Record<string, string> = {}, cwd = ROOT, opts: { timeoutMs?: number; onStderr?: (chunk: string) => void; onSample?: (s: Sample) => void } = {}): Promise<Measured> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const progress: Array<{ t: number; pages: number }> = [];
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
      opts.onStderr?.(c.toString());
      for (const m of c.toString().matchAll(/crawled (\d+) ·/g)) progress.push({ t: performance.now() - t0, pages: Number(m[1]) });
      if (stderr.length > 1_000_000) stderr = stderr.slice(-100_000);
    });
    const samples: Sample[] = [];
    let peakKb = 0;
    let cpuMs = 0;
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? TOOL_TIMEOUT_MS);
    const timer = setInterval(() => {
      const s = child.pid ? procStatus(child.pid) : null;
      if (!s) return;
      peakKb = Math.max(peakKb, s.hwmKb, s.rssKb);
      cpuMs = procCpuMs(child.pid!) ?? cpuMs;
      const sample = { t: performance.now() - t0, rssMb: s.rssKb / 1024 };
      samples.push(sample);
      opts.onSample?.(sample);
    }, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      clearTimeout(killer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - t0, peakRssMb: peakKb / 1024, cpuMs, samples, progress, timedOut });
    });
  });
}

async function startSite(pages: number, kind: 'real' | 'small'): Promise<{ origin: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/fixtures-site/serve.ts'), String(pages), kind], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
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
  /** CPU time of the whole process (every thread, start-up included) per page crawled. */
  cpuMsPerPage: number;
  /** Bytes left on disk by the crawl (zmot: the report folder with its store; crawlee: its storage folder); null when nothing is written. */
  diskBytes: number | null;
  /** HTML bytes downloaded (zmot's store knows them). */
  htmlBytes: number | null;
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

async function runZmot(origin: string, pages: number, outDir: string, opts: { json?: boolean; nodeArgs?: string[]; ref?: RefBuild; measure?: Parameters<typeof measure>[4] } = {}): Promise<{ result: ToolResult; measured: Measured }> {
  const json = opts.json ?? true;
  // An older build (--ref) runs from its own worktree; its `zmot crawl` takes the same flags back to fc945cd.
  const args = [...(opts.nodeArgs ?? []), opts.ref?.bin ?? ZMOT_BIN, 'crawl', `${origin}/`, '--out', outDir, '--max-pages', String(pages), '--max-depth', '50', '--concurrency', String(CONCURRENCY), '--no-report'];
  if (json) args.push('--json');
  const m = await measure(process.execPath, args, {}, opts.ref?.dir ?? ROOT, opts.measure);
  if (m.code !== 0) throw new Error(`zmot crawl${opts.ref ? ` @ ${opts.ref.short}` : ''} failed (${m.code}): ${m.stderr.slice(-800)}`);
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
  const result: ToolResult = { tool: opts.ref ? refLabel(opts.ref) : 'zmot crawl', timedOut: false, pages: fetched, crawlMs, wallMs: m.wallMs, pagesPerSecond: (fetched * 1000) / crawlMs, peakRssMb: m.peakRssMb, cpuMsPerPage: m.cpuMs / fetched, diskBytes: duBytes(outDir), htmlBytes: htmlBytesOf(outDir) };
  return { result, measured: m };
}

async function runPeer(name: string, script: string, origin: string, pages: number, extra: string[] = []): Promise<ToolResult> {
  const m = await measure(process.execPath, [path.join(ROOT, script), origin, String(pages), String(CONCURRENCY), ...extra]);
  if (m.timedOut) {
    const last = m.progress.at(-1) ?? { t: m.wallMs, pages: 0 };
    return { tool: name, timedOut: true, pages: last.pages, crawlMs: last.t, wallMs: m.wallMs, pagesPerSecond: (last.pages * 1000) / last.t, peakRssMb: m.peakRssMb, cpuMsPerPage: m.cpuMs / last.pages, diskBytes: null, htmlBytes: null };
  }
  if (m.code !== 0) throw new Error(`${name} failed (${m.code}): ${m.stderr.slice(-800)}`);
  const out = lastJsonLine(m.stdout) as { pages: number; ms: number; diskBytes?: number };
  return { tool: name, timedOut: false, pages: out.pages, crawlMs: out.ms, wallMs: m.wallMs, pagesPerSecond: (out.pages * 1000) / out.ms, peakRssMb: m.peakRssMb, cpuMsPerPage: m.cpuMs / out.pages, diskBytes: out.diskBytes ?? null, htmlBytes: null };
}

/** The 1-minute load average after each tool run (the machine is shared: quoted with the figures). */
const LOADS: number[] = [];

const refLabel = (ref: RefBuild) => `zmot crawl @ ${ref.short} (older build)`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const mb = (bytes: number | null) => (bytes === null ? '—' : fmt(bytes / 1024 / 1024, 1));

const TOOLS: Record<string, (origin: string, pages: number, dir: string) => Promise<ToolResult>> = {
  zmot: async (origin, pages, dir) => (await runZmot(origin, pages, dir)).result,
  'zmot-ref': async (origin, pages, dir) => {
    if (!REF) throw new Error('zmot-ref needs --ref <commit>');
    return (await runZmot(origin, pages, dir, { ref: REF })).result;
  },
  // crawlee gets no maxRequestsPerCrawl (0): with a cap just above the site's size, its enqueueLinks sleeps 1 s
  // per chunk of the remaining budget on every page (bench/peers/crawlee.mjs says why); it crawls the whole site.
  crawlee: (origin) => runPeer('crawlee CheerioCrawler, default storage', 'bench/peers/crawlee.mjs', origin, 0, ['persist']),
  'crawlee-memory': (origin) => runPeer('crawlee CheerioCrawler, CRAWLEE_PERSIST_STORAGE=false', 'bench/peers/crawlee.mjs', origin, 0, ['memory']),
  linkinator: (origin, pages) => runPeer('linkinator', 'bench/peers/linkinator.mjs', origin, pages),
};

interface SiteSummary {
  kind: 'real' | 'small';
  rows: Array<{ tool: string; timedOut: boolean; pages: number; pagesPerSecond: number; peakRssMb: number; cpuMsPerPage: number; wallMs: number; diskBytes: number | null; htmlBytes: number | null; runs: number[] }>;
}

async function benchSite(kind: 'real' | 'small', tmp: string): Promise<SiteSummary> {
  const results: ToolResult[][] = [];
  const site = await startSite(PAGES, kind);
  try {
    for (let rep = 0; rep < REPS; rep++) {
      const round: ToolResult[] = [];
      // Interleaved: each round runs every tool once, in a rotating order, so load drifts hit all alike.
      const order = ONLY.map((_, k) => ONLY[(k + rep) % ONLY.length]);
      for (const name of order) {
        const dir = path.join(tmp, `${kind}-${name}-${rep}`);
        const r = await TOOLS[name](site.origin, PAGES + 10, dir);
        round.push(r);
        LOADS.push(os.loadavg()[0]);
        process.stderr.write(`[${kind} #${rep + 1}] ${r.tool}${r.timedOut ? ' (time limit)' : ''}: ${r.pages} pages, ${fmt(r.pagesPerSecond, 1)} pages/s, ${fmt(r.cpuMsPerPage, 1)} ms CPU/page, peak ${fmt(r.peakRssMb)} MB, load ${os.loadavg()[0].toFixed(1)}, disk ${mb(r.diskBytes)} MB\n`);
        if ((name === 'zmot' || name === 'zmot-ref') && rep < REPS - 1) await rm(dir, { recursive: true, force: true });
      }
      results.push(round);
    }
  } finally {
    site.stop();
  }
  const tools = results[0].map((r) => r.tool);
  const rows = tools.map((tool) => {
    const runs = results.map((round) => round.find((r) => r.tool === tool)!);
    const disk = runs.map((r) => r.diskBytes).filter((b): b is number => b !== null);
    const html = runs.map((r) => r.htmlBytes).filter((b): b is number => b !== null);
    return {
      tool,
      timedOut: runs.some((r) => r.timedOut),
      pages: median(runs.map((r) => r.pages)),
      pagesPerSecond: median(runs.map((r) => r.pagesPerSecond)),
      peakRssMb: median(runs.map((r) => r.peakRssMb)),
      cpuMsPerPage: median(runs.map((r) => r.cpuMsPerPage)),
      wallMs: median(runs.map((r) => r.wallMs)),
      diskBytes: disk.length ? median(disk) : null,
      htmlBytes: html.length ? median(html) : null,
      runs: runs.map((r) => r.pagesPerSecond),
    };
  });
  return { kind, rows };
}

function siteTable(s: SiteSummary): string {
  const zmot = s.rows.find((r) => r.tool === 'zmot crawl');
  const mem = s.rows.find((r) => r.tool.includes('PERSIST_STORAGE=false'));
  const persist = s.rows.find((r) => r.tool.includes('default storage'));
  const lines = [
    '| crawler | pages | pages/s (median) | pages/s (each run) | CPU ms/page (median) | peak RSS (MB) | on disk (MB) | wall time (s) |',
    '|---|---:|---:|---|---:|---:|---:|---:|',
    ...s.rows.map(
      (r) =>
        `| ${r.tool}${r.timedOut ? ` (stopped at the ${TOOL_TIMEOUT_MS / 60_000}-minute limit)` : ''} | ${Math.round(r.pages)} | ${fmt(r.pagesPerSecond, 1)} | ${r.runs.map((x) => fmt(x, 1)).join(', ')} | ${fmt(r.cpuMsPerPage, 1)} | ${fmt(r.peakRssMb)} | ${r.diskBytes === null ? '— (memory)' : `${mb(r.diskBytes)}${r.htmlBytes ? ` (${fmt((100 * r.diskBytes) / r.htmlBytes)}% of ${mb(r.htmlBytes)} MB of HTML)` : ''}`} | ${fmt(r.wallMs / 1000, 1)} |`,
    ),
  ];
  const ratios: string[] = [];
  if (zmot && mem) ratios.push(`zmot vs crawlee without persistence: **${fmt(zmot.pagesPerSecond / mem.pagesPerSecond, 2)}×** the pages/s (target ≥ 1.5×) at **${fmt(zmot.peakRssMb / mem.peakRssMb, 2)}×** its peak RSS (target ≤ 1×), using ${fmt(zmot.cpuMsPerPage / mem.cpuMsPerPage, 2)}× its CPU time per page.`);
  if (zmot && persist) ratios.push(`zmot vs crawlee with default storage: ${fmt(zmot.pagesPerSecond / persist.pagesPerSecond, 2)}× the pages/s at ${fmt(zmot.peakRssMb / persist.peakRssMb, 2)}× its peak RSS.`);
  const old = REF ? s.rows.find((r) => r.tool === refLabel(REF!)) : undefined;
  if (zmot && old) {
    const disk = zmot.diskBytes !== null && old.diskBytes ? `, ${fmt(zmot.diskBytes / old.diskBytes, 2)}× its bytes on disk` : '';
    ratios.push(
      `This build vs the older build ${REF!.short} (same run): **${fmt(zmot.pagesPerSecond / old.pagesPerSecond, 2)}×** the pages/s at **${fmt(zmot.peakRssMb / old.peakRssMb, 2)}×** its peak RSS${disk}, ${fmt(zmot.cpuMsPerPage / old.cpuMsPerPage, 2)}× its CPU time per page` +
        (mem ? `; the older build vs crawlee without persistence: ${fmt(old.pagesPerSecond / mem.pagesPerSecond, 2)}× the pages/s at ${fmt(old.peakRssMb / mem.peakRssMb, 2)}× its peak RSS.` : '.'),
    );
  }
  return [...lines, '', ratios.join(' ')].join('\n');
}

/**
 * `zmot report` (each build on its own last crawl of the first site) and `zmot demo` (each build serving,
 * crawling and reporting its own demo site), this build and the older one taking turns, REPS times each.
 * Not the same work: each build does what it did then (the newer one runs more audits and scoring).
 */
async function reportAndDemoAgainstRef(ref: RefBuild, tmp: string): Promise<string> {
  const builds = [
    { name: 'this build', bin: ZMOT_BIN, cwd: ROOT, crawl: path.join(tmp, `${SITES[0]}-zmot-${REPS - 1}`) },
    { name: `older build ${ref.short}`, bin: ref.bin, cwd: ref.dir, crawl: path.join(tmp, `${SITES[0]}-zmot-ref-${REPS - 1}`) },
  ];
  const runs = new Map<string, { report: Measured[]; demo: Measured[] }>(builds.map((b) => [b.name, { report: [], demo: [] }]));
  for (let rep = 0; rep < REPS; rep++) {
    for (const b of rep % 2 ? [...builds].reverse() : builds) {
      const report = await measure(process.execPath, [b.bin, 'report', b.crawl, '--json'], {}, b.cwd);
      if (report.code !== 0) throw new Error(`zmot report (${b.name}) failed (${report.code}): ${report.stderr.slice(-500)}`);
      const demoDir = path.join(tmp, `demo-${b.name.replace(/\W+/g, '-')}-${rep}`);
      const demo = await measure(process.execPath, [b.bin, 'demo', '--out', demoDir, '--json'], {}, b.cwd);
      if (demo.code !== 0) throw new Error(`zmot demo (${b.name}) failed (${demo.code}): ${demo.stderr.slice(-500)}`);
      await rm(demoDir, { recursive: true, force: true });
      runs.get(b.name)!.report.push(report);
      runs.get(b.name)!.demo.push(demo);
      process.stderr.write(`[report/demo #${rep + 1}] ${b.name}: report ${fmt(report.wallMs / 1000, 1)} s, ${fmt(report.peakRssMb)} MB; demo ${fmt(demo.wallMs / 1000, 1)} s, ${fmt(demo.peakRssMb)} MB, load ${os.loadavg()[0].toFixed(1)}\n`);
    }
  }
  const row = (b: (typeof builds)[number]) => {
    const r = runs.get(b.name)!;
    const med = (ms: Measured[], f: (m: Measured) => number) => median(ms.map(f));
    return { name: b.name, reportS: med(r.report, (m) => m.wallMs / 1000), reportMb: med(r.report, (m) => m.peakRssMb), reportCpu: med(r.report, (m) => m.cpuMs / 1000), demoS: med(r.demo, (m) => m.wallMs / 1000), demoMb: med(r.demo, (m) => m.peakRssMb), demoCpu: med(r.demo, (m) => m.cpuMs / 1000) };
  };
  const [now, old] = builds.map(row);
  return [
    `### Report and demo, this build against ${ref.short} (same run)`,
    '',
    `\`zmot report\` on each build's own last crawl of the ${SITES[0]}-page site, and \`zmot demo\` (serve the demo site, crawl it, write every report), the two builds taking turns, ${REPS} runs each; medians. Each build does the work it did then: the newer one runs more audits and more scoring.`,
    '',
    '| build | `zmot report` wall (s) | CPU (s) | peak RSS (MB) | `zmot demo` wall (s) | CPU (s) | peak RSS (MB) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...[now, old].map((r) => `| ${r.name} | ${fmt(r.reportS, 1)} | ${fmt(r.reportCpu, 1)} | ${fmt(r.reportMb)} | ${fmt(r.demoS, 1)} | ${fmt(r.demoCpu, 1)} | ${fmt(r.demoMb)} |`),
    '',
    `This build vs ${ref.short}: \`zmot report\` ${fmt(now.reportS / old.reportS, 2)}× the wall time, ${fmt(now.reportCpu / old.reportCpu, 2)}× the CPU, ${fmt(now.reportMb / old.reportMb, 2)}× the peak RSS; \`zmot demo\` ${fmt(now.demoS / old.demoS, 2)}× the wall time, ${fmt(now.demoCpu / old.demoCpu, 2)}× the CPU, ${fmt(now.demoMb / old.demoMb, 2)}× the peak RSS.`,
  ].join('\n');
}

async function cpuProfile(tmp: string): Promise<string> {
  const site = await startSite(Math.min(PAGES, 2000), 'real');
  const dir = path.join(tmp, 'cpu-prof');
  try {
    const { result } = await runZmot(site.origin, Math.min(PAGES, 2000) + 10, path.join(tmp, 'zmot-prof'), { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] });
    const summary = summarizeProfiles(dir, 25);
    return [`CPU profile of one \`zmot crawl\` of ${result.pages} real-sized pages (\`node --cpu-prof\`, main thread and page workers together; self time):`, '', summary].join('\n');
  } finally {
    site.stop();
  }
}

/**
 * `--big N`: N real-sized pages end to end, zmot alone — `zmot crawl --no-report`, then the report built from
 * the store (bench/big-report.ts: the calls `zmot report` makes, each step timed) — with the RSS of whichever
 * process is running sampled over the whole run, the store's and the reports' sizes. Logs a line every 30 s
 * (a partial figure if the run is stopped).
 */
async function bigRun(tmp: string): Promise<string> {
  const loadsAt: Array<{ t: number; load: number }> = [];
  const timeline: Array<{ t: number; phase: string; pages: number; rssMb: number }> = [];
  const t0 = performance.now();
  let phase = 'crawl';
  let pages = 0;
  let peakSoFar = 0;
  let lastLog = 0;
  const onSample = (offset: number) => (s: Sample) => {
    const t = offset + s.t;
    peakSoFar = Math.max(peakSoFar, s.rssMb);
    // One point a second is plenty for the table and keeps a multi-hour run's timeline small.
    if (!timeline.length || t - timeline.at(-1)!.t >= 1000) timeline.push({ t, phase, pages, rssMb: s.rssMb });
    if (t - lastLog >= 30_000) {
      lastLog = t;
      const load = os.loadavg()[0];
      loadsAt.push({ t, load });
      process.stderr.write(`[big ${new Date().toISOString().slice(11, 19)} +${fmt(t / 1000)} s] ${phase}: ${pages.toLocaleString('en-US')} pages crawled, RSS ${fmt(s.rssMb)} MB (peak so far ${fmt(peakSoFar)} MB), load ${load.toFixed(1)}\n`);
    }
  };
  const loadStart = os.loadavg()[0];
  const site = await startSite(BIG, 'real');
  const dir = path.join(tmp, 'zmot-big');
  const timeoutMs = TOOL_TIMEOUT_MS;
  // The site's URLs have five shapes (/<topic>/item-<n>/): the crawl's infinite-URL-space guard stops each at 10,000
  // by default (a 100,000-page run crawled 50,001 pages), so the run's config lets each shape hold every page.
  const config = path.join(tmp, 'big-config.json');
  await writeFile(config, JSON.stringify({ brand: { name: '127.0.0.1' }, crawl: { maxUrlsPerPattern: BIG + 10 } }));
  let crawl: Measured;
  try {
    process.stderr.write(`Crawling ${BIG} real-sized pages with zmot (concurrency ${CONCURRENCY}), then building the reports…\n`);
    crawl = await measure(
      process.execPath,
      [ZMOT_BIN, 'crawl', `${site.origin}/`, '--config', config, '--out', dir, '--max-pages', String(BIG + 10), '--max-depth', '50', '--concurrency', String(CONCURRENCY), '--no-report'],
      {},
      ROOT,
      { timeoutMs, onSample: onSample(0), onStderr: (c) => { for (const m of c.matchAll(/crawled (\d+) ·/g)) pages = Number(m[1]); } },
    );
  } finally {
    site.stop();
  }
  const done = /Crawl (?:finished|interrupted): (\d+) page\(s\) in ([\d.]+)s/.exec(crawl.stdout);
  const crawled = done ? Number(done[1]) : pages;
  pages = crawled;
  const crawlS = done ? Number(done[2]) : crawl.wallMs / 1000;
  const storeBytes = duBytes(dir);
  const htmlBytes = htmlBytesOf(dir);
  const crawlOk = crawl.code === 0 && !crawl.timedOut;

  const reportStart = performance.now() - t0;
  const marks: Array<{ phase: string; ms: number }> = [];
  let report: Measured | null = null;
  if (crawlOk) {
    phase = 'report: page pass';
    const next: Record<string, string> = { pages: 'report: site audits', 'site-audits': 'report: scoring', scoring: 'report: writing' };
    report = await measure(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/big-report.ts'), dir], {}, ROOT, {
      timeoutMs,
      onSample: onSample(reportStart),
      onStderr: (c) => {
        for (const line of c.split('\n')) {
          if (!line.startsWith('{"phase"')) continue;
          const m = JSON.parse(line) as { phase: string; ms: number };
          marks.push(m);
          phase = next[m.phase] ?? phase;
        }
      },
    });
  }
  const totalMs = performance.now() - t0;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('crawl.sqlite')).map((f) => ({ f, bytes: statSync(path.join(dir, f)).size })) : [];
  await rm(dir, { recursive: true, force: true });

  // Phases: wall time and the highest RSS sampled in it.
  const at = (name: string) => marks.find((m) => m.phase === name)?.ms;
  const spans: Array<{ name: string; from: number; to: number; hwm?: number }> = [{ name: `crawl (\`zmot crawl --no-report\`, ${crawled.toLocaleString('en-US')} pages, ${fmt(crawled / crawlS, 1)} pages/s)`, from: 0, to: crawl.wallMs, hwm: crawl.peakRssMb }];
  if (report) {
    const bounds = [0, at('pages'), at('site-audits'), at('scoring'), at('written')];
    const names = ['report: page pass (every page re-audited from the store)', 'report: site audits', 'report: scoring (every question of the default config)', 'report: writing JSON, HTML, CSV, Markdown'];
    names.forEach((name, k) => {
      const from = bounds[k];
      const to = bounds[k + 1];
      if (from !== undefined && to !== undefined) spans.push({ name, from: reportStart + from, to: reportStart + to });
    });
  }
  const peakIn = (from: number, to: number) => {
    const inSpan = timeline.filter((p) => p.t >= from && p.t <= to).map((p) => p.rssMb);
    return inSpan.length ? Math.max(...inSpan) : NaN;
  };
  const phaseRows = spans.map((s) => `| ${s.name} | ${fmt((s.to - s.from) / 1000)} | ${fmt(peakIn(s.from, s.to))}${s.hwm ? ` (VmHWM ${fmt(s.hwm)})` : ''} |`);
  if (report) phaseRows.push(`| report process (\`zmot report\`'s calls, bench/big-report.ts), whole | ${fmt(report.wallMs / 1000)} | VmHWM ${fmt(report.peakRssMb)} |`);
  phaseRows.push(`| **end to end** | **${fmt(totalMs / 1000)}** | **${fmt(Math.max(crawl.peakRssMb, report?.peakRssMb ?? 0))}** |`);

  // RSS over the run: 24 evenly spaced points.
  const points = Array.from({ length: 24 }, (_, k) => timeline[Math.min(timeline.length - 1, Math.round(((k + 1) * (timeline.length - 1)) / 24))]).filter(Boolean);
  const crawlPoints = [0.25, 0.5, 0.75, 1].map((f) => {
    const target = Math.round(crawled * f);
    // The last progress line comes up to 2 s before the end: 100% is the crawl's last sample.
    const p = f === 1 ? timeline.filter((x) => x.phase === 'crawl').at(-1) : timeline.find((x) => x.phase === 'crawl' && x.pages >= target);
    return `${target.toLocaleString('en-US')} pages: ${p ? fmt(p.rssMb) : '–'} MB`;
  });
  const loads = loadsAt.map((l) => l.load);
  const status = !crawlOk
    ? `**The crawl did not finish** (${crawl.timedOut ? `stopped at the ${timeoutMs / 60_000}-minute limit` : `exit ${crawl.code}: ${crawl.stderr.trim().split('\n').pop()}`}): ${crawled.toLocaleString('en-US')} pages crawled; no report built.`
    : report && report.code !== 0
      ? `**The report did not finish** (${report.timedOut ? `stopped at the ${timeoutMs / 60_000}-minute limit` : `exit ${report.code}: ${report.stderr.trim().split('\n').pop()}`}).`
      : '';
  return [
    `## End to end at scale: ${BIG.toLocaleString('en-US')} real-sized pages (issue 12)`,
    '',
    `Command: \`npm run bench:crawl -- ${process.argv.slice(2).join(' ')}\`. Measured ${new Date().toISOString().slice(0, 16)} UTC at ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; **shared machine: 1-minute load average ${loadStart.toFixed(1)} at the start, ${loads.length ? `${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)} (median ${fmt(median(loads), 1)}) over the run` : '—'}** (other engineers' builds and tests), so the times are this load's, not an idle machine's.`,
    '',
    `The generated real-sized site (bench/fixtures-site/real-site.ts, ~92 KB pages) served on 127.0.0.1 by its own process (not counted); \`zmot crawl <origin>/ --config <{crawl: {maxUrlsPerPattern: ${BIG + 10}}}> --no-report --max-depth 50 --concurrency ${CONCURRENCY}\` (full pipeline, page workers, store), then the report built from the store by bench/big-report.ts — the calls \`zmot report\` makes (buildStreamedReport, writeReports), each step's end timed — in its own process. RSS of the running process (worker threads included) sampled from /proc every 100 ms (kept once a second); peak = the highest sample in a phase, VmHWM for a whole process. Our own generated data.`,
    ...(status ? ['', status] : []),
    '',
    '| phase | wall (s) | peak RSS (MB) |',
    '|---|---:|---:|',
    ...phaseRows,
    '',
    `Store: ${mb(storeBytes)} MB on disk for ${crawled.toLocaleString('en-US')} pages${htmlBytes ? ` (${fmt((100 * storeBytes) / htmlBytes, 1)}% of the ${mb(htmlBytes)} MB of HTML downloaded)` : ''}. Reports: ${files.length ? files.map((x) => `${x.f} ${mb(x.bytes)} MB`).join(', ') : 'none'}.`,
    '',
    `Crawl RSS as the pages grow (flat = the crawl holds no per-page state): ${crawlPoints.join(', ')}.`,
    '',
    '| time (s) | phase | pages crawled | RSS (MB) |',
    '|---:|---|---:|---:|',
    ...points.map((p) => `| ${fmt(p.t / 1000)} | ${p.phase} | ${p.pages.toLocaleString('en-US')} | ${fmt(p.rssMb)} |`),
  ].join('\n');
}

async function main() {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zmot-bench-'));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, load average at start ${os.loadavg()[0].toFixed(1)}`;
  process.stderr.write(`Machine: ${machine}\n`);
  if (REF_ARGS) REF = prepareRefBuild(REF_ARGS.commit, REF_ARGS.dir);
  const sites: SiteSummary[] = [];
  for (const kind of SITES) sites.push(await benchSite(kind, tmp));

  let reportLine = '';
  const realZmot = path.join(tmp, `${SITES[0]}-zmot-${REPS - 1}`);
  if (SITES.length && ONLY.includes('zmot') && existsSync(realZmot)) {
    // Building the report is a separate step (`zmot report`): timed on its own for completeness.
    const m = await measure(process.execPath, [ZMOT_BIN, 'report', realZmot, '--json']);
    if (m.code === 0) reportLine = `Building the reports afterwards (\`zmot report\` on the ${SITES[0]}-page crawl: JSON, HTML, CSV, Markdown; site audits and scoring): ${fmt(m.wallMs / 1000, 1)} s wall, peak ${fmt(m.peakRssMb)} MB.`;
  }
  const refSection = SITES.length && REF && ONLY.includes('zmot') && ONLY.includes('zmot-ref') ? await reportAndDemoAgainstRef(REF, tmp) : '';
  const profile = CPU_PROF ? await cpuProfile(tmp) : '';

  const bigSection = BIG > 0 ? await bigRun(tmp) : '';
  await rm(tmp, { recursive: true, force: true });

  const label = { real: 'Real-sized pages (main case)', small: 'Small pages (second row)' };
  const describe = {
    real: `bench/fixtures-site/real-site.ts: 60–125 KB of HTML per page (~92 KB average), ~4 KB inline CSS, og/twitter meta, two JSON-LD blocks, a 50-link navigation, breadcrumbs, h2/h3 article with lists and tables, 10–20 in-content links, footer, 8–20 KB inline hydration script; 69–79 \`<a>\` per page`,
    small: 'bench/fixtures-site/site.ts: ~12 KB of HTML per page, ~40 links, a table, a list, JSON-LD',
  };
  const section = [
    SECTION_START,
    '## Crawl speed',
    '',
    `Command: \`npm run bench:crawl\`${process.argv.slice(2).length ? ` (run as \`npm run bench:crawl -- ${process.argv.slice(2).join(' ')}\`)` : ''}. Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
    '',
    `Generated sites of ${PAGES.toLocaleString('en-US')} pages served on 127.0.0.1 by their own process, crawled at concurrency ${CONCURRENCY} by each tool in its own child process; RSS sampled from /proc every 100 ms (peak = VmHWM, worker threads included). ${REPS} interleaved runs per tool (each round runs every tool once, in rotating order); medians. pages/s = pages ÷ the tool's own crawl time (zmot: \`durationMs\` of \`zmot crawl --json\`, worker start-up included; peers: time around \`crawler.run()\`); wall time includes process start-up. CPU ms/page = user + system CPU time of the tool's process (every thread: workers, GC and loader threads; start-up included; /proc/<pid>/stat sampled every 100 ms) ÷ pages — the steadiest figure on a shared machine. Load average after the runs: ${LOADS.length ? `${Math.min(...LOADS).toFixed(1)}–${Math.max(...LOADS).toFixed(1)}` : '—'}. On disk: what the crawl leaves (zmot: report folder with its store; crawlee: its storage folder, measured before removal).`,
    '',
    '- **zmot crawl**: `zmot crawl <origin>/ --no-report --json` — fetch, robots.txt, charset detection, full artifact extraction (passages, links, FAQ, JSON-LD…), every page audit, stage profile, site summary, and a SQLite transaction per page (page, artifacts, result, links, frontier).',
    ...(REF ? [`- **zmot crawl @ ${REF.short} (older build)**: the same command run by commit ${REF.sha} from its own worktree and \`npm ci\` (\`--ref ${REF.short}\`, bench/ref-build.ts), interleaved with the others in the same rounds.`] : []),
    '- **crawlee CheerioCrawler** (bench/peers/crawlee.mjs): parses each page with cheerio, reads title, description, h1 and canonical, `enqueueLinks({ strategy: "same-hostname" })`; with its default storage (request queue on disk), and with `CRAWLEE_PERSIST_STORAGE=false` (in memory); starts at full concurrency and is told not to back off when *other* processes load the CPU (the machine is shared); no `maxRequestsPerCrawl` (the site is finite and crawled whole: with a cap just above its size, crawlee 3.18\'s enqueueLinks sleeps 1 s per chunk of the remaining budget on every page — the ~1 page/s "stall" of earlier runs; see bench/peers/crawlee.mjs).',
    '',
    ...sites.flatMap((s) => [`### ${label[s.kind]}`, '', describe[s.kind], '', siteTable(s), '']),
    reportLine,
    '',
    refSection,
    '',
    profile,
    '',
    SECTION_END,
  ].join('\n');
  if (SITES.length) {
    process.stdout.write(`\n${section}\n`);
    if (WRITE) await writeSection(SECTION_START, SECTION_END, section, null);
  }
  if (bigSection) {
    const big = `${BIG_START}\n${bigSection}\n${BIG_END}`;
    process.stdout.write(`\n${big}\n`);
    if (WRITE) await writeSection(BIG_START, BIG_END, big, SECTION_END);
  }
}

/** Replaces the section between its markers in BENCHMARKS.md; a new one goes after `after` (or at the end). */
async function writeSection(startMark: string, endMark: string, section: string, after: string | null): Promise<void> {
  const current = existsSync(BENCHMARKS) ? await readFile(BENCHMARKS, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(startMark);
  const end = current.indexOf(endMark);
  let next: string;
  if (start !== -1 && end !== -1) next = `${current.slice(0, start)}${section}${current.slice(end + endMark.length)}`;
  else if (after && current.includes(after)) {
    const at = current.indexOf(after) + after.length;
    next = `${current.slice(0, at)}\n\n${section}${current.slice(at)}`;
  } else next = `${current.trimEnd()}\n\n${section}\n`;
  await writeFile(BENCHMARKS, next);
  process.stderr.write(`Written to ${BENCHMARKS}\n`);
}

await main();
