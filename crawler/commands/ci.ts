import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { AssertionConfigError, evaluateAssertions, type AssertionOutcome } from '../../shared/ci/assertions.ts';
import { compareWithBaseline, type Regression } from '../../shared/ci/baseline.ts';
import type { Config, CrawlReport } from '../../shared/schemas/index.ts';
import { githubAnnotations, toJUnit, toSarif } from '../ci/outputs.ts';
import { loadConfig } from '../config-file.ts';
import { AssertionFailedError, UsageError } from '../errors.ts';
import { c, printJson, safe } from '../format.ts';
import { historyLines, recordRun } from '../history/index.ts';
import { runSiteJob } from '../job.ts';
import { renderMarkdownSummary } from '../report/markdown.ts';
import { readReport, writeFileAtomic } from '../report/writers.ts';
import { serveStatic } from '../serve.ts';

interface CiOptions {
  config: string;
  url?: string;
  serve?: string;
  dir?: string;
  baseline?: string;
  tolerance?: string;
  out: string;
  junit?: string;
  sarif?: string;
  maxPages?: string;
  json?: boolean;
  history?: string;
}

/** A report.json path from a file or a crawl folder. */
function reportPath(target: string, what: string): string {
  const s = existsSync(target) ? statSync(target) : null;
  if (!s) throw new UsageError(`${what} not found: ${target}`);
  if (s.isDirectory()) {
    const f = path.join(target, 'report.json');
    if (!existsSync(f)) throw new UsageError(`${what} ${target} has no report.json (run zmot report ${target} first)`);
    return f;
  }
  return target;
}

async function obtainReport(opts: CiOptions, config: Config): Promise<CrawlReport> {
  const sources = [opts.url, opts.serve, opts.dir].filter(Boolean).length;
  if (sources > 1) throw new UsageError('use only one of --url, --serve and --dir');
  const history = { path: opts.history, command: 'ci' };
  if (opts.dir) {
    const read = await readReport(reportPath(opts.dir, 'crawl dir'));
    const file = opts.history ?? config.history;
    return file ? recordRun(read, { history: file, config, command: 'ci' }) : read;
  }
  if (opts.maxPages !== undefined) {
    const n = Number(opts.maxPages);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--max-pages must be a positive integer, got: ${opts.maxPages}`);
    config = { ...config, crawl: { ...config.crawl, maxPages: n } };
  }
  if (opts.serve) {
    const dir = path.resolve(opts.serve);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--serve needs a folder of built pages: ${opts.serve}`);
    const server = await serveStatic(dir);
    try {
      return (await runSiteJob({ startUrl: `${server.origin}/`, config, outDir: opts.out, history })).report;
    } finally {
      await server.close();
    }
  }
  const start = opts.url ?? config.crawl.startUrls[0];
  if (!start) throw new UsageError('nothing to check: give --url, --serve DIR, --dir CRAWL_DIR, or crawl.startUrls in the config');
  try {
    new URL(start);
  } catch {
    throw new UsageError(`not a valid URL: ${start}`);
  }
  return (await runSiteJob({ startUrl: start, config, outDir: opts.out, history })).report;
}

export default function register(program: Command) {
  program
    .command('ci')
    .description('Crawl (or read a crawl), apply the config assertions and the baseline comparison; exit 1 on failure.')
    .option('-c, --config <file>', 'config file with assertions', 'zmot.config.json')
    .option('--url <url>', 'site to crawl (default: crawl.startUrls[0] of the config)')
    .option('--serve <dir>', "serve a static build (e.g. dist/) on 127.0.0.1 and crawl it")
    .option('--dir <crawlDir>', 'use an existing crawl folder instead of crawling')
    .option('--baseline <report>', 'a previous report.json (or its folder) to compare with')
    .option('--tolerance <points>', 'score drop allowed against the baseline, in points')
    .option('-o, --out <dir>', 'where to write reports, JUnit and SARIF', 'zmot-report/ci')
    .option('--junit <file>', 'JUnit XML output (default: <out>/junit.xml)')
    .option('--sarif <file>', 'SARIF output (default: <out>/zmot.sarif)')
    .option('--max-pages <n>', 'crawl at most this many pages')
    .option('--history <dir>', "record the run in this project history (default: the config's history)")
    .option('--json', 'print the outcome as JSON')
    .action(async (opts: CiOptions) => {
      const started = Date.now();
      const config = await loadConfig(opts.config);
      const baseline = opts.baseline ? await readReport(reportPath(opts.baseline, 'baseline')) : config.baseline?.path ? await readReport(reportPath(path.resolve(path.dirname(opts.config), config.baseline.path), 'baseline')) : null;
      const tolerance = opts.tolerance !== undefined ? Number(opts.tolerance) : (config.baseline?.tolerance ?? 2);
      if (!Number.isFinite(tolerance) || tolerance < 0) throw new UsageError(`--tolerance must be a number of points ≥ 0, got: ${opts.tolerance}`);
      const report = await obtainReport(opts, config);

      let outcomes: AssertionOutcome[];
      try {
        outcomes = evaluateAssertions(report, config.assertions);
      } catch (e) {
        if (e instanceof AssertionConfigError) throw new UsageError(`${opts.config}: ${e.message}`);
        throw e;
      }
      const regressions: Regression[] = baseline ? compareWithBaseline(report, baseline, tolerance) : [];

      await mkdir(opts.out, { recursive: true });
      const junit = opts.junit ?? path.join(opts.out, 'junit.xml');
      const sarif = opts.sarif ?? path.join(opts.out, 'zmot.sarif');
      await writeFileAtomic(junit, toJUnit(outcomes, regressions, report, Date.now() - started));
      await writeFileAtomic(sarif, toSarif(outcomes, regressions, report));
      const summary = path.join(opts.out, 'summary.md');
      await writeFileAtomic(summary, renderMarkdownSummary(report) + ciMarkdown(outcomes, regressions));

      const errors = outcomes.filter((o) => !o.passed && o.level === 'error').length + regressions.length;
      const warnings = outcomes.filter((o) => !o.passed && o.level === 'warn').length;
      if (process.env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(outcomes, regressions)) process.stdout.write(`${line}\n`);
      if (opts.json) {
        printJson({ passed: errors === 0, errors, warnings, scores: report.scores, assertions: outcomes, regressions, files: { junit, sarif, summary }, ...(report.history ? { history: historyLines(report) } : {}) });
      } else {
        const s = report.scores;
        process.stdout.write(`${c.bold('zmot ci')} ${safe(report.site.origin)} · ${report.pages.length} pages${s ? ` · ZMOT ${Math.round(s.zmot)} (interest ${r(s.stages.interest)}, comparison ${r(s.stages.comparison)}, purchase ${r(s.stages.purchase)})` : ''}\n`);
        for (const o of outcomes) {
          const mark = o.passed ? c.green('✓') : o.level === 'error' ? c.red('✗') : c.yellow('!');
          process.stdout.write(`  ${mark} ${o.id}: ${safe(o.message, 300)}\n`);
          if (!o.passed) for (const u of o.urls.slice(0, 10)) process.stdout.write(c.dim(`      ${safe(u, 200)}\n`));
        }
        if (baseline) {
          process.stdout.write(regressions.length ? `  ${c.red('✗')} ${regressions.length} regression(s) against the baseline:\n` : `  ${c.green('✓')} no regressions against the baseline\n`);
          for (const g of regressions) process.stdout.write(`      ${safe(g.message, 300)}\n`);
        }
        for (const line of historyLines(report) ?? []) process.stdout.write(`  ${safe(line, 400)}\n`);
        process.stdout.write(`${errors ? c.red(`FAILED: ${errors} error(s)`) : c.green('PASSED')}${warnings ? `, ${warnings} warning(s)` : ''} · JUnit ${junit} · SARIF ${sarif}\n`);
      }
      if (errors) throw new AssertionFailedError(`${errors} error-level assertion(s) or regression(s) failed`);
    });
}

function r(n: number | null): string {
  return n === null ? '–' : String(Math.round(n));
}

function ciMarkdown(outcomes: AssertionOutcome[], regressions: Regression[]): string {
  if (!outcomes.length && !regressions.length) return '';
  const esc = (s: string) => s.replace(/[|<>\r\n`[\]]/g, ' ');
  const lines = ['', '### CI assertions', '', '| | Assertion | Result |', '|---|---|---|'];
  for (const o of outcomes) lines.push(`| ${o.passed ? '✅' : o.level === 'error' ? '❌' : '⚠️'} | ${esc(o.id)} | ${esc(o.message)} |`);
  for (const g of regressions) lines.push(`| ❌ | regression | ${esc(g.message)} |`);
  return `${lines.join('\n')}\n`;
}
