import { parseSerp, type SerpNodes } from '../../../shared/serp/parse.ts';
import { primaryLanguage } from '../../../shared/language-tag.ts';
import type { QueryStageInfo, Settings } from '../../../shared/schemas/extension.ts';
import type { Serp, SerpOrganicResult } from '../../../shared/schemas/serp.ts';
import type { AiOverviewSummary, QueryCompare } from '../../../shared/schemas/extension.ts';
import { aiOverviewSummary } from '../../utils/ai-overview.ts';
import { partyOf, type Party } from '../../utils/domains.ts';

import { w } from '../../i18n/words.ts';

export interface AnalyzedResult {
  result: SerpOrganicResult;
  party: Party;
  /** The result's title link as the parser found it: the badge goes right after it. Null when not found. */
  link: Element | null;
  /** The result's block (title, URL, snippet) as the parser delimited it. */
  block: Element | null;
}

/** What the overlay knows of a results page. */
export interface PageAnalysis {
  serp: Serp;
  /** The query's stage: filled in by the background worker's reply (the classifier runs there). */
  classification: QueryStageInfo | null;
  /** Language for the classifier and the scorer: the options' choice, else the page's; null when unknown. */
  lang: string | null;
  results: AnalyzedResult[];
  notices: string[];
  /** The AI Overview's cited sources with parties and organic positions; null when the page has none. */
  aiOverview: AiOverviewSummary | null;
  /** From an imported compare report (the worker's reply): who answers this query best among the crawled sites. */
  compare?: QueryCompare | null;
}

/** The page's interface language: the `hl` parameter, else <html lang>; primary subtag only. */
export function pageLanguage(doc: Document, pageUrl: string): string | null {
  let hl: string | null = null;
  try {
    hl = new URL(pageUrl).searchParams.get('hl');
  } catch {
    hl = null;
  }
  const tag = hl || doc.documentElement?.getAttribute('lang') || '';
  return primaryLanguage(tag);
}

/** The page as read, before the user's settings are known (they only add parties and language). */
export interface PageReading {
  serp: Serp;
  /** Position → the parser's own nodes for that organic result (title link and block). */
  nodes: Map<number, SerpNodes['organic'][number]>;
  /** The page's interface language (hl=, <html lang>). */
  pageLang: string | null;
  /** The AI Overview's box, when the page has one. */
  aiBox: Element | null;
}

/**
 * Reads a results page with the shared parser, keeping the parser's node of each organic result:
 * the badge↔result pairing is made once, there, never by looking for a URL elsewhere on the page
 * (an ad, a news card or a local pack may link to the same address).
 */
export function readPage(doc: Document, pageUrl: string): PageReading {
  const found: SerpNodes = { organic: [] };
  const serp = parseSerp(doc, pageUrl, found);
  const nodes = new Map<number, SerpNodes['organic'][number]>();
  if (found.organic.length === serp.organic.length) serp.organic.forEach((r, i) => nodes.set(r.position, found.organic[i]));
  return { serp, nodes, pageLang: pageLanguage(doc, pageUrl), aiBox: found.aiOverview ?? null };
}

/** Adds what the settings decide: each result's party (brand, competitor) and the language. */
export function withSettings(reading: PageReading, settings: Settings): PageAnalysis {
  const results = reading.serp.organic.map((result) => {
    const node = reading.nodes.get(result.position);
    return { result, party: partyOf(result.domain, settings), link: node?.link ?? null, block: node?.block ?? null };
  });
  const notices = pageNotices(reading, results);
  const lang = settings.language !== 'auto' ? settings.language : reading.pageLang;
  return { serp: reading.serp, classification: null, lang, results, notices, aiOverview: aiOverviewSummary(reading.serp, settings) };
}

/** Notices shown in the summary panel when part of the page could not be read (in the overlay's current words). */
export function pageNotices(reading: PageReading, results: AnalyzedResult[]): string[] {
  const missing = results.filter((r) => !r.link).length;
  return missing ? [...reading.serp.warnings, w().noLink(missing)] : [...reading.serp.warnings];
}

/**
 * Reads a results page with the shared parser and pairs each organic result with its link on the
 * page and its party (brand, competitor). Never throws on page content.
 */
export function analyzePage(doc: Document, pageUrl: string, settings: Settings): PageAnalysis {
  return withSettings(readPage(doc, pageUrl), settings);
}
