/**
 * The query classifier's global weights (shared/classify/query-stage.ts). Data, not code: the block between
 * `// fit:begin` and `// fit:end` is written by `npx tsx bench/eval/fit-stages.ts`, a coordinate search on the
 * DEV halves of ORCAS-I-gold and the team-written set only (the held-out halves are never read by it).
 */
export interface QueryWeights {
  /** Every query starts with a little interest: most searches are informational (Broder 2002, Jansen et al. 2008). */
  interestPrior: number;
  /** …a smaller one when words of the query already argue for a stage: the prior only breaks near-ties then. */
  interestPriorWithEvidence: number;
  /** …and each topic word no signal explains adds to it, up to three words. */
  interestPerTopicWord: number;
  /** A single word shaped like a topic (-ism, a plural, a place) adds this to interest. */
  commonNounPrior: number;
  /** How much a name still argues for navigation when the rest of the query is ordinary words about it. */
  nameAsTopicFactor: number;
  /** A navigational name next to clear funnel words ("amazon prime price") is the topic, not the intent. */
  navDampingWithFunnel: number;
  /** Weight of a name of the gazetteer built from simple-icons (the hand list of big sites weighs 1.2). */
  gazetteerWeight: number;
  /** Weight of a chain or organisation name of name-suggestion-index. */
  organisationWeight: number;
  /** A misspelt word counts for less than the word itself: the reading is a guess. */
  fuzzyFactor: number;
  /** A name read inside a joined token ("myhbo") counts for less than the name typed alone. */
  joinedFactor: number;
}

// fit:begin
export const QUERY_WEIGHTS: QueryWeights = {
  interestPrior: 0.25,
  interestPriorWithEvidence: 0.1,
  interestPerTopicWord: 0.12,
  commonNounPrior: 0.5,
  nameAsTopicFactor: 0.4,
  navDampingWithFunnel: 0.5,
  gazetteerWeight: 1,
  organisationWeight: 1,
  fuzzyFactor: 0.8,
  joinedFactor: 0.8,
};
// fit:end
