import type { AuditItem, Hreflang } from '../schemas/index.ts';
import { isExpectedHreflang } from './lib/lang.ts';
import { equalWithoutFragment } from './lib/url.ts';
import { defineAudit, type CrawlIndex } from './types.ts';

const UIStrings = {
  title: 'Document has a valid `hreflang`',
  failureTitle: "Document doesn't have a valid `hreflang`",
  description: 'hreflang links tell search engines which language version of a page to show to which prospect.',
  unexpectedLanguage: 'Unexpected language code',
  notFullyQualified: 'Relative href value',
  noReturnLink: 'No return link: the target page does not link back with hreflang',
  targetNotOk: (status: number) => `Target page returns HTTP ${status}`,
  warningInBody: (lang: string) => `An hreflang link in <body> is ignored by search engines (hreflang="${lang}").`,
  warningNoXDefault: 'No x-default: prospects whose language is not listed get no preferred version.',
};

function sourceOf(h: Hreflang): string {
  return h.source === 'header'
    ? `Link: <${h.href}>; rel="alternate"; hreflang="${h.lang}"`
    : `<link rel="alternate" hreflang="${h.lang}" href="${h.href}" />`;
}

/** Google ignores an hreflang pair unless the target page points back: checked on pages the crawl fetched. */
function returnLinkProblem(h: Hreflang, pageUrls: string[], crawl: CrawlIndex | undefined): string | null {
  if (!crawl || !h.url || pageUrls.some((u) => equalWithoutFragment(u, h.url as string))) return null;
  const target = crawl.page(h.url);
  if (!target) return null;
  if (target.status >= 300 || target.status < 200) return UIStrings.targetNotOk(target.status);
  const backs = target.hreflangs.some((t) => t.url != null && pageUrls.some((u) => equalWithoutFragment(u, t.url as string)));
  return backs ? null : UIStrings.noReturnLink;
}

export default defineAudit({
  meta: { id: 'hreflang', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'international', requires: ['hreflangs', 'url', 'requestedUrl', 'canonicals'] },
  run(a, context) {
    const warnings: string[] = [];
    const pageUrls = [a.url, a.requestedUrl, ...a.canonicals.filter((c) => c.inHead && c.url).map((c) => c.url as string)];
    // Lighthouse's order: <link> elements, then Link headers.
    const ordered = [...a.hreflangs.filter((h) => h.source !== 'header'), ...a.hreflangs.filter((h) => h.source === 'header')];
    const items: AuditItem[] = [];
    let auditable = 0;
    let hasXDefault = false;
    for (const h of ordered) {
      if (h.rel && h.rel !== 'alternate') continue;
      if (!h.lang) continue;
      if (h.source === 'link' && !h.inHead) {
        warnings.push(UIStrings.warningInBody(h.lang));
        continue;
      }
      auditable++;
      if (h.lang.toLowerCase() === 'x-default') hasXDefault = true;
      const reasons: string[] = [];
      if (!isExpectedHreflang(h.lang)) reasons.push(UIStrings.unexpectedLanguage);
      const raw = h.href.toLowerCase();
      if (!raw.startsWith('http:') && !raw.startsWith('https:')) reasons.push(UIStrings.notFullyQualified);
      if (!reasons.length) {
        const problem = returnLinkProblem(h, pageUrls, context.crawl);
        if (problem) reasons.push(problem);
      }
      if (reasons.length) items.push({ source: sourceOf(h), hreflang: h.lang, href: h.href, reason: reasons.join('; ') });
    }
    if (auditable > 0 && !hasXDefault) warnings.push(UIStrings.warningNoXDefault);
    if (items.length) return { score: 0, displayValue: `${items.length} invalid hreflang link${items.length === 1 ? '' : 's'}`, items, warnings };
    return { score: 1, warnings };
  },
});
