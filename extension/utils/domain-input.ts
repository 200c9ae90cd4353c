// The options page's reading of typed domain lists. Apart from utils/domains.ts, which the Google
// content script loads, because the public-suffix check carries the Public Suffix List.
import { normalizeHost } from '../../shared/url.ts';
import { isPublicSuffix } from '../../shared/public-suffix.ts';
import { DomainSchema } from '../../shared/schemas/extension.ts';

/**
 * A domain as the user typed it ("https://www.Example.com/x", "*.example.com", "example.com.")
 * → "example.com"; null when it is not a host name at all, or is a public suffix ("co.uk" would make
 * every British site the brand's).
 */
export function normalizeDomainInput(raw: string): string | null {
  let text = raw.trim().toLowerCase();
  if (!text) return null;
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\*\./, '');
  text = text.split(/[/?#]/, 1)[0] ?? '';
  text = normalizeHost(text.replace(/:\d+$/, ''));
  if (!DomainSchema.safeParse(text).success || isPublicSuffix(text)) return null;
  // One label: a top-level domain ("com") or an intranet name, under which Google lists nothing; localhost for tests.
  return text.includes('.') || text === 'localhost' ? text : null;
}

/** Parses a textarea of domains (one per line, or comma-separated): the valid ones and the rejected lines. */
export function parseDomainList(text: string): { domains: string[]; rejected: string[] } {
  const domains: string[] = [];
  const rejected: string[] = [];
  for (const item of text.split(/[\n,]+/)) {
    if (!item.trim()) continue;
    const domain = normalizeDomainInput(item);
    if (domain) {
      if (!domains.includes(domain)) domains.push(domain);
    } else rejected.push(item.trim());
  }
  return { domains, rejected };
}
