import { hostOfUrl, normalizeHost } from '../../shared/url.ts';
import type { Settings } from '../../shared/schemas/extension.ts';

/** Whose result it is, from the user's brand and competitor lists. */
export type Party = 'brand' | 'competitor' | 'other';

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
