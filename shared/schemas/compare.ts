import { z } from 'zod';
import { ScoresSchema } from './report.ts';
import { ProspectQuestionSchema, StageSchema } from './question.ts';

export const COMPARE_SCHEMA_VERSION = 1;

/** One crawled site in a comparison: the brand's or a competitor's, scored from its own point of view. */
export const CompareSiteSchema = z.object({
  name: z.string(),
  role: z.enum(['brand', 'competitor']),
  origin: z.string(),
  startUrl: z.string(),
  pagesFetched: z.number().int().nonnegative(),
  /** This site's scores on the shared question set. */
  scores: ScoresSchema.nullable(),
  /** Folder holding this site's own crawl and reports. */
  reportDir: z.string().nullable().default(null),
});
export type CompareSite = z.infer<typeof CompareSiteSchema>;

/** How well one site answers one question: its best page and passage. */
export const SiteAnswerSchema = z.object({
  site: z.string(),
  /** 0..100 */
  visibility: z.number().min(0).max(100),
  answered: z.boolean(),
  url: z.string().nullable(),
  heading: z.string().nullable(),
  excerpt: z.string(),
});
export type SiteAnswer = z.infer<typeof SiteAnswerSchema>;

export const CompareQuestionSchema = z.object({
  question: ProspectQuestionSchema,
  /** Every site's answer, best first. */
  answers: z.array(SiteAnswerSchema),
  /** The site with the best answer among those that answer it; null when nobody does (an open opportunity). */
  winner: z.string().nullable(),
  /** Points between the winner and the next site (0..100). */
  margin: z.number().min(0).max(100),
  /** The brand's standing: it wins, a competitor wins, or nobody answers. */
  outcome: z.enum(['brand-wins', 'brand-loses', 'nobody']),
});
export type CompareQuestion = z.infer<typeof CompareQuestionSchema>;

/** One stage: who wins its questions (share of the stage's question weight, 0..100) and each site's stage score. */
export const CompareStageSchema = z.object({
  stage: StageSchema,
  questions: z.number().int().nonnegative(),
  share: z.record(z.string(), z.number().min(0).max(100)),
  /** Share of the stage's weight nobody answers. */
  nobody: z.number().min(0).max(100),
  scores: z.record(z.string(), z.number().min(0).max(100).nullable()),
  /** The site with the largest share (null when nobody answers anything). */
  leader: z.string().nullable(),
});
export type CompareStage = z.infer<typeof CompareStageSchema>;

export const CompareReportSchema = z.object({
  schemaVersion: z.literal(COMPARE_SCHEMA_VERSION),
  kind: z.literal('zmot-compare'),
  tool: z.object({ name: z.literal('zmot-lens'), version: z.string() }),
  generatedAt: z.string(),
  brand: z.string(),
  sites: z.array(CompareSiteSchema).min(1),
  stages: z.array(CompareStageSchema),
  questions: z.array(CompareQuestionSchema),
  /** Questions a competitor answers better than the brand, the heaviest and widest margin first. */
  losses: z.array(z.string()),
  /** Questions nobody answers: the open opportunities, the heaviest first. */
  opportunities: z.array(z.string()),
});
export type CompareReport = z.infer<typeof CompareReportSchema>;

/** What `zmot compare --json` prints: the sites and stage shares, how many losses and opportunities, the files written. */
export const CompareCliOutputSchema = z.object({
  brand: z.string(),
  sites: z.array(CompareSiteSchema).min(2),
  stages: z.array(CompareStageSchema),
  losses: z.number().int().nonnegative(),
  opportunities: z.number().int().nonnegative(),
  files: z.array(z.string()).min(1),
});
export type CompareCliOutput = z.infer<typeof CompareCliOutputSchema>;
