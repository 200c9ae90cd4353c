// zod/mini, not classic zod: these schemas run in the content script, whose size budget (40 KB
// gzipped) classic zod alone would take most of. Same zod v4 engine, same z.infer types.
import { z } from 'zod/mini';
import { OVERLAY_LANGUAGES } from '../overlay-languages.ts';
import type { StageProfile } from './page-result.ts';
import type { QueryStage, Stage } from './question.ts';

/**
 * What the extension's parts store and say to each other. Every storage read and every message is
 * parsed with these schemas: a page, another extension or a corrupted profile cannot feed the
 * overlay anything these shapes do not allow. Requests to the background worker, which carry
 * collected questions, are in extension-requests.ts.
 */

/** Bounds that keep one message or one stored value small whatever a page contains. */
export const EXTENSION_LIMITS = {
  maxUrl: 2048,
  maxQuery: 500,
  maxResultsPerPage: 100,
  maxDomains: 200,
  maxQuestions: 5000,
  maxExcerpt: 600,
  maxCacheEntries: 400,
  maxReportPages: 20_000,
} as const;

const text = (max: number) => z.string().check(z.maxLength(max));
const share = () => z.number().check(z.gte(0), z.lte(1));
const count = () => z.int().check(z.gte(0));

/** A host name as the user's lists hold it: lower-case, no scheme, no port, no leading "www.". */
export const DomainSchema = z.string().check(z.minLength(1), z.maxLength(253), z.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/));
export type Domain = z.infer<typeof DomainSchema>;

export const HttpUrlSchema = z.string().check(z.maxLength(EXTENSION_LIMITS.maxUrl), z.regex(/^https?:\/\//i));

/** The funnel stages and navigational: mirrors QueryStageSchema (checked at compile time below). */
export const ExtensionQueryStageSchema = z.enum(['interest', 'comparison', 'purchase', 'navigational']);

export const FunnelStageSchema = z.enum(['interest', 'comparison', 'purchase']);

/**
 * The language chosen in the options: 'auto' (the classifier detects the query's language) or a code
 * of shared/lang's registry. Checked for shape only, so that the content script, which parses the
 * settings, does not load the language packs: the options offer exactly the registered packs
 * (PACK_LANGUAGES), and the background reads a code without a pack as 'auto'.
 */
export const ExtensionLanguageSchema = z.string().check(z.regex(/^(?:auto|[a-z]{2,3})$/));
export type ExtensionLanguage = z.infer<typeof ExtensionLanguageSchema>;

/** Languages of the overlay's own words; 'auto' follows the results page's interface language. */
export const OverlayLanguageSchema = z.enum(['auto', ...OVERLAY_LANGUAGES]);

/** The user's settings (options page and popup toggles). Defaults make an empty store valid. */
export const SettingsSchema = z.object({
  /** The brand's name(s), so that a query made of the brand name reads as navigational. */
  brandNames: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))).check(z.maxLength(20)), []),
  brandDomains: z._default(z.array(DomainSchema).check(z.maxLength(EXTENSION_LIMITS.maxDomains)), []),
  competitorDomains: z._default(z.array(DomainSchema).check(z.maxLength(EXTENSION_LIMITS.maxDomains)), []),
  /** Domains whose result pages the background worker may fetch and score live. */
  liveDomains: z._default(z.array(DomainSchema).check(z.maxLength(EXTENSION_LIMITS.maxDomains)), []),
  language: z._default(ExtensionLanguageSchema, 'auto'),
  showBadges: z._default(z.boolean(), true),
  showPanel: z._default(z.boolean(), true),
  /** Full "not scored" pills instead of a quiet marker on results without a score. */
  showUnscored: z._default(z.boolean(), false),
  /** The overlay's words: the results page's language, or the one chosen here. */
  overlayLanguage: z._default(OverlayLanguageSchema, 'auto'),
  liveScoring: z._default(z.boolean(), true),
  /** Live fetches allowed per browser session, whatever the number of results pages. */
  liveLimitPerSession: z._default(z.int().check(z.gte(0), z.lte(1000)), 50),
  /** How long a live score stays fresh. */
  cacheTtlHours: z._default(z.number().check(z.gte(0.1), z.lte(24 * 30)), 24),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsInput = z.input<typeof SettingsSchema>;

/** How much a page serves each stage: the report's StageProfile (checked at compile time below). */
export const ExtensionStageProfileSchema = z.object({
  interest: share(),
  comparison: share(),
  purchase: share(),
  signals: z._default(z.array(text(300)).check(z.maxLength(20)), []),
});

/** A failing findability audit as the badge details list it. */
export const FailingAuditSchema = z.object({
  id: text(100),
  title: text(300),
  lost: share(),
});

/** The passage that answers the query best, as evidence. */
export const AnswerPassageSchema = z.object({
  heading: z.nullable(text(300)),
  excerpt: text(EXTENSION_LIMITS.maxExcerpt),
});

/** What a badge shows for one result: answer score for this query, findability and the why. */
export const ResultScoreSchema = z.object({
  url: HttpUrlSchema,
  source: z.enum(['report', 'live']),
  /** 0..1 answer score of the page for `answerFor`; null when no question of the report is close to the query. */
  answer: z.nullable(share()),
  /** The question the answer score is for: the query itself, or the report question nearest to it. */
  answerFor: z.nullable(text(EXTENSION_LIMITS.maxQuery)),
  /** 0..1 findability of the page for this question (for the page alone when no question matched). */
  findability: share(),
  indexable: z.boolean(),
  stageProfile: z.nullable(ExtensionStageProfileSchema),
  /** The stage the page mostly serves (shared `dominantStage`), null when none stands out. */
  dominantStage: z.nullable(FunnelStageSchema),
  failing: z.array(FailingAuditSchema).check(z.maxLength(20)),
  passage: z.nullable(AnswerPassageSchema),
  /** Why the answer factors are what they are ("no price on the page", …). */
  notes: z._default(z.array(text(300)).check(z.maxLength(10)), []),
  title: z.nullable(text(300)),
  scoredAt: text(40),
});
export type ResultScore = z.infer<typeof ResultScoreSchema>;

/** Why a result has no score. */
export const UnscoredReasonSchema = z.enum([
  'not-in-report', // no report entry and the domain is not allowed for live scoring
  'live-disabled', // live scoring switched off in the options
  'no-permission', // allowed in the options but the browser permission was not granted
  'session-limit', // the per-session number of live fetches is used up
  'fetch-failed', // the page could not be fetched or read
  'not-html', // the page is not an HTML page
  'error', // anything else; the message says what
]);
export type UnscoredReason = z.infer<typeof UnscoredReasonSchema>;

/** One result's state as the content script tracks it. */
export const ResultStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('scored'), score: ResultScoreSchema }),
  /** The background worker will score it live; the content script asks for it with `score:live`. */
  z.object({ status: z.literal('pending') }),
  z.object({ status: z.literal('unscored'), reason: UnscoredReasonSchema, message: text(300) }),
]);
export type ResultState = z.infer<typeof ResultStateSchema>;

/** A live score kept in storage until it expires. */
export const CachedScoreEntrySchema = z.object({
  score: ResultScoreSchema,
  /** Epoch milliseconds. */
  expiresAt: z.number(),
});
export type CachedScoreEntry = z.infer<typeof CachedScoreEntrySchema>;
export const ScoreCacheSchema = z.record(text(EXTENSION_LIMITS.maxUrl + EXTENSION_LIMITS.maxQuery + 10), CachedScoreEntrySchema);
export type ScoreCache = z.infer<typeof ScoreCacheSchema>;

/** A report page, reduced to what the overlay shows. */
export const ReportPageEntrySchema = z.object({
  url: text(EXTENSION_LIMITS.maxUrl),
  title: z.nullable(text(300)),
  findability: share(),
  indexable: z.boolean(),
  failing: z.array(FailingAuditSchema).check(z.maxLength(20)),
  stageProfile: z.nullable(ExtensionStageProfileSchema),
  dominantStage: z.nullable(FunnelStageSchema),
});
export type ReportPageEntry = z.infer<typeof ReportPageEntrySchema>;

/** One answer of the report, keyed by page in `ReportQuestionEntry.answers`. */
export const ReportAnswerEntrySchema = z.object({
  answer: share(),
  /** Findability of the page for this question (title, H1, description hold its words…). */
  findability: share(),
  heading: z.nullable(text(300)),
  excerpt: text(EXTENSION_LIMITS.maxExcerpt),
  notes: z._default(z.array(text(300)).check(z.maxLength(10)), []),
});
export const ReportQuestionEntrySchema = z.object({
  text: text(EXTENSION_LIMITS.maxQuery),
  stage: FunnelStageSchema,
  /** Normalised page URL → that page's answer to this question (the report's best pages, with their passage). */
  answers: z.record(z.string(), ReportAnswerEntrySchema),
  /** Normalised page URL → [answer, findability] for every page the report retrieved for this question. */
  scores: z._default(z.record(z.string(), z.tuple([share(), share()])), {}),
});
export type ReportQuestionEntry = z.infer<typeof ReportQuestionEntrySchema>;

/** An imported crawl report, reduced and keyed by normalised URL: what storage holds. */
export const ReportIndexSchema = z.object({
  version: z.literal(1),
  fileName: text(300),
  importedAt: text(40),
  generatedAt: text(40),
  site: z.object({ name: z.nullable(text(300)), origin: text(EXTENSION_LIMITS.maxUrl) }),
  /** Normalised page URL → page entry. */
  pages: z.record(z.string(), ReportPageEntrySchema),
  questions: z.array(ReportQuestionEntrySchema),
});
export type ReportIndex = z.infer<typeof ReportIndexSchema>;

/** The query's stage as the shared classifier reads it, reduced to what the overlay shows. */
export const QueryStageInfoSchema = z.object({
  stage: ExtensionQueryStageSchema,
  confidence: share(),
  /** ISO 639-1 code, 'und' when undetermined. */
  lang: text(10),
  /** The words and patterns that decided it ("how much", "vs"). */
  signals: z.array(text(200)).check(z.maxLength(20)),
});
export type QueryStageInfo = z.infer<typeof QueryStageInfoSchema>;

/** A result in the page summary. */
export const SummaryResultSchema = z.object({
  position: z.int().check(z.gte(1)),
  domain: text(253),
  party: z.enum(['brand', 'competitor', 'other']),
});

/** One source the page's AI Overview cites, with its party and, when it is also an organic result, its position there. */
export const AiCitedSourceSchema = z.object({
  position: z.int().check(z.gte(1)),
  domain: text(253),
  title: text(300),
  party: z.enum(['brand', 'competitor', 'other']),
  organicPosition: z.nullable(z.int().check(z.gte(1))),
});
export type AiCitedSource = z.infer<typeof AiCitedSourceSchema>;

/** The AI Overview as the summary panel shows it: who is cited, and whether it was read expanded. */
export const AiOverviewSummarySchema = z.object({
  expanded: z.boolean(),
  sources: z.array(AiCitedSourceSchema).check(z.maxLength(50)),
});
export type AiOverviewSummary = z.infer<typeof AiOverviewSummarySchema>;

/**
 * What the overlay shows from an imported compare report for one query, shaped by the worker: who
 * answers it best among the crawled sites, each site's score (ZMOT visibility 0..100, rounded) and,
 * for the results that are a compared competitor's, that site's score beside the brand's.
 */
export const QueryCompareSchema = z.object({
  /** The compare report's question: the query itself, or the one nearest to it. */
  question: text(EXTENSION_LIMITS.maxQuery),
  /** The crawled site that answers it best; null when none does. */
  winner: z.nullable(text(200)),
  /** Every crawled site, best first. */
  sites: z.array(z.object({ site: text(200), brand: z.boolean(), score: count() })).check(z.maxLength(20)),
  /** Result URL of a compared competitor → its site, its score and the brand's. */
  results: z.record(z.string(), z.object({ site: text(200), score: count(), brand: z.nullable(count()) })),
});
export type QueryCompare = z.infer<typeof QueryCompareSchema>;

/** What the content script knows of the current results page: the popup shows it. */
export const PageSummarySchema = z.object({
  query: z.nullable(text(EXTENSION_LIMITS.maxQuery)),
  stage: z.nullable(ExtensionQueryStageSchema),
  confidence: z.nullable(share()),
  organicCount: count(),
  brandPosition: z.nullable(z.int().check(z.gte(1))),
  competitors: z.array(SummaryResultSchema).check(z.maxLength(EXTENSION_LIMITS.maxResultsPerPage)),
  /** How many results mostly serve each stage, from the profiles of pages we have scores for. */
  stageCounts: z.object({ interest: count(), comparison: count(), purchase: count(), unknown: count() }),
  scored: count(),
  peopleAlsoAsk: z.array(text(500)).check(z.maxLength(50)),
  /** One line per problem (parser warning, failed fetch); empty when all went well. */
  notices: z.array(text(300)).check(z.maxLength(20)),
  /** The page's AI Overview; absent when the page has none. */
  aiOverview: z.optional(AiOverviewSummarySchema),
  /** From an imported compare report: who answers this query best among the crawled sites. */
  compare: z.optional(QueryCompareSchema),
});
export type PageSummary = z.infer<typeof PageSummarySchema>;

/** Reply to `score:lookup`: the query's stage, and a state per URL asked. */
export const ScoreLookupResponseSchema = z.object({
  type: z.literal('score:lookup'),
  classification: z.nullable(QueryStageInfoSchema),
  results: z.record(z.string(), ResultStateSchema),
  /** Present when a compare report is imported and one of its questions is this query (or near it). */
  compare: z.optional(QueryCompareSchema),
});
export type ScoreLookupResponse = z.infer<typeof ScoreLookupResponseSchema>;

export const ScoreLiveResponseSchema = z.object({ type: z.literal('score:live'), url: z.string(), state: ResultStateSchema });
export type ScoreLiveResponse = z.infer<typeof ScoreLiveResponseSchema>;

export const QuestionsAddResponseSchema = z.object({ type: z.literal('questions:add'), added: count(), total: count() });
export type QuestionsAddResponse = z.infer<typeof QuestionsAddResponseSchema>;

export const AckResponseSchema = z.object({ type: z.literal('ack') });

/**
 * Reply to `words:get`: one language's word table, null for English (the content script has it).
 * Checked word by word against the English table by the content script (i18n/words.ts `tableFrom`).
 */
export const WordsResponseSchema = z.object({ type: z.literal('words'), lang: text(10), words: z.nullable(z.record(z.string(), z.unknown())) });
export type WordsResponse = z.infer<typeof WordsResponseSchema>;

/** A request the background worker refused or failed on; the caller shows `message`. */
export const ErrorResponseSchema = z.object({ type: z.literal('error'), message: text(300) });
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** Requests to the content script of a results tab (from the popup). */
export const TabRequestSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('summary:get') }), z.object({ type: z.literal('questions:collect') })]);
export type TabRequest = z.infer<typeof TabRequestSchema>;

export const SummaryResponseSchema = z.object({ type: z.literal('summary'), summary: z.nullable(PageSummarySchema) });
export type SummaryResponse = z.infer<typeof SummaryResponseSchema>;

// The mirrored shapes stay identical to the shared ones: a change on either side fails type-checking.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStageProfile: Same<z.infer<typeof ExtensionStageProfileSchema>, StageProfile> = true;
const sameQueryStage: Same<z.infer<typeof ExtensionQueryStageSchema>, QueryStage> = true;
const sameStage: Same<z.infer<typeof FunnelStageSchema>, Stage> = true;
void sameStageProfile;
void sameQueryStage;
void sameStage;
