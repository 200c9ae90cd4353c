import { z } from 'zod';

/** One recorded run as the trend chart shows it: when, and the scores then. */
export const TrendPointSchema = z.object({
  runId: z.number().int().positive(),
  recordedAt: z.string(),
  zmot: z.number().min(0).max(100).nullable(),
  stages: z.object({
    interest: z.number().min(0).max(100).nullable(),
    comparison: z.number().min(0).max(100).nullable(),
    purchase: z.number().min(0).max(100).nullable(),
  }),
  pages: z.number().int().nonnegative(),
  questions: z.number().int().nonnegative(),
  configHash: z.string(),
});
export type TrendPoint = z.infer<typeof TrendPointSchema>;

/** Something that happened between two runs and explains a jump: pages added or removed, questions added, config changed. */
export const TrendEventSchema = z.object({
  runId: z.number().int().positive(),
  kind: z.enum(['pages-added', 'pages-removed', 'questions-added', 'questions-removed', 'config-changed', 'pages-noindexed', 'pages-indexable']),
  message: z.string(),
});
export type TrendEvent = z.infer<typeof TrendEventSchema>;

/** The project history as a report carries it (report.json `history`): runs of the same site, oldest first. */
export const HistoryTrendSchema = z.object({
  file: z.string(),
  site: z.string(),
  runs: z.array(TrendPointSchema),
  events: z.array(TrendEventSchema).default([]),
  /** What changed since the previous run of the same site, most important first (the summary's "since last run" lines). */
  sinceLast: z
    .object({
      previousRunId: z.number().int().positive(),
      lines: z.array(z.string()),
    })
    .nullable()
    .default(null),
});
export type HistoryTrend = z.infer<typeof HistoryTrendSchema>;
