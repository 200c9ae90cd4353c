/**
 * The answer scorer's weights, as data. The block between the markers is written by
 * `npm run fit` (bench/eval/fit-weights.ts), which fits them on the dev split of the product-QA
 * sets in ../shared/fixtures/answers (never on the held-back split, the zerabooks site or the demo);
 * docs/accuracy.md says how. Do not edit the values by hand: re-run the fit.
 */
export interface ScoreWeights {
  /** Share of relevance that is the passage's BM25 score (normalised), the rest being idf-weighted word coverage. */
  bm25Blend: number;
  /** Relevance credit of a question word found only in a heading above the passage. */
  inheritedCredit: number;
  /** Relevance credit of a question word found only in the page's title or H1 (the page's subject). */
  titleCredit: number;
  /** Relevance credit of the brand's own name on the brand's own pages, where it is implied. */
  brandImpliedCredit: number;
  /** Heading match: a word in the section's sub-headings or table headers, in a heading above, in the title/H1. */
  subheadingWeight: number;
  parentHeadingWeight: number;
  titleHeadingWeight: number;
  /** Directness when no heading matches (1 when one matches fully). */
  headingFloor: number;
  /** Exponents of the answer factors: answer = relevance^a × shape^b × directness^c × tone^d. */
  relevanceExponent: number;
  shapeExponent: number;
  directnessExponent: number;
  /** A passage longer than this is read by windows of about `windowWords` words instead (its best window counts). Not fitted: no long passages in the product-QA data. */
  windowAfterWords: number;
  windowWords: number;
  /** Factor on an excerpt card of a listing page (blog index, tag, category, archive, page 2…). */
  listingFactor: number;
  /** A question counts as answered when its best answer × findability reaches this (visibility bar: not fitted, product-QA pages cannot show findability or directness)… */
  answeredThreshold: number;
  /** …and when the confidence that its best passage answers (shared/score/confidence.ts) reaches this: fitted, the lowest with ≥ 90% precision on dev. */
  answeredConfidence: number;
  /** Logistic weights of that confidence (fitted on dev): bias, relevance, BM25 share. */
  confidenceBias: number;
  confidenceRelevance: number;
  confidenceLexical: number;
  /** Semantic re-ranking (shared/score/semantic.ts): how many of the best passages a sentence model judges (not fitted: a cost bound, about a product page's passages)… */
  semanticCandidates: number;
  /** …and the share of the re-ranking key that is its similarity (fitted on dev). */
  semanticBlend: number;
  /** Logistic weights of the confidence when a sentence model judged the passage (bias, relevance, BM25 share, similarity, margin of the re-ranking), and its answered bar (fitted on dev, as above). */
  semanticConfidenceBias: number;
  semanticConfidenceRelevance: number;
  semanticConfidenceLexical: number;
  semanticConfidenceSimilarity: number;
  semanticConfidenceMargin: number;
  semanticAnsweredConfidence: number;
}

// fit:begin
export const WEIGHTS: ScoreWeights = {
  bm25Blend: 0,
  inheritedCredit: 0.5,
  titleCredit: 0.5,
  brandImpliedCredit: 1,
  subheadingWeight: 0.9,
  parentHeadingWeight: 0.5,
  titleHeadingWeight: 0.5,
  headingFloor: 0.4,
  relevanceExponent: 1,
  shapeExponent: 1,
  directnessExponent: 1,
  windowAfterWords: 400,
  windowWords: 150,
  listingFactor: 0.6,
  answeredThreshold: 0.5,
  answeredConfidence: 0.77,
  confidenceBias: -5.501,
  confidenceRelevance: 3.701,
  confidenceLexical: 5.132,
  semanticCandidates: 16,
  semanticBlend: 0.5,
  semanticConfidenceBias: -0.973,
  semanticConfidenceRelevance: 2.659,
  semanticConfidenceLexical: -1.541,
  semanticConfidenceSimilarity: 2.529,
  semanticConfidenceMargin: 4.446,
  semanticAnsweredConfidence: 0.79,
};
// fit:end
