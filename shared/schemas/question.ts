import { z } from 'zod';

import { QUERY_STAGE_VALUES, STAGE_VALUES } from '../stages.ts';
import { AiSourceSchema } from './questions-export.ts';

export { STAGE_LABELS, STAGES } from '../stages.ts';

/** The three funnel stages a brand is scored on (values and labels in shared/stages.ts). */
export const StageSchema = z.enum(STAGE_VALUES);
export type Stage = z.infer<typeof StageSchema>;

/** What a query can be classified as: a funnel stage, or navigational (outside the funnel). */
export const QueryStageSchema = z.enum(QUERY_STAGE_VALUES);
export type QueryStage = z.infer<typeof QueryStageSchema>;

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
  /** The sources Google's AI Overview cited for this question when the extension collected it. */
  aiAnswer: z.object({ sources: z.array(AiSourceSchema).max(50), seenAt: z.string().max(40).optional() }).optional(),
});
export type ProspectQuestion = z.infer<typeof ProspectQuestionSchema>;
export type ProspectQuestionInput = z.input<typeof ProspectQuestionSchema>;
