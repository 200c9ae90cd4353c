import { z } from 'zod';
import { CrawlReportSchema, type Answer, type CrawlReport } from '../../shared/schemas/report.ts';
import {
  EXTENSION_LIMITS,
  ReportIndexSchema,
  type ReportIndex,
  type ReportPageEntry,
  type ResultScore,
} from '../../shared/schemas/extension.ts';
import { analyzerFor } from '../../shared/score/text.ts';
import { dominantStage } from '../../shared/classify/page-stage.ts';
import { foldText } from '../../shared/classify/query-text.ts';
import { urlKey } from './url-key.ts';

// Shown in the options page when an imported file is refused; each names the file and the problem.
const MESSAGES = {
  tooLarge: (file: string, mb: number) => `${file}: the file is larger than ${mb} MB; import the report.json of one crawl`,
  notJson: (file: string, reason: string) => `${file}: not a JSON file (${reason})`,
  invalid: (file: string, where: string, problem: string, more: number, what: string) =>
    `${file}: not a ZMOT Lens ${what} — ${where}: ${problem}${more ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`,
  tooManyPages: (file: string, n: number) => `${file}: the report has ${n} pages; the extension keeps at most ${EXTENSION_LIMITS.maxReportPages}`,
  nearestQuestion: (q: string) => `Answer score for the report's nearest question: “${q}”.`,
  noQuestion: 'The report has no question close to this query: only findability is known.',
  notRetrieved: 'The report found no passage of this page for this question: no answer score, only findability.',
  noPassageKept: 'The report keeps the answering passage only for its best pages on this question.',
} as const;

/** A report file bigger than this is refused before parsing (a report is a few MB at most). */
export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

/** Below this overlap of content words, a report question is not "about" the query. */
const MIN_QUESTION_SIMILARITY = 0.5;

export type ReportImportResult = { ok: true; index: ReportIndex } | { ok: false; message: string };

/** One line naming the file, the first bad field and what is wrong with it. */
export function describeIssues(file: string, error: z.ZodError, what = 'crawl report'): string {
  const first = error.issues[0];
  const where = first && first.path.length ? first.path.map(String).join('.') : '(root)';
  return MESSAGES.invalid(file, where, first?.message ?? 'invalid', Math.max(0, error.issues.length - 1), what);
}

/** An imported file's text as JSON (size checked first), or one line saying why it is not. */
export function readReportJson(fileName: string, text: string): { ok: true; file: string; json: unknown } | { ok: false; message: string } {
  const file = fileName.slice(0, 200) || 'report.json';
  if (text.length > MAX_REPORT_BYTES) return { ok: false, message: MESSAGES.tooLarge(file, MAX_REPORT_BYTES / 1024 / 1024) };
  try {
    return { ok: true, file, json: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: MESSAGES.notJson(file, (e instanceof Error ? e.message : String(e)).slice(0, 120)) };
  }
}

/** Reads an imported file's text into a report index, or says in one line why it cannot. */
export function importReport(fileName: string, text: string, now = new Date()): ReportImportResult {
  const read = readReportJson(fileName, text);
  return read.ok ? importReportJson(read.file, read.json, now) : read;
}

/** A crawl report already parsed as JSON → report index, or one line saying why it is not one. */
export function importReportJson(file: string, json: unknown, now = new Date()): ReportImportResult {
  const parsed = CrawlReportSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: describeIssues(file, parsed.error) };
  if (parsed.data.pages.length > EXTENSION_LIMITS.maxReportPages) return { ok: false, message: MESSAGES.tooManyPages(file, parsed.data.pages.length) };
  return { ok: true, index: reportIndexFrom(parsed.data, file, now) };
}

const trim = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Reduces a crawl report to what the overlay shows, keyed by normalised URL (and the page's aliases). */
export function reportIndexFrom(report: CrawlReport, fileName: string, now = new Date()): ReportIndex {
  const pages: Record<string, ReportPageEntry> = {};
  for (const page of report.pages) {
    const entry: ReportPageEntry = {
      url: trim(page.url, EXTENSION_LIMITS.maxUrl),
      title: page.title === null ? null : trim(page.title, 300),
      findability: page.findability.score,
      indexable: page.findability.indexable,
      failing: page.findability.failing.slice(0, 20).map((f) => ({ id: trim(f.id, 100), title: trim(f.title, 300), lost: Math.min(1, Math.max(0, f.lost)) })),
      stageProfile: page.stageProfile ? { ...page.stageProfile, signals: page.stageProfile.signals.slice(0, 20).map((x) => trim(x, 300)) } : null,
      dominantStage: page.stageProfile ? dominantStage(page.stageProfile) : null,
    };
    // The final URL wins over aliases (requested URL, canonical) when two pages share a key.
    const keys = [page.url, page.requestedUrl, page.indexable ? page.canonical : null].filter((u): u is string => !!u).map(urlKey).filter(Boolean);
    keys.forEach((key, i) => {
      if (i === 0 || !(key in pages)) pages[key] = entry;
    });
  }
  const questions = report.questions.map((q) => {
    const answers: ReportIndex['questions'][number]['answers'] = {};
    for (const a of [q.best, ...q.others].filter((x): x is Answer => x !== null)) {
      const key = urlKey(a.url);
      if (!key || key in answers) continue;
      answers[key] = { answer: a.answer, findability: a.findability, heading: a.heading === null ? null : trim(a.heading, 300), excerpt: trim(a.excerpt, EXTENSION_LIMITS.maxExcerpt), notes: a.notes.slice(0, 10).map((n) => trim(n, 300)) };
    }
    const scores: ReportIndex['questions'][number]['scores'] = {};
    for (const a of q.pages ?? []) {
      const key = urlKey(a.url);
      if (key && !(key in scores)) scores[key] = [a.answer, a.findability];
    }
    return { text: q.question.text, stage: q.question.stage, answers, scores };
  });
  return ReportIndexSchema.parse({
    version: 1,
    fileName: trim(fileName, 300),
    importedAt: now.toISOString(),
    generatedAt: report.generatedAt,
    site: report.site,
    pages,
    questions,
  });
}

/** Content words of a question or query (stemmed, stop words dropped), for "same question" checks. */
function contentTerms(text: string, lang: string | null): Set<string> {
  return new Set(analyzerFor(lang ?? 'en').terms(text));
}

/** Content words of each question of a list, computed once per list and language (lookups repeat). */
const questionTermsMemo = new WeakMap<object, Map<string, Array<Set<string>>>>();
function questionTerms(owner: object, questions: ReadonlyArray<{ text: string }>, lang: string | null): Array<Set<string>> {
  let byLang = questionTermsMemo.get(owner);
  if (!byLang) questionTermsMemo.set(owner, (byLang = new Map()));
  const key = lang ?? '';
  let terms = byLang.get(key);
  if (!terms) byLang.set(key, (terms = questions.map((q) => contentTerms(q.text, lang))));
  return terms;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * The question of a list that is the query (similarity 1), else the one closest to it above the
 * floor, else null. `owner` keys the memo of the questions' content words (the stored index).
 */
export function closestQuestion<Q extends { text: string }>(owner: object, questions: readonly Q[], query: string, lang: string | null): { question: Q; similarity: number } | null {
  const same = questions.find((q) => sameText(q.text, query));
  if (same) return { question: same, similarity: 1 };
  let target: { question: Q; similarity: number } | null = null;
  const queryTerms = contentTerms(query, lang);
  const termsOf = questionTerms(owner, questions, lang);
  for (const [i, question] of questions.entries()) {
    const sim = similarity(queryTerms, termsOf[i]);
    if (sim >= MIN_QUESTION_SIMILARITY && (!target || sim > target.similarity)) target = { question, similarity: sim };
  }
  return target;
}

const sameText = (a: string, b: string) => foldText(a).replace(/[^\p{L}\p{N}]+/gu, ' ').trim() === foldText(b).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * A report's score for one result URL and one query: findability and profile of the page, and the
 * answer score of the report question that is the query (or closest to it, above a floor).
 * Null when the URL is not in the report.
 */
export function scoreFromReport(index: ReportIndex, url: string, query: string, lang: string | null): ResultScore | null {
  const key = urlKey(url);
  const page = key ? index.pages[key] : undefined;
  if (!page) return null;
  type Found = { text: string; similarity: number; answer: number; findability: number; full: ReportIndex['questions'][number]['answers'][string] | null };
  const found = (question: ReportIndex['questions'][number], similarity: number): Found | null => {
    const full = question.answers[key] ?? null;
    const compact = question.scores[key];
    if (full) return { text: question.text, similarity, answer: full.answer, findability: full.findability, full };
    return compact ? { text: question.text, similarity, answer: compact[0], findability: compact[1], full: null } : null;
  };
  // The badge scores the searched query: the report question that is the query, else the one
  // closest to it (named in the pill), and no other, even when the report has no answer of this
  // page to that question (then there is no answer score, only findability).
  const target = closestQuestion(index, index.questions, query, lang);
  const best = target ? found(target.question, target.similarity) : null;
  const notes = [
    ...(target && target.similarity < 1 ? [MESSAGES.nearestQuestion(trim(target.question.text, 200))] : []),
    ...(!target ? [MESSAGES.noQuestion] : !best ? [MESSAGES.notRetrieved] : best.full ? best.full.notes : [MESSAGES.noPassageKept]),
  ];
  return {
    url: trim(url, EXTENSION_LIMITS.maxUrl),
    source: 'report',
    answer: best ? best.answer : null,
    answerFor: target ? trim(target.question.text, EXTENSION_LIMITS.maxQuery) : null,
    findability: best ? best.findability : page.findability,
    indexable: page.indexable,
    stageProfile: page.stageProfile,
    dominantStage: page.dominantStage,
    failing: page.failing,
    passage: best?.full ? { heading: best.full.heading, excerpt: best.full.excerpt } : null,
    notes: notes.slice(0, 10),
    title: page.title,
    scoredAt: index.generatedAt,
  };
}
