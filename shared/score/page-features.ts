/**
 * Facts about a page that answer shapes and the stage profile read: structured-data types, price
 * and offer presence, tables and lists, CTA links. Computed once per page and memoised.
 */
import type { MicrodataItem, PageArtifacts } from '../schemas/index.ts';
import { foldText } from '../classify/query-text.ts';

export interface PageFeatures {
  /** schema.org types found in JSON-LD and microdata ("Product", "Offer", "HowTo"…). */
  types: Set<string>;
  /** Numbers of the price-bearing nodes: Offer/AggregateOffer or a price property. */
  offers: number;
  /** Prices written in the visible text. */
  textPrices: number;
  hasReviewMarkup: boolean;
  /** Largest table (rows) with at least 2 columns; 0 when none. */
  maxTableRows: number;
  comparisonTables: number;
  orderedLists: number;
  /** Largest list (items) on the page. */
  maxListItems: number;
  /** Folded visible main text (passages), for phrase checks. */
  text: string;
  /** Folded text of link anchors, for calls to action. */
  linkText: string;
  /** Folded title + H1. */
  titleText: string;
  h1: string | null;
}

const cache = new WeakMap<PageArtifacts, PageFeatures>();

export function pageFeatures(a: PageArtifacts): PageFeatures {
  const hit = cache.get(a);
  if (hit) return hit;
  const types = new Set<string>();
  const counter = { offers: 0 };
  for (const block of a.jsonLd) walkJsonLd(block.parsed, types, counter, 0);
  for (const item of a.microdata) walkMicrodata(item, types, counter, 0);
  const tables = a.tables.filter((t) => t.columns >= 2 && t.rows >= 2);
  const h1 = a.headings.find((h) => h.level === 1)?.text ?? null;
  const features: PageFeatures = {
    types,
    offers: counter.offers,
    textPrices: a.prices.filter((p) => p.source === 'text').length,
    hasReviewMarkup: types.has('Review') || types.has('AggregateRating'),
    maxTableRows: Math.max(0, ...tables.map((t) => t.rows)),
    comparisonTables: tables.filter((t) => t.columns >= 3 || (t.columns >= 2 && t.rows >= 3)).length,
    orderedLists: a.lists.filter((l) => l.ordered && l.items.length >= 3).length,
    maxListItems: Math.max(0, ...a.lists.map((l) => l.items.length)),
    text: foldText(a.passages.map((p) => p.text).join(' ')),
    linkText: foldText(a.links.map((l) => l.text).join(' | ')),
    titleText: foldText(`${a.title ?? ''} | ${h1 ?? ''}`),
    h1,
  };
  cache.set(a, features);
  return features;
}

function typeNames(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^https?:\/\/schema\.org\//i, '').trim());
}

function walkJsonLd(node: unknown, types: Set<string>, counter: { offers: number }, depth: number) {
  if (depth > 12 || !node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node.slice(0, 500)) walkJsonLd(n, types, counter, depth + 1);
    return;
  }
  const obj = node as Record<string, unknown>;
  const own = typeNames(obj['@type']);
  for (const t of own) types.add(t);
  if (own.some((t) => t === 'Offer' || t === 'AggregateOffer') || 'price' in obj || 'lowPrice' in obj) counter.offers++;
  if ('aggregateRating' in obj) types.add('AggregateRating');
  if ('review' in obj) types.add('Review');
  for (const [k, v] of Object.entries(obj)) if (k !== '@context' && v && typeof v === 'object') walkJsonLd(v, types, counter, depth + 1);
}

function walkMicrodata(item: MicrodataItem, types: Set<string>, counter: { offers: number }, depth: number) {
  if (depth > 12) return;
  for (const t of item.type) {
    const name = t.replace(/^https?:\/\/schema\.org\//i, '');
    types.add(name);
    if (name === 'Offer' || name === 'AggregateOffer') counter.offers++;
  }
  for (const [k, values] of Object.entries(item.properties)) {
    if (k === 'aggregateRating') types.add('AggregateRating');
    if (k === 'review') types.add('Review');
    for (const v of values) if (typeof v !== 'string') walkMicrodata(v, types, counter, depth + 1);
  }
}

const phrasePatterns = new Map<string, RegExp | null>();
const MAX_PATTERNS = 5000;

/** Whether folded `text` contains `phrase` (folded) as whole words. */
export function containsPhrase(text: string, phrase: string): boolean {
  let re = phrasePatterns.get(phrase);
  if (re === undefined) {
    const p = foldText(phrase).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const escaped = p.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]+');
    re = p ? new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, 'u') : null;
    if (phrasePatterns.size >= MAX_PATTERNS) phrasePatterns.clear();
    phrasePatterns.set(phrase, re);
  }
  return re ? re.test(text) : false;
}
