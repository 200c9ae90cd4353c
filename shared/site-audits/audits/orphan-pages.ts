import type { SiteIssue } from '../../schemas/index.ts';
import { urlKey } from '../lib.ts';
import { defineSiteAudit } from '../types.ts';

/** Orphans: sitemap URLs no crawled page links to (a link reaching them through a redirect counts). */
export default defineSiteAudit({
  id: 'orphan-pages',
  title: 'Sitemap pages are linked',
  failureTitle: 'Sitemap pages are orphans (not linked)',
  check({ input, lookup, sitemapKeys }) {
    const linked = new Set<string>();
    for (const link of input.links) {
      if (urlKey(link.from) === urlKey(link.to)) continue;
      linked.add(urlKey(link.to));
      const target = lookup.resolve(link.to);
      if (target) linked.add(urlKey(target.page.url));
    }
    const start = urlKey(input.startUrl);
    const startPage = lookup.resolve(input.startUrl)?.page;
    const issues: SiteIssue[] = [];
    for (const url of input.sitemapUrls) {
      const k = urlKey(url);
      if (k === start || (startPage && urlKey(startPage.url) === k) || linked.has(k)) continue;
      issues.push({ type: 'orphan-page', severity: 'warning', message: 'In the sitemap, but no crawled page links to it.', url: k, items: [] });
    }
    return { issues, population: sitemapKeys.size };
  },
});
