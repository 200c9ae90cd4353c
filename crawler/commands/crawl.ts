import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { ConfigSchema, type Config } from '../../shared/schemas/index.ts';
import type { CrawlRun, CrawlSummary, ProgressEvent } from '../crawl/events.ts';
import { CrawlOptionsSchema, crawlFlagsFromEnv, mergeCrawlSettings, type CrawlFlags } from '../crawl/options.ts';
import { loadConfig } from '../config-file.ts';
import { describeZodError, EXIT, UsageError } from '../errors.ts';
import type { RedisPages as RedisPagesType } from '../distributed/coordinator.ts';
import { c, printJson, safe } from '../format.ts';
import { crawlToStore, storePathFor } from '../job.ts';
import { defaultConfigFor } from '../config-file.ts';

const MESSAGES = {
  badUrl: (url: string) => `not a valid http(s) URL: ${url}`,
  badNumber: (flag: string, value: string) => `${flag} must be a whole number, got: ${value}`,
  stopping: 'Stopping: finishing pages in flight and writing the report (Ctrl-C again to quit now)…',
  progress: (p: ProgressEvent) => `crawled ${p.fetched} · queued ${p.queued} · ${p.rate.toFixed(1)} pages/s · errors ${p.errors}${p.blocked ? ` · blocked ${p.blocked}` : ''}`,
  pageError: (status: number, url: string, error: string) => `  ! ${status || 'ERR'} ${url}${error ? ` — ${error}` : ''}`,
  done: (s: CrawlSummary) =>
    `${s.interrupted ? 'Crawl interrupted' : 'Crawl finished'}: ${s.pagesFetched} page(s) in ${(s.durationMs / 1000).toFixed(1)}s · ${s.errors} with errors · ${s.blocked} blocked by robots.txt · ${s.pagesQueued} still queued`,
  resumeHint: (out: string) => `Resume with: zmot crawl <same url> --out ${out} --resume`,
  noReport: (dir: string) => `Store written; build the report with: zmot report ${dir}`,
};

/** Exit code after Ctrl-C: the shell convention for "terminated by SIGINT". */
const EXIT_INTERRUPTED = 130;

interface CrawlCliOptions {
  config?: string;
  out?: string;
  maxPages?: string;
  maxDepth?: string;
  concurrency?: string;
  delay?: string;
  timeout?: string;
  userAgent?: string;
  workers?: string;
  render?: boolean;
  lighthouse?: string;
  resume?: boolean;
  ignoreRobots?: boolean;
  include: string[];
  exclude: string[];
  json?: boolean;
  semantic?: boolean;
  report: boolean;
  history?: string;
  queue?: string;
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new UsageError(MESSAGES.badNumber(flag, value));
  return n;
}

function parseStartUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(MESSAGES.badUrl(raw));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(MESSAGES.badUrl(raw));
  return url;
}

/** Default report folder: one per host, so crawls of different sites never share a store. */
function defaultOutDir(url: URL): string {
  return path.join('zmot-report', url.host.replace(/[^a-z0-9.-]+/gi, '_'));
}

/** Live display: a progress bar on a terminal, plain log lines otherwise, nothing with --json. */
function attachDisplay(run: CrawlRun, json: boolean) {
  if (json) return () => {};
  const tty = Boolean(process.stderr.isTTY);
  if (tty) {
    const bar = new cliProgress.SingleBar(
      {
        format: ' {bar} {value}/{total} pages · queued {queued} · {rate} pages/s · errors {errors}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    run.on('progress', (p) => {
      const total = Math.max(1, Math.min(p.maxPages, p.fetched + p.queued + p.inFlight));
      const payload = { queued: p.queued, rate: p.rate.toFixed(1), errors: p.errors };
      if (!started) {
        bar.start(total, p.fetched, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.fetched, payload);
      }
    });
    return () => started && bar.stop();
  }
  let last = 0;
  run.on('progress', (p) => {
    const now = Date.now();
    if (now - last < 2000) return;
    last = now;
    process.stderr.write(`${MESSAGES.progress(p)}\n`);
  });
  run.on('pageError', (e) => process.stderr.write(`${MESSAGES.pageError(e.status, safe(e.url, 300), safe(e.error, 200))}\n`));
  run.on('notice', (n) => process.stderr.write(`  · ${safe(n.message, 300)}\n`));
  return () => {};
}

/** First Ctrl-C stops cleanly (report written, store resumable); the second quits at once. */
function handleInterrupts(run: CrawlRun, json: boolean, remote?: RedisPagesType): () => void {
  let count = 0;
  let stopWatching = () => {};
  const onSignal = () => {
    count++;
    if (count === 1) {
      if (!json) process.stderr.write(`\n${MESSAGES.stopping}\n`);
      // A distributed crawl stops cleanly only with its Redis: without it, one line and exit 2 (the store stays resumable).
      if (remote) stopWatching = remote.watchWhileStopping(() => {
        process.stderr.write(`zmot: ${remote.lostMessage()}\n`);
        process.exit(EXIT.badInput);
      });
      run.abort('interrupted by the user');
    } else process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    stopWatching();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

export default function register(program: Command) {
  program
    .command('crawl')
    .description('Crawl a site as a search engine would, score it, and write the reports (JSON, HTML, CSV).')
    .argument('<url>', 'start URL (http or https)')
    .option('-c, --config <file>', 'zmot config file (JSON): brand, questions, crawl settings')
    .option('-o, --out <dir>', 'report folder, holds the crawl store (default: zmot-report/<host>)')
    .option('--max-pages <n>', 'stop after this many pages')
    .option('--max-depth <n>', 'follow links at most this many clicks from the start URL')
    .option('--concurrency <n>', 'requests in flight at once')
    .option('--delay <ms>', 'politeness delay between requests to one host')
    .option('--timeout <ms>', 'per-request timeout')
    .option('--user-agent <ua>', 'User-Agent header to send')
    .option('--workers <n>', 'threads that extract and score pages (0 = main thread; default: one per core but one, at least 1, up to 4)')
    .option('--render', 'render pages with Chromium (JavaScript sites)')
    .option('--lighthouse <n>', 'run Lighthouse on a sample of n pages')
    .option('--resume', 'continue the crawl stored in --out instead of starting over')
    .option('--ignore-robots', "do not obey robots.txt (your own site only)")
    .option('--include <pattern>', 'crawl only URLs matching (substring or /regex/; repeatable)', collect, [])
    .option('--exclude <pattern>', 'skip URLs matching (substring or /regex/; repeatable)', collect, [])
    .option('--no-report', 'crawl and store only; build the report later with `zmot report <dir>`')
    .option('--history <dir>', "record the run in this project history (default: the config's history)")
    .option('--queue <redis-url>', 'distributed crawl: page jobs go to `zmot worker` processes through this Redis (redis://host:port/db)')
    .option('--semantic', "re-rank each question's best passages with the bundled sentence model, all-MiniLM-L6-v2 (slower: seconds to load, then 100-260x the word scorer's time per question)")
    .option('--json', 'print the final summary as JSON')
    .action(async (rawUrl: string, opts: CrawlCliOptions) => {
      const url = parseStartUrl(rawUrl);
      // Checked first: a wrong or unreachable Redis is one line, before anything is written.
      let remote: RedisPagesType | undefined;
      if (opts.queue !== undefined) {
        const { parseQueueUrl, checkReachable } = await import('../distributed/connection.ts');
        const target = parseQueueUrl(opts.queue);
        await checkReachable(target);
        const { RedisPages } = await import('../distributed/coordinator.ts');
        remote = new RedisPages(target);
      }
      const flags: CrawlFlags = {
        maxPages: wholeNumber('--max-pages', opts.maxPages),
        maxDepth: wholeNumber('--max-depth', opts.maxDepth),
        concurrency: wholeNumber('--concurrency', opts.concurrency),
        delayMs: wholeNumber('--delay', opts.delay),
        timeoutMs: wholeNumber('--timeout', opts.timeout),
        lighthouse: wholeNumber('--lighthouse', opts.lighthouse),
        workers: wholeNumber('--workers', opts.workers),
        userAgent: opts.userAgent,
        render: opts.render ? true : undefined,
        ignoreRobots: opts.ignoreRobots ? true : undefined,
        include: opts.include,
        exclude: opts.exclude,
      };
      const env = crawlFlagsFromEnv(process.env);
      if (env.errors.length) throw new UsageError(env.errors[0]);
      const config: Config = opts.config ? await loadConfig(opts.config) : defaultConfigFor(url.href);
      const outDir = opts.out ?? defaultOutDir(url);
      // Validate everything before touching an existing store: bad input leaves it as it was.
      const merged = mergeCrawlSettings({ config: config.crawl, env: env.flags, flags, extra: { startUrl: url.href, storePath: storePathFor(outDir), resume: Boolean(opts.resume) } });
      const checked = CrawlOptionsSchema.safeParse(merged);
      if (!checked.success) throw new UsageError(describeZodError('crawl settings', checked.error));
      const effectiveConfig = ConfigSchema.parse({ ...config, crawl: { ...config.crawl, ...pickCrawlConfig(checked.data) } });

      let stopDisplay = () => {};
      let stopSignals = () => {};
      let result: Awaited<ReturnType<typeof crawlToStore>>;
      try {
        result = await crawlToStore({
          startUrl: url.href,
          config: effectiveConfig,
          outDir,
          crawl: merged,
          resume: Boolean(opts.resume),
          deps: remote ? { remote } : undefined,
          onRun: (run) => {
            stopDisplay = attachDisplay(run, Boolean(opts.json));
            stopSignals = handleInterrupts(run, Boolean(opts.json), remote);
          },
        });
      } catch (e) {
        // Setup problems (a store from another site, an unreadable store) are the user's to fix.
        if (e instanceof Error && !(e instanceof UsageError) && /holds a crawl of|crawl store|not a database/i.test(e.message)) throw new UsageError(e.message);
        throw e;
      } finally {
        stopDisplay();
        stopSignals();
      }
      const { summary, storePath } = result;
      let files: string[] = [];
      let scores = null;
      let history: string[] | null = null;
      if (opts.report) {
        const [{ reportFromStore }, { historyLines }] = await Promise.all([import('../job.ts'), import('../history/index.ts')]);
        const built = await reportFromStore(storePath, outDir, { config: effectiveConfig, history: { path: opts.history, command: 'crawl' }, semantic: opts.semantic, pages: 'count' });
        files = built.files;
        scores = built.report.scores;
        history = historyLines(built.report);
      }
      if (opts.json) {
        printJson({ ...summary, storePath: path.resolve(storePath), outDir: path.resolve(outDir), files: files.map((f) => path.resolve(f)), scores, ...(history ? { history } : {}) });
      } else {
        process.stdout.write(`${c.bold(MESSAGES.done(summary))}\n`);
        if (scores) process.stdout.write(`ZMOT score ${Math.round(scores.zmot)}/100 · interest ${fmt(scores.stages.interest)} · comparison ${fmt(scores.stages.comparison)} · purchase ${fmt(scores.stages.purchase)}\n`);
        if (history) process.stdout.write(`${history.map((l) => `  ${safe(l, 400)}`).join('\n')}\n`);
        if (files.length) process.stdout.write(`Reports written:\n${files.map((f) => `  ${path.resolve(f)}`).join('\n')}\n`);
        else process.stdout.write(`${MESSAGES.noReport(outDir)}\n`);
        if (summary.interrupted) process.stdout.write(`${MESSAGES.resumeHint(outDir)}\n`);
      }
      if (summary.interrupted) process.exitCode = EXIT_INTERRUPTED;
    });
}

/** The crawl settings as they ended up, kept with the config so `zmot report` shows what was crawled. */
function pickCrawlConfig(o: ReturnType<typeof CrawlOptionsSchema.parse>) {
  return { maxPages: o.maxPages, maxDepth: o.maxDepth, concurrency: o.concurrency, include: o.include, exclude: o.exclude, respectRobots: o.respectRobots, render: o.render, lighthouse: o.lighthouse };
}

function fmt(n: number | null): string {
  return n === null ? '–' : String(Math.round(n));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
