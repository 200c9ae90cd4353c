import type { Document, Element } from 'domhandler';
import { textOf } from './dom.ts';
import { documentBodyText } from './fast-parse.ts';
import { PageArtifactsSchema, type PageArtifacts } from '../schemas/index.ts';
import { extractContent, mainRoot, type ContentExtraction } from './content.ts';
import { GATHERERS, type AnyGatherer, type GatherContext } from './gatherers/index.ts';
import { headerValues, normalizeHeaders } from './headers.ts';
import type { PageInput } from './page-input.ts';
import { parseHtml } from './parse-html.ts';
import { withQueryIndex } from './query-index.ts';
import { resolveHttpUrl } from './url.ts';

export { normalizeHeaders, parseLinkHeader, parseXRobotsTag } from './headers.ts';
export type { HeaderInput } from './headers.ts';
export { findPrices } from './prices.ts';
export { countWords } from './content.ts';
export { ROBOTS_META_AGENTS } from './gatherers/robots.ts';
export { GATHERERS } from './gatherers/index.ts';
export type { PageInput } from './page-input.ts';

export function isHtmlContentType(contentType: string | null | undefined): boolean {
  if (!contentType) return true; // Servers that omit it mostly serve HTML; the parser copes with the rest.
  return /\b(text\/html|application\/xhtml\+xml)\b/i.test(contentType);
}

/** Artifacts before any gatherer ran: the fetch itself, and empty values for everything gathered. */
function fetchArtifacts(input: PageInput, headers: PageArtifacts['headers'], linkHeaders: string[], isHtml: boolean): PageArtifacts {
  return {
    url: input.url,
    requestedUrl: input.requestedUrl ?? input.url,
    status: input.status,
    headers,
    linkHeaders,
    contentType: headers['content-type'] ?? null,
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
    robots: [],
    canonicals: [],
    hreflangs: [],
    base: null,
    headings: [],
    passages: [],
    faq: [],
    jsonLd: [],
    microdata: [],
    rdfa: [],
    openGraph: {},
    links: [],
    images: [],
    tables: [],
    lists: [],
    prices: [],
    wordCount: 0,
    snippetSignals: { nosnippetRegions: 0, nosnippetWords: 0, nosnippetText: '', scripts: 0, emptyAppRoot: false },
    humanSignals: { authors: [], dates: [], organizations: [], contacts: [], reviews: [] },
    usability: { unlabeledControls: [], controls: 0, htmlBytes: 0 },
    depth: input.depth ?? null,
    inSitemap: input.inSitemap ?? null,
    robotsTxt: input.robotsTxt ?? null,
    lighthouse: null,
    rendered: input.rendered ?? false,
    parseWarnings: [],
  };
}

/**
 * HTML + URL + response headers → the page's artifacts. Never throws on page content: each gatherer runs in
 * its own error isolation (a throw leaves its artifacts empty and is recorded in `gatherErrors`).
 */
export function extractArtifacts(input: PageInput, gatherers: AnyGatherer[] = GATHERERS): PageArtifacts {
  const h = normalizeHeaders(input.headers);
  const linkHeaders = headerValues(h, 'link');
  const isHtml = isHtmlContentType(h.headers['content-type'] ?? null) && input.html != null;
  const artifacts = fetchArtifacts(input, h.headers, linkHeaders, isHtml);

  // Bounded parse: a page cannot buy quadratic time or unbounded memory with its markup.
  const parsed = isHtml ? parseHtml(input.html ?? '') : null;
  const $ = parsed ? withQueryIndex(parsed.$) : null;
  if (parsed) artifacts.parseWarnings = parsed.warnings;
  // <base href> changes how every relative URL on the page resolves.
  const baseHref = $?.('base[href]').first().attr('href');
  const docBase = (baseHref && resolveHttpUrl(baseHref, input.url)) || input.url;

  let main: Element | undefined;
  let content: ContentExtraction | undefined;
  const ctx: GatherContext = {
    input,
    headers: h,
    linkHeaders,
    $,
    docBase,
    inHead: (el) => hasAncestorOrSelf(el, 'head'),
    main: () => (main ??= mainRoot($!.root()[0] as unknown as Element, (sel) => $!(sel).toArray() as Element[])),
    content: () => (content ??= extractContent(ctx.main(), ($!('body')[0] as Element) ?? ($!.root()[0] as unknown as Element))),
    bodyText: (maxChars) => {
      const streamed = documentBodyText($!.root()[0] as unknown as Document);
      if (streamed !== undefined) return streamed.slice(0, maxChars);
      const body = $!('body')[0] as Element | undefined;
      return body ? textOf(body, maxChars) : null;
    },
    artifacts,
  };

  const errors: Record<string, string> = {};
  for (const g of gatherers) {
    if (!isHtml && g.htmlOnly !== false) continue;
    try {
      const out = g.gather(ctx);
      for (const key of g.provides) (artifacts as Record<string, unknown>)[key] = out[key];
    } catch (e) {
      const message = `${g.id}: ${e instanceof Error ? e.message : String(e)}`;
      for (const key of g.provides) errors[key] = message;
    }
  }
  if (Object.keys(errors).length) artifacts.gatherErrors = errors;
  return artifacts;
}

/** `$(el).closest(name).length > 0` without compiling a selector. */
function hasAncestorOrSelf(el: Element, name: string): boolean {
  for (let cur: Element['parent'] | Element = el; cur; cur = cur.parent) if ((cur as Element).name === name) return true;
  return false;
}

/** Validates artifacts read back from storage or another process. */
export function parseArtifacts(data: unknown): PageArtifacts {
  return PageArtifactsSchema.parse(data);
}
