import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigSchema, type Config, type CrawlReport, type PageResult } from '../shared/schemas/index.ts';
import { crawl, type CrawlDeps } from './crawl/engine.ts';
import type { CrawlRun, CrawlSummary } from './crawl/events.ts';
import { mergeCrawlSettings, type CrawlOptionsInput } from './crawl/options.ts';
import type { StreamedReport } from './report/build.ts';
import { CrawlStore, STORE_FILE } from './store/crawl-store.ts';

export interface SiteJobOptions {
  startUrl: string;
  config: Config;
  outDir: string;
  onPage?: (page: PageResult) => void;
  /** Settings over the config file's `crawl` section (flags and env, already merged). */
  crawl?: Partial<CrawlOptionsInput>;
  /** Continue the crawl stored in outDir instead of starting over. */
  resume?: boolean;
  /** Sees the run before it starts: progress displays, Ctrl-C handling. */
  onRun?: (run: CrawlRun) => void;
  deps?: CrawlDeps;
  /** Record the run in this project history (`--history`; else the config's `history`). */
  history?: HistoryOption;
}

/** Where and as which command a run is recorded in the project history. */
export interface HistoryOption {
  path?: string;
  command: string;
}

export interface SiteJobResult {
  report: CrawlReport;
  files: string[];
  summary: CrawlSummary;
  storePath: string;
}

/** The store file inside a report folder. */
export function storePathFor(outDir: string): string {
  return path.join(path.resolve(outDir), STORE_FILE);
}

/** A report without its pages, their count kept: what a command prints after writing a large report. */
export type WrittenReport = Omit<CrawlReport, 'pages'> & { pages: { length: number } };

interface ReportFromStoreOptions {
  config?: Config;
  history?: HistoryOption;
  semantic?: boolean;
}

/**
 * Builds the report from a crawl store and writes every format into outDir, the pages streamed from disk.
 * With `pages: 'count'` the report returned keeps only their count (`zmot report` and `zmot crawl`, which may
 * write 100,000 pages); otherwise it holds every page result, read back into memory after writing.
 */
export async function reportFromStore(storePath: string, outDir: string, options: ReportFromStoreOptions & { pages: 'count' }): Promise<{ report: WrittenReport; files: string[] }>;
export async function reportFromStore(storePath: string, outDir: string, options?: ReportFromStoreOptions & { pages?: 'all' }): Promise<{ report: CrawlReport; files: string[] }>;
export async function reportFromStore(
  storePath: string,
  outDir: string,
  options: ReportFromStoreOptions & { pages?: 'all' | 'count' } = {},
): Promise<{ report: CrawlReport | WrittenReport; files: string[] }> {
  // The report's modules load when a report is built: `zmot crawl --no-report` never needs them.
  const [{ buildStreamedReport }, { recordRun }, { writeReports }, { boundHeapGrowthForReport }] = await Promise.all([
    import('./report/build.ts'),
    import('./history/index.ts'),
    import('./report/writers.ts'),
    import('./report/heap.ts'),
  ]);
  // The report reads every page and drops most of what it reads: V8 is told to keep its heap near what is live.
  boundHeapGrowthForReport();
  const store = CrawlStore.open(storePath, { readonly: true });
  let built: StreamedReport;
  let config = options.config ?? null;
  try {
    built = await buildStreamedReport(store, { config: options.config, semantic: options.semantic });
    config ??= ConfigSchema.safeParse(store.getMeta('config')).data ?? null;
  } finally {
    store.close();
  }
  try {
    let report = built.report;
    const history = options.history?.path ?? config?.history;
    if (options.history && history) report = recordRun(report, { history, config, command: options.history.command });
    const files = await writeReports(report, path.resolve(outDir));
    if (options.pages === 'count') return { report: { ...report, pages: { length: report.pages.length } }, files };
    return { report: { ...report, pages: [...report.pages] }, files };
  } finally {
    built.close();
  }
}

/** Crawls into `<outDir>/crawl.sqlite` and adds Lighthouse figures when asked; no report yet. */
export async function crawlToStore(opts: SiteJobOptions): Promise<{ summary: CrawlSummary; storePath: string }> {
  const outDir = path.resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });
  const storePath = storePathFor(outDir);
  const input = mergeCrawlSettings({
    config: opts.config.crawl,
    extra: { ...(opts.crawl ?? {}), startUrl: opts.startUrl, storePath, resume: opts.resume ?? opts.crawl?.resume ?? false },
  });
  const run = crawl(input, opts.deps);
  if (opts.onPage) run.on('page', (e) => e.result && opts.onPage!(e.result));
  opts.onRun?.(run);
  const summary = await run.done;

  const store = CrawlStore.open(storePath);
  try {
    store.setMeta('config', opts.config);
    const lighthouse = input.lighthouse ?? 0;
    if (lighthouse > 0 && !summary.interrupted) await (await import('./report/build.ts')).addLighthouseFigures(store, lighthouse);
  } finally {
    store.close();
  }
  return { summary, storePath };
}

/**
 * The main job: crawl a site into `<outDir>/crawl.sqlite`, run Lighthouse on a sample when asked,
 * build the report from the store and write it.
 */
export async function runSiteJob(opts: SiteJobOptions): Promise<SiteJobResult> {
  const { summary, storePath } = await crawlToStore(opts);
  const { report, files } = await reportFromStore(storePath, opts.outDir, { config: opts.config, history: opts.history });
  return { report, files, summary, storePath };
}
