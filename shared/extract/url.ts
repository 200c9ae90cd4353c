/** Resolves an href against a base; null for unparsable or non-http(s) targets. Fragment removed. */
export function resolveHttpUrl(href: string | null | undefined, base: string): string | null {
  if (href == null) return null;
  const trimmed = href.trim();
  if (!trimmed) return null;
  try {
    const u = new URL(trimmed, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

/** resolveHttpUrl's URL and its host (URL.host: name and port), from one parse. */
export function resolveHttpUrlWithHost(href: string | null | undefined, base: string): { url: string; host: string } | null {
  if (href == null) return null;
  const trimmed = href.trim();
  if (!trimmed) return null;
  try {
    const u = new URL(trimmed, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return { url: u.href, host: u.host };
  } catch {
    return null;
  }
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
