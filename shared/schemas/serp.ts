import { z } from 'zod';

/** What kind of Google page was read: a results page, a captcha wall, or a query with no results. */
export const SerpKindSchema = z.enum(['results', 'captcha', 'no-results', 'unknown']);
export type SerpKind = z.infer<typeof SerpKindSchema>;

/** Which of Google's markups the page uses (the parser holds across all of them). */
export const SerpLayoutSchema = z.enum(['desktop', 'mobile', 'nojs', 'unknown']);
export type SerpLayout = z.infer<typeof SerpLayoutSchema>;

/** One organic (unpaid) result, in the order Google shows it. */
export const SerpOrganicResultSchema = z.object({
  /** 1-based rank among organic results, featured snippet included. */
  position: z.number().int().positive(),
  title: z.string().min(1),
  /** Absolute http(s) URL of the result, Google's redirect unwrapped. */
  url: z.string(),
  /** The URL as Google prints it under the title ("https://example.com › docs"), '' when absent. */
  displayedUrl: z.string(),
  /** Host name without a leading "www.". */
  domain: z.string(),
  snippet: z.string(),
  /** True for the featured snippet ("position zero") box. */
  featured: z.boolean(),
});
export type SerpOrganicResult = z.infer<typeof SerpOrganicResultSchema>;

/** One text ad ("Sponsored"), above or below the organic results. */
export const SerpAdSchema = z.object({
  placement: z.enum(['top', 'bottom']),
  /** 1-based rank within its placement. */
  position: z.number().int().positive(),
  title: z.string(),
  /** Landing page: the advertiser's URL where Google exposes it, else the click URL. */
  url: z.string(),
  displayedUrl: z.string(),
  domain: z.string(),
});
export type SerpAd = z.infer<typeof SerpAdSchema>;

/** One business of the local pack (map results). */
export const SerpLocalResultSchema = z.object({
  title: z.string(),
  rating: z.number().nullable(),
  reviews: z.number().int().nonnegative().nullable(),
  address: z.string().nullable().optional(),
});
export type SerpLocalResult = z.infer<typeof SerpLocalResultSchema>;

/** Where in the AI Overview a source is cited. */
export const SerpAiSourceViaSchema = z.enum([
  /** A citation chip after a sentence (its URL sits in the chip's data, not a link). */
  'citation',
  /** A source card in the overview's source list or the header's corroboration links. */
  'source-card',
  /** A link inside the answer's text. */
  'inline-link',
  /** A news card of the carousel inside the overview. */
  'news',
]);
export type SerpAiSourceVia = z.infer<typeof SerpAiSourceViaSchema>;

/** One source an AI Overview cites, once per URL. */
export const SerpAiSourceSchema = z.object({
  /** 1-based order of first appearance in the overview (text, carousel, then source lists). */
  position: z.number().int().positive(),
  /** Absolute http(s) URL, Google's redirect unwrapped. */
  url: z.string(),
  /** Host name without a leading "www.". */
  domain: z.string(),
  /** The card's or link's title; the site name ("CBS News") when only a citation chip names it; '' when none. */
  title: z.string(),
  /** Every place in the overview that cites it. */
  via: z.array(SerpAiSourceViaSchema).min(1),
});
export type SerpAiSource = z.infer<typeof SerpAiSourceSchema>;

/** Google's AI Overview: the generated answer above the results, and the sources it cites. */
export const SerpAiOverviewSchema = z.object({
  present: z.boolean(),
  /** False while the box is cut to a fixed height behind "Show more" (its text may be partial then). */
  expanded: z.boolean(),
  /** The answer's words, as much as the page holds (script-inserted parts included, never run). */
  text: z.string(),
  sources: z.array(SerpAiSourceSchema),
});
export type SerpAiOverview = z.infer<typeof SerpAiOverviewSchema>;

/** What ZMOT Lens sees on one Google results page. */
export const SerpSchema = z.object({
  /** The query as typed in the search box; null when the page does not say. */
  query: z.string().nullable(),
  kind: SerpKindSchema,
  layout: SerpLayoutSchema,
  organic: z.array(SerpOrganicResultSchema),
  ads: z.array(SerpAdSchema),
  /** "People also ask" questions, in page order. */
  peopleAlsoAsk: z.array(z.string()),
  /** "Related searches" queries, in page order. */
  relatedSearches: z.array(z.string()),
  localPack: z.array(SerpLocalResultSchema),
  /** The AI Overview; `present: false` (empty text, no sources) when the page has none. */
  aiOverview: SerpAiOverviewSchema,
  /** True when product listing ads (Shopping) are on the page. */
  shopping: z.boolean(),
  /** One line per feature the parser could not read; the other features are still filled. */
  warnings: z.array(z.string()),
});
export type Serp = z.infer<typeof SerpSchema>;

/** Why a document could not be read as a Google results page at all. */
export const SerpParseErrorSchema = z.object({
  code: z.enum(['not-a-google-serp', 'unreadable-document']),
  /** One line, safe to print. */
  message: z.string(),
});
export type SerpParseError = z.infer<typeof SerpParseErrorSchema>;

/** Result of reading a document that may or may not be a Google results page. */
export const SerpParseResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), serp: SerpSchema }),
  z.object({ ok: z.literal(false), error: SerpParseErrorSchema }),
]);
export type SerpParseResult = z.infer<typeof SerpParseResultSchema>;
