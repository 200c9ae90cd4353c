import { z } from 'zod';
import { CrawlConfigSchema, type CrawlConfig } from '../../shared/schemas/index.ts';
import { parseUrlPattern } from './urls.ts';

/** The user agent we send: a browser-like prefix so servers send real pages, then our name and token. */
export const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; zmotbot/0.1; ZMOTLens; +https://zmot-lens.invalid/bot)';

const patternList = z.array(z.string()).superRefine((patterns, ctx) => {
  for (const p of patterns) {
    try {
      parseUrlPattern(p);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  }
});

/**
 * Everything `crawl()` accepts, with defaults. The user-facing part is the config file's `crawl`
 * section (CrawlConfigSchema); the rest are engine knobs with sensible values.
 */
export const CrawlOptionsSchema = CrawlConfigSchema.extend({
  startUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  include: patternList.default([]),
  exclude: patternList.default([]),
  /** The SQLite crawl store; ':memory:' keeps it in memory (no resume). */
  storePath: z.string().min(1).default(':memory:'),
  /** Continue the crawl in `storePath` instead of starting over. */
  resume: z.boolean().default(false),
  userAgent: z.string().min(1).default(DEFAULT_USER_AGENT),
  /** Requests in flight to one host; defaults to `concurrency`. */
  perHostConcurrency: z.number().int().positive().max(64).optional(),
  headersTimeoutMs: z.number().int().positive().default(10_000),
  bodyTimeoutMs: z.number().int().positive().default(10_000),
  retries: z.number().int().nonnegative().max(10).default(2),
  retryBaseMs: z.number().int().nonnegative().default(500),
  /** Longest Retry-After we wait for; a longer one is recorded on the page and not waited for. */
  maxRetryAfterMs: z.number().int().nonnegative().default(30_000),
  maxRedirects: z.number().int().nonnegative().max(30).default(10),
  /** robots.txt Crawl-delay is honoured up to this (a day-long delay would stall the crawl). */
  maxCrawlDelayMs: z.number().int().nonnegative().default(10_000),
  followNofollow: z.boolean().default(false),
  queueCanonicals: z.boolean().default(true),
  queueHreflang: z.boolean().default(true),
  sitemaps: z.boolean().default(true),
  maxSitemaps: z.number().int().positive().default(200),
  maxSitemapUrls: z.number().int().positive().default(500_000),
  /** Link-discovered URLs of one shape (numbers and parameter values blurred) crawled at most. */
  maxUrlsPerPattern: z.number().int().positive().default(10_000),
  /** Longest chain of same-shaped pages, each found on the previous one (calendars, endless "next"). */
  maxPatternRun: z.number().int().positive().default(30),
  /** Bound on URLs waiting in the queue (the frontier lives on disk, but nothing is unbounded). */
  maxQueued: z.number().int().positive().default(1_000_000),
  defaultIgnoreParams: z.boolean().default(true),
  privateNetworks: z.enum(['auto', 'allow', 'refuse']).default('auto'),
  renderConcurrency: z.number().int().positive().max(16).default(2),
  renderTimeoutMs: z.number().int().positive().default(30_000),
  /** Worker threads that extract and score pages (0 = on the main thread); default: one per core but one (the main thread's), at least 1, at most 4. */
  workers: z.number().int().nonnegative().max(16).optional(),
  /** Milliseconds between progress events. */
  progressIntervalMs: z.number().int().positive().default(250),
});
export type CrawlOptions = z.infer<typeof CrawlOptionsSchema>;
export type CrawlOptionsInput = z.input<typeof CrawlOptionsSchema>;

/** Command-line flags of `zmot crawl` that map onto crawl options. */
export interface CrawlFlags {
  maxPages?: number;
  maxDepth?: number;
  concurrency?: number;
  render?: boolean;
  lighthouse?: number;
  ignoreRobots?: boolean;
  include?: string[];
  exclude?: string[];
  delayMs?: number;
  timeoutMs?: number;
  userAgent?: string;
  workers?: number;
}

/** Environment variables, for CI where flags are awkward. */
export const CRAWL_ENV = {
  ZMOT_MAX_PAGES: 'maxPages',
  ZMOT_MAX_DEPTH: 'maxDepth',
  ZMOT_CONCURRENCY: 'concurrency',
  ZMOT_DELAY_MS: 'delayMs',
  ZMOT_TIMEOUT_MS: 'timeoutMs',
  ZMOT_LIGHTHOUSE: 'lighthouse',
  ZMOT_USER_AGENT: 'userAgent',
  ZMOT_RENDER: 'render',
  ZMOT_IGNORE_ROBOTS: 'ignoreRobots',
  ZMOT_WORKERS: 'workers',
} as const satisfies Record<string, keyof CrawlFlags>;

const BOOLEAN_FLAGS = new Set<keyof CrawlFlags>(['render', 'ignoreRobots']);
const STRING_FLAGS = new Set<keyof CrawlFlags>(['userAgent']);

/** Reads crawl settings from the environment; a malformed value is reported, not ignored. */
export function crawlFlagsFromEnv(env: NodeJS.ProcessEnv): { flags: CrawlFlags; errors: string[] } {
  const flags: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [name, key] of Object.entries(CRAWL_ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (BOOLEAN_FLAGS.has(key)) {
      if (!/^(1|0|true|false|yes|no)$/i.test(raw)) errors.push(`${name} must be 1/0/true/false, got: ${raw}`);
      else flags[key] = /^(1|true|yes)$/i.test(raw);
    } else if (STRING_FLAGS.has(key)) flags[key] = raw;
    else {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) errors.push(`${name} must be a whole number, got: ${raw}`);
      else flags[key] = n;
    }
  }
  return { flags: flags as CrawlFlags, errors };
}

function overlay(target: Record<string, unknown>, flags: CrawlFlags) {
  for (const [key, value] of Object.entries(flags)) {
    if (value === undefined) continue;
    if (key === 'ignoreRobots') target.respectRobots = !value;
    else if ((key === 'include' || key === 'exclude') && Array.isArray(value) && value.length === 0) continue;
    else target[key] = value;
  }
}

/** flags > env > config file > defaults. Returns raw input for CrawlOptionsSchema. */
export function mergeCrawlSettings(parts: { config?: Partial<CrawlConfig>; env?: CrawlFlags; flags?: CrawlFlags; extra?: Partial<CrawlOptionsInput> }): CrawlOptionsInput {
  const merged: Record<string, unknown> = { ...(parts.config ?? {}) };
  if (parts.env) overlay(merged, parts.env);
  if (parts.flags) overlay(merged, parts.flags);
  Object.assign(merged, parts.extra ?? {});
  return merged as CrawlOptionsInput;
}
