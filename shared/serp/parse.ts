/**
 * Reads a Google results page into a `Serp`: organic results, ads, "People also ask", related
 * searches, local pack, Shopping — through the standard DOM API only, so the same code runs on the
 * live `document` in the extension's content script and on a jsdom Document in the CLI.
 *
 * Page content is hostile: nothing here executes it, and no feature may take the others down —
 * each one runs on its own and a failure becomes a line in `warnings`.
 */
import type { Serp, SerpAd, SerpAiOverview, SerpKind, SerpLayout, SerpLocalResult, SerpOrganicResult, SerpParseResult } from '../schemas/serp.ts';
import { NO_AI_OVERVIEW, findAiOverview, readAiOverview } from './ai-overview.ts';
import {
  MissingElementError,
  SERP_SELECTORS as S,
  SERP_TEXTS,
  SERP_URLS,
  mayClosest,
  mayFind,
  mayFindAll,
  mustFind,
  type QueryRoot,
} from './selectors.ts';
import { cleanText, domainOf, isGoogleInternal, resultUrl, safeUrl, textOf } from './text.ts';

// User-facing strings: warnings and errors shown by the CLI and the extension's debug panel.
const MESSAGES = {
  notSerp: 'not a Google results page: no search box, results list or captcha form found',
  unreadable: 'the document cannot be read (no querySelector on the given root)',
  noContainer: 'results container not found (#main, #rcnt, #search, #rso); searched the whole page',
  noOrganic: 'no organic results found on a results page; Google may have changed its markup',
  outsideContainer: 'organic results found outside the results container; Google may have changed its markup',
  featureFailed: (feature: string, reason: string) => `${feature} could not be read: ${reason}`,
} as const;

/** Where relative links on a saved page point when the caller does not say. */
const DEFAULT_PAGE_URL = 'https://www.google.com/search';

/** How far up from a result link its block (title, URL, snippet) may reach. */
const MAX_BLOCK_DEPTH = 12;

/** How far up from a section title ("Related searches") its section may reach. */
const MAX_SECTION_DEPTH = 6;

/** What the parser reads: the live `document`, a jsdom Document, or any element of one. */
export type SerpRoot = QueryRoot;

/**
 * Where each organic result sits on the page, as the parser found it: `organic[i]` belongs to
 * `serp.organic[i]`. The overlay places its badges with these nodes, so a badge can only go where
 * the parser read an organic result (never an ad, a news card or a local pack with the same URL).
 */
export interface SerpNodes {
  organic: Array<{ link: Element; block: Element }>;
  /** The AI Overview's box, when the page has one: the overlay watches it for "Show more". */
  aiOverview?: Element | null;
}

/**
 * Reads a Google results page. Never throws: on arbitrary HTML it returns kind 'unknown' with
 * whatever it could read and one warning per feature that failed.
 */
export function parseSerp(root: SerpRoot, pageUrl?: string, nodes?: SerpNodes): Serp {
  const warnings: string[] = [];
  const empty: Serp = emptySerp(warnings);
  if (!root || typeof root.querySelector !== 'function') {
    warnings.push(MESSAGES.unreadable);
    return empty;
  }
  const base = safeUrl(pageUrl ?? '', DEFAULT_PAGE_URL) ?? DEFAULT_PAGE_URL;
  const run = <T>(feature: string, fallback: T, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      warnings.push(MESSAGES.featureFailed(feature, errorReason(error)));
      return fallback;
    }
  };

  const isCaptcha = run('captcha', false, () => detectCaptcha(root));
  const query = run('query', null, () => readQuery(root, pageUrl));
  if (isCaptcha) return { ...empty, query, kind: 'captcha' };

  const looksLikeSerp = run('page type', false, () => isGoogleSerp(root, pageUrl));
  if (!looksLikeSerp) warnings.push(MESSAGES.notSerp);
  const layout = run('layout', 'unknown' as SerpLayout, () => detectLayout(root));
  const container = run('results container', root as QueryRoot, () => {
    try {
      return mustFind(root, S.resultsContainer, 'results container');
    } catch (error) {
      if (!(error instanceof MissingElementError)) throw error;
      if (looksLikeSerp) warnings.push(MESSAGES.noContainer);
      return root;
    }
  });

  // Found first so that no link inside it is taken for an organic result; a failure here is one warning.
  const aiBox = run('ai overview', null as Element | null, () => findAiOverview(root));
  const { links: organicLinks, scope } = run('organic results', { links: [] as OrganicLink[], scope: container }, () => {
    const inContainer = findOrganicLinks(container, base, aiBox);
    if (inContainer.length > 0 || container === root) return { links: inContainer, scope: container };
    // The container exists but holds no result: Google may have moved the results out of it.
    const inPage = findOrganicLinks(root, base, aiBox);
    if (inPage.length > 0) warnings.push(MESSAGES.outsideContainer);
    return { links: inPage, scope: root };
  });
  const organic = run('organic results', [] as SerpOrganicResult[], () => readOrganic(scope, organicLinks, nodes));
  const ads = run('ads', [] as SerpAd[], () => readAds(root, base, organicLinks[0]?.link ?? null));
  const peopleAlsoAsk = run('people also ask', [] as string[], () => readPeopleAlsoAsk(root));
  const relatedSearches = run('related searches', [] as string[], () => readRelatedSearches(root));
  const localPack = run('local pack', [] as SerpLocalResult[], () => readLocalPack(root));
  const shopping = run('shopping', false, () => mayFind(root, S.shopping) !== null);
  if (nodes) nodes.aiOverview = aiBox;
  const aiOverview = aiBox ? run('ai overview', NO_AI_OVERVIEW as SerpAiOverview, () => readAiOverview(aiBox, base)) : NO_AI_OVERVIEW;
  const kind = run('page type', 'unknown' as SerpKind, () => detectKind(root, organic.length, looksLikeSerp));
  if (kind === 'results' && organic.length === 0) warnings.push(MESSAGES.noOrganic);

  return { query, kind, layout, organic, ads, peopleAlsoAsk, relatedSearches, localPack, aiOverview, shopping, warnings };
}

/** Like `parseSerp`, but a document that is not a Google results page at all is a typed error. */
export function tryParseSerp(root: SerpRoot, pageUrl?: string): SerpParseResult {
  if (!root || typeof root.querySelector !== 'function') {
    return { ok: false, error: { code: 'unreadable-document', message: MESSAGES.unreadable } };
  }
  let recognised = false;
  try {
    recognised = detectCaptcha(root) || isGoogleSerp(root, pageUrl);
  } catch {
    recognised = false;
  }
  if (!recognised) return { ok: false, error: { code: 'not-a-google-serp', message: MESSAGES.notSerp } };
  return { ok: true, serp: parseSerp(root, pageUrl) };
}

function emptySerp(warnings: string[]): Serp {
  return {
    query: null,
    kind: 'unknown',
    layout: 'unknown',
    organic: [],
    ads: [],
    peopleAlsoAsk: [],
    relatedSearches: [],
    localPack: [],
    aiOverview: NO_AI_OVERVIEW,
    shopping: false,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// Page type, layout, query

function detectCaptcha(root: QueryRoot): boolean {
  // Google serves its captcha as a page of its own: a page with results markup is never one.
  if (mayFind(root, S.serpMarker)) return false;
  if (mayFind(root, S.captcha)) return true;
  // A captcha page is tiny; only there is reading the whole text cheap.
  const text = lower(textOf(root.querySelector('body')));
  return text.length < 20_000 && SERP_TEXTS.captcha.some((phrase) => text.includes(phrase));
}

function isGoogleSerp(root: QueryRoot, pageUrl?: string): boolean {
  if (mayFind(root, S.serpMarker)) return true;
  if (pageUrl) {
    const url = safeUrl(pageUrl);
    if (url && SERP_URLS.googleHost.test(new URL(url).hostname) && new URL(url).pathname === '/search') return true;
  }
  const title = textOf(root.querySelector('title'));
  return SERP_TEXTS.titleSuffix.some((suffix) => title.endsWith(suffix));
}

function detectLayout(root: QueryRoot): SerpLayout {
  if (mayFind(root, S.layoutDesktop)) return 'desktop';
  if (mayFind(root, S.layoutNojs)) return 'nojs';
  if (mayFind(root, S.layoutMobile)) return 'mobile';
  return 'unknown';
}

function detectKind(root: QueryRoot, organicCount: number, looksLikeSerp: boolean): SerpKind {
  // Results read off a page without any Google marker are kept (Google may have changed every
  // marker at once) but the page is not called a results page.
  if (!looksLikeSerp) return 'unknown';
  if (organicCount === 0) {
    const message = lower(mayFindAll(root, S.noResultsMessage).map((el) => textOf(el)).join(' '));
    if (SERP_TEXTS.noResults.some((phrase) => message.includes(phrase))) return 'no-results';
  }
  return 'results';
}

/** The query: search box, then the page URL, then a captcha's continue URL, then the <title>. */
function readQuery(root: QueryRoot, pageUrl?: string): string | null {
  const input = mayFind(root, S.queryInput);
  const typed = input ? cleanText(input.getAttribute('value') ?? input.textContent ?? '') : '';
  if (typed) return typed;
  const fromUrl = (candidate: string | null | undefined): string | null => {
    const url = candidate ? safeUrl(candidate, DEFAULT_PAGE_URL) : null;
    const q = url ? new URL(url).searchParams.get('q') : null;
    return q && cleanText(q) ? cleanText(q) : null;
  };
  const fromPage = fromUrl(pageUrl);
  if (fromPage) return fromPage;
  const fromCaptcha = fromUrl(mayFind(root, S.captchaContinueUrl)?.getAttribute('value'));
  if (fromCaptcha) return fromCaptcha;
  const title = textOf(root.querySelector('title'));
  for (const suffix of SERP_TEXTS.titleSuffix) {
    if (title.endsWith(suffix) && title.length > suffix.length) return cleanText(title.slice(0, -suffix.length));
  }
  return /^https?:\/\//.test(title) ? fromUrl(title) : null;
}

// ---------------------------------------------------------------------------------------------
// Organic results

interface OrganicLink {
  heading: Element;
  link: Element;
  url: string;
}

function findOrganicLinks(container: QueryRoot, base: string, aiBox: Element | null): OrganicLink[] {
  const found: OrganicLink[] = [];
  const seenUrls = new Set<string>();
  const seenLinks = new Set<Element>();
  const candidates = mayFindAll(container, S.organicTitle).map((heading) => ({
    heading,
    link: heading.closest('a[href]') ?? heading.querySelector('a[href]'),
  }));
  const verticals = verticalBlocks(container, candidates.map((c) => c.link).filter((l): l is Element => l !== null));
  for (const { heading, link } of candidates) {
    if (!link || seenLinks.has(link)) continue;
    seenLinks.add(link);
    if (mayClosest(link, S.notOrganic)) continue;
    // A sitelink belongs to the result above it: its block, not a position.
    if (mayClosest(link, S.organicSitelinks)) continue;
    if (aiBox?.contains(link) || verticals.some((block) => block.contains(link))) continue;
    // App cards and "more" buttons are links styled as buttons, not results.
    if (link.getAttribute('role') === 'button') continue;
    const url = resultUrl(link.getAttribute('href') ?? '', base);
    if (!url || isGoogleInternal(url)) continue;
    const key = url.replace(/#.*$/, '');
    if (seenUrls.has(key)) continue;
    if (!cleanText(textOf(heading))) continue;
    seenUrls.add(key);
    found.push({ heading, link, url });
  }
  return found;
}

/**
 * Blocks titled like a non-organic vertical ("Videos", "Top stories", "AI Overview"): from each such
 * title, the nearest ancestor that holds a result-like link is the block (it never reaches the
 * organic results beside it, which sit in blocks of their own).
 */
function verticalBlocks(container: QueryRoot, links: Element[]): Element[] {
  const blocks: Element[] = [];
  for (const heading of mayFindAll(container, S.verticalHeading)) {
    if (!(SERP_TEXTS.verticalHeading as readonly string[]).includes(lower(textOf(heading)))) continue;
    let node: Element | null = heading.parentElement;
    for (let depth = 0; node && depth < MAX_BLOCK_DEPTH; depth++, node = node.parentElement) {
      const holder = node;
      if (holder === (container as unknown as Element)) break;
      const inside = links.filter((link) => holder.contains(link));
      if (inside.length === 0) continue;
      // A vertical's cards sit together in one child of its block; links spread over several
      // children mean the climb left a vertical without result-like links and reached the list.
      const branches = new Set(inside.map((link) => Array.from(holder.children).find((child) => child.contains(link))));
      if (branches.size === 1) blocks.push(holder);
      break;
    }
  }
  return blocks;
}

function readOrganic(container: QueryRoot, links: OrganicLink[], nodes?: SerpNodes): SerpOrganicResult[] {
  const blocks = resultBlocks(links.map((l) => l.link), container);
  const featuredRoots = findFeaturedRoots(container, links);
  const organic = links.map(({ heading, link, url }, index): SerpOrganicResult => {
    const block = blocks[index];
    return {
      position: index + 1,
      title: cleanText(textOf(heading)),
      url,
      displayedUrl: readDisplayedUrl(block, link),
      domain: domainOf(url),
      snippet: readSnippet(block, link),
      featured: featuredRoots.some((featuredRoot) => featuredRoot.contains(link)),
    };
  });
  if (nodes) nodes.organic = links.map(({ link }, index) => ({ link, block: blocks[index] }));
  return organic;
}

/** For each link, the largest ancestor that holds no other result link: its title, URL and snippet. */
function resultBlocks(links: Element[], container: QueryRoot): Element[] {
  const linksInside = new Map<Element, number>();
  const stop = container as unknown as Element;
  for (const link of links) {
    let node: Element | null = link;
    for (let depth = 0; node && node !== stop && depth <= MAX_BLOCK_DEPTH; depth++) {
      linksInside.set(node, (linksInside.get(node) ?? 0) + 1);
      node = node.parentElement;
    }
  }
  return links.map((link) => {
    let block: Element = link;
    for (let depth = 0; depth < MAX_BLOCK_DEPTH; depth++) {
      const parent: Element | null = block.parentElement;
      if (!parent || parent === stop || linksInside.get(parent) !== 1) break;
      block = parent;
    }
    return block;
  });
}

/** Featured-snippet boxes: known wrappers, or the ancestor of an "About featured snippets" link. */
function findFeaturedRoots(container: QueryRoot, links: OrganicLink[]): Element[] {
  const roots = mayFindAll(container, S.featuredSnippet);
  for (const help of mayFindAll(container, S.featuredSnippetHelpLink)) {
    let node: Element | null = help.parentElement;
    for (let depth = 0; node && depth < MAX_BLOCK_DEPTH; depth++, node = node.parentElement) {
      const holding = links.filter((l) => node!.contains(l.link)).length;
      if (holding > 1) break;
      if (holding === 1) {
        roots.push(node);
        break;
      }
    }
  }
  return roots;
}

function readSnippet(block: Element, link: Element): string {
  // Variants in order, not document order: a rich-result list may come before the plain snippet.
  const snippet = firstMatchInOrder(block, S.organicSnippet, (candidate) => {
    if (link.contains(candidate) || candidate.contains(link) || insideExcludedZone(candidate, block)) return false;
    return cleanText(textOf(candidate)) !== '';
  });
  if (snippet) return cleanText(textOf(snippet));
  // Generic fallback: the longest run of text in the block outside the title link.
  let best = '';
  for (const element of Array.from(block.querySelectorAll('div, span, p'))) {
    if (link.contains(element) || element.contains(link) || element.querySelector('div, p')) continue;
    if (insideExcludedZone(element, block)) continue;
    const text = cleanText(textOf(element));
    if (text.length > best.length && text.length <= 1_000) best = text;
  }
  return best;
}

function readDisplayedUrl(block: Element, link: Element): string {
  const found =
    mayFind(link, S.organicDisplayedUrl) ??
    firstMatchInOrder(block, S.organicDisplayedUrl, (candidate) => !insideExcludedZone(candidate, block));
  return found ? cleanText(textOf(found)) : '';
}

/** The first element of the first variant (in variant order) that `accept` takes. */
function firstMatchInOrder(root: QueryRoot, variants: readonly string[], accept: (el: Element) => boolean): Element | null {
  for (const variant of variants) {
    for (const candidate of Array.from(root.querySelectorAll(variant))) if (accept(candidate)) return candidate;
  }
  return null;
}

/** True when `element` sits in a non-organic zone (ads, "People also ask", …) nested inside `block`. */
function insideExcludedZone(element: Element, block: Element): boolean {
  const zone = mayClosest(element, S.notOrganic);
  return zone !== null && block.contains(zone) && zone !== block;
}

// ---------------------------------------------------------------------------------------------
// Ads, "People also ask", related searches, local pack

function readAds(root: QueryRoot, base: string, firstOrganicLink: Element | null): SerpAd[] {
  const candidates = mayFindAll(root, S.adItem).filter((item) => !mayClosest(item, S.shopping) && !mayFind(item, S.shopping));
  const items = candidates.filter((item) => !candidates.some((other) => other !== item && item.contains(other)));
  const ads: Omit<SerpAd, 'position'>[] = [];
  for (const item of items) {
    const heading = mayFind(item, S.adTitle);
    const link = heading?.closest('a[href]');
    const url = link ? adLandingUrl(link, base) : null;
    if (!heading || !link || !url) continue;
    const displayed = mayFind(item, S.adDisplayedUrl);
    ads.push({
      placement: adPlacement(item, firstOrganicLink),
      title: cleanText(textOf(heading)),
      url,
      displayedUrl: displayed ? cleanText(textOf(displayed)) : '',
      domain: domainOf(url),
    });
  }
  const counters = { top: 0, bottom: 0 };
  return ads.map((ad) => ({ ...ad, position: ++counters[ad.placement] }));
}

function adPlacement(item: Element, firstOrganicLink: Element | null): SerpAd['placement'] {
  if (mayClosest(item, S.adsBottom)) return 'bottom';
  if (mayClosest(item, S.adsTop)) return 'top';
  // No-JS pages have no ad regions: an ad is "top" when it comes before the first organic result.
  if (!firstOrganicLink) return 'top';
  const DOCUMENT_POSITION_FOLLOWING = 4;
  return item.compareDocumentPosition(firstOrganicLink) & DOCUMENT_POSITION_FOLLOWING ? 'top' : 'bottom';
}

/** The advertiser's landing page: the plain href, an ad click's `adurl`, or Google's `data-pcu` hint. */
function adLandingUrl(link: Element, base: string): string | null {
  const href = safeUrl(link.getAttribute('href') ?? '', base);
  if (!href) return null;
  const parsed = new URL(href);
  if (!SERP_URLS.adClickHost.test(parsed.hostname)) return href;
  const landing = safeUrl(parsed.searchParams.get('adurl') ?? '');
  if (landing) return landing;
  const hinted = safeUrl((link.getAttribute('data-pcu') ?? '').split(',')[0] ?? '');
  return hinted ?? href;
}

function readPeopleAlsoAsk(root: QueryRoot): string[] {
  const questions = mayFindAll(root, S.peopleAlsoAsk).map((el) => cleanText(el.getAttribute('data-q') ?? textOf(el)));
  if (questions.some(Boolean)) return unique(questions);
  // Fallback: the questions under a "People also ask" title are the short lines ending in "?".
  const section = findSection(root, SERP_TEXTS.peopleAlsoAskHeading, (el) => textOf(el).includes('?'));
  if (!section) return [];
  const lines = Array.from(section.querySelectorAll('div, span'))
    .filter((el) => !el.querySelector('div, span'))
    .map((el) => cleanText(textOf(el)))
    .filter((line) => line.endsWith('?') && line.length <= 200);
  // Screen-reader twins ("Search for: <question>") repeat a question with a prefix: keep the question.
  return unique(lines).filter((line) => !lines.some((other) => other !== line && line.endsWith(` ${other}`)));
}

function readRelatedSearches(root: QueryRoot): string[] {
  const found = mayFindAll(root, S.relatedSearch).map((el) => cleanText(textOf(el)));
  if (found.some(Boolean)) return unique(found);
  // Fallback: the search links under a "Related searches" title.
  const section = findSection(root, SERP_TEXTS.relatedSearchesHeading, (el) => mayFindAll(el, S.relatedSearchLink).length >= 2);
  if (!section) return [];
  return unique(mayFindAll(section, S.relatedSearchLink).map((a) => cleanText(textOf(a))));
}

/** The smallest ancestor of a section title (e.g. "Related searches") that satisfies `isSection`. */
function findSection(root: QueryRoot, titles: readonly string[], isSection: (el: Element) => boolean): Element | null {
  for (const heading of mayFindAll(root, S.sectionHeading)) {
    if (!titles.includes(lower(cleanText(textOf(heading))))) continue;
    let node: Element | null = heading.parentElement;
    for (let depth = 0; node && depth < MAX_SECTION_DEPTH; depth++, node = node.parentElement) {
      if (isSection(node)) return node;
    }
  }
  return null;
}

function readLocalPack(root: QueryRoot): SerpLocalResult[] {
  const rows = mayFindAll(root, S.localItem);
  const outermost = rows.filter((row) => !rows.some((other) => other !== row && other.contains(row)));
  const places: SerpLocalResult[] = [];
  for (const row of outermost) {
    // Elements carry data-cid for other reasons too: a row known only by it needs a Maps place id.
    const cid = row.getAttribute('data-cid');
    if (cid !== null && !SERP_URLS.placeId.test(cid) && !mayClosest(row, S.localItem.filter((v) => !v.includes('data-cid')))) continue;
    const titleElement = mayFind(row, S.localTitle);
    const title = cleanText(textOf(titleElement));
    if (!title) continue;
    const rowText = cleanText(textOf(row));
    places.push({
      title,
      rating: readRating(row, rowText),
      reviews: readReviewCount(row, rowText),
      address: readAddress(row, titleElement),
    });
  }
  return places;
}

function readRating(row: Element, rowText: string): number | null {
  const labelled = mayFind(row, S.localRating);
  // A labelled rating may be whole ("Rated 5 out of 5"); in free text only "4.7" / "4,7" is a rating.
  const match = labelled
    ? /(\d)(?:[.,](\d))?/.exec(`${labelled.getAttribute('aria-label') ?? ''} ${textOf(labelled)}`)
    : /(?:^|[^\d.,])([0-5])[.,](\d)(?![\d.,])/.exec(rowText);
  if (!match) return null;
  const rating = Number(`${match[1]}.${match[2] ?? '0'}`);
  return rating <= 5 ? rating : null;
}

function readReviewCount(row: Element, rowText: string): number | null {
  const labelled = mayFind(row, S.localReviews);
  const source = labelled ? textOf(labelled) : rowText;
  const match = /\(\s*(\d[\d.,\s]*)\s*([KkMm]?)\s*\)/.exec(source);
  return match ? parseCount(match[1], match[2]) : null;
}

/** "1,234" / "1.234" (thousands) → 1234; "1.2" with K → 1200. */
function parseCount(digits: string, suffix: string): number | null {
  const compact = digits.replace(/\s/g, '');
  const multiplier = /k/i.test(suffix) ? 1_000 : /m/i.test(suffix) ? 1_000_000 : 1;
  const value =
    multiplier > 1 ? Number(compact.replace(',', '.')) : Number(compact.replace(/[.,](?=\d{3}(\D|$))/g, ''));
  return Number.isFinite(value) ? Math.round(value * multiplier) : null;
}

/** The detail line after the rating line that reads like a street address (has a number or a comma). */
function readAddress(row: Element, titleElement: Element | null): string | null {
  const hoursLine = /^(open|closed|closes|opens|geöffnet|geschlossen|öffnet|schließt)\b/i;
  for (const line of mayFindAll(row, S.localAddressLabel)) {
    if (titleElement && (line.contains(titleElement) || titleElement.contains(line))) continue;
    if (mayFind(line, S.localRating) || mayFind(line, S.localReviews)) continue;
    // A line may join category, address and landmark with "·": the address is the part with a number.
    const parts = cleanText(textOf(line)).split('·').map(cleanText);
    const address = parts.find((part) => /\d|,/.test(part) && !hoursLine.test(part) && part.length <= 120);
    if (address) return address;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// URLs and text

function lower(text: string): string {
  return cleanText(text).toLowerCase();
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)].filter((item) => item !== '' && item !== null);
}

function errorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return cleanText(message).slice(0, 200) || 'unknown error';
}
