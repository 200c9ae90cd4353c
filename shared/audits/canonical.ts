import type { AuditItem, Canonical, Hreflang } from '../schemas/index.ts';
import { documentBase, domHref, isAbsoluteUrl, resolveOrNull } from './lib/url.ts';
import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Document has a valid `rel=canonical`',
  failureTitle: 'Document does not have a valid `rel=canonical`',
  description: 'The canonical link tells search engines which URL to show in results; a wrong one sends the ranking to another page.',
  explanationConflict: (urls: string) => `Multiple conflicting URLs (${urls})`,
  explanationInvalid: (url: string) => `Invalid URL (${url})`,
  explanationRelative: (url: string) => `Is not an absolute URL (${url})`,
  explanationPointsElsewhere: (url: string) => `Points to another \`hreflang\` location (${url})`,
  explanationRoot: "Points to the domain's root URL (the homepage), instead of an equivalent page of content",
  warningInBody: (href: string) => `A rel=canonical link in <body> is ignored by search engines (${href}).`,
};

interface CanonicalRef {
  tag: Canonical;
  hrefRaw: string;
  /** Resolved URL; null when it does not resolve (invalid). */
  href: string | null;
}

function sourceOf(c: Canonical): string {
  return c.source === 'header' ? `Link: <${c.href}>; rel="canonical"` : `<link rel="canonical" href="${c.href}">`;
}

/** Lighthouse reads <link> elements in DOM order, then Link headers; rel must be exactly the one value. */
function inLighthouseOrder<T extends { source: string }>(list: T[]): T[] {
  return [...list.filter((x) => x.source !== 'header'), ...list.filter((x) => x.source === 'header')];
}

function isRel(x: { rel?: string }, rel: string): boolean {
  return !x.rel || x.rel === rel;
}

export default defineAudit({
  meta: { id: 'canonical', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'crawl', requires: ['canonicals', 'hreflangs', 'url', 'base'] },
  run(a) {
    const base = documentBase(a);
    const warnings = a.canonicals.filter((c) => c.source === 'link' && !c.inHead && c.href).map((c) => UIStrings.warningInBody(c.href));

    const refs: CanonicalRef[] = [];
    for (const tag of inLighthouseOrder(a.canonicals)) {
      // Links in <body> and links without href are not canonical references.
      if (tag.source === 'link' && !tag.inHead) continue;
      if (!isRel(tag, 'canonical') || !tag.href) continue;
      refs.push({ tag, hrefRaw: tag.href, href: tag.source === 'header' ? resolveOrNull(tag.href, a.url) : domHref(tag.href, base) });
    }
    const hreflangUrls = new Set<string>();
    for (const h of inLighthouseOrder<Hreflang>(a.hreflangs)) {
      if (h.source === 'link' && !h.inHead) continue;
      if (!isRel(h, 'alternate') || !h.lang) continue;
      const href = h.source === 'header' ? resolveOrNull(h.href, a.url) : h.href ? domHref(h.href, base) : '';
      if (href) hreflangUrls.add(href);
    }

    const fail = (explanation: string, items: AuditItem[]) => ({ score: 0, explanation, items, warnings });
    const invalid = refs.filter((r) => r.href === null).at(-1);
    if (invalid) return fail(UIStrings.explanationInvalid(invalid.hrefRaw), [{ source: sourceOf(invalid.tag), problem: 'invalid URL' }]);
    const relative = refs.filter((r) => r.href !== null && !isAbsoluteUrl(r.hrefRaw)).at(-1);
    if (relative) return fail(UIStrings.explanationRelative(relative.hrefRaw), [{ source: sourceOf(relative.tag), problem: 'relative URL' }]);

    const unique = [...new Set(refs.map((r) => r.href as string))];
    if (unique.length === 0) return { score: null, notApplicable: true, warnings };
    if (unique.length > 1) {
      return fail(
        UIStrings.explanationConflict(unique.join(', ')),
        refs.map((r) => ({ source: sourceOf(r.tag), url: r.href, problem: 'conflicting canonical' })),
      );
    }

    const canonical = new URL(unique[0]);
    const page = new URL(a.url);
    const item = { source: sourceOf(refs[0].tag), url: canonical.href };
    // A canonical to another language version tells engines to drop this language from results.
    if (hreflangUrls.has(page.href) && hreflangUrls.has(canonical.href) && page.href !== canonical.href) {
      return fail(UIStrings.explanationPointsElsewhere(page.href), [{ ...item, problem: 'points to another hreflang version' }]);
    }
    if (canonical.origin === page.origin && canonical.pathname === '/' && page.pathname !== '/') {
      return fail(UIStrings.explanationRoot, [{ ...item, problem: 'points to the homepage' }]);
    }
    return { score: 1, displayValue: canonical.href, warnings };
  },
});
