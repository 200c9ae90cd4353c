/**
 * Where a report's memory is, phase by phase: the calls `zmot report` makes (buildStreamedReport, then each writer
 * in turn) on a crawl store, with one JSON line on stderr as each phase ends: CPU seconds so far, RSS,
 * process.memoryUsage() (heapUsed, heapTotal, external, arrayBuffers) and /proc/self/smaps split into V8's heap
 * pages (256 KB mappings), glibc's heap ([heap]), large anonymous mappings (typed arrays, large objects) and the rest.
 *
 *   node --import tsx bench/report-memory.ts <crawl folder> [<out folder>]
 *
 * NOBOUND=1 leaves V8's heap growth as V8 picks it (no boundHeapGrowthForReport); with --expose-gc and GCMARK=1
 * each line also gives the figures after two full collections (what is live); SNAP=<phase> writes a heap
 * snapshot into the out folder when that phase ends. Our own tool: the figures in BENCHMARKS.md, "Reports at scale".
 */
import path from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import v8 from 'node:v8';
import { buildStreamedReport } from '../crawler/report/build.ts';
import { boundHeapGrowthForReport } from '../crawler/report/heap.ts';
import { writeReports } from '../crawler/report/writers.ts';
import { REPORT_WRITERS } from '../crawler/report/formats.ts';
import { CrawlStore, STORE_FILE } from '../crawler/store/crawl-store.ts';

const dir = path.resolve(process.argv[2]);
const out = path.resolve(process.argv[3] ?? path.join(dir, 'out'));
const snapAt = process.env.SNAP ?? '';
mkdirSync(out, { recursive: true });
const t0 = performance.now();
const mb = (n: number) => Math.round(n / 2 ** 20);
const smaps = () => {
  try {
    const t = readFileSync('/proc/self/smaps_rollup', 'utf8');
    const g = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(t)?.[1] ?? 0) >> 10;
    const s = readFileSync('/proc/self/status', 'utf8');
    let brk = 0, v8small = 0, big = 0, other = 0;
    let cur = '', size = 0;
    for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      const m = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (m) { cur = m[3]; size = (parseInt(m[2], 16) - parseInt(m[1], 16)) >> 10; continue; }
      if (!line.startsWith('Rss:')) continue;
      const kb = Number(line.split(/\s+/)[1]);
      if (cur === '[heap]') brk += kb; else if (!cur && size === 256) v8small += kb; else if (!cur && size >= 1024) big += kb; else other += kb;
    }
    return { hwm: Number(/VmHWM:\s+(\d+)/.exec(s)?.[1]) >> 10, anon: g('Anonymous'), brk: brk >> 10, v8pages: v8small >> 10, bigAnon: big >> 10, other: other >> 10 };
  } catch { return {}; }
};
const mark = (phase: string) => {
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  const line: Record<string, unknown> = { phase, cpu: Math.round((cpu.user + cpu.system) / 1e5) / 10, s: Math.round((performance.now() - t0) / 1000), rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), ab: mb(m.arrayBuffers), ...smaps() };
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc && process.env.GCMARK) { gc(); gc(); const n = process.memoryUsage(); line.afterGc = { rss: mb(n.rss), heapUsed: mb(n.heapUsed), heapTotal: mb(n.heapTotal), external: mb(n.external), ab: mb(n.arrayBuffers) }; }
  process.stderr.write(`${JSON.stringify(line)}\n`);
  if (snapAt === phase) process.stderr.write(`snapshot ${v8.writeHeapSnapshot(path.join(out, `${phase}.heapsnapshot`))}\n`);
};
const store = CrawlStore.open(path.join(dir, STORE_FILE), { readonly: true });
if (!process.env.NOBOUND) boundHeapGrowthForReport();
let built;
try {
  built = await buildStreamedReport(store, { onPhase: mark });
} finally {
  store.close();
}
mark('closed-store');
try {
  for (const w of REPORT_WRITERS) {
    await writeReports(built.report, out, [w]);
    mark(`written-${w.id}`);
  }
} finally {
  built.close();
}
mark('end');
