/**
 * Reads Google's AI Overview: whether the page shows one, whether it is expanded, its words and the
 * sources it cites (citation chips, source cards, links in the text, its news carousel).
 *
 * Google fills parts of the box from strings inside its own scripts (`jsl.dh(id, '<html>')`): on a
 * live page they are already in the DOM, on a saved page they are not. Those strings are read as
 * inert markup (a <template>, never inserted into the page, never run) for the placeholders that
 * are still empty, so a saved page yields as much as the live one held.
 */
import type { SerpAiOverview, SerpAiSource, SerpAiSourceVia } from '../schemas/serp.ts';
import { SERP_SELECTORS as S, SERP_TEXTS, SERP_URLS, mayFind, mayFindAll, type QueryRoot, type SelectorVariants } from './selectors.ts';
import { cleanText, domainOf, isGoogleInternal, resultUrl } from './text.ts';

/** What `aiOverview` holds on a page without one. */
export const NO_AI_OVERVIEW: SerpAiOverview = Object.freeze({ present: false, expanded: false, text: '', sources: [] }) as SerpAiOverview;

/** How far up from an "AI Overview" title its box may reach (fallback for markup not in the selectors). */
const MAX_BOX_DEPTH = 8;
/** Script-inserted fragments larger than this are not read (a results page's are tens of KB). */
const MAX_FRAGMENT_CHARS = 400_000;
/** Placeholders filled from scripts, at most (the 2026 page has three inside the box). */
const MAX_FRAGMENTS = 20;

const BLOCK_TAGS = new Set(['DIV', 'P', 'LI', 'TR', 'TD', 'TH', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'TABLE']);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'SVG', 'TEMPLATE']);
const COMMENT_NODE = 8;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The AI Overview box, or null: known markup first, then a block titled "AI Overview" in any known language. */
export function findAiOverview(root: QueryRoot): Element | null {
  const known = mayFind(root, S.aiOverviewContainer);
  if (known) return known;
  for (const heading of mayFindAll(root, S.verticalHeading)) {
    if (!(SERP_TEXTS.aiOverviewHeading as readonly string[]).includes(cleanText(heading.textContent ?? '').toLowerCase())) continue;
    // Grow from the title while the box gains no organic result title: the box never swallows a result.
    let box: Element = heading;
    const titlesIn = (el: Element) => mayFindAll(el, S.organicTitle).length;
    for (let depth = 0; depth < MAX_BOX_DEPTH && box.parentElement && titlesIn(box.parentElement) === titlesIn(heading); depth++) {
      box = box.parentElement;
      if (box.tagName === 'BODY' || box.id === 'rso' || box.id === 'search') return null;
    }
    return box === heading ? null : box;
  }
  return null;
}

/** Reads a box found by `findAiOverview`. Throws only on a broken DOM; the caller turns that into a warning. */
export function readAiOverview(box: Element, base: string): SerpAiOverview {
  const fragments = scriptFragments(box);
  const textRoot = mayFind(box, S.aiOverviewText) ?? box;
  return {
    present: true,
    expanded: isExpanded(box),
    text: cleanText(readText(textRoot, fragments)),
    sources: readSources(box, base, fragments),
  };
}

function isExpanded(box: Element): boolean {
  const content = mayFind(box, S.aiOverviewContentBox);
  if (content) {
    if (matches(content, S.aiOverviewExpandedBox)) return true;
    // Cut to a fixed height until "Show more": max-height with a number in it.
    return !/max-height\s*:\s*\d/.test(content.getAttribute('style') ?? '');
  }
  return mayFind(box, S.aiOverviewShowMore) === null;
}

// ---------------------------------------------------------------------------------------------
// Script-inserted parts

/**
 * Empty placeholders inside the box that Google's scripts fill, each with the markup its script
 * would insert, parsed into an inert <template> of the box's own document.
 */
function scriptFragments(box: Element): Map<Element, DocumentFragment> {
  const filled = new Map<Element, DocumentFragment>();
  const document = box.ownerDocument;
  if (!document) return filled;
  const placeholders = Array.from(box.querySelectorAll('[id]')).filter((el) => el.childNodes.length === 0);
  if (placeholders.length === 0) return filled;
  const byId = new Map(placeholders.map((el) => [el.id, el]));
  const scripts = Array.from(document.querySelectorAll('script')).map((script) => script.textContent ?? '').filter((text) => text.includes('jsl.dh('));
  // [{id:'…'},function(){jsl.dh(this.id,'…')}] — the string may be single- or double-quoted.
  const call = /\{id:'([^']{1,200})'\},function\(\)\{jsl\.dh\(this\.id,(['"])((?:\\[\s\S]|(?!\2)[^\\])*)\2/g;
  for (const script of scripts) {
    for (const match of script.matchAll(call)) {
      const placeholder = byId.get(match[1]);
      if (!placeholder || filled.has(placeholder) || match[3].length > MAX_FRAGMENT_CHARS) continue;
      const template = document.createElement('template');
      template.innerHTML = unescapeJsString(match[3]);
      filled.set(placeholder, template.content);
      if (filled.size >= MAX_FRAGMENTS) return filled;
    }
  }
  return filled;
}

/** The value of a JavaScript string literal's body (\xNN, \uNNNN, \n, \', \", \\). */
function unescapeJsString(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[\s\S])/g, (_, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[escape] ?? escape;
  });
}

/** The children of a node, with an empty placeholder's script-inserted markup in its place. */
function childrenOf(node: Node, fragments: Map<Element, DocumentFragment>): Node[] {
  const fragment = node.nodeType === ELEMENT_NODE ? fragments.get(node as Element) : undefined;
  return Array.from((fragment ?? node).childNodes);
}

// ---------------------------------------------------------------------------------------------
// Text

function readText(root: Element, fragments: Map<Element, DocumentFragment>): string {
  const notText = S.aiOverviewNotText.join(', ');
  const walk = (node: Node): string => {
    let text = '';
    for (const child of childrenOf(node, fragments)) {
      if (child.nodeType === TEXT_NODE) text += child.nodeValue ?? '';
      else if (child.nodeType === ELEMENT_NODE) {
        const element = child as Element;
        const tag = element.tagName.toUpperCase();
        if (SKIPPED_TAGS.has(tag) || element.matches(notText)) continue;
        // A source card (a link beside its title and excerpt) is a citation, not the answer's words.
        if (Array.from(element.children).some((c) => c.tagName.toUpperCase() === 'A' && matches(c, S.aiOverviewSourceCard))) continue;
        text += BLOCK_TAGS.has(tag) ? ` ${walk(element)} ` : walk(element);
      }
    }
    return text;
  };
  return walk(root);
}

// ---------------------------------------------------------------------------------------------
// Sources

interface Citation {
  url: string;
  title: string;
  via: SerpAiSourceVia;
}

function readSources(box: Element, base: string, fragments: Map<Element, DocumentFragment>): SerpAiSource[] {
  const found: Citation[] = [];
  const chip = S.aiOverviewCitationChip.join(', ');
  const visit = (node: Node, previous: Element | null) => {
    if (node.nodeType === COMMENT_NODE) {
      // A chip's sources sit in the data comment right after it.
      if (previous && (previous.matches(chip) || previous.querySelector(chip))) found.push(...chipSources(node.nodeValue ?? '', base));
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as Element;
    if (SKIPPED_TAGS.has(element.tagName.toUpperCase())) return;
    if (element.tagName.toUpperCase() === 'A' && element.hasAttribute('href')) {
      const url = citedUrl(element.getAttribute('href') ?? '', base);
      if (url) found.push({ url, title: linkTitle(element, box, fragments), via: linkVia(element) });
    }
    let last: Element | null = null;
    for (const child of childrenOf(element, fragments)) {
      visit(child, last);
      if (child.nodeType === ELEMENT_NODE) last = child as Element;
    }
  };
  visit(box, null);

  const sources: SerpAiSource[] = [];
  const byUrl = new Map<string, SerpAiSource>();
  for (const citation of found) {
    const key = citation.url.replace(/#.*$/, '');
    const known = byUrl.get(key);
    if (known) {
      if (!known.via.includes(citation.via)) known.via.push(citation.via);
      // A card's or headline's title says more than the site name a chip gives.
      if (citation.via !== 'citation' && citation.title && (!known.title || known.via[0] === 'citation')) known.title = citation.title;
      continue;
    }
    const source: SerpAiSource = { position: sources.length + 1, url: citation.url, domain: domainOf(citation.url), title: citation.title, via: [citation.via] };
    byUrl.set(key, source);
    sources.push(source);
  }
  return sources;
}

/** An external page a link or payload points to: not Google's own pages, not its asset hosts. */
function citedUrl(href: string, base: string): string | null {
  const url = resultUrl(href, base);
  if (!url || isGoogleInternal(url)) return null;
  const host = new URL(url).hostname;
  if (SERP_URLS.googleHost.test(host) || SERP_URLS.assetHost.test(host)) return null;
  return url;
}

function linkVia(link: Element): SerpAiSourceVia {
  if (matches(link, S.aiOverviewNewsLink)) return 'news';
  if (matches(link, S.aiOverviewSourceCard)) return 'source-card';
  return 'inline-link';
}

/** A link's title: the element that labels it (in the page or a fragment), its heading, its label, else its text. */
function linkTitle(link: Element, box: Element, fragments: Map<Element, DocumentFragment>): string {
  const labelledBy = link.getAttribute('aria-labelledby');
  if (labelledBy) {
    const roots: ParentNode[] = [box, ...fragments.values()];
    for (const root of roots) {
      const labeller = root.querySelector(`[id="${labelledBy.replace(/["\\]/g, '')}"]`);
      if (labeller) return cleanText(labeller.textContent ?? '');
    }
  }
  // A news card holds source, headline and age: the headline is its title.
  const heading = mayFind(link, S.aiOverviewCardTitle);
  if (heading && cleanText(heading.textContent ?? '')) return cleanText(heading.textContent ?? '');
  // Google writes "undefined" into some labels, and appends "Opens in new tab." to others.
  const label = cleanText(link.getAttribute('aria-label') ?? '').replace(/\.?\s*Opens in (?:a )?new tab\.?$/i, '');
  if (label && label !== 'undefined' && label !== 'null') return label;
  return cleanText(link.textContent ?? '');
}

/**
 * Sources named in a citation chip's data comment (`TgQPHd|…|[[id,…,"Site name",n,"https://…",…]]`):
 * every http(s) URL that is not an asset, titled with the text just before it.
 */
function chipSources(comment: string, base: string): Citation[] {
  const start = comment.indexOf('[');
  if (!comment.startsWith('TgQPHd') || start < 0) return [];
  const payload = comment.slice(start).replace(/--$/, '').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    return [];
  }
  const out: Citation[] = [];
  const walk = (value: unknown) => {
    if (!Array.isArray(value)) return;
    let lastText = '';
    for (const item of value) {
      if (Array.isArray(item)) walk(item);
      else if (typeof item === 'string') {
        const url = /^https?:\/\//.test(item) ? citedUrl(item, base) : null;
        if (url) out.push({ url, title: lastText, via: 'citation' });
        else if (!/^https?:\/\//.test(item) && item.length <= 120) lastText = cleanText(item);
      }
    }
  };
  walk(data);
  return out;
}

function matches(element: Element, variants: SelectorVariants): boolean {
  return element.matches(variants.join(', '));
}
