import { defaultConfigFor } from '../config-file.ts';
import { pageResultFrom, type PagePipelineOptions } from '../../shared/pipeline.ts';
import { answerEngineSiteAudits } from '../../shared/answer-engines/site-audits.ts';
import { humanSignalSiteAudits } from '../../shared/human-signals/site.ts';
import { personaUsabilityAudit } from '../../shared/personas/site.ts';
import type { LlmsTxtFetch } from '../../shared/answer-engines/llms-txt.ts';
import { corpusSettings, scoreSite } from '../../shared/score/site.ts';
import { corpusBuilder, PAGES_KEPT } from '../../shared/score/corpus.ts';
import { recordingSimilarity, type PassageSimilarity } from '../../shared/score/semantic.ts';
import { loadSentenceModel, SENTENCE_MODEL_LANGS, similarityFor } from '../semantic/model.ts';
import { questionsForConfig } from '../questions-files.ts';
import { AddressGuard, type PrivateNetworkPolicy } from '../crawl/address-guard.ts';
import { startGuardProxy } from '../guard-proxy.ts';
import {
  ConfigSchema,
  CrawlReportSchema,
  PageArtifactsSchema,
  PageResultSchema,
  REPORT_SCHEMA_VERSION,
  type Config,
  type LighthouseFigures,
  type CrawlReport,
  type PageArtifacts,
  type PageResult,
  type SiteIssue,
} from '../../shared/schemas/index.ts';
import { pagePipelineOptions } from '../pipeline-options.ts';
import { peoplePageOf, type PeoplePage } from '../../shared/human-signals/site.ts';
import { LinkTable, PageSpill } from './spill.ts';
import type { ReportInput } from './write-file.ts';
import type { CrawlStore, PageRecord, RobotsRow, StoredPage } from '../store/crawl-store.ts';
import { VERSION } from '../version.ts';
import { crawlIndexAdapter, lighthouseTemplateOf, runLighthouseSampleAdapter, runSiteAuditsAdapter, toSitePageAdapter, type SiteLink } from './integrations.ts';

/** Crawl-level issues the crawler itself raises (the site-audits module adds the SEO ones). */
export const CRAWL_ISSUES = {
  robots: (origin: string, message: string) => `${origin}/robots.txt: ${message}`,
  blocked: (n: number) => `${n} URL(s) linked or listed on the site are blocked by robots.txt and were not crawled`,
  patternCap: (message: string) => message,
  queueFull: (message: string) => message,
  sitemap: (url: string, error: string) => `sitemap ${url}: ${error}`,
  noSitemap: 'no sitemap found (robots.txt lists none and /sitemap.xml does not answer)',
  charset: (note: string) => `charset: ${note}`,
  render: (error: string) => error,
  redirectStopped: (to: string, reason: string) => `redirects to ${to}: ${reason}`,
  interrupted: 'the crawl was interrupted: pages still queued were not fetched (run again with --resume to finish it)',
  maxPages: (max: number, queued: number) => `stopped at the page limit (${max}); ${queued} URL(s) still queued were not fetched`,
};

/** Items listed per issue: reports stay readable (and bounded) on huge sites. */
const MAX_ITEMS = 200;

/** The config a report was built with when none is given: the brand named after the host. */
export { defaultConfigFor };

function withRobotsContent(artifacts: PageArtifacts, robots: Map<string, RobotsRow>): PageArtifacts {
  if (!artifacts.robotsTxt) return artifacts;
  let origin: string;
  try {
    origin = new URL(artifacts.robotsTxt.url).origin;
  } catch {
    return artifacts;
  }
  const row = robots.get(origin);
  return row ? { ...artifacts, robotsTxt: { ...artifacts.robotsTxt, content: row.content } } : artifacts;
}

/**
 * One stored page as artifacts and result. The result is always computed again from the stored
 * artifacts (re-audited): a report rebuilt by a newer zmot runs its audits, never the crawl's.
 */
function pageOf(stored: StoredPage, robots: Map<string, RobotsRow>, pipeline: PagePipelineOptions): { artifacts: PageArtifacts; page: PageResult } | null {
  const parsedArtifacts = PageArtifactsSchema.safeParse(stored.artifacts);
  if (!parsedArtifacts.success) return null;
  const artifacts = withRobotsContent(parsedArtifacts.data, robots);
  try {
    return { artifacts, page: pageResultFrom(artifacts, pipeline) };
  } catch {
    return null;
  }
}

function* storedPages(store: CrawlStore, robots: Map<string, RobotsRow>, pipeline: PagePipelineOptions): Generator<{ artifacts: PageArtifacts; page: PageResult; stored: StoredPage }> {
  for (const stored of store.pages()) {
    const p = pageOf(stored, robots, pipeline);
    if (p) yield { ...p, stored };
  }
}

/**
 * Runs Lighthouse on a sample of the stored pages (one per template first) and writes the figures
 * back into their artifacts and results. Returns how many pages got figures (measured or inherited).
 */
export async function addLighthouseFigures(store: CrawlStore, count: number, options: { concurrency?: number; pipeline?: PagePipelineOptions } = {}): Promise<number> {
  if (count <= 0) return 0;
  const pipeline = options.pipeline ?? pagePipelineOptions();
  const robots = new Map(store.robots().map((r) => [r.origin, r]));
  const candidates: Array<{ url: string; template: string }> = [];
  for (const { artifacts, stored } of storedPages(store, robots, pipeline)) {
    const r = stored.record;
    if (r.status >= 200 && r.status < 300 && artifacts.isHtml && !r.error) candidates.push({ url: r.finalUrl, template: lighthouseTemplateOf(r.finalUrl, artifacts) });
  }
  if (!candidates.length) return 0;
  // Lighthouse's Chromium loads every subresource of the pages: through the guard proxy, so a public site
  // cannot make this machine reach a private address while it is measured.
  const startUrl = store.getMeta<string>('startUrl') ?? candidates[0].url;
  const policy = store.getMeta<{ privateNetworks?: PrivateNetworkPolicy }>('options')?.privateNetworks ?? 'auto';
  const proxy = await startGuardProxy(await AddressGuard.forStart(startUrl, policy));
  let figures: Map<string, LighthouseFigures> | null;
  try {
    figures = await runLighthouseSampleAdapter(candidates, { count, concurrency: options.concurrency ?? 1, chromiumArgs: proxy.chromiumArgs });
  } finally {
    await proxy.close();
  }
  if (!figures) return 0;
  const updates: Array<{ url: string; artifacts: PageArtifacts }> = [];
  for (const { artifacts, stored } of storedPages(store, robots, pipeline)) {
    const fig = figures.get(stored.record.finalUrl) ?? figures.get(stored.record.url);
    if (!fig) continue;
    const withFigures = { ...artifacts, lighthouse: fig };
    updates.push({ url: stored.record.url, artifacts: { ...withFigures, robotsTxt: withFigures.robotsTxt ? { ...withFigures.robotsTxt, content: null } : null } });
  }
  for (const u of updates) store.updateArtifacts(u.url, u.artifacts);
  return updates.length;
}

function hrefOf(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}

/**
 * The site-audit summary of a redirect whose target was crawled on its own (and so not fetched again
 * through it): a redirect to that page, not a page of its own, so duplicates, loops and orphans see
 * one page, while links and sitemap entries to the redirecting URL are seen as redirected.
 */
function redirectToCrawledPage(summary: unknown, target: string, status: number): unknown {
  const s = (summary ?? {}) as { requestedUrl?: string; url?: string; redirectChain?: unknown[]; depth?: number | null; inSitemap?: boolean | null };
  return {
    url: target,
    requestedUrl: s.requestedUrl ?? s.url,
    status,
    redirectChain: s.redirectChain ?? [],
    fetchError: null,
    isHtml: false,
    indexable: false,
    noindex: false,
    canonical: null,
    title: null,
    metaDescription: null,
    h1: null,
    lang: null,
    hreflangs: [],
    depth: s.depth ?? null,
    inSitemap: s.inSitemap ?? null,
    wordCount: 0,
    fingerprint: null,
  };
}

/** Crawl-level issues from the store: robots.txt trouble, blocked URLs, guards that kicked in, sitemaps. */
function crawlIssues(store: CrawlStore, status: string | null, pagesQueued: number, redirectsToCrawled: Set<string>): SiteIssue[] {
  const issues: SiteIssue[] = [];
  for (const r of store.robots()) {
    if (r.verdict === 'rules') continue;
    issues.push({ type: 'robots-txt', severity: r.verdict === 'disallow-all' ? 'error' : 'notice', message: CRAWL_ISSUES.robots(r.origin, r.message), url: r.url, items: [] });
  }
  const blocked: Array<{ url: string; foundOn: string | null }> = [];
  let blockedCount = 0;
  const skippedByPattern = new Map<string, number>();
  for (const row of store.frontierRows(['blocked', 'skipped'])) {
    if (row.state === 'blocked') {
      blockedCount++;
      if (blocked.length < MAX_ITEMS) blocked.push({ url: row.url, foundOn: row.foundOn });
    } else if (row.note) skippedByPattern.set(row.note, (skippedByPattern.get(row.note) ?? 0) + 1);
  }
  if (blockedCount) issues.push({ type: 'blocked-by-robots', severity: 'notice', message: CRAWL_ISSUES.blocked(blockedCount), url: null, items: blocked.map((b) => ({ url: b.url, foundOn: b.foundOn })) });
  for (const note of store.notes()) {
    if (note.type === 'url-pattern-cap' || note.type === 'url-pattern-run') {
      const skipped = skippedByPattern.get(note.message) ?? 0;
      issues.push({ type: note.type, severity: 'warning', message: CRAWL_ISSUES.patternCap(note.message), url: null, items: [{ pattern: note.url, skipped }] });
    } else if (note.type === 'queue-full') issues.push({ type: 'queue-full', severity: 'warning', message: CRAWL_ISSUES.queueFull(note.message), url: null, items: [] });
    else if (note.type === 'crawl-delay') issues.push({ type: 'crawl-delay', severity: 'notice', message: note.message, url: note.url, items: [] });
  }
  const sitemaps = store.sitemaps();
  const found = sitemaps.filter((s) => s.kind !== 'unknown' && s.status >= 200 && s.status < 300);
  for (const s of sitemaps) {
    if (!s.error) continue;
    if (s.source === 'default location' && !found.length) continue;
    issues.push({ type: 'sitemap-error', severity: 'warning', message: CRAWL_ISSUES.sitemap(s.url, s.error), url: s.url, items: [] });
  }
  if (sitemaps.length && !found.length) issues.push({ type: 'no-sitemap', severity: 'warning', message: CRAWL_ISSUES.noSitemap, url: null, items: [] });
  for (const r of store.pageRecords()) {
    if (r.encodingNote) issues.push({ type: 'charset-mismatch', severity: 'warning', message: CRAWL_ISSUES.charset(r.encodingNote), url: r.url, items: [] });
    if (r.renderError) issues.push({ type: 'render-failed', severity: 'warning', message: CRAWL_ISSUES.render(r.renderError), url: r.url, items: [] });
    if (r.redirectStopped && !redirectsToCrawled.has(r.url)) issues.push({ type: 'redirect-not-followed', severity: 'notice', message: CRAWL_ISSUES.redirectStopped(r.redirectStopped.to, r.redirectStopped.reason), url: r.url, items: [] });
  }
  if (status === 'interrupted' || status === 'running') issues.push({ type: 'crawl-interrupted', severity: 'warning', message: CRAWL_ISSUES.interrupted, url: null, items: [] });
  else if (pagesQueued > 0) {
    const max = store.getMeta<{ maxPages?: number }>('options')?.maxPages ?? 0;
    issues.push({ type: 'max-pages', severity: 'notice', message: CRAWL_ISSUES.maxPages(max, pagesQueued), url: null, items: [] });
  }
  return issues;
}

export interface BuildReportOptions {
  /** The config to score with; defaults to the one stored with the crawl, else one named after the host. */
  config?: Config;
  pipeline?: PagePipelineOptions;
  /**
   * Re-rank each question's best passages with the packaged sentence model (crawler/semantic/model.ts;
   * `--semantic`): about a second to load, then the model reads the question and its best passages.
   */
  semantic?: boolean;
  /** Told as each step ends (the page pass, the site audits, scoring): what the `--big` benchmark times. */
  onPhase?: (phase: 'pages' | 'site-audits' | 'scoring') => void;
}

/** A report whose pages are on disk, streamed back to each writer; close() removes them. */
export interface StreamedReport {
  report: ReportInput;
  close(): void;
}

/** Store → CrawlReport: pages, crawl-level audits and issues, scores, questions and gaps. Fetches nothing. */
export async function buildReport(store: CrawlStore, options: BuildReportOptions = {}): Promise<CrawlReport> {
  const built = await buildStreamedReport(store, options);
  try {
    return CrawlReportSchema.parse({ ...built.report, pages: [...built.report.pages] });
  } finally {
    built.close();
  }
}

/**
 * Store → report, with every page result written to disk as it is audited and streamed back to the passes
 * that need all of them (scoring, the writers): what stays in memory is a summary per page for the site
 * audits, the links in a compact table, and what the people audits read. Fetches nothing.
 */
export async function buildStreamedReport(store: CrawlStore, options: BuildReportOptions = {}): Promise<StreamedReport> {
  const spill = new PageSpill();
  try {
    return { report: await buildInto(store, options, spill), close: () => spill.close() };
  } catch (e) {
    spill.close();
    throw e;
  }
}

async function buildInto(store: CrawlStore, options: BuildReportOptions, pages: PageSpill): Promise<ReportInput> {
  const pipeline = options.pipeline ?? pagePipelineOptions();
  const startUrl = store.getMeta<string>('startUrl');
  if (!startUrl) throw new Error(`${store.file} holds no crawl (no start URL recorded)`);
  const stored = store.getMeta<unknown>('config');
  const config = options.config ?? (stored ? ConfigSchema.safeParse(stored).data : undefined) ?? defaultConfigFor(startUrl);
  const robots = new Map(store.robots().map((r) => [r.origin, r]));

  const sitePages: unknown[] = [];
  const withHreflang: number[] = [];
  const toSitePage = await toSitePageAdapter();
  // A redirect that stopped because its target is a crawled page is that page reached by a redirect.
  const redirectsToCrawled: Array<{ index: number; record: PageRecord }> = [];
  const statusByUrl = new Map<string, number>();
  const links = new LinkTable();
  const indexOf = new Map<string, number>();
  const people: PeoplePage[] = [];
  // A crawl no larger than the pages the scoring keeps (PAGES_KEPT) keeps the artifacts read here for the hreflang
  // re-audit and the scoring, which would otherwise read, decompress and validate every page twice more; a larger
  // crawl reads them again, so its memory does not grow with the crawl.
  const artifactsKept: PageArtifacts[] | null = store.pageCount() <= PAGES_KEPT ? [] : null;
  let errors = 0;
  const { defaultLang, isOwn } = corpusSettings(config);
  const corpus = corpusBuilder(defaultLang, { isOwn });
  const scoringPages: Array<{ url: string; k: number }> = [];
  for (const { artifacts, page, stored: s } of storedPages(store, robots, pipeline)) {
    artifactsKept?.push(artifacts);
    if (artifacts.hreflangs.length) withHreflang.push(pages.length);
    if (s.record.redirectStopped) redirectsToCrawled.push({ index: sitePages.length, record: s.record });
    else if (!s.record.error) statusByUrl.set(hrefOf(s.record.finalUrl), s.record.status);
    indexOf.set(s.record.url, pages.length);
    // Indexed for scoring now, while the page is read: scoring reads it again only when a question retrieves it.
    scoringPages.push({ url: s.record.url, k: pages.length });
    corpus.add(artifacts, scoringPages.length - 1);
    // pageResultFrom validated it (PageResultSchema.parse).
    const valid = page;
    pages.push(valid);
    people.push(peoplePageOf(valid));
    if (valid.fetchError || valid.status >= 400 || valid.status === 0) errors++;
    sitePages.push(toSitePage(artifacts, page));
    for (const l of s.links) links.add(l);
  }
  const aliasOf = new Set<string>();
  const aliases: unknown[] = [];
  for (const { index, record } of redirectsToCrawled) {
    const target = hrefOf(record.redirectStopped!.to);
    const status = statusByUrl.get(target);
    if (status === undefined) continue;
    aliasOf.add(record.url);
    aliases.push(redirectToCrawledPage(sitePages[index], target, status));
    sitePages[index] = null;
  }
  // After every page, so a URL looked up by its final address finds the page itself first.
  if (aliases.length) sitePages.splice(0, sitePages.length, ...sitePages.filter((p) => p !== null), ...aliases);
  // hreflang return links need the whole crawl: those pages are audited again now that it is known.
  const crawlIndex = withHreflang.length ? await crawlIndexAdapter(sitePages) : null;
  if (crawlIndex) {
    const urlOf = new Map<number, string>();
    for (const [url, k] of indexOf) urlOf.set(k, url);
    for (const i of withHreflang) {
      const stored = artifactsKept ? null : store.getPage(urlOf.get(i)!);
      const artifacts = artifactsKept ? artifactsKept[i] : stored && pageOf(stored, robots, pipeline)?.artifacts;
      if (!artifacts) continue;
      const page = pageResultFrom(artifacts, { ...pipeline, context: { ...pipeline.context, crawl: crawlIndex } });
      pages.set(i, page);
      people[i] = peoplePageOf(page);
    }
  }
  options.onPhase?.('pages');
  const sitemapUrls = [...store.sitemapUrls()];
  const site = await runSiteAuditsAdapter({ startUrl, pages: sitePages, links, sitemapUrls });
  options.onPhase?.('site-audits');
  // The config's question files (absolute paths since loadConfig) join its questions and templates.
  const { questions } = await questionsForConfig(config, process.cwd());
  // Scoring reads a page again (its result as audited above; its artifacts as kept above on a small crawl, else
  // from the store) when a question retrieves it.
  const scored = corpus.finish((position) => {
    const at = scoringPages[position];
    if (!at) return null;
    if (artifactsKept) return { artifacts: artifactsKept[at.k], page: pages.get(at.k) };
    const stored = store.getPage(at.url);
    const parsed = stored ? PageArtifactsSchema.safeParse(stored.artifacts) : null;
    return parsed?.success ? { artifacts: withRobotsContent(parsed.data, robots), page: pages.get(at.k) } : null;
  });
  let similarity: PassageSimilarity | undefined;
  if (options.semantic) {
    // A first pass says which passages the model is to read (each question's best few), then it reads them.
    const first = recordingSimilarity(SENTENCE_MODEL_LANGS);
    scoreSite({ config, questions, pages: [], corpus: scored, similarity: first.similarity });
    const model = await loadSentenceModel();
    similarity = await similarityFor(model.embed, first.asked);
  }
  const scoring = scoreSite({ config, questions, pages: [], corpus: scored, similarity });
  options.onPhase?.('scoring');

  // Answer-engine readiness of the site: which crawlers may read the pages that answer, and /llms.txt.
  // The page that best answers each question (the one the report shows), however well it answers.
  const answeringPages = [...new Set(scoring.questions.filter((q) => q.best && q.best.answer > 0).map((q) => q.best!.url))];
  const readiness = answerEngineSiteAudits({ robots: store.robots(), llmsTxt: store.getMeta<LlmsTxtFetch>('llmsTxt'), answeringPages });

  // People behind the content, site-wide: who writes, the organisation, customers' words, someone to talk to from buying pages.
  const peopleAudits = humanSignalSiteAudits({ pages: people, questions: scoring.questions });

  const status = store.getMeta<string>('status');
  const counts = store.stateCounts();
  // A distributed crawl's queue is in Redis: the coordinator notes how many URLs were left there.
  const pagesQueued = counts.queued + counts.claimed + (store.getMeta<number>('queuedInRedis') ?? 0);
  const issues = [...site.issues, ...peopleAudits.issues, ...crawlIssues(store, status, pagesQueued, aliasOf)];

  const report: CrawlReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'zmot-lens', version: VERSION },
    generatedAt: new Date().toISOString(),
    site: { name: config.brand.name, origin: new URL(startUrl).origin },
    crawl: {
      startUrl,
      startedAt: store.getMeta<string>('startedAt') ?? new Date().toISOString(),
      finishedAt: store.getMeta<string>('finishedAt'),
      pagesFetched: pages.length,
      pagesQueued,
      errors,
      durationMs: store.getMeta<number>('durationMs') ?? 0,
      interrupted: status !== 'finished',
    },
    scores: scoring.scores,
    pages: [],
    siteAudits: [...site.audits, ...readiness, ...peopleAudits.audits, personaUsabilityAudit(scoring.questions)],
    issues,
    questions: scoring.questions,
    gaps: scoring.gaps,
  };
  // Validated without its pages (each was validated as it was written to disk), then given them back.
  return { ...CrawlReportSchema.parse(report), pages };
}
