/**
 * Site scoring: every prospect question against every crawled page.
 * Question visibility = best over pages of answer × findability; stage score = weighted mean of
 * its questions' visibility (0–100); ZMOT score = weighted mean of the stage scores.
 */
import { effectiveQuestions } from '../questions/index.ts';
import type { Config, Gap, PageArtifacts, PageResult, ProspectQuestion, QuestionResult, Scores } from '../schemas/index.ts';
import { brandNamesOf, questionContext, scorePassage, type BrandNames, type QuestionContext, type ScoredAnswer } from './answer.ts';
import type { Bm25Index, IndexedDoc } from './bm25.ts';
import { buildCorpus, ownDomains, type Corpus, type PassageRef } from './corpus.ts';
import { answeredConfidenceFor, confidenceOf, type ConfidenceEvidence } from './confidence.ts';
import { rerankBySimilarity, type PassageSimilarity } from './semantic.ts';
import { associationFor } from './rerank.ts';
import { gapFor } from './gaps.ts';
import { aiCitationOf } from './ai-citation.ts';
import { aiReadinessByStage } from '../answer-engines/readiness.ts';
import { humanSignalsByStage } from '../human-signals/site.ts';
import { personaUsabilityScores } from '../personas/site.ts';
import { aggregateScores } from './stages.ts';
import { analyzerFor } from './text.ts';
import { queryGroups } from './query-terms.ts';
import { WEIGHTS } from './weights.ts';

/** A question counts as answered when its best visibility reaches this (0..1), see weights.ts… */
export const ANSWERED_THRESHOLD = WEIGHTS.answeredThreshold;
/** …and the confidence that its best passage answers reaches its path's bar (fitted on dev, see confidence.ts): this one on a site's pages without a sentence model, where the scorer's own order chooses. */
export const ANSWERED_CONFIDENCE = WEIGHTS.wordAnsweredConfidence;
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
  /**
   * The page `pages` gave at a position (0 for its first), read again: the scoring then keeps only the
   * pages' terms and postings in memory and reads a page again when a question retrieves it (a crawl of
   * any size). Without it, an array is read by position and any other input is kept as it is read.
   */
  load?: (position: number) => { artifacts: PageArtifacts; page: PageResult } | null;
  /** The corpus, built already (`corpusBuilder` with `corpusSettings(config)`, as the report's page pass does): `pages` is then not read. */
  corpus?: Corpus;
  /** A sentence model's question–passage similarity, supplied by the caller (shared/score/semantic.ts); without it, words only. */
  similarity?: PassageSimilarity;
}

/** Scores a crawled site. Pure and deterministic: same input, same output. */
export function scoreSite({ config, questions, pages, load, corpus: built, similarity }: ScoreSiteInput): SiteScoring {
  const qs = questions ?? effectiveQuestions(config);
  const { defaultLang, isOwn } = corpusSettings(config);
  const corpus = built ?? buildCorpus(pages, defaultLang, { isOwn, ...(load ? { load } : {}) });
  const names = brandNamesOf(config);
  const results: QuestionResult[] = [];
  const gaps: Gap[] = [];
  for (const q of qs) {
    const { result, gap } = scoreQuestion(q, corpus, names, similarity);
    const aiCitation = aiCitationOf(q, config);
    results.push(aiCitation ? { ...result, aiCitation } : result);
    if (gap) gaps.push(gap);
  }
  return { scores: { ...aggregateScores(results, config), aiReadiness: aiReadinessByStage(results), humanSignals: humanSignalsByStage(results), personaUsability: personaUsabilityScores(results) }, questions: results, gaps: sortGaps(gaps, qs) };
}

/** How a site's corpus is built for a config: its default language, and which pages are the brand's own. */
export function corpusSettings(config: Config): { defaultLang: string; isOwn: (url: string) => boolean } {
  // The crawl is of the brand's site: every page is its own unless the config names its domains.
  return { defaultLang: config.languages[0] ?? 'en', isOwn: config.brand.domains.length ? ownDomains(config.brand.domains) : () => true };
}

/** One question over the corpus: its result, and its gap when it is not answered. */
export function scoreQuestion(
  question: ProspectQuestion,
  corpus: Corpus,
  names: BrandNames,
  similarity?: PassageSimilarity,
): { result: QuestionResult; gap: Gap | null; evidence: ConfidenceEvidence | null } {
  const ctx = questionContext(question, names, corpus.defaultLang);
  const index = corpus.indexes.get(ctx.analyzer.lang ?? '');
  const perPage = index ? candidatesPerPage(ctx, index, similarity) : [];
  const rank = rankOf(perPage);
  const byVisibility = perPage
    .map((c) => c.byAnswer)
    .sort((a, b) => rank(b) - rank(a) || b.answer.answer - a.answer.answer || a.page.order - b.page.order);
  const best = byVisibility[0] ?? null;
  const visibility = best ? best.answer.visibility : 0;
  // The re-ranker judged the chosen passage when it chose (a question asked of one page, or with a sentence model):
  // then how clearly it backs it is evidence; across a site's pages without the model the scorer's own order chose.
  const judged = best?.rankProbability !== undefined;
  const evidence: ConfidenceEvidence | null = best
    ? {
        relevance: best.answer.factors.relevance,
        lexical: best.lexical ?? 1,
        ...(judged ? { probability: best.rankProbability ?? 0, score: best.rankScore ?? 0, association: best.ref ? 10 * associationFor(ctx, best) : 0 } : {}),
        ...(best.semantic !== undefined ? { semantic: best.semantic } : {}),
      }
    : null;
  const confidence = evidence ? confidenceOf(evidence) : 0;
  const answered = visibility >= ANSWERED_THRESHOLD && confidence >= answeredConfidenceFor(evidence);
  const result: QuestionResult = {
    question,
    visibility,
    confidence,
    best: best ? best.answer : null,
    others: byVisibility.slice(1, 1 + RUNNERS_UP).map((s) => s.answer),
    pages: byVisibility.map((s) => ({ url: s.answer.url, answer: s.answer.answer, findability: s.answer.findability })),
    answered,
  };
  if (answered) return { result, gap: null, evidence };
  // The nearest page is the one that came closest to answering: the question's best page, so the gap
  // and the question's row agree; unless a better answer is there but hidden from search (noindex,
  // blocked), which the gap then names with the reason. Never a merely topical page.
  const own = best ? (perPage.find((c) => c.byAnswer === best) ?? null) : null;
  const hidden = perPage
    .filter((c) => c.byAnswer.blocked && c.byAnswer.answer.answer > (best?.answer.answer ?? 0))
    .sort((a, b) => b.byAnswer.answer.answer - a.byAnswer.answer.answer || a.byAnswer.page.order - b.byAnswer.page.order)[0];
  const nearest = hidden ?? own;
  const elsewhere = answerInOtherLanguage(ctx, corpus);
  return { result, gap: gapFor({ ctx, nearest: nearest ? nearest.byContent : null, visibility, corpus, elsewhere }), evidence };
}

/**
 * The ranking key of each page's answer: its visibility, except that an excerpt card on a listing
 * page never ranks above the article it excerpts when that article is among the candidates.
 */
function rankOf(perPage: PageCandidates[]): (s: ScoredAnswer) => number {
  const byUrl = new Map(perPage.map((c) => [c.byAnswer.page.url, c.byAnswer.rankKey ?? c.byAnswer.answer.visibility]));
  const key = new Map<ScoredAnswer, number>();
  for (const c of perPage) {
    const s = c.byAnswer;
    let v = s.rankKey ?? s.answer.visibility;
    const ref = s.ref;
    if (ref?.card) {
      const articles = (ref.excerptOf ?? []).map((u) => byUrl.get(u)).filter((x): x is number => x != null && x > 0);
      if (articles.length) v = Math.min(v, Math.max(...articles) * 0.999);
    }
    key.set(s, v);
  }
  return (s) => key.get(s) ?? s.rankKey ?? s.answer.visibility;
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
function candidatesPerPage(ctx: QuestionContext, index: Bm25Index<PassageRef>, similarity?: PassageSimilarity): PageCandidates[] {
  const all = judgedPassages(ctx, index, similarity);
  const pages = new Map<number, PageCandidates>();
  const better = (a: ScoredAnswer, b: ScoredAnswer) =>
    a.rankKey !== undefined || b.rankKey !== undefined ? (a.rankKey ?? -1) > (b.rankKey ?? -1) : a.answer.answer > b.answer.answer;
  for (const scored of all) {
    const prev = pages.get(scored.page.order);
    if (!prev) {
      pages.set(scored.page.order, { byAnswer: scored, byContent: scored, topicality: scored.topicality });
      continue;
    }
    if (better(scored, prev.byAnswer)) prev.byAnswer = scored;
    if (content(scored) > content(prev.byContent)) prev.byContent = scored;
    prev.topicality = Math.max(prev.topicality, scored.topicality);
  }
  return [...pages.values()].sort((a, b) => a.byAnswer.page.order - b.byAnswer.page.order);
}

/**
 * The question's candidate passages, scored, with the fitted re-ranker's view of its best few (and
 * its ranking key when it chooses): what the page choice and the confidence read. Exported for the
 * accuracy harness (bench/eval), which ranks a product page's passages by it.
 */
export function judgedPassages(ctx: QuestionContext, index: Bm25Index<PassageRef>, similarity?: PassageSimilarity): ScoredAnswer[] {
  if (!ctx.groups.length) return [];
  const hits = index.search(ctx.groups, CANDIDATE_PASSAGES);
  // Hits come best first, so a page's first hit is its best BM25 passage: each passage's BM25 share
  // is taken against that (on a product page as on a site page: the passages it competes with).
  const pageTop = new Map<number, number>();
  const all: ScoredAnswer[] = [];
  for (const hit of hits) {
    const scored = scorePassage(ctx, index, hit.doc);
    const top = pageTop.get(scored.page.order) ?? hit.score;
    pageTop.set(scored.page.order, top);
    scored.lexical = top > 0 ? Math.round((hit.score / top) * 1000) / 1000 : 0;
    all.push(scored);
  }
  // The best few passages are judged by the fitted re-ranker (rerank.ts); with a sentence model, by
  // meaning as well as words. When the words retrieve fewer than that, the retrieved pages' other
  // passages join (a product page's spec row may answer without sharing a word with the question).
  // A question asked of one page (a product page, \`zmot page --question\`): every passage of it is a candidate.
  // (A document's page is looked up without reading the page: `groupOf`, the corpus's page order.)
  const pageOf = (d: IndexedDoc<PassageRef>) => index.groupOf(d);
  if (!pageTop.size && index.docs.length && index.docs.every((d) => pageOf(d) === pageOf(index.docs[0]))) pageTop.set(pageOf(index.docs[0]), 0);
  // Without a sentence model the re-ranker chooses only when the fit found it better on dev (weights.ts),
  // and only among the passages of one page, as it was fitted (product pages): across a site's pages
  // the scorer's own order (findability, headings, titles) stands, and the re-ranker is not run.
  const reranks = WEIGHTS.rerankWithoutModel > 0 && pageTop.size <= 1;
  if (!similarity && !reranks) return all;
  if (all.length < WEIGHTS.semanticCandidates) {
    const seen = new Set(hits.map((h) => h.doc));
    for (const doc of index.docs) {
      if (!pageTop.has(pageOf(doc)) || seen.has(doc)) continue;
      const scored = scorePassage(ctx, index, doc);
      scored.lexical = 0;
      all.push(scored);
    }
  }
  const byModel = rerankBySimilarity(ctx, all, similarity);
  if (!byModel && !reranks) for (const s of all) delete s.rankKey;
  return all;
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
