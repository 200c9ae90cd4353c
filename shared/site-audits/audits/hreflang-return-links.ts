import type { AuditItem, SiteIssue } from '../../schemas/index.ts';
import { isBroken, statusLabel, urlKey } from '../lib.ts';
import { defineSiteAudit } from '../types.ts';

/** hreflang return links, on pages both ends of which the crawl fetched. */
export default defineSiteAudit({
  id: 'hreflang-return-links',
  title: 'hreflang alternates link back',
  failureTitle: 'hreflang return links are missing',
  check({ htmlPages, lookup }) {
    const issues: SiteIssue[] = [];
    for (const p of htmlPages) {
      const own = new Set([urlKey(p.url), urlKey(p.requestedUrl), ...(p.canonical ? [urlKey(p.canonical)] : [])]);
      const missing: AuditItem[] = [];
      for (const h of p.hreflangs) {
        if (own.has(urlKey(h.url))) continue;
        const found = lookup.resolve(h.url);
        if (!found) continue;
        const t = found.page;
        if (isBroken(t) || found.redirected) {
          missing.push({ hreflang: h.lang, target: h.url, reason: isBroken(t) ? `returns ${statusLabel(t)}` : `redirects to ${t.url}` });
          continue;
        }
        if (!t.hreflangs.some((back) => own.has(urlKey(back.url)))) missing.push({ hreflang: h.lang, target: h.url, reason: 'no return link' });
      }
      const n = missing.length;
      if (n) issues.push({ type: 'hreflang-no-return-link', severity: 'error', message: `${n} hreflang alternate${n === 1 ? '' : 's'} do not link back to this page.`, url: p.url, items: missing });
    }
    return { issues, population: htmlPages.filter((p) => p.hreflangs.length).length };
  },
});
