import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { c, printJson, safe } from '../format.ts';
import { historyLines } from '../history/index.ts';
import { reportFromStore, type WrittenReport } from '../job.ts';
import { STORE_FILE } from '../store/crawl-store.ts';

const MESSAGES = {
  noDir: (dir: string) => `no such folder: ${dir}`,
  noStore: (dir: string) => `${dir} holds no crawl store (${STORE_FILE}): crawl first with zmot crawl <url> --out ${dir}`,
  badStore: (file: string, why: string) => `${file}: not a readable crawl store (${why})`,
  written: (n: number, pages: number) => `Rebuilt ${n} report file(s) from ${pages} stored page(s), nothing fetched:`,
};

interface ReportCliOptions {
  config?: string;
  out?: string;
  json?: boolean;
  semantic?: boolean;
  history?: string;
}

/** The store inside a crawl folder (or the store file itself). */
function storeIn(target: string): string {
  if (!existsSync(target)) throw new UsageError(MESSAGES.noDir(target));
  if (statSync(target).isFile()) return target;
  const file = path.join(target, STORE_FILE);
  if (!existsSync(file)) throw new UsageError(MESSAGES.noStore(target));
  return file;
}

export default function register(program: Command) {
  program
    .command('report')
    .description('Rebuild the reports from a crawl store, without fetching anything.')
    .argument('<dir>', 'crawl folder written by zmot crawl (holds crawl.sqlite)')
    .option('-c, --config <file>', 'score with this config instead of the one stored with the crawl')
    .option('-o, --out <dir>', 'write the reports here (default: the crawl folder)')
    .option('--history <dir>', "record the run in this project history (default: the config's history)")
    .option('--semantic', "re-rank each question's best passages with the bundled sentence model, all-MiniLM-L6-v2 (slower: seconds to load, then 100-260x the word scorer's time per question)")
    .option('--json', 'print the summary as JSON')
    .action(async (dir: string, opts: ReportCliOptions) => {
      const storePath = storeIn(dir);
      const config = opts.config ? await loadConfig(opts.config) : undefined;
      const outDir = opts.out ?? (statSync(dir).isFile() ? path.dirname(dir) : dir);
      let built: { report: WrittenReport; files: string[] };
      try {
        built = await reportFromStore(storePath, outDir, { config, history: { path: opts.history, command: 'report' }, semantic: opts.semantic, pages: 'count' });
      } catch (e) {
        if (e instanceof UsageError) throw e;
        const message = e instanceof Error ? e.message : String(e);
        if (/not a database|holds no crawl|no such table|file is not|another version|SQLITE/i.test(message)) throw new UsageError(MESSAGES.badStore(storePath, message));
        throw e;
      }
      const { report, files } = built;
      if (opts.json) {
        printJson({ store: path.resolve(storePath), pages: report.pages.length, issues: report.issues.length, scores: report.scores, files: files.map((f) => path.resolve(f)), ...(report.history ? { history: historyLines(report) } : {}) });
        return;
      }
      process.stdout.write(`${c.bold(MESSAGES.written(files.length, report.pages.length))}\n${files.map((f) => `  ${path.resolve(f)}`).join('\n')}\n`);
      const history = historyLines(report);
      if (history) process.stdout.write(`${history.map((l) => `  ${safe(l, 400)}`).join('\n')}\n`);
    });
}
