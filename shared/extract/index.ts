import { load } from 'cheerio';
import type { Element } from 'domhandler';
import {
  PageArtifactsSchema,
  type Canonical,
  type Hreflang,
  type Image,
  type JsonLdBlock,
  type Link,
  type PageArtifacts,
  type Price,
  type RobotsDirective,
  type Table,
} from '../schemas/index.ts';
import { collapse, closestAttr, domPath, isElement, textOf } from './dom.ts';
import { attributeListeners, documentSingleLang, isSvgElement, scriptListeners, textLangOf, visibleTextOf } from './anchors.ts';
import { extractContent, mainRoot } from './content.ts';
import { extractFaq } from './faq.ts';
import { parseHtml } from './parse-html.ts';
import { headerValues, normalizeHeaders, parseDirectiveList, parseLinkHeader, parseXRobotsTag, type HeaderInput } from './headers.ts';
import { findPrices, parseAmount } from './prices.ts';
import { isSameSite, resolveHttpUrl } from './url.ts';

export { normalizeHeaders, parseLinkHeader, parseXRobotsTag } from './headers.ts';
export type { HeaderInput } from './headers.ts';
export { findPrices } from './prices.ts';
export { countWords } from './content.ts';

/** Meta names that carry robots directives: the generic one and crawler-specific ones. */
export const ROBOTS_META_AGENTS = new Set([
  'robots', 'googlebot', 'googlebot-news', 'googlebot-image', 'googlebot-video', 'google-extended', 'bingbot', 'msnbot',
  'slurp', 'duckduckbot', 'baiduspider', 'yandex', 'yandexbot', 'applebot', 'zmotbot', 'archive.org_bot',
]);

const MAX_LINKS = 5000;
const MAX_IMAGES = 2000;
const MAX_JSONLD_CHARS = 2_000_000;
const MAX_TABLES = 200;
const MAX_LISTS = 200;
/** A table header or caption is a label: its first characters are enough, whatever it nests. */
const MAX_HEADER_CHARS = 500;

export interface PageInput {
  /** Final URL of the page (after redirects). */
  url: string;
  requestedUrl?: string;
  status: number;
  headers?: HeaderInput;
  /** Decoded body; null or undefined for a non-HTML or failed response. */
  html?: string | null;
  redirectChain?: Array<{ url: string; status: number }>;
  fetchError?: string | null;
  /** Crawl context, where known. */
  depth?: number | null;
  inSitemap?: boolean | null;
  robotsTxt?: PageArtifacts['robotsTxt'];
  rendered?: boolean;
}

/** Optional microdata extractor, plugged in by the structured-data module. */
export type MicrodataExtractor = (root: ReturnType<typeof load>, baseUrl: string) => PageArtifacts['microdata'];
let microdataExtractor: MicrodataExtractor | null = null;
export function setMicrodataExtractor(fn: MicrodataExtractor | null) {
  microdataExtractor = fn;
}

export function isHtmlContentType(contentType: string | null | undefined): boolean {
  if (!contentType) return true; // Servers that omit it mostly serve HTML; the parser copes with the rest.
  return /\b(text\/html|application\/xhtml\+xml)\b/i.test(contentType);
}

function stripJsonLdWrappers(raw: string): string {
  return raw
    .trim()
    .replace(/^<!--/, '')
    .replace(/-->$/, '')
    .replace(/^\s*\/\/\s*<!\[CDATA\[/, '')
    .replace(/^<!\[CDATA\[/, '')
    .replace(/\/\/\s*\]\]>\s*$/, '')
    .replace(/\]\]>\s*$/, '')
    .trim();
}

/** HTML + URL + response headers → the page's artifacts. Never throws on page content. */
export function extractArtifacts(input: PageInput): PageArtifacts {
  const h = normalizeHeaders(input.headers);
  const contentType = h.headers['content-type'] ?? null;
  const html = input.html ?? '';
  const isHtml = isHtmlContentType(contentType) && input.html != null;
  const linkHeaders = headerValues(h, 'link');
  const base0 = input.url;

  const robots: RobotsDirective[] = [];
  for (const value of headerValues(h, 'x-robots-tag')) {
    for (const entry of parseXRobotsTag(value)) {
      robots.push({ source: 'header', agent: entry.agent, directives: entry.directives, raw: value, inHead: true });
    }
  }
  const canonicals: Canonical[] = [];
  const hreflangs: Hreflang[] = [];
  for (const entry of parseLinkHeader(linkHeaders)) {
    const rels = (entry.params.rel ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('canonical')) {
      canonicals.push({ href: entry.href, url: resolveHttpUrl(entry.href, base0), source: 'header', inHead: true, rel: rels.join(' ') });
    }
    if (rels.includes('alternate') && entry.params.hreflang != null) {
      hreflangs.push({ lang: entry.params.hreflang, href: entry.href, url: resolveHttpUrl(entry.href, base0), source: 'header', inHead: true, rel: rels.join(' ') });
    }
  }

  const base: PageArtifacts = {
    url: input.url,
    requestedUrl: input.requestedUrl ?? input.url,
    status: input.status,
    headers: h.headers,
    linkHeaders,
    contentType,
    isHtml,
    redirectChain: input.redirectChain ?? [],
    fetchError: input.fetchError ?? null,
    lang: null,
    htmlLang: null,
    title: null,
    titleCount: 0,
    metaDescription: null,
    metaDescriptionInHead: null,
    viewport: null,
    charset: null,
    robots,
    canonicals,
    hreflangs,
    base: null,
    headings: [],
    passages: [],
    faq: [],
    jsonLd: [],
    microdata: [],
    openGraph: {},
    links: [],
    images: [],
    tables: [],
    lists: [],
    prices: [],
    wordCount: 0,
    depth: input.depth ?? null,
    inSitemap: input.inSitemap ?? null,
    robotsTxt: input.robotsTxt ?? null,
    lighthouse: null,
    rendered: input.rendered ?? false,
    parseWarnings: [],
  };
  if (!isHtml) {
    base.lang = h.headers['content-language']?.split(',')[0]?.trim() || null;
    return base;
  }

  // Bounded parse: a page cannot buy quadratic time or unbounded memory with its markup.
  const { $, warnings: parseWarnings } = parseHtml(html);
  base.parseWarnings = parseWarnings;
  const inHead = (el: Element) => $(el).closest('head').length > 0;

  // <base href> changes how every relative URL on the page resolves.
  const baseHref = $('base[href]').first().attr('href');
  const docBase = (baseHref && resolveHttpUrl(baseHref, base0)) || base0;
  base.base = baseHref ?? null;

  const htmlLang = $('html').attr('lang')?.trim();
  base.htmlLang = $('html').attr('lang') ?? null;
  base.lang = htmlLang || h.headers['content-language']?.split(',')[0]?.trim() || null;

  // document.title reads HTML <title> elements only; an SVG icon's <title> is not the page's.
  const titles = $('title').filter((_, el) => !isSvgElement(el as Element));
  base.titleCount = titles.length;
  base.title = titles.length ? collapse(titles.first().text()) : null;

  $('meta').each((_, el) => {
    const a = el.attribs;
    const name = (a.name ?? '').trim().toLowerCase();
    const content = a.content ?? '';
    if (a.charset) base.charset = a.charset.trim().toLowerCase();
    if ((a['http-equiv'] ?? '').toLowerCase() === 'content-type' && !base.charset) {
      base.charset = /charset=([^;\s]+)/i.exec(content)?.[1]?.toLowerCase() ?? null;
    }
    if (name === 'description' && (base.metaDescription === null || (base.metaDescriptionInHead === false && inHead(el)))) {
      // Search engines and Lighthouse read the <head> one; a description meta only in <body> is kept, marked.
      base.metaDescription = collapse(content);
      base.metaDescriptionInHead = inHead(el);
    }
    else if (name === 'viewport' && base.viewport === null) base.viewport = content;
    else if (ROBOTS_META_AGENTS.has(name)) {
      robots.push({
        source: 'meta',
        agent: name === 'robots' ? 'all' : name,
        directives: parseDirectiveList(content),
        raw: content,
        inHead: inHead(el),
      });
    }
    const prop = (a.property ?? '').trim().toLowerCase();
    if (prop.startsWith('og:') && !(prop in base.openGraph)) base.openGraph[prop] = content;
  });

  $('link[rel]').each((_, el) => {
    const rels = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
    const href = el.attribs.href ?? '';
    if (isSvgElement(el)) return; // An SVG <link> is not an HTML link element.
    const rel = rels.filter(Boolean).join(' ');
    if (rels.includes('canonical')) {
      canonicals.push({ href, url: resolveHttpUrl(href, docBase), source: 'link', inHead: inHead(el), rel });
    }
    if (rels.includes('alternate') && el.attribs.hreflang != null) {
      hreflangs.push({ lang: el.attribs.hreflang, href, url: resolveHttpUrl(href, docBase), source: 'link', inHead: inHead(el), rel });
    }
  });

  const jsonLd: JsonLdBlock[] = [];
  $('script').each((_, el) => {
    if ((el.attribs.type ?? '').trim().toLowerCase() !== 'application/ld+json') return;
    const raw = $(el).text().slice(0, MAX_JSONLD_CHARS);
    try {
      jsonLd.push({ raw, parsed: JSON.parse(stripJsonLdWrappers(raw)), error: null });
    } catch (e) {
      jsonLd.push({ raw, parsed: null, error: e instanceof Error ? e.message : String(e) });
    }
  });
  base.jsonLd = jsonLd;
  if (microdataExtractor) {
    try {
      base.microdata = microdataExtractor($, docBase);
    } catch {
      base.microdata = [];
    }
  }

  const links: Link[] = [];
  const singleLang = documentSingleLang($);
  const listenersByElement = scriptListeners($);
  $('a').each((_, el) => {
    if (links.length >= MAX_LINKS) return false;
    const a = el.attribs;
    const href = a.href ?? null;
    const url = resolveHttpUrl(href, docBase);
    const inSvg = isSvgElement(el);
    // An SVG <a> has no rel: Lighthouse reads '' for it.
    const rel = inSvg ? '' : (a.rel ?? '').trim().toLowerCase();
    const listeners = new Set([...attributeListeners(el), ...(listenersByElement.get(el) ?? [])]);
    links.push({
      href,
      url,
      // innerText for HTML links (hidden text left out), textContent for SVG ones.
      text: inSvg ? textOf(el) : visibleTextOf(el),
      rel,
      nofollow: rel.split(/\s+/).includes('nofollow'),
      internal: url ? isSameSite(url, input.url) : false,
      lang: closestAttr(el, 'lang'),
      name: a.name ?? null,
      role: a.role ?? null,
      id: a.id ?? null,
      onclick: a.onclick != null,
      target: a.target ?? null,
      path: domPath(el),
      attributes: Object.keys(a).map((n) => n.toLowerCase()),
      textLang: textLangOf(el, singleLang),
      listeners: [...listeners],
      inSvg,
    });
    return undefined;
  });
  base.links = links;

  const images: Image[] = [];
  $('img').each((_, el) => {
    if (images.length >= MAX_IMAGES) return false;
    const a = el.attribs;
    images.push({
      src: a.src ?? null,
      url: resolveHttpUrl(a.src, docBase),
      alt: a.alt ?? null,
      role: a.role ?? null,
      width: a.width ?? null,
      height: a.height ?? null,
      path: domPath(el),
      label: imageLabel($, el),
      hidden: isHiddenForAssistiveTech($, el),
    });
    return undefined;
  });
  base.images = images;

  const tables: Table[] = [];
  $('table').each((_, el) => {
    if (tables.length >= MAX_TABLES) return false;
    // This table's own rows: a nested table's rows are its own (and counting them is quadratic).
    const rows = tableRows(el);
    const headerCells = rows.filter((r) => (r.parent as Element | null)?.name === 'thead' || firstElementChild(r.parent) === r).flatMap((r) => cellsOf(r).filter((c) => c.name === 'th'));
    const headers = (headerCells.length ? headerCells : rows.length ? cellsOf(rows[0]) : []).slice(0, 30).map((c) => textOf(c, MAX_HEADER_CHARS));
    const caption = el.children.find((c): c is Element => isElement(c) && c.name === 'caption');
    tables.push({
      caption: caption ? textOf(caption, MAX_HEADER_CHARS) : null,
      headers,
      rows: rows.length,
      columns: rows.reduce((max, r) => Math.max(max, cellsOf(r).length), 0),
    });
    return undefined;
  });
  base.tables = tables.slice(0, 200);

  const root = $.root()[0] as unknown as Element;
  const main = mainRoot(root, (sel) => $(sel).toArray() as Element[]);
  const content = extractContent(main, ($('body')[0] as Element) ?? root);
  base.headings = content.headings;
  base.passages = content.passages;
  base.wordCount = content.wordCount;

  // Lists inside the main content, outside navigation; selected from the root, as `.find()` on an
  // element is quadratic in its number of children.
  const lists: PageArtifacts['lists'] = [];
  for (const el of $('ol, ul').toArray() as Element[]) {
    if (lists.length >= MAX_LISTS) break;
    if (el === main || !isInside(el, main) || $(el).closest('nav, header, footer').length) continue;
    const items = el.children.filter((c): c is Element => isElement(c) && c.name === 'li').slice(0, 100);
    lists.push({ ordered: el.name === 'ol', items: items.map((li) => textOf(li, 300)) });
  }
  base.lists = lists;

  const prices: Price[] = findPrices(content.mainText);
  for (const block of jsonLd) collectOfferPrices(block.parsed, prices, 0);
  base.prices = prices.slice(0, 100);

  base.faq = extractFaq($, jsonLd, content.passages);
  return base;
}

const idMaps = new WeakMap<object, Map<string, Element>>();
function elementById($: ReturnType<typeof load>, id: string): Element | undefined {
  let map = idMaps.get($);
  if (!map) {
    map = new Map();
    for (const e of $('[id]').toArray() as Element[]) if (!map.has(e.attribs.id)) map.set(e.attribs.id, e);
    idMaps.set($, map);
  }
  return map.get(id);
}

/** An image's accessible name other than alt: aria-label, aria-labelledby's text, or title. */
function imageLabel($: ReturnType<typeof load>, el: Element): string | null {
  const a = el.attribs;
  if (a['aria-label']?.trim()) return a['aria-label'].trim();
  if (a['aria-labelledby']?.trim()) {
    const text = a['aria-labelledby']
      .trim()
      .split(/\s+/)
      .map((id) => elementById($, id))
      .filter((e): e is Element => e != null)
      .map((e) => textOf(e))
      .join(' ')
      .trim();
    if (text) return text;
  }
  if (a.title?.trim()) return a.title.trim();
  return null;
}

function isHiddenForAssistiveTech($: ReturnType<typeof load>, el: Element): boolean {
  for (const node of [el, ...($(el).parents().toArray() as Element[])]) {
    const a = node.attribs ?? {};
    if (a['aria-hidden'] === 'true' || 'hidden' in a) return true;
    if (/display\s*:\s*none/i.test(a.style ?? '')) return true;
  }
  return false;
}

function collectOfferPrices(node: unknown, out: Price[], depth: number) {
  if (depth > 10 || !node || typeof node !== 'object' || out.length > 100) return;
  if (Array.isArray(node)) {
    for (const n of node) collectOfferPrices(n, out, depth + 1);
    return;
  }
  const obj = node as Record<string, unknown>;
  for (const key of ['price', 'lowPrice', 'highPrice']) {
    const v = obj[key];
    if (typeof v === 'number' || (typeof v === 'string' && v.trim())) {
      const currency = typeof obj.priceCurrency === 'string' ? obj.priceCurrency : null;
      out.push({ raw: `${v}${currency ? ` ${currency}` : ''}`, amount: typeof v === 'number' ? v : parseAmount(v), currency, source: 'jsonld' });
    }
  }
  for (const v of Object.values(obj)) if (v && typeof v === 'object') collectOfferPrices(v, out, depth + 1);
}

/** Validates artifacts read back from storage or another process. */
export function parseArtifacts(data: unknown): PageArtifacts {
  return PageArtifactsSchema.parse(data);
}

/** A table's own rows: direct, or in its own thead/tbody/tfoot. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of table.children) {
    if (!isElement(c)) continue;
    if (c.name === 'tr') rows.push(c);
    else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') for (const r of c.children) if (isElement(r) && r.name === 'tr') rows.push(r);
  }
  return rows;
}

function cellsOf(row: Element): Element[] {
  return row.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
}

function firstElementChild(parent: Element['parent']): Element | undefined {
  return parent && 'children' in parent ? (parent.children.find((c) => isElement(c)) as Element | undefined) : undefined;
}

function isInside(node: Element, ancestor: Element): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) if (cur === ancestor) return true;
  return false;
}
