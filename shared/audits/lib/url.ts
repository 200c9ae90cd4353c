import type { PageArtifacts } from '../../schemas/index.ts';

/** The URL relative links resolve against: <base href> resolved on the page URL, else the page URL. */
export function documentBase(a: Pick<PageArtifacts, 'url' | 'base'>): string {
  if (a.base) {
    try {
      const u = new URL(a.base, a.url);
      if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
    } catch {
      // An unparsable <base href> is ignored by browsers too.
    }
  }
  return a.url;
}

/** domHref's answers for the last base: several audits resolve the same page's links one after another. */
let hrefBase = '';
const hrefs = new Map<string, string>();
const MAX_HREFS = 5_000;

/** Resolves like the DOM's `a.href`: '' without an href attribute, the raw value when it does not parse. */
export function domHref(raw: string | null, base: string): string {
  if (raw == null) return '';
  if (base !== hrefBase || hrefs.size >= MAX_HREFS) {
    hrefBase = base;
    hrefs.clear();
  }
  let href = hrefs.get(raw);
  if (href === undefined) {
    try {
      href = new URL(raw, base).href;
    } catch {
      href = raw;
    }
    hrefs.set(raw, href);
  }
  return href;
}

/** Resolves like `new URL(raw, base)`, null when it does not parse. */
export function resolveOrNull(raw: string, base: string): string | null {
  try {
    return new URL(raw, base).href;
  } catch {
    return null;
  }
}

/** True when the string is an absolute URL on its own (any scheme). */
export function isAbsoluteUrl(raw: string): boolean {
  try {
    new URL(raw);
    return true;
  } catch {
    return false;
  }
}

/** The last `b` equalWithoutFragment was given, without its fragment (null: it does not parse): audits compare every link with the page URL. */
let lastB: string | undefined;
let lastBHref: string | null = null;

/** Same URL once fragments are dropped; false when either does not parse. */
export function equalWithoutFragment(a: string, b: string): boolean {
  if (b !== lastB) {
    lastB = b;
    lastBHref = withoutFragment(b);
  }
  if (lastBHref === null) return false;
  const x = withoutFragment(a);
  return x !== null && x === lastBHref;
}

function withoutFragment(s: string): string | null {
  try {
    const u = new URL(s);
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}
