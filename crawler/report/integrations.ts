/**
 * The one seam between the crawl store and modules other engineers own: crawl-level audits
 * (shared/site-audits: toSitePage, runSiteAudits, crawlIndexFrom) and Lighthouse sampling
 * (crawler/lighthouse: runLighthouseSample, templateOf).
 */
import type { CrawlIndex } from '../../shared/audits/types.ts';
import type { AuditResult, LighthouseFigures, PageArtifacts, PageResult, SiteIssue } from '../../shared/schemas/index.ts';
import { crawlIndexFrom, runSiteAudits, SitePageSchema, toSitePage, type SiteLink, type SitePage } from '../../shared/site-audits/index.ts';
import { runLighthouseSample, templateOf } from '../lighthouse/index.ts';

export type { SiteLink, SitePage };

export interface SiteAuditInputLike {
  startUrl: string;
  pages: unknown[];
  links: Iterable<SiteLink>;
  sitemapUrls: string[];
}

export async function toSitePageAdapter(): Promise<(artifacts: PageArtifacts, page: PageResult) => unknown> {
  return toSitePage;
}

/** Stored summaries are read back through the schema: a summary that does not parse is left out (and counted). */
function sitePagesOf(pages: unknown[]): { pages: SitePage[]; unreadable: number } {
  const out: SitePage[] = [];
  let unreadable = 0;
  for (const p of pages) {
    const parsed = SitePageSchema.safeParse(p);
    if (parsed.success) out.push(parsed.data);
    else unreadable++;
  }
  return { pages: out, unreadable };
}

/** Crawl-level audits and issues (broken links, redirect chains, duplicates, orphans, depth…); it reads stored summaries through its schema. */
export async function runSiteAuditsAdapter(input: SiteAuditInputLike): Promise<{ audits: AuditResult[]; issues: SiteIssue[] }> {
  return runSiteAudits({ startUrl: input.startUrl, pages: input.pages as SitePage[], links: input.links, sitemapUrls: input.sitemapUrls });
}

/** What page audits may know of the whole crawl (hreflang return links). */
export async function crawlIndexAdapter(sitePages: unknown[]): Promise<CrawlIndex | null> {
  return crawlIndexFrom(sitePagesOf(sitePages).pages);
}

/** The template a page belongs to, for Lighthouse sampling (URL shape and structured data). */
export function lighthouseTemplateOf(url: string, artifacts: PageArtifacts): string {
  return templateOf(url, artifacts);
}

/** Lighthouse on a sample of pages, figures inherited by the rest of each sampled template. */
export async function runLighthouseSampleAdapter(
  pages: Array<{ url: string; template: string }>,
  options: { count: number; concurrency: number; chromiumArgs?: string[] },
): Promise<Map<string, LighthouseFigures> | null> {
  return runLighthouseSample(pages, options);
}
