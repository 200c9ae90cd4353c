/**
 * Site scoring: every prospect question against every crawled page.
 * Question visibility = best over pages of answer × findability; stage score = weighted mean of
 * its questions' visibility (0–100); ZMOT score = weighted mean of the stage scores.
 */
import { effectiveQuestions } from '../questions/index.ts';
import type { Config, Gap, PageArtifacts, PageResult, ProspectQuestion, QuestionResult, Scores } from '../schemas/index.ts';
import { brandNamesOf, questionContext, scorePassage, type BrandNames, type QuestionContext, type ScoredAnswer } from './answer.ts';
import type { Bm25Index } from './bm25.ts';
import { buildCorpus, type Corpus, type PassageRef } from './corpus.ts';
import { gapFor } from './gaps.ts';
import { aiReadinessByStage } from '../answer-engines/readiness.ts';
import { aggregateScores } from './stages.ts';
import { analyzerFor } from './text.ts';
import { queryGroups } from './query-terms.ts';

/** A question counts as answered when its best visibility reaches this (0..1). */
export const ANSWERED_THRESHOLD = 0.5;
/** Passages retrieved by BM25 per question before the answer score ranks them. */
const CANDIDATE_PASSAGES = 60;
/** Runner-up answers kept per question (distinct pages). */
const RUNNERS_UP = 3;

export interface SiteScoring {
  scores: Scores;
  questions: QuestionResult[];
  gaps: Gap[];
}

export interface ScoreSiteInput {
  config: Config;
  questions?: ProspectQuestion[];
  pages: Iterable<{ artifacts: PageArtifacts; page: PageResult }>;
}

/** Scores a crawled site. Pure and deterministic: same input, same output. */
export function scoreSite({ config, questions, pages }: ScoreSiteInput): SiteScoring {
  const qs = questions ?? effectiveQuestions(config);
  const defaultLang = config.languages[0] ?? 'en';
  const corpus = buildCorpus(pages, defaultLang);
  const names = brandNamesOf(config);
  const results: QuestionResult[] = [];
  const gaps: Gap[] = [];
  for (const q of qs) {
    const { result, gap } = scoreQuestion(q, corpus, names);
    results.push(result);
    if (gap) gaps.push(gap);
  }
  return { scores: { ...aggregateScores(results, config), aiReadiness: aiReadinessByStage(results) }, questions: results, gaps: sortGaps(gaps, qs) };
}

/** One question over the corpus: its result, and its gap when it is not answered. */
export function scoreQuestion(question: ProspectQuestion, corpus: Corpus, names: BrandNames): { result: QuestionResult; gap: Gap | null } {
  const ctx = questionContext(question, names, corpus.defaultLang);
  const index = corpus.indexes.get(ctx.analyzer.lang ?? '');
  const perPage = index ? candidatesPerPage(ctx, index) : [];
  const byVisibility = perPage
    .map((c) => c.byAnswer)
    .sort((a, b) => b.answer.visibility - a.answer.visibility || b.answer.answer - a.answer.answer || a.page.order - b.page.order);
  const best = byVisibility[0] ?? null;
  const visibility = best ? best.answer.visibility : 0;
  const answered = visibility >= ANSWERED_THRESHOLD;
  const result: QuestionResult = {
    question,
    visibility,
    best: best ? best.answer : null,
    others: byVisibility.slice(1, 1 + RUNNERS_UP).map((s) => s.answer),
    answered,
  };
  if (answered) return { result, gap: null };
  // The nearest page is the most on-topic one; its passage with the best content explains what is missing.
  const nearest = [...perPage].sort((a, b) => b.topicality - a.topicality || content(b.byContent) - content(a.byContent) || a.byAnswer.page.order - b.byAnswer.page.order)[0] ?? null;
  const elsewhere = answerInOtherLanguage(ctx, corpus);
  return { result, gap: gapFor({ ctx, nearest: nearest ? nearest.byContent : null, visibility, corpus, elsewhere }) };
}

/** What a passage says, whatever its place and findability: relevance × shape × tone. */
function content(s: ScoredAnswer): number {
  const f = s.answer.factors;
  return f.relevance * f.shape * f.tone;
}

interface PageCandidates {
  /** The passage with the best answer score: the page's answer. */
  byAnswer: ScoredAnswer;
  /** The passage with the best content: what a gap on this page is explained with. */
  byContent: ScoredAnswer;
  /** Best topicality (relevance, discounted for link lists) of any passage of the page. */
  topicality: number;
}

/** For each page among the BM25 candidates: its best answer, best content and best topicality. */
function candidatesPerPage(ctx: QuestionContext, index: Bm25Index<PassageRef>): PageCandidates[] {
  if (!ctx.groups.length) return [];
  const hits = index.search(ctx.groups, CANDIDATE_PASSAGES);
  const pages = new Map<number, PageCandidates>();
  for (const hit of hits) {
    const scored = scorePassage(ctx, index, hit.doc);
    const prev = pages.get(scored.page.order);
    if (!prev) {
      pages.set(scored.page.order, { byAnswer: scored, byContent: scored, topicality: scored.topicality });
      continue;
    }
    if (scored.answer.answer > prev.byAnswer.answer.answer) prev.byAnswer = scored;
    if (content(scored) > content(prev.byContent)) prev.byContent = scored;
    prev.topicality = Math.max(prev.topicality, scored.topicality);
  }
  return [...pages.values()].sort((a, b) => a.byAnswer.page.order - b.byAnswer.page.order);
}

/** When no page in the question's language answers, a page in another language may: worth saying so. */
function answerInOtherLanguage(ctx: QuestionContext, corpus: Corpus): ScoredAnswer | null {
  let found: ScoredAnswer | null = null;
  for (const [lang, index] of [...corpus.indexes.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (lang === (ctx.analyzer.lang ?? '')) continue;
    // The question's words, stop words of its own language removed, stemmed as the other language does.
    const own = ctx.analyzer;
    const words = ctx.questionWords.filter((w) => own.term(w) != null).join(' ');
    // Words the other language never uses (untranslated ones) say nothing; names and shared words do.
    const all = queryGroups(words, lang);
    const shared = all.filter((g) => index.documentFrequency(g) > 0);
    if (shared.length < 2 || shared.length * 2 < all.length) continue;
    const other = { ...ctx, analyzer: analyzerFor(lang), groups: shared };
    for (const c of candidatesPerPage(other, index)) {
      if (!found || c.byAnswer.answer.visibility > found.answer.visibility) found = c.byAnswer;
    }
  }
  return found && found.answer.visibility >= ANSWERED_THRESHOLD * 0.6 ? found : null;
}

const STAGE_ORDER = { interest: 0, comparison: 1, purchase: 2 } as const;

/** Gaps grouped by stage (interest, comparison, purchase), the heaviest and least visible first. */
function sortGaps(gaps: Gap[], questions: ProspectQuestion[]): Gap[] {
  const weight = new Map(questions.map((q) => [q.id, q.weight]));
  const position = new Map(questions.map((q, i) => [q.id, i]));
  return [...gaps].sort(
    (a, b) =>
      STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] ||
      (weight.get(b.questionId) ?? 1) - (weight.get(a.questionId) ?? 1) ||
      a.visibility - b.visibility ||
      (position.get(a.questionId) ?? 0) - (position.get(b.questionId) ?? 0),
  );
}
