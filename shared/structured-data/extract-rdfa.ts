import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { MicrodataItem } from '../schemas/index.ts';

/** Items read at most per page. */
export const MAX_RDFA_ITEMS = 5_000;

/** Prefixes every RDFa 1.1 document knows without declaring them (the initial context), trimmed. */
const INITIAL_PREFIXES: Record<string, string> = {
  schema: 'http://schema.org/',
  og: 'http://ogp.me/ns#',
  dc: 'http://purl.org/dc/terms/',
  dcterms: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

/** Elements whose `rel` holds HTML link types (nofollow, stylesheet…), not vocabulary terms. */
const HTML_REL_ELEMENTS = new Set(['a', 'area', 'link']);

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

interface RdfaContext {
  vocab: string | null;
  prefixes: Record<string, string>;
  subject: MicrodataItem | null;
  /** A `rel` without an object on an ancestor: the next typed descendants become its values. */
  pendingRel: { item: MicrodataItem; properties: string[] } | null;
}

function expandTerm(token: string, ctx: RdfaContext, allowBareTerm: boolean): string | null {
  if (/^https?:\/\//i.test(token)) return token;
  const colon = token.indexOf(':');
  if (colon > 0) {
    const prefix = ctx.prefixes[token.slice(0, colon).toLowerCase()];
    return prefix ? prefix + token.slice(colon + 1) : null;
  }
  return allowBareTerm && ctx.vocab ? ctx.vocab + token : null;
}

function expandTerms(value: string | undefined, ctx: RdfaContext, allowBareTerms = true): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const token of value.split(/\s+/).filter(Boolean)) {
    const iri = expandTerm(token, ctx, allowBareTerms);
    if (iri && !out.includes(iri)) out.push(iri);
  }
  return out;
}

function parsePrefixes(value: string, base: Record<string, string>): Record<string, string> {
  const prefixes = { ...base };
  const parts = value.trim().split(/\s+/);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    if (parts[i].endsWith(':')) prefixes[parts[i].slice(0, -1).toLowerCase()] = parts[i + 1];
  }
  return prefixes;
}

function resolveUrl(value: string, base: string | null): string {
  try {
    return base ? new URL(value.trim(), base).href : new URL(value.trim()).href;
  } catch {
    return value.trim();
  }
}

function addValue(item: MicrodataItem, properties: string[], value: string | MicrodataItem): void {
  for (const property of properties) (item.properties[property] ??= []).push(value);
}

/**
 * The page's RDFa Lite items (vocab, prefix, typeof, property, resource, plus `rel` chaining), in
 * the same shape as microdata items so that one validator reads both. Property and type names are
 * full IRIs ("http://schema.org/name"). Statements about the page itself (og:title…) are skipped.
 */
export function extractRdfa($: CheerioAPI, baseUrl: string): MicrodataItem[] {
  if ($('[typeof]').length === 0) return [];
  let base: string | null = null;
  try {
    base = new URL($('base[href]').first().attr('href') ?? '', baseUrl).href;
  } catch {
    base = null;
  }
  const items: MicrodataItem[] = [];
  let itemCount = 0;
  const stack: Array<{ element: Element; ctx: RdfaContext }> = [];
  const roots = $.root().children().toArray().filter(isElement);
  const initial: RdfaContext = { vocab: null, prefixes: INITIAL_PREFIXES, subject: null, pendingRel: null };
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ element: roots[i], ctx: initial });

  while (stack.length > 0) {
    const { element, ctx: inherited } = stack.pop() as { element: Element; ctx: RdfaContext };
    const attrs = element.attribs ?? {};
    const ctx: RdfaContext = { ...inherited };
    if (attrs.vocab !== undefined) ctx.vocab = attrs.vocab.trim() || null;
    if (attrs.prefix) ctx.prefixes = parsePrefixes(attrs.prefix, ctx.prefixes);
    const properties = expandTerms(attrs.property, ctx);
    const rels = expandTerms(attrs.rel, ctx, !HTML_REL_ELEMENTS.has(element.name.toLowerCase()));
    const objectIri = attrs.resource ?? attrs.href ?? attrs.src;

    if (attrs.typeof !== undefined && itemCount < MAX_RDFA_ITEMS) {
      itemCount++;
      const item: MicrodataItem = { type: expandTerms(attrs.typeof, ctx), properties: {} };
      const about = attrs.resource ?? attrs.about;
      if (about) item.id = resolveUrl(about, base);
      if (properties.length > 0 && ctx.subject) addValue(ctx.subject, properties, item);
      else if (ctx.pendingRel) addValue(ctx.pendingRel.item, ctx.pendingRel.properties, item);
      else items.push(item);
      ctx.subject = item;
      ctx.pendingRel = rels.length > 0 && !objectIri ? { item, properties: rels } : null;
    } else {
      if (properties.length > 0 && ctx.subject) {
        let value: string;
        if (attrs.content !== undefined) value = attrs.content.trim();
        else if (objectIri !== undefined && rels.length === 0) value = resolveUrl(objectIri, base);
        else if (attrs.datetime !== undefined) value = attrs.datetime.trim();
        else value = $(element).text().replace(/[\s\u00a0]+/g, ' ').trim();
        addValue(ctx.subject, properties, value);
      }
      if (rels.length > 0 && ctx.subject) {
        if (objectIri !== undefined) addValue(ctx.subject, rels, resolveUrl(objectIri, base));
        else ctx.pendingRel = { item: ctx.subject, properties: rels };
      }
    }
    const children = element.children.filter(isElement);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ element: children[i], ctx });
  }
  return items;
}
