/**
 * Parses untrusted HTML into a cheerio document in bounded time and memory.
 *
 * The HTML tree-building algorithm has costs a page can pick: nesting is quadratic (every start tag
 * scans the stack of open elements) and overflows recursive walkers; formatting elements left open
 * are re-created in every later block ("reconstruct the active formatting elements"), so 30 KB can
 * ask for millions of elements; attributes are de-duplicated pairwise. Browsers cap nesting at 512
 * (Blink's kMaximumHTMLParserDOMTreeDepth); we do the same before parse5 sees the page, and stop
 * building the tree past a node budget. Real pages never come near these limits.
 */
import { load, type CheerioAPI } from 'cheerio';
import { adapter as domAdapter } from 'parse5-htmlparser2-tree-adapter';
import { parseOrdinaryHtml } from './fast-parse.ts';

// User-facing strings: one per limit, shown with the page's artifacts.
const WARNINGS = {
  depth: (max: number, n: number) => `markup nested deeper than ${max} levels: ${n} tag(s) past that depth were ignored (their text is kept)`,
  formatting: (max: number, n: number) => `more than ${max} formatting elements left open: ${n} more were ignored (their text is kept)`,
  attributes: (max: number, n: number) => `${n} tag(s) with more than ${max} attributes: the extra attributes were ignored`,
  nodes: (max: number) => `more than ${max.toLocaleString('en')} nodes: formatting tags were ignored to read the page`,
  truncated: (max: number) => `more than ${max.toLocaleString('en')} nodes even without formatting tags: the rest of the page was not read`,
};

export interface HtmlLimits {
  /** Open elements at once; Blink and WebKit use 512. */
  maxDepth: number;
  /** Formatting elements (b, i, font, …) left open at once: each is re-created in every later block. */
  maxOpenFormatting: number;
  /** Attributes per tag. */
  maxAttributes: number;
  /** Nodes in the tree (elements, text, comments). */
  maxNodes: number;
}

export const HTML_LIMITS: HtmlLimits = { maxDepth: 512, maxOpenFormatting: 16, maxAttributes: 256, maxNodes: 200_000 };

export interface ParsedHtml {
  $: CheerioAPI;
  /** What was left out to stay within the limits; empty for every ordinary page. */
  warnings: string[];
}

/** Elements that never hold children. */
const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose end tag is optional or that close their own kind: they cannot nest by themselves. */
const NON_NESTING = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rp', 'rtc', 'html', 'head', 'body']);
/** Elements whose content is text up to their end tag (in HTML content, scripting enabled as cheerio parses). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
/** The HTML spec's formatting elements; a and nobr close an open one of their kind instead of nesting. */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
const SELF_REPLACING = new Set(['a', 'nobr']);
const FOREIGN = new Set(['svg', 'math']);

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

const rawTextEnds = new Map<string, RegExp>();
/** Index just past the end tag that closes a raw-text element, or 0 when none does. */
function rawTextEnd(name: string, html: string, from: number): number {
  let re = rawTextEnds.get(name);
  if (!re) rawTextEnds.set(name, (re = new RegExp(`</${name}[\\s/>]`, 'ig')));
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index + m[0].length : 0;
}

export interface CappedHtml {
  html: string;
  droppedForDepth: number;
  droppedFormatting: number;
  tagsWithTooManyAttributes: number;
}

/**
 * Removes the tags that would nest past `maxDepth`, the formatting tags past `maxOpenFormatting`
 * open at once, and attributes past `maxAttributes` per tag, in one linear pass over the source.
 * It follows the tree builder only roughly (implied end tags, tables and foreign content are
 * approximated); a page that stays well within the limits comes back unchanged.
 */
export function capMarkup(html: string, limits: Pick<HtmlLimits, 'maxDepth' | 'maxOpenFormatting' | 'maxAttributes'> = HTML_LIMITS): CappedHtml {
  const out: string[] = [];
  let copiedUpTo = 0;
  const cut = (from: number, to: number, replacement = '') => {
    out.push(html.slice(copiedUpTo, from), replacement);
    copiedUpTo = to;
  };
  const stack: string[] = [];
  const onStack = new Map<string, number>();
  const dropped = new Map<string, number>();
  let openFormatting = 0;
  let foreign = 0;
  const result: CappedHtml = { html, droppedForDepth: 0, droppedFormatting: 0, tagsWithTooManyAttributes: 0 };

  const push = (name: string) => {
    stack.push(name);
    onStack.set(name, (onStack.get(name) ?? 0) + 1);
    if (FORMATTING.has(name)) openFormatting++;
    if (FOREIGN.has(name)) foreign++;
  };
  const forget = (name: string) => {
    onStack.set(name, (onStack.get(name) ?? 1) - 1);
    if (FORMATTING.has(name)) openFormatting--;
    if (FOREIGN.has(name)) foreign--;
  };
  const popThrough = (name: string) => {
    for (;;) {
      const top = stack.pop();
      if (top === undefined) return;
      forget(top);
      if (top === name) return;
    }
  };

  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1 || lt + 1 >= n) break;
    const next = html.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      const end = html.startsWith('<!--', lt) ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt + 2);
      if (end === -1) break;
      i = end + (html.startsWith('<!--', lt) ? 3 : 1);
      continue;
    }
    if (next === 63 /* ? */) {
      const end = html.indexOf('>', lt + 2);
      if (end === -1) break;
      i = end + 1;
      continue;
    }
    const isEnd = next === 47; /* / */
    const nameStart = isEnd ? lt + 2 : lt + 1;
    if (nameStart >= n || !isNameStart(html.charCodeAt(nameStart))) {
      i = lt + 1;
      continue;
    }
    let j = nameStart;
    while (j < n) {
      const c = html.charCodeAt(j);
      if (isSpace(c) || c === 47 || c === 62) break;
      j++;
    }
    const name = html.slice(nameStart, j).toLowerCase();
    // Find the tag's '>': quotes only open after '=' (attribute values); count attributes on the way.
    let k = j;
    let quote = 0;
    let lastNonSpace = 0;
    let attributes = 0;
    let inToken = false;
    let attributesCutAt = -1;
    for (; k < n; k++) {
      const c = html.charCodeAt(k);
      if (quote) {
        if (c === quote) quote = 0;
        lastNonSpace = c;
        continue;
      }
      if (c === 62 /* > */) break;
      if (isSpace(c)) {
        inToken = false;
        continue;
      }
      if ((c === 34 || c === 39) && lastNonSpace === 61 /* = */) quote = c;
      else if (!inToken && c !== 61 && c !== 47 /* / */) {
        inToken = true;
        // A token right after '=' is an unquoted value; any other starts an attribute.
        if (lastNonSpace !== 61 && ++attributes === limits.maxAttributes + 1 && !isEnd) attributesCutAt = k;
      }
      lastNonSpace = c;
    }
    if (k >= n) break; // EOF inside a tag: the tokenizer drops it.
    const tagEnd = k + 1;
    i = tagEnd;

    if (isEnd) {
      const owed = dropped.get(name) ?? 0;
      if (owed > 0) {
        dropped.set(name, owed - 1);
        cut(lt, tagEnd);
      } else if ((onStack.get(name) ?? 0) > 0) {
        popThrough(name);
      }
      continue;
    }

    const selfClosing = html.charCodeAt(k - 1) === 47;
    const rawText = foreign === 0 && RAW_TEXT.has(name);
    const nests = !VOID.has(name) && !NON_NESTING.has(name) && !rawText && name !== 'plaintext' && !(selfClosing && (foreign > 0 || FOREIGN.has(name)));
    if (nests) {
      if (SELF_REPLACING.has(name) && (onStack.get(name) ?? 0) > 0) {
        stack.splice(stack.lastIndexOf(name), 1);
        forget(name);
      }
      const tooDeep = stack.length >= limits.maxDepth;
      const tooManyFormatting = !tooDeep && FORMATTING.has(name) && !SELF_REPLACING.has(name) && openFormatting >= limits.maxOpenFormatting;
      if (tooDeep || tooManyFormatting) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        if (tooDeep) result.droppedForDepth++;
        else result.droppedFormatting++;
        cut(lt, tagEnd);
        continue;
      }
    }
    if (attributesCutAt !== -1) {
      result.tagsWithTooManyAttributes++;
      cut(attributesCutAt, k);
    }
    if (name === 'plaintext' && foreign === 0) break; // the rest of the document is text
    if (rawText) {
      const m = rawTextEnd(name, html, tagEnd);
      if (!m) break; // the rest of the document is this element's text
      i = m;
      continue;
    }
    if (nests) push(name);
  }
  if (copiedUpTo === 0) return result;
  out.push(html.slice(copiedUpTo));
  result.html = out.join('');
  return result;
}

class NodeBudgetExceeded extends Error {}

/** parse5's tree adapter for cheerio, counting nodes: past the budget it throws, or stops attaching. */
function budgetedAdapter(maxNodes: number, onFull: 'throw' | 'stop') {
  const state = { nodes: 0, full: false };
  const room = (): boolean => {
    if (++state.nodes <= maxNodes) return true;
    if (onFull === 'throw') throw new NodeBudgetExceeded();
    state.full = true;
    return false;
  };
  const adapter: typeof domAdapter = {
    ...domAdapter,
    appendChild(parent, child) {
      if (room()) domAdapter.appendChild(parent, child);
    },
    insertBefore(parent, child, reference) {
      if (room()) domAdapter.insertBefore(parent, child, reference);
    },
    insertText(parent, text) {
      if (room()) domAdapter.insertText(parent, text);
    },
    insertTextBefore(parent, text, reference) {
      if (room()) domAdapter.insertTextBefore(parent, text, reference);
    },
  };
  return { adapter, state };
}

function loadBudgeted(html: string, maxNodes: number, onFull: 'throw' | 'stop'): { $: CheerioAPI; full: boolean } {
  const { adapter, state } = budgetedAdapter(maxNodes, onFull);
  // cheerio hands its options to parse5, which builds the tree through this adapter.
  const $ = load(html, { treeAdapter: adapter } as Parameters<typeof load>[1]);
  return { $, full: state.full };
}

const FORMATTING_TAG = /<\/?(?:b|big|code|em|font|i|s|small|strike|strong|tt|u)(?=[\s/>])[^>]*>/gi;

function capWarnings(capped: CappedHtml, limits: HtmlLimits): string[] {
  const warnings: string[] = [];
  if (capped.droppedForDepth) warnings.push(WARNINGS.depth(limits.maxDepth, capped.droppedForDepth));
  if (capped.droppedFormatting) warnings.push(WARNINGS.formatting(limits.maxOpenFormatting, capped.droppedFormatting));
  if (capped.tagsWithTooManyAttributes) warnings.push(WARNINGS.attributes(limits.maxAttributes, capped.tagsWithTooManyAttributes));
  return warnings;
}

/** Parses capped markup within the node budget: whole, or without formatting tags, or cut short. */
function parseCapped(capped: string, limits: HtmlLimits, warnings: string[]): { $: CheerioAPI; rebuilt: boolean } {
  try {
    return { $: loadBudgeted(capped, limits.maxNodes, 'throw').$, rebuilt: false };
  } catch (e) {
    if (!(e instanceof NodeBudgetExceeded)) throw e;
  }
  // Open formatting elements multiply nodes; without them the page is read whole, or up to the budget.
  warnings.push(WARNINGS.nodes(limits.maxNodes));
  const { $, full } = loadBudgeted(capped.replace(FORMATTING_TAG, ''), limits.maxNodes, 'stop');
  if (full) warnings.push(WARNINGS.truncated(limits.maxNodes));
  return { $, rebuilt: true };
}

/**
 * Parses a page within `limits`; never throws on page content, says what it left out. An ordinary
 * page (see fast-parse.ts) is parsed by htmlparser2 into the tree the spec's parser would build;
 * any other page by parse5.
 */
export function parseHtml(html: string, limits: HtmlLimits = HTML_LIMITS): ParsedHtml {
  const capped = capMarkup(html, limits);
  const warnings = capWarnings(capped, limits);
  const doc = parseOrdinaryHtml(capped.html, limits.maxNodes);
  if (doc) return { $: load(doc), warnings };
  return { $: parseCapped(capped.html, limits, warnings).$, warnings };
}

/** The spec parser alone (parse5), for comparing with the fast path. */
export function parseHtmlWithParse5(html: string, limits: HtmlLimits = HTML_LIMITS): ParsedHtml {
  const capped = capMarkup(html, limits);
  const warnings = capWarnings(capped, limits);
  return { $: parseCapped(capped.html, limits, warnings).$, warnings };
}

/**
 * The page as markup any HTML parser (jsdom, a browser's DOMParser) builds within the limits:
 * the same text for an ordinary page. For callers that need a real DOM rather than cheerio's.
 * Tags are ASCII, so a byte-per-character decoding (latin1) of the raw bytes can go through here
 * and back without changing the page's other bytes, unless the node budget forced a rebuild.
 */
export function boundedHtml(html: string, limits: HtmlLimits = HTML_LIMITS): { html: string; changed: boolean; warnings: string[] } {
  const capped = capMarkup(html, limits);
  const warnings = capWarnings(capped, limits);
  const { $, rebuilt } = parseCapped(capped.html, limits, warnings);
  if (rebuilt) return { html: $.html(), changed: true, warnings };
  return { html: capped.html, changed: capped.html !== html, warnings };
}
