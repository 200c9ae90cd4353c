import type { SiteIssue } from '../../schemas/index.ts';
import { urlKey } from '../lib.ts';
import { defineSiteAudit, type SitePage } from '../types.ts';

function isLoop(p: SitePage): boolean {
  if (p.fetchError && /loop/i.test(p.fetchError)) return true;
  const seen = new Set<string>();
  for (const hop of p.redirectChain) {
    const k = urlKey(hop.url);
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return p.redirectChain.length > 0 && seen.has(urlKey(p.url)) && p.status >= 300 && p.status < 400;
}

/** Redirect chains (two hops or more) and loops. */
export default defineSiteAudit({
  id: 'redirect-chains',
  title: 'No redirect chains or loops',
  failureTitle: 'Redirect chains or loops',
  check({ pages }) {
    const issues: SiteIssue[] = [];
    for (const p of pages) {
      if (isLoop(p)) {
        issues.push({ type: 'redirect-loop', severity: 'error', message: 'Redirect loop: the URL never resolves to a page.', url: p.requestedUrl, items: p.redirectChain.map((h, i) => ({ hop: i + 1, url: h.url, status: h.status })) });
      } else if (p.redirectChain.length >= 2) {
        issues.push({
          type: 'redirect-chain',
          severity: 'warning',
          message: `Redirect chain of ${p.redirectChain.length} hops: link to the final URL directly.`,
          url: p.requestedUrl,
          items: [...p.redirectChain.map((h, i) => ({ hop: i + 1, url: h.url, status: h.status })), { hop: p.redirectChain.length + 1, url: p.url, status: p.status }],
        });
      }
    }
    return { issues, population: pages.length };
  },
});
