import type { AuditItem, SiteIssue } from '../../schemas/index.ts';
import { isBroken, statusLabel, urlKey } from '../lib.ts';
import { defineSiteAudit } from '../types.ts';

/** Sitemap entries that are noindex, canonicalised elsewhere, redirecting or broken. */
export default defineSiteAudit({
  id: 'sitemap-quality',
  title: 'Sitemap lists only indexable, canonical pages',
  failureTitle: 'Sitemap lists noindex, non-canonical, redirecting or broken pages',
  check({ lookup, sitemapKeys }) {
    const issues: SiteIssue[] = [];
    for (const url of sitemapKeys) {
      const found = lookup.resolve(url);
      if (!found) continue;
      const p = found.page;
      const push = (type: string, severity: SiteIssue['severity'], message: string, item: AuditItem) => issues.push({ type, severity, message, url, items: [item] });
      if (isBroken(p)) push('sitemap-broken', 'error', `In the sitemap, but returns ${statusLabel(p)}.`, { status: p.status, error: p.fetchError });
      else if (found.redirected) push('sitemap-redirect', 'warning', `In the sitemap, but redirects to ${p.url}.`, { redirectsTo: p.url, status: p.redirectChain[0]?.status ?? p.status });
      else if (p.noindex) push('sitemap-noindex', 'error', 'In the sitemap, but tells search engines not to index it.', { noindex: true });
      else if (p.canonical && urlKey(p.canonical) !== urlKey(p.url)) push('sitemap-non-canonical', 'warning', `In the sitemap, but its canonical is another URL (${p.canonical}).`, { canonical: p.canonical });
    }
    return { issues, population: sitemapKeys.size };
  },
});
