/**
 * How sure the scorer is that a question's best passage truly answers it: a probability, the
 * logistic function of what the passage's words say about it, with weights fitted by `npm run fit`
 * (bench/eval/fit-weights.ts) on the dev split of the product-QA sets, where people labelled which
 * passage answers. A question counts as answered only when this reaches `answeredConfidence`, the
 * lowest probability at which ≥ 90% of the dev questions so marked truly were (docs/accuracy.md
 * gives its precision and recall on the held-back split).
 *
 * Only evidence whose meaning is the same on a product page and on a site page enters it: how much
 * of the question's (idf-weighted) words the passage holds (its relevance factor), how its BM25 score compares with its page's best BM25 passage,
 * and how the fitted re-ranker (rerank.ts) backs it: its probability among the question's best passages and its score. Shape, directness,
 * tone and findability are not in it (every product-QA passage sits under a generic heading on a
 * page whose title names no question, so that data cannot weigh them): they count through visibility.
 */
import { WEIGHTS } from './weights.ts';

export interface ConfidenceEvidence {
  /** The answer's relevance factor (0..1). */
  relevance: number;
  /** The passage's BM25 score over the best BM25 score among its page's passages (0..1). */
  lexical: number;
  /** The probability the fitted re-ranker (rerank.ts) gives the passage among the question's judged passages (softmax, 0..1). */
  probability: number;
  /** The re-ranker's score of the passage (its linear score, not relative to the others). */
  score: number;
  /** The sentence model's similarity of question and passage (shared/score/semantic.ts), when a model judged it. */
  semantic?: number;
}

/**
 * The evidence as the fit sees it: one number per weight after the bias, in this order. Without a
 * sentence model only what means the same on a product page and across a site's pages: the
 * re-ranker's probability is learnt where it chooses among one page's passages (product pages), and
 * on a site's pages (the zerabooks site, the demo) it made "answered" mean far less than on them.
 */
export const CONFIDENCE_FEATURES = ['relevance', 'lexical'] as const;

/** With a sentence model: the re-ranker's view of the passage (it chooses then) and the model's similarity, weighed by their own fitted weights. */
export const SEMANTIC_CONFIDENCE_FEATURES = ['relevance', 'lexical', 'probability', 'score', 'semantic'] as const;

export function confidenceOf(e: ConfidenceEvidence): number {
  const model = e.semantic !== undefined;
  const features: readonly (keyof ConfidenceEvidence)[] = model ? SEMANTIC_CONFIDENCE_FEATURES : CONFIDENCE_FEATURES;
  const w = model ? WEIGHTS.semanticConfidenceWeights : WEIGHTS.confidenceWeights;
  const z = features.reduce((sum, f, i) => sum + (w[i + 1] ?? 0) * (e[f] ?? 0), w[0] ?? 0);
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

/** The confidence a question must reach to count as answered: its own bar when a sentence model judged the passage. */
export function answeredConfidenceFor(e: ConfidenceEvidence | null): number {
  return e?.semantic === undefined ? WEIGHTS.answeredConfidence : WEIGHTS.semanticAnsweredConfidence;
}
