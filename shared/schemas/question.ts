import { z } from 'zod';

/** The three funnel stages a brand is scored on. */
export const StageSchema = z.enum(['interest', 'comparison', 'purchase']);
export type Stage = z.infer<typeof StageSchema>;
export const STAGES: readonly Stage[] = StageSchema.options;

/** What a query can be classified as: a funnel stage, or navigational (outside the funnel). */
export const QueryStageSchema = z.enum(['interest', 'comparison', 'purchase', 'navigational']);
export type QueryStage = z.infer<typeof QueryStageSchema>;

/** How every report and the overlay name a stage: one set of labels. */
export const STAGE_LABELS: Readonly<Record<QueryStage, string>> = {
  interest: 'Interest',
  comparison: 'Comparison',
  purchase: 'Purchase',
  navigational: 'Navigational',
};

export const QuestionSourceSchema = z.enum(['config', 'template', 'paa', 'search-console', 'csv', 'query']);
export type QuestionSource = z.infer<typeof QuestionSourceSchema>;

/** A question a prospect asks before talking to a seller. */
export const ProspectQuestionSchema = z.object({
  id: z.string().min(1),
  text: z.string().trim().min(1).max(500),
  stage: StageSchema,
  persona: z.string().min(1).optional(),
  weight: z.number().positive().finite().default(1),
  source: QuestionSourceSchema.default('config'),
  lang: z.string().min(2).max(10).optional(),
});
export type ProspectQuestion = z.infer<typeof ProspectQuestionSchema>;
export type ProspectQuestionInput = z.input<typeof ProspectQuestionSchema>;
