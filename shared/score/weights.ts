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
  /** …and when the confidence that its best passage answers (shared/score/confidence.ts) reaches its path's bar: fitted, the lowest with ≥ 90% precision on each set's dev questions (out of fold). This one where the re-ranker chose without a sentence model (a question asked of one page)… */
  answeredConfidence: number;
  /** Logistic weights of that confidence (fitted on dev): the bias, then one per feature of `CONFIDENCE_FEATURES.reranked` (confidence.ts). */
  confidenceWeights: number[];
  /** Where the scorer's own order chose (a site's pages without a sentence model): weights (bias, `CONFIDENCE_FEATURES.words`) and bar (pooled over both sets' dev questions). */
  wordConfidenceWeights: number[];
  wordAnsweredConfidence: number;
  /** Semantic re-ranking: how many of the best passages the re-ranker (rerank.ts) and a sentence model judge (not fitted: a cost bound, about a product page's passages). */
  semanticCandidates: number;
  /** Weights of the fitted re-ranker (rerank.ts), one per feature of `RERANK_FEATURES`, and with a sentence model one per `SEMANTIC_RERANK_FEATURES` (fitted on dev). */
  rerankWeights: number[];
  semanticRerankWeights: number[];
  /** 1: without a sentence model the re-ranker also chooses the answer among one page's passages (a question asked of one page; across a site's pages the scorer's order stands); 0: never. Set by the fit: 1 when it raises dev P@1 by a point. */
  rerankWithoutModel: number;
  /** Logistic weights of the confidence when a sentence model judged the passage (bias, then `CONFIDENCE_FEATURES.semantic`), and its answered bar (fitted on dev, as above). */
  semanticConfidenceWeights: number[];
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
  answeredConfidence: 0.875,
  confidenceWeights: [-3.031, 0.314, -2.669, 4.769, 1.361, -1.183],
  wordConfidenceWeights: [-0.819, 4.239, 0.382],
  wordAnsweredConfidence: 0.71,
  semanticCandidates: 16,
  rerankWeights: [0.542, 1.124, 1.398, 0.617, -0.669, 0, 1.084, -0.132, 0.002, 0.434],
  semanticRerankWeights: [1.201, -0.205, 0.932, 0.152, -0.154, 0, 1.144, 1.185, -0.577, 0.24, 2.881, 2.881, 0.581, 3.495, 0.357],
  rerankWithoutModel: 1,
  semanticConfidenceWeights: [-2.511, 1.512, -1.353, 3.675, 0.476, -0.436, -0.083],
  semanticAnsweredConfidence: 0.85,
};
// fit:end
