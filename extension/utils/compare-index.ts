import { CompareReportSchema, type CompareReport } from '../../shared/schemas/compare.ts';
import { CompareIndexSchema, type CompareIndex } from '../../shared/schemas/extension-compare.ts';
import { EXTENSION_LIMITS, type QueryCompare } from '../../shared/schemas/extension.ts';
import type { ReportIndex } from '../../shared/schemas/extension.ts';
import { closestQuestion, describeIssues, importReportJson, readReportJson } from './report-index.ts';

// Shown in the options page when a compare report is refused or imported.
const MESSAGES = {
  tooManySites: (file: string, n: number) => `${file}: the compare report has ${n} sites; the extension keeps at most 20`,
} as const;

export type CompareImportResult = { ok: true; index: CompareIndex } | { ok: false; message: string };
export type AnyReportImport = { ok: true; kind: 'crawl'; index: ReportIndex } | { ok: true; kind: 'compare'; index: CompareIndex } | { ok: false; message: string };

/** An imported file: a crawl report (report.json) or a compare report (compare.json), told apart by its `kind`. */
export function importAnyReport(fileName: string, text: string, now = new Date()): AnyReportImport {
  const read = readReportJson(fileName, text);
  if (!read.ok) return read;
  if (isCompareReport(read.json)) {
    const compare = importCompare(read.file, read.json, now);
    return compare.ok ? { ok: true, kind: 'compare', index: compare.index } : compare;
  }
  const crawl = importReportJson(read.file, read.json, now);
  return crawl.ok ? { ok: true, kind: 'crawl', index: crawl.index } : crawl;
}

/** True when parsed JSON says it is a `zmot compare` report (then it is read as one, or refused as one). */
export function isCompareReport(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'zmot-compare';
}

const trim = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Host of a URL as results are matched to compared sites: lower-case, port kept, no "www.". */
export function siteHost(url: string): string | null {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.host.toLowerCase().replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/** Reads parsed JSON as a compare report into what storage keeps, or says in one line why it cannot. */
export function importCompare(fileName: string, json: unknown, now = new Date()): CompareImportResult {
  const file = fileName.slice(0, 200) || 'compare.json';
  const parsed = CompareReportSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: describeIssues(file, parsed.error, 'compare report') };
  if (parsed.data.sites.length > 20) return { ok: false, message: MESSAGES.tooManySites(file, parsed.data.sites.length) };
  return { ok: true, index: compareIndexFrom(parsed.data, file, now) };
}

export function compareIndexFrom(report: CompareReport, fileName: string, now = new Date()): CompareIndex {
  return CompareIndexSchema.parse({
    version: 1,
    fileName: trim(fileName, 300),
    importedAt: now.toISOString(),
    generatedAt: report.generatedAt.slice(0, 40),
    brand: trim(report.brand, 200),
    sites: report.sites.map((s) => ({
      name: trim(s.name, 200),
      role: s.role,
      hosts: [...new Set([s.origin, s.startUrl].map(siteHost).filter((h): h is string => !!h))].slice(0, 4),
    })),
    questions: report.questions.slice(0, EXTENSION_LIMITS.maxQuestions).map((q) => ({
      text: trim(q.question.text, EXTENSION_LIMITS.maxQuery),
      stage: q.question.stage,
      winner: q.winner === null ? null : trim(q.winner, 200),
      answers: q.answers.slice(0, 20).map((a) => ({ site: trim(a.site, 200), visibility: a.visibility, answered: a.answered })),
    })),
  });
}

/** The compared site a result URL belongs to: its host is the site's host or a subdomain of it. */
function siteOf(index: CompareIndex, url: string): CompareIndex['sites'][number] | null {
  const host = siteHost(url);
  if (!host) return null;
  return index.sites.find((s) => s.hosts.some((h) => host === h || host.endsWith(`.${h}`))) ?? null;
}

/**
 * What the overlay shows from a compare report for a query: the report question that is the query
 * (or the closest one), every site's visibility on it, the winner, and which of `urls` is which site.
 * Null when no question of the report is about this query.
 */
export function compareForQuery(index: CompareIndex, query: string, lang: string | null, urls: readonly string[]): QueryCompare | null {
  const target = closestQuestion(index, index.questions, query, lang);
  if (!target) return null;
  const q = target.question;
  const roles = new Map(index.sites.map((s) => [s.name, s.role]));
  const answers = q.answers.filter((a) => roles.has(a.site));
  const brand = answers.find((a) => roles.get(a.site) === 'brand');
  const results: QueryCompare['results'] = {};
  for (const url of urls) {
    const site = siteOf(index, url);
    const answer = site?.role === 'competitor' ? answers.find((a) => a.site === site.name) : undefined;
    if (answer) results[url] = { site: answer.site, score: Math.round(answer.visibility), brand: brand ? Math.round(brand.visibility) : null };
  }
  return {
    question: q.text,
    winner: q.winner,
    sites: answers.map((a) => ({ site: a.site, brand: roles.get(a.site) === 'brand', score: Math.round(a.visibility) })),
    results,
  };
}
