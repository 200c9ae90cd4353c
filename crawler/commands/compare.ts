import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CompareCliOutputSchema, type CompareCliOutput, type CompareReport, type Config } from '../../shared/schemas/index.ts';
import { brandConfigWith, compareSites, configFromPointOfView, type ComparedSite } from '../compare/compare.ts';
import { siteSlug, writeCompareReports } from '../compare/writers.ts';
import { loadConfig } from '../config-file.ts';
import { UsageError } from '../errors.ts';
import { c, printJson, safe } from '../format.ts';
import { crawlToStore, reportFromStore } from '../job.ts';
import { questionsForConfig } from '../questions-files.ts';
import { STORE_FILE } from '../store/crawl-store.ts';

const MESSAGES = {
  badSite: (v: string) => `--site must be NAME=URL or NAME=CRAWL_DIR, got: ${v}`,
  badUrl: (name: string, v: string) => `--site ${name}: not an http(s) URL nor a crawl folder (holding ${STORE_FILE}): ${v}`,
  noBrandUrl: (brand: string) => `no site for the brand ${brand}: give --site "${brand}=URL", crawl.startUrls or brand.domains in the config`,
  noCompetitors: 'no competitor to compare with: add competitors with domains to the config, or --site NAME=URL',
  skipped: (name: string) => `competitor ${name} has no domain: skipped (give --site "${name}=URL")`,
  site: (name: string, source: string) => `· ${name}: ${source}`,
  unreachable: (name: string, url: string) => `! ${name}: no page of ${url} could be fetched; it answers nothing in this comparison`,
};

interface CompareCliOptions {
  config: string;
  site: string[];
  out: string;
  maxPages?: string;
  json?: boolean;
}

interface SiteSource {
  name: string;
  role: 'brand' | 'competitor';
  url: string | null;
  /** An existing crawl folder: read, not fetched again. */
  dir: string | null;
}

function parseSite(value: string): { name: string; target: string } {
  const i = value.indexOf('=');
  if (i <= 0 || i === value.length - 1) throw new UsageError(MESSAGES.badSite(value));
  return { name: value.slice(0, i).trim(), target: value.slice(i + 1).trim() };
}

function sourceOf(name: string, role: SiteSource['role'], target: string): SiteSource {
  if (existsSync(target) && statSync(target).isDirectory() && existsSync(path.join(target, STORE_FILE))) return { name, role, url: null, dir: target };
  try {
    const u = new URL(target);
    if (u.protocol === 'http:' || u.protocol === 'https:') return { name, role, url: u.href, dir: null };
  } catch {
    // falls through to the error
  }
  throw new UsageError(MESSAGES.badUrl(name, target));
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The sites to compare: the brand first, then the competitors, from the config and `--site`. */
function sitesFor(config: Config, flags: string[], notices: string[]): SiteSource[] {
  const given = flags.map(parseSite);
  const brandFlag = given.find((g) => sameName(g.name, config.brand.name));
  const brandUrl = config.crawl.startUrls[0] ?? (config.brand.domains[0] ? `https://${config.brand.domains[0]}/` : null);
  if (!brandFlag && !brandUrl) throw new UsageError(MESSAGES.noBrandUrl(config.brand.name));
  const sites: SiteSource[] = [brandFlag ? sourceOf(config.brand.name, 'brand', brandFlag.target) : sourceOf(config.brand.name, 'brand', brandUrl!)];
  const competitorFlags = given.filter((g) => !sameName(g.name, config.brand.name));
  if (competitorFlags.length) {
    // Competitors named with --site are the ones compared (under the config's spelling of their name).
    for (const g of competitorFlags) sites.push(sourceOf(config.competitors.find((comp) => sameName(comp.name, g.name))?.name ?? g.name, 'competitor', g.target));
  } else {
    for (const comp of config.competitors) {
      if (comp.domains[0]) sites.push(sourceOf(comp.name, 'competitor', `https://${comp.domains[0]}/`));
      else notices.push(MESSAGES.skipped(comp.name));
    }
  }
  if (sites.length < 2) throw new UsageError(MESSAGES.noCompetitors);
  return sites;
}

export default function register(program: Command) {
  program
    .command('compare')
    .description("Crawl (or read the crawls of) the brand's site and each competitor's, score all on the same questions, and report who answers best per stage and per question.")
    .option('-c, --config <file>', 'the brand config (questions, competitors)', 'zmot.config.json')
    .option('--site <name=url|dir>', "a site to compare: NAME=URL to crawl, or NAME=CRAWL_DIR to read (repeatable; the brand's name sets its own site; competitors given here replace the config's)", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('-o, --out <dir>', 'where to write compare.json/html/csv/md (each site\'s crawl goes in <out>/sites/<name>)', 'zmot-report/compare')
    .option('--max-pages <n>', 'crawl at most this many pages per site')
    .option('--json', 'print the outcome as JSON')
    .action(async (opts: CompareCliOptions) => {
      let config = await loadConfig(opts.config);
      if (opts.maxPages !== undefined) {
        const n = Number(opts.maxPages);
        if (!/^\d+$/.test(opts.maxPages) || n <= 0) throw new UsageError(`--max-pages must be a positive whole number, got: ${opts.maxPages}`);
        config = { ...config, crawl: { ...config.crawl, maxPages: n } };
      }
      const notices: string[] = [];
      const sources = sitesFor(config, opts.site, notices);
      // Every site answers the brand's question set, expanded once (templates and files included).
      const { questions } = await questionsForConfig(config, opts.config);
      const known = { ...config, competitors: [...config.competitors, ...sources.filter((s) => s.role === 'competitor' && !config.competitors.some((x) => x.name === s.name)).map((s) => ({ name: s.name, domains: [] }))] };
      const log = (line: string) => !opts.json && process.stderr.write(`${safe(line, 400)}\n`);
      for (const n of notices) log(n);

      const compared: ComparedSite[] = [];
      for (const s of sources) {
        const siteConfig = s.role === 'brand' ? brandConfigWith(known, questions) : configFromPointOfView(known, s.name, questions);
        let storePath: string;
        let reportDir: string;
        if (s.dir) {
          log(MESSAGES.site(s.name, `reading the crawl in ${s.dir}`));
          storePath = path.join(s.dir, STORE_FILE);
          reportDir = path.join(opts.out, 'sites', siteSlug(s.name));
        } else {
          log(MESSAGES.site(s.name, `crawling ${s.url}`));
          reportDir = path.join(opts.out, 'sites', siteSlug(s.name));
          storePath = (await crawlToStore({ startUrl: s.url!, config: siteConfig, outDir: reportDir })).storePath;
        }
        const { report } = await reportFromStore(storePath, reportDir, { config: siteConfig });
        if (!report.pages.some((p) => p.status >= 200 && p.status < 400)) log(MESSAGES.unreachable(s.name, report.crawl.startUrl));
        compared.push({
          site: { name: s.name, role: s.role, origin: report.site.origin, startUrl: report.crawl.startUrl, pagesFetched: report.pages.length, scores: report.scores, reportDir: path.resolve(reportDir) },
          report,
        });
      }
      const result = compareSites(config.brand.name, questions, compared);
      const files = (await writeCompareReports(result, opts.out)).map((f) => path.resolve(f));
      if (opts.json) printJson(compareCliOutput(result, files));
      else process.stdout.write(`${compareTextLines(result, questions.length, files).join('\n')}\n`);
    });
}

/** What `zmot compare --json` prints, checked against its schema. */
export function compareCliOutput(result: CompareReport, files: string[]): CompareCliOutput {
  return CompareCliOutputSchema.parse({ brand: result.brand, sites: result.sites, stages: result.stages, losses: result.losses.length, opportunities: result.opportunities.length, files });
}

/** What `zmot compare` prints: the share of answers per stage, losses and opportunities, the files written. */
export function compareTextLines(result: CompareReport, questionCount: number, files: string[]): string[] {
  const out: string[] = [c.bold(`${result.brand} against ${result.sites.length - 1} competitor(s) on ${questionCount} questions`)];
  for (const st of result.stages) {
    out.push(`  ${st.stage.padEnd(11)} ${result.sites.map((s) => `${safe(s.name, 40)} ${Math.round(st.share[s.name] ?? 0)}%`).join(' · ')} · nobody ${Math.round(st.nobody)}%${st.leader ? ` — led by ${safe(st.leader, 40)}` : ''}`);
  }
  out.push(`  ${result.losses.length} question(s) a competitor answers better · ${result.opportunities.length} nobody answers`);
  out.push(`Reports written:\n${files.map((f) => `  ${f}`).join('\n')}`);
  return out;
}
