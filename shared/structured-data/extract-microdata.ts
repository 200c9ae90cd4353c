import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { MicrodataItem } from '../schemas/index.ts';

/** Items read at most per page: a hostile page cannot make extraction unbounded. */
export const MAX_MICRODATA_ITEMS = 5_000;
/** Nesting followed at most. */
export const MAX_MICRODATA_DEPTH = 32;

/** Elements whose property value is a URL, and the attribute holding it (HTML microdata spec). */
const URL_ATTRIBUTE: Record<string, string> = {
  a: 'href',
  area: 'href',
  link: 'href',
  audio: 'src',
  embed: 'src',
  iframe: 'src',
  img: 'src',
  source: 'src',
  track: 'src',
  video: 'src',
  object: 'data',
};

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function tokens(value: string | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(/\s+/).filter(Boolean))];
}

function resolveUrl(value: string, base: string | null): string {
  const trimmed = value.trim();
  try {
    return base ? new URL(trimmed, base).href : new URL(trimmed).href;
  } catch {
    return trimmed; // Kept as written, so validation can say the URL is invalid.
  }
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** The effective document base: <base href> resolved against the page URL. */
function documentBase($: CheerioAPI, baseUrl: string): string | null {
  let base: string | null = null;
  try {
    base = new URL(baseUrl).href;
  } catch {
    base = null;
  }
  const baseHref = $('base[href]').first().attr('href');
  if (baseHref) {
    try {
      base = base ? new URL(baseHref.trim(), base).href : new URL(baseHref.trim()).href;
    } catch {
      // An unusable <base> is ignored, as browsers do.
    }
  }
  return base;
}

interface ExtractionState {
  $: CheerioAPI;
  base: string | null;
  order: Map<Element, number>;
  byId: Map<string, Element>;
  itemCount: number;
}

/**
 * The page's microdata: top-level items (itemscope without itemprop) with their properties and
 * nested items, following the HTML microdata algorithm (itemref included). Values: `content`
 * when present (as Google reads it), URLs resolved against the base, datetime, value, or text.
 */
export function extractMicrodata($: CheerioAPI, baseUrl: string): MicrodataItem[] {
  const scopes = $('[itemscope]').toArray().filter(isElement);
  if (scopes.length === 0) return [];
  const order = new Map<Element, number>();
  const byId = new Map<string, Element>();
  $('*')
    .toArray()
    .forEach((el, index) => {
      if (!isElement(el)) return;
      order.set(el, index);
      const id = el.attribs?.id;
      if (id && !byId.has(id)) byId.set(id, el);
    });
  const state: ExtractionState = { $, base: documentBase($, baseUrl), order, byId, itemCount: 0 };
  const items: MicrodataItem[] = [];
  for (const scope of scopes) {
    if (scope.attribs.itemprop !== undefined && tokens(scope.attribs.itemprop).length > 0) continue;
    if (state.itemCount >= MAX_MICRODATA_ITEMS) break;
    const item = readItem(scope, state, new Set(), 0);
    if (item) items.push(item);
  }
  return items;
}

function readItem(scope: Element, state: ExtractionState, ancestors: Set<Element>, depth: number): MicrodataItem | null {
  if (depth > MAX_MICRODATA_DEPTH || state.itemCount >= MAX_MICRODATA_ITEMS) return null;
  state.itemCount++;
  const item: MicrodataItem = { type: tokens(scope.attribs.itemtype), properties: {} };
  if (scope.attribs.itemid !== undefined && scope.attribs.itemid.trim() !== '') item.id = resolveUrl(scope.attribs.itemid, state.base);
  const chain = new Set(ancestors).add(scope);
  for (const element of propertyElements(scope, state)) {
    const names = tokens(element.attribs.itemprop);
    if (names.length === 0) continue;
    let value: string | MicrodataItem | null;
    if (element.attribs.itemscope !== undefined) {
      // An item that contains itself (through itemref) would never end.
      value = chain.has(element) ? null : readItem(element, state, chain, depth + 1);
    } else {
      value = propertyValue(element, state);
    }
    if (value === null) continue;
    for (const name of names) (item.properties[name] ??= []).push(value);
  }
  return item;
}

/** The spec's "crawl the properties": children and itemref'd elements, not entering nested items. */
function propertyElements(root: Element, state: ExtractionState): Element[] {
  const memory = new Set<Element>([root]);
  const results: Element[] = [];
  const pending: Element[] = root.children.filter(isElement);
  for (const id of tokens(root.attribs.itemref)) {
    const referenced = state.byId.get(id);
    if (referenced) pending.push(referenced);
  }
  while (pending.length > 0) {
    const current = pending.pop() as Element;
    if (memory.has(current)) continue;
    memory.add(current);
    if (current.attribs.itemscope === undefined) pending.push(...current.children.filter(isElement));
    if (current.attribs.itemprop !== undefined) results.push(current);
  }
  return results.sort((a, b) => (state.order.get(a) ?? 0) - (state.order.get(b) ?? 0));
}

function propertyValue(element: Element, state: ExtractionState): string {
  const name = element.name.toLowerCase();
  const attrs = element.attribs;
  // Google reads `content` on any element (its own examples put it on <span>); the spec only on <meta>.
  if (attrs.content !== undefined) return attrs.content.trim();
  if (name === 'meta') return '';
  const urlAttribute = URL_ATTRIBUTE[name];
  if (urlAttribute) return attrs[urlAttribute] !== undefined ? resolveUrl(attrs[urlAttribute], state.base) : '';
  if ((name === 'data' || name === 'meter') && attrs.value !== undefined) return attrs.value.trim();
  if (name === 'time' && attrs.datetime !== undefined) return attrs.datetime.trim();
  return collapse(state.$(element).text());
}
