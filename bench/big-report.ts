/**
 * `zmot report` for the `--big` benchmark (bench/crawl.ts), with the time each step ends: the same calls as
 * reportFromStore (crawler/job.ts) — buildStreamedReport, then writeReports — without the run history.
 * Prints one JSON line per step on stderr: {"phase": "pages" | "site-audits" | "scoring" | "written", "ms": …}.
 *
 *   node --import tsx bench/big-report.ts <crawl folder>
 */
import path from 'node:path';
import { buildStreamedReport } from '../crawler/report/build.ts';
import { boundHeapGrowthForReport } from '../crawler/report/heap.ts';
import { writeReports } from '../crawler/report/writers.ts';
import { CrawlStore, STORE_FILE } from '../crawler/store/crawl-store.ts';

const dir = path.resolve(process.argv[2]);
const t0 = performance.now();
const mark = (phase: string) => process.stderr.write(`${JSON.stringify({ phase, ms: Math.round(performance.now() - t0) })}\n`);
const store = CrawlStore.open(path.join(dir, STORE_FILE), { readonly: true });
boundHeapGrowthForReport();
let built;
try {
  built = await buildStreamedReport(store, { onPhase: mark });
} finally {
  store.close();
}
try {
  const files = await writeReports(built.report, dir);
  mark('written');
  process.stdout.write(`${JSON.stringify({ pages: built.report.pages.length, files })}\n`);
} finally {
  built.close();
}
