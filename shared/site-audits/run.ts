import { AuditResultSchema, type AuditResult, type SiteIssue } from '../schemas/index.ts';
import { competesInSearch, PageLookup, urlKey } from './lib.ts';
import { SITE_AUDITS } from './registry.ts';
import { byUrl } from '../url.ts';
import { SitePageSchema, type SiteAuditContext, type SiteAuditDefinition, type SiteAuditInput, type SiteAuditOutput, type SitePage } from './types.ts';

const MAX_ITEMS = 500;

const unreadableWarning = (n: number) => `${n} page summar${n === 1 ? 'y was' : 'ies were'} unreadable and left out.`;

/**
 * Crawl-level checks over the whole crawl (broken links, redirects, duplicates, orphans, sitemap, depth,
 * canonicals, hreflang), each in its own error isolation: one that throws is an `error` result, the rest run.
 */
export function runSiteAudits(input: SiteAuditInput, audits: SiteAuditDefinition[] = SITE_AUDITS): SiteAuditOutput {
  // Summaries may come back from a crawl store: read them through the schema, leave out the unreadable.
  const pages: SitePage[] = [];
  let unreadable = 0;
  for (const raw of input.pages) {
    const parsed = SitePageSchema.safeParse(raw);
    if (parsed.success) pages.push(parsed.data);
    else unreadable++;
  }
  // In URL order, not crawl order: which page of a duplicate group is named first (and which few are the
  // examples) must not depend on which fetch finished first, nor differ between a local and a distributed crawl.
  pages.sort(byUrl);
  const warnings = unreadable ? [unreadableWarning(unreadable)] : [];
  const htmlPages = pages.filter((p) => p.isHtml && p.status >= 200 && p.status < 300 && !p.fetchError);
  const ctx: SiteAuditContext = {
    input,
    pages,
    lookup: new PageLookup(pages),
    sitemapKeys: new Set(input.sitemapUrls.map(urlKey)),
    htmlPages,
    competing: htmlPages.filter(competesInSearch),
  };

  const results: AuditResult[] = [];
  const issues: SiteIssue[] = [];
  for (const audit of audits) {
    const { id, title, failureTitle } = audit;
    let found;
    try {
      found = audit.check(ctx);
    } catch (e) {
      results.push(AuditResultSchema.parse({ id, title, score: null, scoreDisplayMode: 'error', errorMessage: e instanceof Error ? e.message : String(e), warnings }));
      continue;
    }
    const list = found.issues;
    issues.push(...list);
    const total = found.population;
    if (total === 0) {
      results.push(AuditResultSchema.parse({ id, title, score: null, scoreDisplayMode: 'notApplicable', explanation: 'Nothing to check in this crawl.', warnings }));
      continue;
    }
    if (!list.length) {
      results.push(AuditResultSchema.parse({ id, title, score: 1, scoreDisplayMode: 'binary', warnings }));
      continue;
    }
    const bad = Math.min(total, found.affected ?? list.length);
    // Score: the share of checked pages (or link targets, sitemap entries) without the problem.
    const score = Math.round((1 - bad / total) * 1000) / 1000;
    results.push(
      AuditResultSchema.parse({
        id,
        title: failureTitle,
        score,
        scoreDisplayMode: 'numeric',
        displayValue: `${list.length} issue${list.length === 1 ? '' : 's'}`,
        warnings,
        items: list.slice(0, MAX_ITEMS).map((i) => ({ type: i.type, severity: i.severity, url: i.url, message: i.message, count: i.items.length })),
      }),
    );
  }
  return { audits: results, issues };
}
