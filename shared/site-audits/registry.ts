import brokenLinks from './audits/broken-links.ts';
import canonicalTargets from './audits/canonical-targets.ts';
import clickDepth from './audits/click-depth.ts';
import duplicateDescriptions from './audits/duplicate-descriptions.ts';
import duplicateTitles from './audits/duplicate-titles.ts';
import hreflangReturnLinks from './audits/hreflang-return-links.ts';
import nearDuplicateContent from './audits/near-duplicate-content.ts';
import orphanPages from './audits/orphan-pages.ts';
import redirectChains from './audits/redirect-chains.ts';
import sitemapQuality from './audits/sitemap-quality.ts';
import type { SiteAuditDefinition } from './types.ts';

/** Every crawl-level audit, in report order. Add one: write its file in audits/, list it here. */
export const SITE_AUDITS: SiteAuditDefinition[] = [
  brokenLinks,
  redirectChains,
  duplicateTitles,
  duplicateDescriptions,
  nearDuplicateContent,
  orphanPages,
  sitemapQuality,
  clickDepth,
  canonicalTargets,
  hreflangReturnLinks,
];

export const SITE_AUDIT_IDS = SITE_AUDITS.map((a) => a.id);
