// zod/mini like extension.ts; only the options page and the background worker read this (never the content script).
import { z } from 'zod/mini';
import { EXTENSION_LIMITS, FunnelStageSchema } from './extension.ts';

const text = (max: number) => z.string().check(z.maxLength(max));

/** A compared site, with the hosts its results are recognised by on a results page. */
export const CompareIndexSiteSchema = z.object({
  name: text(200),
  role: z.enum(['brand', 'competitor']),
  /** Host names (port kept, no "www."), from the site's origin and start URL. */
  hosts: z.array(text(260)).check(z.maxLength(4)),
});

/** One question of the compare report: each site's visibility on it (best first) and the winner. */
export const CompareIndexQuestionSchema = z.object({
  text: text(EXTENSION_LIMITS.maxQuery),
  stage: FunnelStageSchema,
  winner: z.nullable(text(200)),
  answers: z.array(z.object({ site: text(200), visibility: z.number().check(z.gte(0), z.lte(100)), answered: z.boolean() })).check(z.maxLength(20)),
});

/** An imported `zmot compare` report, reduced to what the overlay shows: what storage holds. */
export const CompareIndexSchema = z.object({
  version: z.literal(1),
  fileName: text(300),
  importedAt: text(40),
  generatedAt: text(40),
  brand: text(200),
  sites: z.array(CompareIndexSiteSchema).check(z.minLength(1), z.maxLength(20)),
  questions: z.array(CompareIndexQuestionSchema).check(z.maxLength(EXTENSION_LIMITS.maxQuestions)),
});
export type CompareIndex = z.infer<typeof CompareIndexSchema>;
