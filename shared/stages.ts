/**
 * The funnel stages and their labels, with no dependency: the schemas (shared/schemas/question.ts) build
 * their enums from these, and the extension's content script imports them without carrying zod.
 */
export const STAGE_VALUES = ['interest', 'comparison', 'purchase'] as const;
/** What a query can be classified as: a funnel stage, or navigational (outside the funnel). */
export const QUERY_STAGE_VALUES = [...STAGE_VALUES, 'navigational'] as const;

export type Stage = (typeof STAGE_VALUES)[number];
export type QueryStage = (typeof QUERY_STAGE_VALUES)[number];

/** The three funnel stages, in order. */
export const STAGES: readonly Stage[] = STAGE_VALUES;

/** How every report and the overlay name a stage: one set of labels. */
export const STAGE_LABELS: Readonly<Record<QueryStage, string>> = {
  interest: 'Interest',
  comparison: 'Comparison',
  purchase: 'Purchase',
  navigational: 'Navigational',
};
