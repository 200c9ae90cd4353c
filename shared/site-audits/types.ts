import { z } from 'zod';
import { RedirectHopSchema, type AuditResult, type SiteIssue } from '../schemas/index.ts';

/** The per-page summary the site audits need, small enough to keep for every crawled page. */
export const SitePageSchema = z.object({
  url: z.string(),
  requestedUrl: z.string(),
  status: z.number().int(),
  redirectChain: z.array(RedirectHopSchema).default([]),
  fetchError: z.string().nullable().default(null),
  isHtml: z.boolean().default(true),
  indexable: z.boolean(),
  noindex: z.boolean(),
  canonical: z.string().nullable(),
  title: z.string().nullable(),
  metaDescription: z.string().nullable(),
  h1: z.string().nullable(),
  lang: z.string().nullable(),
  hreflangs: z.array(z.object({ lang: z.string(), url: z.string() })).default([]),
  depth: z.number().int().nonnegative().nullable(),
  inSitemap: z.boolean().nullable(),
  wordCount: z.number().int().nonnegative(),
  /** 64-bit SimHash of the main text (16 hex digits); null for pages too short to fingerprint. */
  fingerprint: z.string().nullable().default(null),
});
export type SitePage = z.infer<typeof SitePageSchema>;

export interface SiteLink {
  from: string;
  to: string;
  text: string;
  nofollow: boolean;
}

export interface SiteAuditInput {
  startUrl: string;
  pages: SitePage[];
  /** Every link of the crawl: any iterable the audits may read more than once (an array, or the report's compact table). */
  links: Iterable<SiteLink>;
  sitemapUrls: string[];
}

export interface SiteAuditOutput {
  audits: AuditResult[];
  issues: SiteIssue[];
}

/** What every site audit may read: the crawl, and views of it computed once. */
export interface SiteAuditContext {
  input: SiteAuditInput;
  /** Summaries that parsed (unreadable ones are left out and counted in a warning). */
  pages: SitePage[];
  /** The page a URL leads to (final, requested or redirect-hop URL), and whether through redirects. */
  lookup: { resolve(url: string): { page: SitePage; redirected: boolean } | undefined };
  /** Sitemap URLs, as URL keys. */
  sitemapKeys: Set<string>;
  /** 2xx HTML pages fetched without error. */
  htmlPages: SitePage[];
  /** HTML pages that compete in search: indexable and canonical to themselves. */
  competing: SitePage[];
}

/** What a site audit finds: its issues, and how many things it checked (pages, link targets, sitemap entries). */
export interface SiteAuditFindings {
  issues: SiteIssue[];
  /** How many things were checked; 0 makes the audit not applicable. */
  population: number;
  /** How many of them have the problem (default: one per issue). */
  affected?: number;
}

/**
 * One crawl-level audit. The runner turns its findings into a result (score = share of checked things without
 * the problem) and isolates it: an audit that throws becomes an `error` result, the others still run.
 */
export interface SiteAuditDefinition {
  id: string;
  title: string;
  failureTitle: string;
  check(ctx: SiteAuditContext): SiteAuditFindings;
}

export function defineSiteAudit(def: SiteAuditDefinition): SiteAuditDefinition {
  return def;
}
