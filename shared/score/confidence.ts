/**
 * How sure the scorer is that a question's best passage truly answers it: a probability, the
 * logistic function of what is known about the passage and its competition, with weights fitted by
 * `npm run fit` (bench/eval/fit-weights.ts) on the dev split of the product-QA sets, where people
 * labelled which passage answers. A question counts as answered only when this reaches its path's bar,
 * chosen on dev (out of fold) as the lowest at which ≥ 90% of each set's dev questions so marked truly
 * were (docs/accuracy.md gives its precision and recall on the held-back split).
 *
 * Three paths, each with its own fitted weights and bar, because what is known differs:
 * - the re-ranker chose (a question asked of one page: a product page, `zmot page --question`), no
 *   sentence model: relevance, BM25 share, the re-ranker's probability of the passage among its page's
 *   judged passages (softmax: how clearly it beats its competition), its score, and how strongly its
 *   words go with the question's (the word associations);
 * - the re-ranker chose with a sentence model (on any page set): the same and the model's cosine;
 * - the scorer's own order chose (a question across a site's pages without the model, where the
 *   re-ranker does not run): relevance and BM25 share only. Its bar is pooled over both sets: product
 *   pages cannot calibrate what a site page adds (headings, findability), which the visibility bar of
 *   "answered" asks for there.
 * Shape, directness, tone and findability are not in it (every product-QA passage sits under a
 * generic heading on a page whose title names no question, so that data cannot weigh them).
 */
import { WEIGHTS } from './weights.ts';

export interface ConfidenceEvidence {
  /** The answer's relevance factor (0..1). */
  relevance: number;
  /** The passage's BM25 score over the best BM25 score among its page's passages (0..1). */
  lexical: number;
  /** When the re-ranker (rerank.ts) chose the passage: its probability among its page's judged passages (softmax, 0..1)… */
  probability?: number;
  /** …its score (the linear score, not relative to the others)… */
  score?: number;
  /** …and how strongly the passage's words go with the question's (its word associations, ×10; 0 outside English). */
  association?: number;
  /** The sentence model's similarity of question and passage (shared/score/semantic.ts), when a model judged it. */
  semantic?: number;
}

export type ConfidencePath = 'words' | 'reranked' | 'semantic';

/** The evidence each path reads, one number per weight after the bias, in this order. */
export const CONFIDENCE_FEATURES: Record<ConfidencePath, readonly (keyof ConfidenceEvidence)[]> = {
  words: ['relevance', 'lexical'],
  reranked: ['relevance', 'lexical', 'probability', 'score', 'association'],
  semantic: ['relevance', 'lexical', 'probability', 'score', 'association', 'semantic'],
};

export function confidencePath(e: ConfidenceEvidence): ConfidencePath {
  return e.semantic !== undefined ? 'semantic' : e.probability !== undefined ? 'reranked' : 'words';
}

function weightsOf(path: ConfidencePath): { weights: number[]; bar: number } {
  if (path === 'semantic') return { weights: WEIGHTS.semanticConfidenceWeights, bar: WEIGHTS.semanticAnsweredConfidence };
  if (path === 'reranked') return { weights: WEIGHTS.confidenceWeights, bar: WEIGHTS.answeredConfidence };
  return { weights: WEIGHTS.wordConfidenceWeights, bar: WEIGHTS.wordAnsweredConfidence };
}

export function confidenceOf(e: ConfidenceEvidence): number {
  const path = confidencePath(e);
  const w = weightsOf(path).weights;
  const z = CONFIDENCE_FEATURES[path].reduce((sum, f, i) => sum + (w[i + 1] ?? 0) * (e[f] ?? 0), w[0] ?? 0);
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

/** The confidence a question must reach to count as answered: its path's bar. */
export function answeredConfidenceFor(e: ConfidenceEvidence | null): number {
  return weightsOf(e ? confidencePath(e) : 'words').bar;
}
