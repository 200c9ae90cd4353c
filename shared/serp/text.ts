/**
 * Text and URL helpers shared by the results-page readers: Google's redirects unwrapped, its own
 * pages told apart from results, and element text read the way it shows on screen.
 */
import { hostOfUrl } from '../url.ts';
import { SERP_URLS } from './selectors.ts';

/** The real destination of a result link: absolute, Google's /url redirect unwrapped, http(s) only. */
export function resultUrl(href: string, base: string): string | null {
  let url = safeUrl(href, base);
  for (let hops = 0; url && hops < 3; hops++) {
    const parsed = new URL(url);
    if (!SERP_URLS.googleHost.test(parsed.hostname) || !(SERP_URLS.redirectPaths as readonly string[]).includes(parsed.pathname)) break;
    const target = parsed.searchParams.get('q') ?? parsed.searchParams.get('url') ?? parsed.searchParams.get('imgrefurl');
    url = target ? safeUrl(target, base) : null;
  }
  return url;
}

/** Google's own pages (search, maps searches, image viewer, cache, translation) are never results. */
export function isGoogleInternal(url: string): boolean {
  const parsed = new URL(url);
  if (SERP_URLS.proxyHost.test(parsed.hostname)) return true;
  if (!SERP_URLS.googleHost.test(parsed.hostname)) return false;
  if (SERP_URLS.internalPaths.test(parsed.pathname)) return true;
  const isMaps = parsed.pathname === '/maps' || parsed.pathname.startsWith('/maps/') || parsed.hostname.startsWith('maps.');
  return isMaps && SERP_URLS.internalMapsParams.some((param) => parsed.searchParams.has(param));
}

/** An absolute http(s) URL string, or null for anything else (javascript:, intent:, garbage). */
export function safeUrl(value: string, base?: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A result's domain: the shared host normaliser (lower-case, no "www.", no trailing dot). */
export function domainOf(url: string): string {
  return hostOfUrl(url);
}

const BLOCK_TAGS = new Set(['DIV', 'P', 'LI', 'TR', 'TD', 'TH', 'BR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'TABLE']);

/** Text of an element without the <script> and <style> Google inlines everywhere. */
export function textOf(node: Pick<Node, 'childNodes'> | null | undefined): string {
  if (!node) return '';
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) text += child.nodeValue ?? '';
    else if (child.nodeType === 1) {
      const tag = (child as Element).tagName.toUpperCase();
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT') continue;
      // Block elements are separate lines on screen: keep their words apart.
      const isBlock = BLOCK_TAGS.has(tag);
      text += isBlock ? ` ${textOf(child)} ` : textOf(child);
    }
  }
  return text;
}

/** Collapse whitespace and drop the invisible direction marks Google puts in links. */
export function cleanText(text: string): string {
  return text.replace(/[\u200B-\u200F\u202A-\u202E\u2060\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
}

