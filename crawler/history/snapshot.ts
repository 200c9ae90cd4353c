import { createHash } from 'node:crypto';
import type { AnswerFactors, Config, CrawlReport, Stage } from '../../shared/schemas/index.ts';
import type { ReportInput } from '../report/write-file.ts';

/** One recorded run, as `zmot history` lists it. */
export interface RunSummary {
  id: number;
  recordedAt: string;
  command: string;
  /** Which site the run is of: brand name and host, without the port (a local build is served on a new port each time). */
  site: string;
  siteName: string | null;
  startUrl: string;
  crawlStartedAt: string | null;
  configHash: string;
  toolVersion: string;
  zmot: number | null;
  stages: Record<Stage, number | null>;
  personas: Record<string, number>;
  pages: number;
  indexable: number;
  questions: number;
  answered: number;
  gaps: number;
  issues: { error: number; warning: number; notice: number };
}

export interface QuestionSnapshot {
  id: string;
  text: string;
  stage: Stage;
  persona: string | null;
  weight: number;
  lang: string | null;
  visibility: number;
  answered: boolean;
  /** Path (and query) of the best page: runs of one site at different origins still match. */
  bestUrl: string | null;
  bestHeading: string | null;
  answer: number | null;
  findability: number | null;
  factors: AnswerFactors | null;
  notes: string[];
  gapMissing: string[] | null;
}

export interface PageSnapshot {
  path: string;
  status: number;
  indexable: boolean;
  /** Told not to be indexed (robots meta, X-Robots-Tag, robots.txt): the is-crawlable audit fails. */
  noindex: boolean;
  canonical: string | null;
  inSitemap: boolean | null;
  title: string | null;
  words: number;
  findability: number;
  /** Findability audits that fail on the page. */
  failing: string[];
}

export interface RunSnapshot {
  run: RunSummary;
  /** The config the run was scored with, as canonical JSON. */
  config: string;
  questions: QuestionSnapshot[];
  pages: PageSnapshot[];
  issues: Array<{ type: string; severity: string; count: number }>;
}

/** Path and query of a URL: the same page of a site, whatever origin it was crawled at. */
export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** JSON with sorted keys: the same config always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

export function siteKeyOf(report: Pick<CrawlReport, 'site'>): string {
  let host = report.site.origin;
  try {
    host = new URL(report.site.origin).hostname;
  } catch {
    // keep the origin as given
  }
  return report.site.name ? `${report.site.name} · ${host}` : host;
}

/** What the history keeps of a report: enough to list, chart and explain, not the pages' content. */
export function snapshotOf(report: ReportInput, config: Config | null, command: string, recordedAt = new Date().toISOString()): RunSnapshot {
  const configJson = canonicalJson(config ?? {});
  // One pass over the pages (they may be streamed from disk): the few fields a run keeps of each.
  const pages: RunSnapshot['pages'] = [];
  for (const p of report.pages) {
    pages.push({
      path: pathOf(p.url),
      status: p.status,
      indexable: p.indexable,
      noindex: p.audits.some((a) => a.id === 'is-crawlable' && a.score === 0),
      canonical: p.canonical ? pathOf(p.canonical) : null,
      inSitemap: p.inSitemap,
      title: p.title,
      words: p.wordCount,
      findability: p.findability.score,
      failing: p.findability.failing.map((f) => f.id),
    });
  }
  const gaps = new Map(report.gaps.map((g) => [g.questionId, g.missing]));
  const count = (severity: string) => report.issues.filter((i) => i.severity === severity).length;
  const issueCounts = new Map<string, { type: string; severity: string; count: number }>();
  for (const i of report.issues) {
    const key = `${i.type}\u0000${i.severity}`;
    const prev = issueCounts.get(key);
    if (prev) prev.count++;
    else issueCounts.set(key, { type: i.type, severity: i.severity, count: 1 });
  }
  return {
    run: {
      id: 0,
      recordedAt,
      command,
      site: siteKeyOf(report),
      siteName: report.site.name,
      startUrl: report.crawl.startUrl,
      crawlStartedAt: report.crawl.startedAt,
      configHash: createHash('sha256').update(configJson).digest('hex').slice(0, 16),
      toolVersion: report.tool.version,
      zmot: report.scores ? report.scores.zmot : null,
      stages: report.scores ? { ...report.scores.stages } : { interest: null, comparison: null, purchase: null },
      personas: report.scores?.personas ?? {},
      pages: report.pages.length,
      indexable: pages.filter((p) => p.indexable).length,
      questions: report.questions.length,
      answered: report.questions.filter((q) => q.answered).length,
      gaps: report.gaps.length,
      issues: { error: count('error'), warning: count('warning'), notice: count('notice') },
    },
    config: configJson,
    questions: report.questions.map((q) => ({
      id: q.question.id,
      text: q.question.text,
      stage: q.question.stage,
      persona: q.question.persona ?? null,
      weight: q.question.weight,
      lang: q.question.lang ?? null,
      visibility: q.visibility,
      answered: q.answered,
      bestUrl: q.best ? pathOf(q.best.url) : null,
      bestHeading: q.best?.heading ?? null,
      answer: q.best?.answer ?? null,
      findability: q.best?.findability ?? null,
      factors: q.best?.factors ?? null,
      notes: q.best?.notes ?? [],
      gapMissing: gaps.get(q.question.id) ?? null,
    })),
    pages,
    issues: [...issueCounts.values()],
  };
}
