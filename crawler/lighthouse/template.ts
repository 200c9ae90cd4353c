import type { PageArtifacts } from '../../shared/schemas/index.ts';
import { isValidLanguageTag } from '../../shared/audits/lib/lang.ts';

/** Segments that are ids, not names: numbers, hashes, UUIDs, dates. */
const ID_SEGMENT = /^(?:\d+|[0-9a-f]{12,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}(?:-\d{2})?)$/i;
/** A language prefix (/fr/, /en-gb/): language versions of a page share its template. */
const LANG_SEGMENT = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,4})?$/i;
const MAX_SIGNATURE_TYPES = 3;

function schemaTypes(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 3 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) schemaTypes(v, out, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  const types = Array.isArray(obj['@type']) ? obj['@type'] : [obj['@type']];
  for (const t of types) if (typeof t === 'string' && t) out.add(t.replace(/^https?:\/\/schema\.org\//, ''));
  if (obj['@graph']) schemaTypes(obj['@graph'], out, depth + 1);
}

/** What kind of page the markup says it is: its top-level schema.org types, else og:type. */
function structuralSignature(a: Pick<PageArtifacts, 'jsonLd' | 'microdata' | 'openGraph'>): string {
  const types = new Set<string>();
  for (const block of a.jsonLd) schemaTypes(block.parsed, types);
  for (const item of a.microdata) for (const t of item.type) types.add(t.replace(/^https?:\/\/schema\.org\//, ''));
  // Site-wide wrappers say nothing about the page's own template.
  for (const generic of ['WebSite', 'Organization', 'BreadcrumbList', 'WebPage', 'SearchAction', 'ListItem']) types.delete(generic);
  const picked = [...types].sort().slice(0, MAX_SIGNATURE_TYPES);
  if (picked.length) return picked.join('+');
  return a.openGraph['og:type']?.trim().toLowerCase() ?? '';
}

/**
 * A page's template: its URL path pattern (language prefix dropped, ids as :id, the last segment as
 * `*`) plus, when artifacts are given, a structural signature (schema.org types or og:type).
 * "/products/sentry/" with Product markup → "/products/* [Product]"; "/" → "/".
 */
export function templateOf(url: string, artifacts?: Pick<PageArtifacts, 'jsonLd' | 'microdata' | 'openGraph'>): string {
  let segments: string[];
  try {
    segments = new URL(url).pathname.split('/').filter(Boolean);
  } catch {
    return 'invalid-url';
  }
  if (segments.length && LANG_SEGMENT.test(segments[0]) && isValidLanguageTag(segments[0].replace('_', '-'))) segments = segments.slice(1);
  const mapped = segments.map((s, i) => (ID_SEGMENT.test(s) ? ':id' : i === segments.length - 1 ? '*' : s.toLowerCase()));
  const pattern = `/${mapped.join('/')}`;
  const signature = artifacts ? structuralSignature(artifacts) : '';
  return signature ? `${pattern} [${signature}]` : pattern;
}

/**
 * Which pages to run Lighthouse on: one per template first (largest templates first, the
 * template's first page in crawl order), then more pages of the largest templates, each
 * template getting picks in proportion to its size (D'Hondt).
 */
export function chooseSample(pages: Array<{ url: string; template: string }>, count: number): string[] {
  const groups = new Map<string, string[]>();
  for (const p of pages) {
    const g = groups.get(p.template);
    if (g) {
      if (!g.includes(p.url)) g.push(p.url);
    } else groups.set(p.template, [p.url]);
  }
  const ordered = [...groups.entries()].map(([template, urls], order) => ({ template, urls, order, picked: 0 }));
  ordered.sort((a, b) => b.urls.length - a.urls.length || a.order - b.order);
  const out: string[] = [];
  const limit = Math.max(0, Math.floor(count));
  for (const g of ordered) {
    if (out.length >= limit) return out;
    out.push(g.urls[0]);
    g.picked = 1;
  }
  while (out.length < limit) {
    let best: (typeof ordered)[number] | null = null;
    for (const g of ordered) {
      if (g.picked >= g.urls.length) continue;
      if (!best || g.urls.length / (g.picked + 1) > best.urls.length / (best.picked + 1)) best = g;
    }
    if (!best) break;
    out.push(best.urls[best.picked]);
    best.picked++;
  }
  return out;
}
