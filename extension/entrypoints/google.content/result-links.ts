import type { SerpOrganicResult } from '../../../shared/schemas/serp.ts';
import { SERP_SELECTORS, SERP_URLS, mayFindAll, type QueryRoot } from '../../../shared/serp/selectors.ts';

/** A result's destination without its fragment: how a link and a parsed result are paired. */
function keyOf(url: string): string {
  return url.replace(/#.*$/, '');
}

/** The destination of a result link: absolute, Google's /url redirect unwrapped; null otherwise. */
export function linkDestination(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  for (let hops = 0; hops < 3 && SERP_URLS.googleHost.test(url.hostname) && (SERP_URLS.redirectPaths as readonly string[]).includes(url.pathname); hops++) {
    const target = url.searchParams.get('q') ?? url.searchParams.get('url');
    if (!target) return null;
    try {
      url = new URL(target, base);
    } catch {
      return null;
    }
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/**
 * The title link of each organic result, found through the same title selectors the parser uses
 * (shared/serp/selectors.ts), so badges sit where the parser read the result. A result whose link
 * cannot be found gets no entry: it simply gets no badge.
 */
export function findResultLinks(root: QueryRoot, results: readonly SerpOrganicResult[], pageUrl: string): Map<number, Element> {
  const byUrl = new Map<string, Element>();
  for (const heading of mayFindAll(root, SERP_SELECTORS.organicTitle)) {
    const link = heading.closest('a[href]') ?? heading.querySelector('a[href]');
    if (!link) continue;
    const url = linkDestination(link.getAttribute('href') ?? '', pageUrl);
    if (url && !byUrl.has(keyOf(url))) byUrl.set(keyOf(url), link);
  }
  const found = new Map<number, Element>();
  const used = new Set<Element>();
  for (const result of results) {
    const link = byUrl.get(keyOf(result.url));
    if (link && !used.has(link)) {
      found.set(result.position, link);
      used.add(link);
    }
  }
  return found;
}
