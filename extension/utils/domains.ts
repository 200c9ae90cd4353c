import { hostOfUrl, normalizeHost } from '../../shared/url.ts';
import { DomainSchema, type Settings } from '../../shared/schemas/extension.ts';

/** Whose result it is, from the user's brand and competitor lists. */
export type Party = 'brand' | 'competitor' | 'other';

/**
 * A domain as the user typed it ("https://www.Example.com/x", "*.example.com", "example.com.")
 * → "example.com"; null when it is not a host name at all.
 */
export function normalizeDomainInput(raw: string): string | null {
  let text = raw.trim().toLowerCase();
  if (!text) return null;
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\*\./, '');
  text = text.split(/[/?#]/, 1)[0] ?? '';
  text = normalizeHost(text.replace(/:\d+$/, ''));
  return DomainSchema.safeParse(text).success ? text : null;
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

/** The host of a URL without "www." and port, lower-case; '' when it is not a URL (the shared normaliser). */
export { hostOfUrl };

/** True when `host` is `domain` or one of its subdomains. */
export function hostInDomain(host: string, domain: string): boolean {
  const h = normalizeHost(host);
  return h === domain || h.endsWith(`.${domain}`);
}

export function hostInAny(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => hostInDomain(host, d));
}

export function partyOf(host: string, settings: Pick<Settings, 'brandDomains' | 'competitorDomains'>): Party {
  if (hostInAny(host, settings.brandDomains)) return 'brand';
  if (hostInAny(host, settings.competitorDomains)) return 'competitor';
  return 'other';
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The host permission patterns that let the background worker fetch a domain and its subdomains. */
export function originPatternsFor(domain: string): string[] {
  if (IPV4.test(domain) || domain === 'localhost') return [`*://${domain}/*`];
  return [`*://${domain}/*`, `*://*.${domain}/*`];
}
