import type { AuditItem, Link } from '../schemas/index.ts';
import { documentBase, domHref } from './lib/url.ts';
import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Links are crawlable',
  failureTitle: 'Links are not crawlable',
  description: 'Search engines follow `href` attributes to discover pages: a link without a real destination hides the pages behind it.',
  reasonFile: 'file: URL',
  reasonListener: 'no href; navigates through a script event listener',
  reasonEmpty: 'href resolves to nothing',
  reasonVoid: 'javascript:void(0)',
  reasonInvalid: 'href is not a valid URL',
};

/** Attributes that only make sense with an href: their presence makes an href-less <a> a broken link, not a placeholder. */
const HREF_ASSOCIATED_ATTRIBUTES = ['target', 'download', 'ping', 'rel', 'hreflang', 'type', 'referrerpolicy'];
const JAVASCRIPT_VOID = /javascript:void(\(|)0(\)|)/;

/**
 * Lighthouse's rule, link by link. Lighthouse reads event listeners at runtime; statically we see
 * `on…` attributes and listeners that inline scripts attach through a literal selector
 * (`link.listeners`). Listeners on ancestors do not count (Lighthouse PR 16731: event delegation is fine).
 */
export function uncrawlableReason(link: Link, base: string): string | null {
  const rawHref = (link.href ?? '').replace(/\s/g, '');
  const name = link.inSvg ? '' : (link.name ?? '').trim();
  const role = (link.role ?? '').trim();
  if (role.length > 0) return null;
  if (rawHref.startsWith('mailto:')) return null;
  // <a id="…"> used as a fragment target.
  if (rawHref === '' && link.id) return null;
  if (rawHref.startsWith('file:')) return UIStrings.reasonFile;
  if (name.length > 0) return null;
  const attributes = link.attributes;
  if (!attributes.includes('href') && !HREF_ASSOCIATED_ATTRIBUTES.some((attr) => attributes.includes(attr))) {
    // A placeholder <a> (no href) is fine unless a script makes it act as a link.
    return link.listeners.length > 0 ? UIStrings.reasonListener : null;
  }
  const href = link.inSvg ? svgHref(link.href, base) : domHref(link.href, base);
  if (href === '') return UIStrings.reasonEmpty;
  if (JAVASCRIPT_VOID.test(rawHref)) return UIStrings.reasonVoid;
  try {
    new URL(rawHref, base);
  } catch {
    return UIStrings.reasonInvalid;
  }
  return null;
}

function svgHref(raw: string | null, base: string): string {
  try {
    return new URL(raw ?? '', base).href;
  } catch {
    return '';
  }
}

export default defineAudit({
  meta: { id: 'crawlable-anchors', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'links', requires: ['links', 'url', 'base'] },
  run(a) {
    const base = documentBase(a);
    const items: AuditItem[] = [];
    for (const link of a.links) {
      const reason = uncrawlableReason(link, base);
      if (reason) items.push({ path: link.path, href: link.href, text: link.text.slice(0, 120), reason });
    }
    return items.length ? { score: 0, displayValue: `${items.length} uncrawlable link${items.length === 1 ? '' : 's'}`, items } : { score: 1 };
  },
});
