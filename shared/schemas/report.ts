import { z } from 'zod';
import { AuditItemSchema, AuditResultSchema } from './audit.ts';
import { HistoryTrendSchema } from './history.ts';
import { PageResultSchema } from './page-result.ts';
import { ProspectQuestionSchema, StageSchema } from './question.ts';

export const REPORT_SCHEMA_VERSION = 1;

/** The multiplicative factors of an answer score: each 0..1, explainable on its own. */
export const AnswerFactorsSchema = z.object({
  relevance: z.number().min(0).max(1),
  shape: z.number().min(0).max(1),
  directness: z.number().min(0).max(1),
  tone: z.number().min(0).max(1),
});
export type AnswerFactors = z.infer<typeof AnswerFactorsSchema>;

export const AnswerSchema = z.object({
  url: z.string(),
  passageId: z.string().nullable(),
  heading: z.string().nullable(),
  /** The passage text shown as evidence (trimmed). */
  excerpt: z.string(),
  answer: z.number().min(0).max(1),
  findability: z.number().min(0).max(1),
  /** answer × findability × (1 − AI_ANSWER_SHARE × (1 − quotability)) × (1 − NO_CONTACT_SHARE[stage] when the page gives no way to reach a person) × (1 − PERSONA_SHARE × (1 − persona usability)) */
  visibility: z.number().min(0).max(1),
  /** 0..1: how far answer engines may read and quote this page (robots.txt for their crawlers, snippet controls, standalone passages); 1 when nothing stops them. */
  quotability: z.number().min(0).max(1).default(1),
  /** 0..1: the page's human-signal score for the question's stage (who wrote it, when, the company, someone to reach, customers' words; weights in shared/human-signals/config.ts); null when none applies. Absent from older reports. */
  people: z.number().min(0).max(1).nullable().optional(),
  /** For a question tagged with a built-in persona (screen-reader, slow-mobile, second-language): how far that persona can use this page, and what stops it (shared/personas). */
  persona: z.object({ id: z.string(), usability: z.number().min(0).max(1), findings: z.array(z.string()).default([]) }).optional(),
  factors: AnswerFactorsSchema,
  /** Why the factors are what they are, in words ("no price on the page", …). */
  notes: z.array(z.string()).default([]),
});
export type Answer = z.infer<typeof AnswerSchema>;

/** Who Google's AI Overview cited for a question (from the extension's export): the brand, only competitors, or neither. */
export const AiCitationSchema = z.object({
  cited: z.enum(['you', 'competitors', 'nobody']),
  /** The brand's cited URLs. */
  brand: z.array(z.string()),
  /** Names of the config's competitors it cited. */
  competitors: z.array(z.string()),
  /** How many sources it cited in all. */
  sources: z.number().int().nonnegative(),
});
export type AiCitation = z.infer<typeof AiCitationSchema>;

export const QuestionResultSchema = z.object({
  question: ProspectQuestionSchema,
  /** 0..1: best over pages of answer × findability. */
  visibility: z.number().min(0).max(1),
  best: AnswerSchema.nullable(),
  /** Runner-up answers, best first. */
  others: z.array(AnswerSchema).default([]),
  /**
   * Every page retrieved for this question with its answer score and findability, best first, without
   * the passage (compact): so that any page's answer to any question is known, not only the best four's
   * (the extension scores a result against the searched question with it). A page absent here had no
   * passage among the question's retrieval candidates. Absent from reports written before it existed.
   */
  pages: z.array(z.object({ url: z.string(), answer: z.number().min(0).max(1), findability: z.number().min(0).max(1) })).optional(),
  /**
   * 0..1: how sure the scorer is that the best passage truly answers (a probability fitted on people's
   * labels, shared/score/confidence.ts). Absent from reports written before it existed.
   */
  confidence: z.number().min(0).max(1).optional(),
  answered: z.boolean(),
  /** Cited in the AI answer: you / competitors / nobody; absent when no AI Overview was collected for the question. */
  aiCitation: AiCitationSchema.optional(),
});
export type QuestionResult = z.infer<typeof QuestionResultSchema>;

export const GapSchema = z.object({
  questionId: z.string(),
  question: z.string(),
  stage: StageSchema,
  nearestUrl: z.string().nullable(),
  missing: z.array(z.string()),
  visibility: z.number().min(0).max(1),
});
export type Gap = z.infer<typeof GapSchema>;

export const ScoresSchema = z.object({
  /** 0..100 */
  zmot: z.number().min(0).max(100),
  stages: z.object({
    interest: z.number().min(0).max(100).nullable(),
    comparison: z.number().min(0).max(100).nullable(),
    purchase: z.number().min(0).max(100).nullable(),
  }),
  personas: z.record(z.string(), z.number().min(0).max(100)).default({}),
  /** AI-answer readiness per stage, 0..100: weighted mean of the quotability of each question's best page (null: no question of that stage has one). */
  aiReadiness: z
    .object({
      interest: z.number().min(0).max(100).nullable(),
      comparison: z.number().min(0).max(100).nullable(),
      purchase: z.number().min(0).max(100).nullable(),
    })
    .optional(),
  /** Per built-in persona (screen-reader, slow-mobile, second-language), 0..100: usability of the pages that answer its questions. */
  personaUsability: z.record(z.string(), z.number().min(0).max(100)).optional(),
  /** Human signals per stage, 0..100: question-weighted mean of the human-signal score of each question's best page (null: none applies). */
  humanSignals: z
    .object({
      interest: z.number().min(0).max(100).nullable(),
      comparison: z.number().min(0).max(100).nullable(),
      purchase: z.number().min(0).max(100).nullable(),
    })
    .optional(),
});
export type Scores = z.infer<typeof ScoresSchema>;

/** A crawl-level finding: broken link, redirect chain, duplicate title, orphan… */
export const SiteIssueSchema = z.object({
  type: z.string(),
  severity: z.enum(['error', 'warning', 'notice']),
  message: z.string(),
  url: z.string().nullable(),
  items: z.array(AuditItemSchema).default([]),
});
export type SiteIssue = z.infer<typeof SiteIssueSchema>;

export const CrawlStatsSchema = z.object({
  startUrl: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  pagesFetched: z.number().int().nonnegative(),
  pagesQueued: z.number().int().nonnegative().default(0),
  errors: z.number().int().nonnegative().default(0),
  durationMs: z.number().nonnegative().default(0),
  interrupted: z.boolean().default(false),
});

export const CrawlReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('zmot-lens'), version: z.string() }),
  generatedAt: z.string(),
  site: z.object({ name: z.string().nullable(), origin: z.string() }),
  crawl: CrawlStatsSchema,
  scores: ScoresSchema.nullable(),
  pages: z.array(PageResultSchema),
  siteAudits: z.array(AuditResultSchema).default([]),
  issues: z.array(SiteIssueSchema).default([]),
  questions: z.array(QuestionResultSchema).default([]),
  gaps: z.array(GapSchema).default([]),
  /** Earlier runs of the same site from the project history (`--history`), when recorded. */
  history: HistoryTrendSchema.optional(),
});
export type CrawlReport = z.infer<typeof CrawlReportSchema>;
export type CrawlReportInput = z.input<typeof CrawlReportSchema>;
