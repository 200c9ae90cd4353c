/**
 * Registrable domains, from the Public Suffix List (tldts-icann: its ICANN section, which is what a
 * brand registers under; the private section adds hosting names like github.io). Apart from
 * shared/url.ts because the list is ~30 KB gzipped and the Google content script needs none of it.
 */
import { parse as parseDomain } from 'tldts-icann';
import { normalizeHost } from './url.ts';

/**
 * What a host registers under its public suffix: `name` "brightwell" and `domain` "brightwell.co.uk" for "shop.brightwell.co.uk"; null for an IP
 * address, a bare suffix ("co.uk") or a name with no dot.
 */
export function registrableDomain(host: string): { domain: string; name: string } | null {
  const parsed = parseDomain(normalizeHost(host).replace(/:\d+$/, ''), { extractHostname: false });
  if (parsed.isIp || !parsed.domain || !parsed.domainWithoutSuffix) return null;
  return { domain: parsed.domain, name: parsed.domainWithoutSuffix };
}

/**
 * Whether a host is a public suffix of two or more labels ("co.uk", "gouv.fr", "com.au"), which no
 * site registers. Single labels are left to the caller: tldts-icann applies the list's default rule to
 * them, so "com" and "localhost" look alike.
 */
export function isPublicSuffix(host: string): boolean {
  const h = normalizeHost(host);
  if (!h.includes('.')) return false;
  const parsed = parseDomain(h, { extractHostname: false });
  return !parsed.isIp && parsed.publicSuffix === h;
}
