/**
 * How sure the scorer is that a question's best passage truly answers it: a probability, the
 * logistic function of what the passage's words say about it, with weights fitted by `npm run fit`
 * (bench/eval/fit-weights.ts) on the dev split of the product-QA sets, where people labelled which
 * passage answers. A question counts as answered only when this reaches `answeredConfidence`, the
 * lowest probability at which ≥ 90% of the dev questions so marked truly were (docs/accuracy.md
 * gives its precision and recall on the held-back split).
 *
 * Only evidence whose meaning is the same on a product page and on a site page enters it: how much
 * of the question's (idf-weighted) words the passage holds (its relevance factor), and how its BM25 score compares with its page's best BM25 passage. Shape, directness,
 * tone and findability are not in it (every product-QA passage sits under a generic heading on a
 * page whose title names no question, so that data cannot weigh them): they count through visibility.
 */
import { WEIGHTS } from './weights.ts';

export interface ConfidenceEvidence {
  /** The answer's relevance factor (0..1). */
  relevance: number;
  /** The passage's BM25 score over the best BM25 score among its page's passages (0..1). */
  lexical: number;
  /** The sentence model's similarity of question and passage (shared/score/semantic.ts), when a model judged it. */
  semantic?: number;
  /** How clearly the passage won the re-ranking: its key minus the best other judged passage's (shared/score/semantic.ts). */
  margin?: number;
}

/** The evidence as the fit sees it: one number per weight, in the order of `CONFIDENCE_FEATURES`. */
export const CONFIDENCE_FEATURES = ['relevance', 'lexical'] as const;

/** With a sentence model's similarity: the same evidence and it, weighed by their own fitted weights. */
export const SEMANTIC_CONFIDENCE_FEATURES = ['relevance', 'lexical', 'semantic', 'margin'] as const;

export function confidenceOf(e: ConfidenceEvidence): number {
  const z =
    e.semantic === undefined
      ? WEIGHTS.confidenceBias + WEIGHTS.confidenceRelevance * e.relevance + WEIGHTS.confidenceLexical * e.lexical
      : WEIGHTS.semanticConfidenceBias +
        WEIGHTS.semanticConfidenceRelevance * e.relevance +
        WEIGHTS.semanticConfidenceLexical * e.lexical +
        WEIGHTS.semanticConfidenceSimilarity * e.semantic +
        WEIGHTS.semanticConfidenceMargin * (e.margin ?? 0);
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

/** The confidence a question must reach to count as answered: its own bar when a sentence model judged the passage. */
export function answeredConfidenceFor(e: ConfidenceEvidence | null): number {
  return e?.semantic === undefined ? WEIGHTS.answeredConfidence : WEIGHTS.semanticAnsweredConfidence;
}
