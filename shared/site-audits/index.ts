import { z } from 'zod';
import { isSameSite } from '../extract/url.ts';
import { isNoindexForGoogle } from '../audits/lib/robots.ts';
import type { CrawlIndex, CrawlIndexEntry } from '../audits/types.ts';
import {
  AuditResultSchema,
  RedirectHopSchema,
  type AuditItem,
  type AuditResult,
  type PageArtifacts,
  type PageResult,
  type SiteIssue,
} from '../schemas/index.ts';
import { hammingDistance, simhash64 } from './simhash.ts';

export { hammingDistance, simhash64 } from './simhash.ts';

/** Pages deeper than this many clicks from the start page are hard for crawlers and prospects to reach. */
export const MAX_CLICK_DEPTH = 3;
/** 64-bit SimHash distance at or under which two pages are near-duplicates (Manku et al., Google, 2007). */
export const NEAR_DUPLICATE_BITS = 3;
/** Below this many words a fingerprint says little: such pages are left out of near-duplicate detection. */
export const MIN_WORDS_FOR_FINGERPRINT = 50;
const MAX_ITEMS = 500;
const MAX_LINKERS_LISTED = 50;

const Messages = {
  brokenLink: (status: string, n: number) => `Internal link target returns ${status}; linked from ${n} page${n === 1 ? '' : 's'}.`,
  redirectChain: (hops: number) => `Redirect chain of ${hops} hops: link to the final URL directly.`,
  redirectLoop: 'Redirect loop: the URL never resolves to a page.',
  duplicateTitle: (n: number) => `${n} indexable pages share the same title.`,
  duplicateDescription: (n: number) => `${n} indexable pages share the same meta description.`,
  nearDuplicate: (n: number) => `${n} indexable pages have nearly the same main content.`,
  orphan: 'In the sitemap, but no crawled page links to it.',
  sitemapNoindex: 'In the sitemap, but tells search engines not to index it.',
  sitemapNonCanonical: (canonical: string) => `In the sitemap, but its canonical is another URL (${canonical}).`,
  sitemapRedirect: (to: string) => `In the sitemap, but redirects to ${to}.`,
  sitemapBroken: (status: string) => `In the sitemap, but returns ${status}.`,
  deep: (depth: number) => `${depth} clicks from the start page (more than ${MAX_CLICK_DEPTH}).`,
  canonicalTarget: (target: string, why: string) => `Canonical points to ${target}, which ${why}.`,
  unreadable: (n: number) => `${n} page summar${n === 1 ? 'y was' : 'ies were'} unreadable and left out.`,
  hreflangNoReturn: (n: number) => `${n} hreflang alternate${n === 1 ? '' : 's'} do not link back to this page.`,
};

const AUDITS = {
  'broken-links': { title: 'Internal links lead to working pages', failureTitle: 'Internal links lead to broken pages' },
  'redirect-chains': { title: 'No redirect chains or loops', failureTitle: 'Redirect chains or loops' },
  'duplicate-titles': { title: 'Titles are unique', failureTitle: 'Pages share the same title' },
  'duplicate-descriptions': { title: 'Meta descriptions are unique', failureTitle: 'Pages share the same meta description' },
  'near-duplicate-content': { title: 'No near-duplicate content', failureTitle: 'Pages have near-duplicate content' },
  'orphan-pages': { title: 'Sitemap pages are linked', failureTitle: 'Sitemap pages are orphans (not linked)' },
  'sitemap-quality': { title: 'Sitemap lists only indexable, canonical pages', failureTitle: 'Sitemap lists noindex, non-canonical, redirecting or broken pages' },
  'click-depth': { title: `Pages are within ${MAX_CLICK_DEPTH} clicks of the start page`, failureTitle: `Pages are more than ${MAX_CLICK_DEPTH} clicks deep` },
  'canonical-targets': { title: 'Canonical targets are indexable', failureTitle: 'Canonical targets are not indexable' },
  'hreflang-return-links': { title: 'hreflang alternates link back', failureTitle: 'hreflang return links are missing' },
} as const;
export type SiteAuditId = keyof typeof AUDITS;
export const SITE_AUDIT_IDS = Object.keys(AUDITS) as SiteAuditId[];

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
  links: SiteLink[];
  sitemapUrls: string[];
}

export interface SiteAuditOutput {
  audits: AuditResult[];
  issues: SiteIssue[];
}

/** The canonical a page declares where search engines read it: <head> link or Link header. */
function declaredCanonical(a: PageArtifacts): string | null {
  return a.canonicals.find((c) => c.url && (c.source === 'header' || c.inHead))?.url ?? null;
}

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

/** URL key for matching links, sitemap entries and pages: parsed and re-serialised, fragment dropped. */
export function urlKey(url: string): string {
  try {
    const u = new URL(url.trim());
    u.hash = '';
    return u.href;
  } catch {
    return url.trim();
  }
}

/** Pages by every URL that reaches them: final URL, requested URL and each redirect hop. */
class PageLookup {
  private byFinal = new Map<string, SitePage>();
  private byRequested = new Map<string, SitePage>();
  constructor(pages: SitePage[]) {
    for (const p of pages) {
      if (!this.byFinal.has(urlKey(p.url))) this.byFinal.set(urlKey(p.url), p);
      for (const u of [p.requestedUrl, ...p.redirectChain.map((h) => h.url)]) {
        if (!this.byRequested.has(urlKey(u))) this.byRequested.set(urlKey(u), p);
      }
    }
  }
  /** The page a URL leads to, and whether it gets there through redirects. */
  resolve(url: string): { page: SitePage; redirected: boolean } | undefined {
    const key = urlKey(url);
    const final = this.byFinal.get(key);
    if (final && !(final.fetchError && final.redirectChain.length)) return { page: final, redirected: false };
    const requested = this.byRequested.get(key);
    if (requested) return { page: requested, redirected: requested.redirectChain.length > 0 || urlKey(requested.url) !== key };
    return final ? { page: final, redirected: false } : undefined;
  }
}

function statusLabel(p: SitePage): string {
  if (p.fetchError && p.status === 0) return `an error (${p.fetchError})`;
  return `HTTP ${p.status}`;
}

function isBroken(p: SitePage): boolean {
  return p.status >= 400 || (p.status === 0 && p.fetchError != null);
}

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

/** Pages whose content competes in search: indexable and canonical to themselves. */
function competesInSearch(p: SitePage): boolean {
  return p.indexable && p.isHtml && (p.canonical === null || urlKey(p.canonical) === urlKey(p.url));
}

function normalizeText(s: string | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    if (!k) continue;
    const g = out.get(k);
    if (g) g.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** Near-duplicate groups by SimHash: 4 bands of 16 bits find every pair within 3 bits (pigeonhole), then union-find. */
function nearDuplicateGroups(pages: SitePage[]): Array<Array<{ page: SitePage; distance: number }>> {
  const withPrint = pages.filter((p) => p.fingerprint && /^[0-9a-f]{16}$/.test(p.fingerprint));
  const parent = withPrint.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const buckets = new Map<string, number[]>();
  withPrint.forEach((p, i) => {
    for (let band = 0; band < 4; band++) {
      const key = `${band}:${(p.fingerprint as string).slice(band * 4, band * 4 + 4)}`;
      const b = buckets.get(key);
      if (b) b.push(i);
      else buckets.set(key, [i]);
    }
  });
  for (const members of buckets.values()) {
    if (members.length < 2 || members.length > 2000) continue; // A huge bucket is boilerplate-only pages; pairs there are noise.
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x], members[y]];
        if (find(i) === find(j)) continue;
        if (hammingDistance(withPrint[i].fingerprint as string, withPrint[j].fingerprint as string) <= NEAR_DUPLICATE_BITS) parent[find(i)] = find(j);
      }
    }
  }
  const groups = groupBy(withPrint.map((p, i) => ({ p, root: String(find(i)) })), (x) => x.root);
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => g.map(({ p }) => ({ page: p, distance: hammingDistance(g[0].p.fingerprint as string, p.fingerprint as string) })));
}

/** Crawl-level checks over the whole crawl: broken links, redirects, duplicates, orphans, sitemap, depth, canonicals, hreflang. */
export function runSiteAudits(input: SiteAuditInput): SiteAuditOutput {
  // Summaries may come back from a crawl store: read them through the schema, leave out the unreadable.
  const pages: SitePage[] = [];
  let unreadable = 0;
  for (const raw of input.pages) {
    const parsed = SitePageSchema.safeParse(raw);
    if (parsed.success) pages.push(parsed.data);
    else unreadable++;
  }
  const warnings = unreadable ? [Messages.unreadable(unreadable)] : [];
  const lookup = new PageLookup(pages);
  const issues: Record<SiteAuditId, SiteIssue[]> = Object.fromEntries(SITE_AUDIT_IDS.map((id) => [id, []])) as unknown as Record<SiteAuditId, SiteIssue[]>;
  const sitemapKeys = new Set(input.sitemapUrls.map(urlKey));
  const htmlPages = pages.filter((p) => p.isHtml && p.status >= 200 && p.status < 300 && !p.fetchError);

  // Broken internal links, with the pages that link to them.
  const linkers = new Map<string, SiteLink[]>();
  for (const link of input.links) {
    if (!isSameSite(link.from, link.to) && !isSameSite(input.startUrl, link.to)) continue;
    const target = lookup.resolve(link.to);
    if (!target || !isBroken(target.page)) continue;
    const k = urlKey(link.to);
    const list = linkers.get(k) ?? [];
    list.push(link);
    linkers.set(k, list);
  }
  for (const [to, links] of linkers) {
    const target = lookup.resolve(to)!.page;
    const from = [...new Set(links.map((l) => l.from))];
    issues['broken-links'].push({
      type: 'broken-link',
      severity: 'error',
      message: Messages.brokenLink(statusLabel(target), from.length),
      url: to,
      items: from.slice(0, MAX_LINKERS_LISTED).map((f) => ({ from: f, text: links.find((l) => l.from === f)?.text ?? '', status: target.status })),
    });
  }

  // Redirect chains (two hops or more) and loops.
  for (const p of pages) {
    if (isLoop(p)) {
      issues['redirect-chains'].push({ type: 'redirect-loop', severity: 'error', message: Messages.redirectLoop, url: p.requestedUrl, items: p.redirectChain.map((h, i) => ({ hop: i + 1, url: h.url, status: h.status })) });
    } else if (p.redirectChain.length >= 2) {
      issues['redirect-chains'].push({
        type: 'redirect-chain',
        severity: 'warning',
        message: Messages.redirectChain(p.redirectChain.length),
        url: p.requestedUrl,
        items: [...p.redirectChain.map((h, i) => ({ hop: i + 1, url: h.url, status: h.status })), { hop: p.redirectChain.length + 1, url: p.url, status: p.status }],
      });
    }
  }

  // Duplicate titles and descriptions among pages that compete in search.
  const competing = htmlPages.filter(competesInSearch);
  for (const [field, id, type, message] of [
    ['title', 'duplicate-titles', 'duplicate-title', Messages.duplicateTitle],
    ['metaDescription', 'duplicate-descriptions', 'duplicate-description', Messages.duplicateDescription],
  ] as const) {
    for (const group of groupBy(competing, (p) => normalizeText(p[field])).values()) {
      if (group.length < 2) continue;
      issues[id].push({ type, severity: 'warning', message: message(group.length), url: group[0].url, items: group.map((p) => ({ url: p.url, [field === 'title' ? 'title' : 'description']: p[field] })) });
    }
  }

  for (const group of nearDuplicateGroups(competing)) {
    issues['near-duplicate-content'].push({
      type: 'near-duplicate',
      severity: 'warning',
      message: Messages.nearDuplicate(group.length),
      url: group[0].page.url,
      items: group.map(({ page, distance }) => ({ url: page.url, title: page.title, words: page.wordCount, bitsApart: distance })),
    });
  }

  // Orphans: sitemap URLs no crawled page links to (a link reaching them through a redirect counts).
  const linked = new Set<string>();
  for (const link of input.links) {
    if (urlKey(link.from) === urlKey(link.to)) continue;
    linked.add(urlKey(link.to));
    const target = lookup.resolve(link.to);
    if (target) linked.add(urlKey(target.page.url));
  }
  const start = urlKey(input.startUrl);
  const startPage = lookup.resolve(input.startUrl)?.page;
  for (const url of input.sitemapUrls) {
    const k = urlKey(url);
    if (k === start || (startPage && urlKey(startPage.url) === k) || linked.has(k)) continue;
    issues['orphan-pages'].push({ type: 'orphan-page', severity: 'warning', message: Messages.orphan, url: k, items: [] });
  }

  // Sitemap entries that are noindex, canonicalised elsewhere, redirecting or broken.
  for (const url of sitemapKeys) {
    const found = lookup.resolve(url);
    if (!found) continue;
    const p = found.page;
    const push = (type: string, severity: SiteIssue['severity'], message: string, item: AuditItem) => issues['sitemap-quality'].push({ type, severity, message, url, items: [item] });
    if (isBroken(p)) push('sitemap-broken', 'error', Messages.sitemapBroken(statusLabel(p)), { status: p.status, error: p.fetchError });
    else if (found.redirected) push('sitemap-redirect', 'warning', Messages.sitemapRedirect(p.url), { redirectsTo: p.url, status: p.redirectChain[0]?.status ?? p.status });
    else if (p.noindex) push('sitemap-noindex', 'error', Messages.sitemapNoindex, { noindex: true });
    else if (p.canonical && urlKey(p.canonical) !== urlKey(p.url)) push('sitemap-non-canonical', 'warning', Messages.sitemapNonCanonical(p.canonical), { canonical: p.canonical });
  }

  // Click depth.
  for (const p of htmlPages) {
    if (p.depth !== null && p.depth > MAX_CLICK_DEPTH && p.indexable) {
      issues['click-depth'].push({ type: 'deep-page', severity: 'notice', message: Messages.deep(p.depth), url: p.url, items: [{ depth: p.depth }] });
    }
  }

  // Canonical targets that cannot be indexed themselves.
  for (const p of htmlPages) {
    if (!p.canonical || urlKey(p.canonical) === urlKey(p.url)) continue;
    const found = lookup.resolve(p.canonical);
    if (!found) continue;
    const t = found.page;
    let why: string | null = null;
    if (isBroken(t)) why = `returns ${statusLabel(t)}`;
    else if (found.redirected) why = `redirects to ${t.url}`;
    else if (t.noindex) why = 'is noindex';
    else if (!t.indexable) why = 'is not indexable';
    else if (t.canonical && urlKey(t.canonical) !== urlKey(t.url)) why = `declares another canonical (${t.canonical})`;
    if (why) issues['canonical-targets'].push({ type: 'canonical-target-not-indexable', severity: 'error', message: Messages.canonicalTarget(p.canonical, why), url: p.url, items: [{ canonical: p.canonical, reason: why }] });
  }

  // hreflang return links, on pages both ends of which the crawl fetched.
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
    if (missing.length) issues['hreflang-return-links'].push({ type: 'hreflang-no-return-link', severity: 'error', message: Messages.hreflangNoReturn(missing.length), url: p.url, items: missing });
  }

  const population: Record<SiteAuditId, number> = {
    'broken-links': new Set(input.links.map((l) => urlKey(l.to))).size,
    'redirect-chains': pages.length,
    'duplicate-titles': competing.length,
    'duplicate-descriptions': competing.length,
    'near-duplicate-content': competing.length,
    'orphan-pages': sitemapKeys.size,
    'sitemap-quality': sitemapKeys.size,
    'click-depth': htmlPages.length,
    'canonical-targets': htmlPages.filter((p) => p.canonical && urlKey(p.canonical) !== urlKey(p.url)).length,
    'hreflang-return-links': htmlPages.filter((p) => p.hreflangs.length).length,
  };
  const affected = (id: SiteAuditId): number => {
    if (id.startsWith('duplicate') || id === 'near-duplicate-content') return issues[id].reduce((n, i) => n + i.items.length, 0);
    return issues[id].length;
  };

  const audits = SITE_AUDIT_IDS.map((id) => {
    const meta = AUDITS[id];
    const list = issues[id];
    const total = population[id];
    if (total === 0) return AuditResultSchema.parse({ id, title: meta.title, score: null, scoreDisplayMode: 'notApplicable', explanation: 'Nothing to check in this crawl.', warnings });
    if (!list.length) return AuditResultSchema.parse({ id, title: meta.title, score: 1, scoreDisplayMode: 'binary', warnings });
    const bad = Math.min(total, affected(id));
    // Score: the share of checked pages (or link targets, sitemap entries) without the problem.
    const score = Math.round((1 - bad / total) * 1000) / 1000;
    return AuditResultSchema.parse({
      id,
      title: meta.failureTitle,
      score,
      scoreDisplayMode: 'numeric',
      displayValue: `${list.length} issue${list.length === 1 ? '' : 's'}`,
      warnings,
      items: list.slice(0, MAX_ITEMS).map((i) => ({ type: i.type, severity: i.severity, url: i.url, message: i.message, count: i.items.length })),
    });
  });

  return { audits, issues: SITE_AUDIT_IDS.flatMap((id) => issues[id]) };
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
