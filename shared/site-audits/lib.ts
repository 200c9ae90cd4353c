import { fetchedUrlKey as urlKey } from '../url.ts';
import type { SitePage } from './types.ts';

export { urlKey };

/** Pages by every URL that reaches them: final URL, requested URL and each redirect hop. */
export class PageLookup {
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

export function statusLabel(p: SitePage): string {
  if (p.fetchError && p.status === 0) return `an error (${p.fetchError})`;
  return `HTTP ${p.status}`;
}

export function isBroken(p: SitePage): boolean {
  return p.status >= 400 || (p.status === 0 && p.fetchError != null);
}

/** Pages whose content competes in search: indexable and canonical to themselves. */
export function competesInSearch(p: SitePage): boolean {
  return p.indexable && p.isHtml && (p.canonical === null || urlKey(p.canonical) === urlKey(p.url));
}

export function normalizeText(s: string | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
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

/** Items across issues: for audits whose one issue groups several pages (duplicates). */
export function itemCount(issues: Array<{ items: unknown[] }>): number {
  return issues.reduce((n, i) => n + i.items.length, 0);
}
