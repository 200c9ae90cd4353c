import { z } from 'zod';
import { AuditResultSchema } from './audit.ts';
import { LighthouseFiguresSchema, RedirectHopSchema } from './artifacts.ts';

export const StageProfileSchema = z.object({
  interest: z.number().min(0).max(1),
  comparison: z.number().min(0).max(1),
  purchase: z.number().min(0).max(1),
  /** The signals that shaped the profile, for the report's "why". */
  signals: z.array(z.string()).default([]),
});
export type StageProfile = z.infer<typeof StageProfileSchema>;

export const FindabilitySchema = z.object({
  /** 0..1 weighted mean of the page's audits; 0 when the page cannot be indexed. */
  score: z.number().min(0).max(1),
  indexable: z.boolean(),
  /** Failing audits that cost the most, id with the weight lost. */
  failing: z.array(z.object({ id: z.string(), title: z.string(), lost: z.number() })).default([]),
});
export type Findability = z.infer<typeof FindabilitySchema>;

/** One page as it appears in a report: identity, summary facts, audits and scores. */
export const PageResultSchema = z.object({
  url: z.string(),
  requestedUrl: z.string().optional(),
  status: z.number().int(),
  contentType: z.string().nullable(),
  title: z.string().nullable(),
  metaDescription: z.string().nullable(),
  h1: z.string().nullable(),
  lang: z.string().nullable(),
  canonical: z.string().nullable(),
  wordCount: z.number().int().nonnegative(),
  depth: z.number().int().nonnegative().nullable(),
  inSitemap: z.boolean().nullable(),
  indexable: z.boolean(),
  redirectChain: z.array(RedirectHopSchema).default([]),
  fetchError: z.string().nullable().default(null),
  audits: z.array(AuditResultSchema),
  findability: FindabilitySchema,
  stageProfile: StageProfileSchema.nullable().default(null),
  lighthouse: LighthouseFiguresSchema.nullable().default(null),
});
export type PageResult = z.infer<typeof PageResultSchema>;
