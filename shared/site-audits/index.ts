import { isNoindexForGoogle } from '../audits/lib/robots.ts';
import type { CrawlIndex, CrawlIndexEntry } from '../audits/types.ts';
import type { PageArtifacts, PageResult } from '../schemas/index.ts';
import { PageLookup, urlKey } from './lib.ts';
import { simhash64 } from './simhash.ts';
import type { SitePage } from './types.ts';

export { hammingDistance, simhash64 } from './simhash.ts';
export { MAX_CLICK_DEPTH } from './audits/click-depth.ts';
export { NEAR_DUPLICATE_BITS } from './audits/near-duplicate-content.ts';
export { urlKey } from './lib.ts';
export { SITE_AUDITS, SITE_AUDIT_IDS } from './registry.ts';
export { runSiteAudits } from './run.ts';
export { SitePageSchema, defineSiteAudit } from './types.ts';
export type { SiteAuditContext, SiteAuditDefinition, SiteAuditFindings, SiteAuditInput, SiteAuditOutput, SiteLink, SitePage } from './types.ts';

/** Below this many words a fingerprint says little: such pages are left out of near-duplicate detection. */
export const MIN_WORDS_FOR_FINGERPRINT = 50;

/** The canonical a page declares where search engines read it: <head> link or Link header. */
function declaredCanonical(a: PageArtifacts): string | null {
  return a.canonicals.find((c) => c.url && (c.source === 'header' || c.inHead))?.url ?? null;
}

/** A page's small summary for the site audits, kept in the crawl store next to the page. */
export function toSitePage(artifacts: PageArtifacts, page: PageResult): SitePage {
  const mainText = artifacts.passages.map((p) => p.text).join(' ');
  return {
    url: page.url,
    requestedUrl: page.requestedUrl ?? artifacts.requestedUrl,
    status: page.status,
    redirectChain: page.redirectChain,
    fetchError: page.fetchError,
    isHtml: artifacts.isHtml,
    indexable: page.indexable,
    noindex: isNoindexForGoogle(artifacts),
    canonical: declaredCanonical(artifacts),
    title: page.title,
    metaDescription: page.metaDescription,
    h1: page.h1,
    lang: page.lang,
    hreflangs: artifacts.hreflangs.filter((h) => h.url && (h.source === 'header' || h.inHead)).map((h) => ({ lang: h.lang, url: h.url as string })),
    depth: page.depth,
    inSitemap: page.inSitemap,
    wordCount: page.wordCount,
    fingerprint: artifacts.wordCount >= MIN_WORDS_FOR_FINGERPRINT ? simhash64(mainText) : null,
  };
}

/** What page audits may know of the crawl (hreflang return links): lookups by final or requested URL. */
export function crawlIndexFrom(pages: SitePage[]): CrawlIndex {
  const lookup = new PageLookup(pages);
  return {
    page(url: string): CrawlIndexEntry | undefined {
      const found = lookup.resolve(url);
      if (!found) return undefined;
      const p = found.page;
      // Reached through a redirect: to hreflang and canonical checks the URL is a redirect, not the page.
      const status = found.redirected ? (p.redirectChain[0]?.status ?? 301) : p.status;
      return { url: found.redirected ? urlKey(url) : p.url, status, indexable: !found.redirected && p.indexable, canonical: p.canonical, hreflangs: p.hreflangs, lang: p.lang };
    },
  };
}
