/**
 * The fitted re-ranker: which of a question's best passages (by visibility) is its answer. A linear
 * score over evidence the scorer already has (its visibility over the best, its BM25 share, the
 * answer factors, its length, how much of it is told in the first person, whether it is a
 * "name: value" spec row, how strongly its words go with the question's words in shoppers' questions
 * and the passages people said answer them) and, when a sentence model judged it, the model's
 * similarity. Its weights and the word associations are data, fitted by `npm run fit`
 * (bench/eval/fit-weights.ts) on the dev split of the product-QA sets (listwise: the softmax of the
 * scores over a question's passages against people's labels); never on the held-back split.
 *
 * Each judged passage gets a ranking key above every passage it did not judge, the probability the
 * fitted ranker gives it among the judged passages (softmax), and its score: the last two are
 * evidence for the answered confidence (confidence.ts). A passage's visibility, answer and factors
 * are its own: the ranker changes which passage is chosen and how sure the product is, never a score.
 */
import type { Passage } from '../schemas/index.ts';
import type { QuestionContext, ScoredAnswer } from './answer.ts';
import { associationOf } from './associations.ts';
import { WEIGHTS } from './weights.ts';

/** The evidence each judged passage is scored on, in the order of the weights (`rerankWeights`). */
export const RERANK_FEATURES = ['visibility', 'lexical', 'relevance', 'shape', 'directness', 'tone', 'association', 'length', 'firstPerson', 'specRow'] as const;
/** With a sentence model: the same and its similarity, absolute and against the best judged one (`semanticRerankWeights`). */
export const SEMANTIC_RERANK_FEATURES = [...RERANK_FEATURES, 'similarity', 'similarityGap', 'transferAnswer', 'transferMargin', 'transferNear'] as const;
/** The last three: what the model has seen answer questions like this one (crawler/semantic/transfer.ts), 0 when not known. */
export const TRANSFER_FEATURES = ['transferAnswer', 'transferMargin', 'transferNear'] as const;

const FIRST_PERSON = /(?:^|[^\p{L}\p{N}'’])(?:i|i'm|i’m|i've|i’ve|i'd|my|me|mine|we|we've|our|us)(?=$|[^\p{L}\p{N}'’])/giu;
const SPEC_ROW = /^[\p{L}\p{N} ()/_-]{2,40}:\s/u;
const termsMemo = new WeakMap<Passage, string[]>();

/** The evidence of one passage, in feature order (the similarity ones only when `similarity` is given). */
export function rerankFeatures(ctx: QuestionContext, s: ScoredAnswer, bestVisibility: number, similarity?: { value: number; best: number }): number[] {
  const passage = s.ref?.passage;
  const f = s.answer.factors;
  const words = Math.max(1, passage?.wordCount ?? 1);
  const text = passage?.text ?? '';
  const row = [
    bestVisibility > 0 ? s.answer.visibility / bestVisibility : 0,
    s.lexical ?? 0,
    f.relevance,
    f.shape,
    f.directness,
    f.tone,
    10 * associationFor(ctx, s),
    Math.log(1 + words) / 5,
    Math.min(1, (10 * (text.match(FIRST_PERSON) ?? []).length) / words),
    SPEC_ROW.test(text) && words < 30 ? 1 : 0,
  ];
  if (similarity) row.push(similarity.value, similarity.value - similarity.best, ...TRANSFER_FEATURES.map((_, k) => s.semanticTransfer?.[k] ?? 0));
  return row;
}

/** The passage's association with the question (associations.ts; English only: the table's stems are English). */
export function associationFor(ctx: QuestionContext, s: ScoredAnswer): number {
  const passage = s.ref?.passage;
  if (!passage || ctx.analyzer.lang !== 'en') return 0;
  let terms = termsMemo.get(passage);
  if (!terms) termsMemo.set(passage, (terms = ctx.analyzer.terms(passage.text)));
  return associationOf(questionTerms(ctx), terms);
}

const questionTermsMemo = new WeakMap<QuestionContext, string[]>();
function questionTerms(ctx: QuestionContext): string[] {
  let t = questionTermsMemo.get(ctx);
  if (!t) questionTermsMemo.set(ctx, (t = [...new Set(ctx.analyzer.terms(ctx.question.text))]));
  return t;
}

/**
 * The passages the re-ranker judges (the question's `semanticCandidates` best by visibility) and the
 * evidence of each; with `withSimilarity`, the sentence model's similarity set on them (`semantic`).
 */
export function rerankInputs(ctx: QuestionContext, scored: ScoredAnswer[], withSimilarity: boolean): { top: ScoredAnswer[]; rows: number[][] } {
  const withText = scored.filter((s) => s.ref?.passage);
  if (!withText.length) return { top: [], rows: [] };
  // Best visibility first; passages that share no word with the question (visibility 0) by their word associations.
  const assoc = new Map(withText.map((s) => [s, s.answer.visibility > 0 ? 0 : associationFor(ctx, s)]));
  const order = [...withText].sort((a, b) => b.answer.visibility - a.answer.visibility || assoc.get(b)! - assoc.get(a)! || a.page.order - b.page.order);
  const top = order.slice(0, Math.max(1, Math.round(WEIGHTS.semanticCandidates)));
  const best = top[0].answer.visibility;
  const bestSim = withSimilarity ? Math.max(...top.map((s) => s.semantic ?? 0)) : 0;
  const rows = top.map((s) => rerankFeatures(ctx, s, best, withSimilarity ? { value: s.semantic ?? 0, best: bestSim } : undefined));
  return { top, rows };
}

/**
 * Re-ranks the question's best passages with the fitted weights (with the sentence model's
 * similarity when `withSimilarity`: set on the judged passages beforehand), setting `rankKey`,
 * `rankProbability`, `rankScore` and `rankMargin` on them and `rankKey` on the others.
 */
export function rerankPassages(ctx: QuestionContext, scored: ScoredAnswer[], withSimilarity: boolean): void {
  const { top, rows } = rerankInputs(ctx, scored, withSimilarity);
  if (!top.length) return;
  const best = top[0].answer.visibility;
  const weights = withSimilarity ? WEIGHTS.semanticRerankWeights : WEIGHTS.rerankWeights;
  const z = rows.map((x) => x.reduce((sum, xi, k) => sum + xi * (weights[k] ?? 0), 0));
  const max = Math.max(...z);
  // The probability and margin are among the judged passages of the same page (on a product page, all
  // of them), as the fit learnt them: how clearly this passage is its page's answer.
  const samePage = (i: number) => top.map((_, j) => j).filter((j) => top[j].page.order === top[i].page.order);
  const judged = new Set(top);
  top.forEach((s, i) => {
    const page = samePage(i);
    const pageMax = Math.max(...page.map((j) => z[j]));
    const total = page.reduce((sum, j) => sum + Math.exp(z[j] - pageMax), 0);
    s.rankScore = Math.round(z[i] * 1000) / 1000;
    s.rankProbability = Math.round((Math.exp(z[i] - pageMax) / total) * 1000) / 1000;
    // Above every passage not judged (≤ 1), in the order of the scores, without saturating.
    s.rankKey = 2 + (z[i] - max) / (1 + Math.abs(z[i] - max));
    const others = page.filter((j) => j !== i).map((j) => z[j]);
    s.rankMargin = Math.round((others.length ? z[i] - Math.max(...others) : 1) * 1000) / 1000;
  });
  for (const s of scored) if (!judged.has(s)) s.rankKey = best > 0 ? Math.min(1, s.answer.visibility / best) : 0;
}
