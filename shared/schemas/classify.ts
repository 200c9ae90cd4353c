import { z } from 'zod';
import { QueryStageSchema } from './question.ts';

/** Broder's (2002) intents; the same query seen through the taxonomy search research uses. */
export const BroderIntentSchema = z.enum(['informational', 'navigational', 'transactional']);
export type BroderIntent = z.infer<typeof BroderIntentSchema>;

const Share = z.number().min(0).max(1);

/** How strongly each stage is indicated; the four shares sum to 1. */
export const QueryStageScoresSchema = z.object({
  interest: Share,
  comparison: Share,
  purchase: Share,
  navigational: Share,
});
export type QueryStageScores = z.infer<typeof QueryStageScoresSchema>;

/** One piece of evidence: the word or pattern that matched, the stage it points at and how much it counted. */
export const QuerySignalSchema = z.object({
  stage: QueryStageSchema,
  /** The matched word, phrase or pattern as found in the query ("how much", "near me", "X vs Y", "facebook.com"). */
  signal: z.string(),
  weight: z.number().nonnegative(),
  /** Where the evidence came from: a lexicon language ('en', 'fr'…), 'neutral', 'site', 'brand' or 'fallback'. */
  source: z.string(),
});
export type QuerySignal = z.infer<typeof QuerySignalSchema>;

export const QueryClassificationSchema = z.object({
  query: z.string(),
  stage: QueryStageSchema,
  confidence: Share,
  /** ISO 639-1 code given by the caller or detected; 'und' when undetermined. */
  lang: z.string().min(2),
  scores: QueryStageScoresSchema,
  signals: z.array(QuerySignalSchema),
  /** The stage mapped onto Broder's taxonomy (comparison leans transactional when price words back it). */
  broder: BroderIntentSchema,
});
export type QueryClassification = z.infer<typeof QueryClassificationSchema>;

export const ClassifyQueryOptionsSchema = z.object({
  /** Language of the query when known (a results page's hl=, a question's lang); detected otherwise. */
  lang: z.string().optional(),
  /** The user's brand and competitors: a query made of one of them is navigational. */
  brandNames: z.array(z.string()).default([]),
  brandDomains: z.array(z.string()).default([]),
});
export type ClassifyQueryOptions = z.input<typeof ClassifyQueryOptionsSchema>;
