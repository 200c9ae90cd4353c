/** An href resolved against a base as a URL without its fragment; null for unparsable or non-http(s) targets. */
function parseHttpUrl(href: string | null | undefined, base: string): URL | null {
  if (href == null) return null;
  const trimmed = href.trim();
  if (!trimmed) return null;
  try {
    const u = new URL(trimmed, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u;
  } catch {
    return null;
  }
}

/** Resolves an href against a base; null for unparsable or non-http(s) targets. Fragment removed. */
export function resolveHttpUrl(href: string | null | undefined, base: string): string | null {
  return parseHttpUrl(href, base)?.href ?? null;
}

/** resolveHttpUrl's URL and its host (URL.host: name and port), from one parse. */
export function resolveHttpUrlWithHost(href: string | null | undefined, base: string): { url: string; host: string } | null {
  const u = parseHttpUrl(href, base);
  return u ? { url: u.href, host: u.host } : null;
}

/** Resolves any href (any scheme) for display; null when unparsable. */
export function resolveAnyUrl(href: string | null | undefined, base: string): string | null {
  if (href == null) return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

export { isSameSite } from '../url.ts';
