import { z } from 'zod';
import { ProspectQuestionSchema, StageSchema } from './question.ts';

const PartySchema = z.object({
  name: z.string().min(1),
  domains: z.array(z.string().min(1)).default([]),
});

export const QuestionFileSchema = z.object({
  path: z.string().min(1),
  format: z.enum(['csv', 'search-console', 'paa-json']),
});

export const CrawlConfigSchema = z.strictObject({
  startUrls: z.array(z.url()).default([]),
  maxPages: z.number().int().positive().default(500),
  maxDepth: z.number().int().nonnegative().default(10),
  concurrency: z.number().int().positive().max(64).default(8),
  /** URL patterns (substring or /regex/) a URL must match to be crawled; empty = all in scope. */
  include: z.array(z.string()).default([]),
  exclude: z.array(z.string()).default([]),
  respectRobots: z.boolean().default(true),
  userAgent: z.string().optional(),
  /** Query parameters dropped from URLs before de-duplication (tracking, sorting). */
  ignoreParams: z.array(z.string()).default([]),
  render: z.boolean().default(false),
  lighthouse: z.number().int().nonnegative().default(0),
  timeoutMs: z.number().int().positive().default(15000),
  delayMs: z.number().int().nonnegative().default(0),
  maxBodyBytes: z.number().int().positive().default(10 * 1024 * 1024),
  /** Crawler knobs a config file may set; absent = the crawler's defaults (crawler/crawl/options.ts). */
  maxUrlsPerPattern: z.number().int().positive().optional(),
  maxPatternRun: z.number().int().positive().optional(),
  sitemaps: z.boolean().optional(),
  followNofollow: z.boolean().optional(),
  retries: z.number().int().nonnegative().max(10).optional(),
  maxRedirects: z.number().int().nonnegative().max(30).optional(),
  /** Also drop the built-in tracking/sorting/session parameters (utm_*, sort, sessionid…); `ignoreParams` adds to them. */
  defaultIgnoreParams: z.boolean().optional(),
  /** Private/loopback targets: 'auto' allows them only when the start URL is itself local. */
  privateNetworks: z.enum(['auto', 'allow', 'refuse']).optional(),
});
export type CrawlConfig = z.infer<typeof CrawlConfigSchema>;

export const AssertionLevelSchema = z.enum(['off', 'warn', 'error']);

/** Lighthouse-CI-style assertions for `zmot ci`. Each is [level, options]. */
export const AssertionSchema = z.object({
  id: z.string().optional(),
  level: AssertionLevelSchema.default('error'),
  /** e.g. 'score:zmot', 'score:interest', 'audit:document-title', 'issue:broken-link', 'question:q-price' */
  target: z.string().min(1),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Only pages whose URL matches this pattern count (audit targets). */
  urlPattern: z.string().optional(),
});
export type Assertion = z.infer<typeof AssertionSchema>;

// Strict: a misspelt key ("questionfiles", "crawl.maxpages") is reported, not silently ignored.
export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  brand: PartySchema.extend({ name: z.string().min(1) }),
  category: z.string().min(1).optional(),
  products: z.array(z.string().min(1)).default([]),
  competitors: z.array(PartySchema).default([]),
  languages: z.array(z.string().min(2).max(10)).min(1).default(['en']),
  /** Expand brand/category/competitors into starter questions per stage and language. */
  templates: z.boolean().default(true),
  questions: z.array(ProspectQuestionSchema).default([]),
  questionFiles: z.array(QuestionFileSchema).default([]),
  /** Personas to report coverage for; defaults to the personas named on questions. */
  personas: z.array(z.string().min(1)).default([]),
  stageWeights: z.partialRecord(StageSchema, z.number().nonnegative()).optional(),
  crawl: CrawlConfigSchema.prefault({}),
  assertions: z.array(AssertionSchema).default([]),
  baseline: z
    .object({ path: z.string().optional(), tolerance: z.number().nonnegative().default(2) })
    .optional(),
  /** Project history folder (or .sqlite file), relative to the config file: every run is recorded there. */
  history: z.string().min(1).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
