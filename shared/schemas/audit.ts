import { z } from 'zod';
import { StageSchema } from './question.ts';

/** One row of an audit's details: the offending link, image, tag… Values are plain data. */
export const AuditItemSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type AuditItem = z.infer<typeof AuditItemSchema>;

export const ScoreDisplayModeSchema = z.enum(['binary', 'numeric', 'informative', 'notApplicable', 'error']);
export type ScoreDisplayMode = z.infer<typeof ScoreDisplayModeSchema>;

export const AuditGroupSchema = z.enum(['crawl', 'content', 'structured-data', 'international', 'links', 'performance', 'site', 'answer-engines', 'people']);

export const AuditMetaSchema = z.object({
  id: z.string(),
  title: z.string(),
  failureTitle: z.string(),
  description: z.string(),
  group: AuditGroupSchema,
  stage: StageSchema.optional(),
  /** Artifact fields the audit reads: documentation and a check that the input has them. */
  requires: z.array(z.string()),
});
export type AuditMeta = z.infer<typeof AuditMetaSchema>;

export const AuditResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** 0..1; null for informative, not-applicable and errored audits. */
  score: z.number().min(0).max(1).nullable(),
  scoreDisplayMode: ScoreDisplayModeSchema,
  displayValue: z.string().optional(),
  explanation: z.string().optional(),
  errorMessage: z.string().optional(),
  warnings: z.array(z.string()).default([]),
  /** Offending (or, for informative audits, listed) items. */
  items: z.array(AuditItemSchema).default([]),
  /** Weight it carried in the findability score (0 when not applicable). */
  weight: z.number().nonnegative().default(0),
});
export type AuditResult = z.infer<typeof AuditResultSchema>;
export type AuditResultInput = z.input<typeof AuditResultSchema>;
