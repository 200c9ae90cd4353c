/**
 * `npm run bench`: every benchmark in turn, each writing its own section of BENCHMARKS.md (or printing
 * its table), so one command refreshes the figures. Run on an otherwise idle machine where possible:
 * each section records the load average it was measured under.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STEPS: Array<{ name: string; args: string[] }> = [
  { name: 'crawl speed and memory (zmot vs crawlee with and without persistence)', args: ['bench/crawl.ts', ...process.argv.slice(2)] },
  { name: 'per-page pipeline vs parse-only', args: ['bench/pipeline.ts'] },
  { name: 'distributed crawl: 1, 2, 4 workers vs single process, Redis memory per queued job', args: ['bench/distributed.ts'] },
  { name: 'scoring at scale: 500 questions on 5,000 and 50,000 pages, against the exhaustive retrieval', args: ['bench/scoring.ts'] },
  { name: 'reports at scale: zmot report on a 50,000-page store (peak RSS, files), report.html in Chromium', args: ['bench/report-scale.ts', '--pages', '50000'] },
  { name: 'extension badges and content-script size', args: ['bench/extension.ts', '--write'] },
  { name: 'query classifier accuracy', args: ['bench/classifier-eval.ts'] },
];

let failed = 0;
for (const step of STEPS) {
  process.stdout.write(`\n== ${step.name}: npx tsx ${step.args.join(' ')}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...step.args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`!! ${step.name} exited ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed ? 1 : 0);
