import type { Canonical, Hreflang } from '../../schemas/index.ts';
import { isSvgElement } from '../anchors.ts';
import { parseLinkHeader } from '../headers.ts';
import { resolveHttpUrl } from '../url.ts';
import { defineGatherer } from './types.ts';

/** rel=canonical and rel=alternate hreflang: Link headers first, then <link> elements in document order. */
export default defineGatherer({
  id: 'link-relations',
  provides: ['canonicals', 'hreflangs'],
  htmlOnly: false,
  gather({ input, linkHeaders, $, docBase, inHead }) {
    const canonicals: Canonical[] = [];
    const hreflangs: Hreflang[] = [];
    for (const entry of parseLinkHeader(linkHeaders)) {
      const rels = (entry.params.rel ?? '').toLowerCase().split(/\s+/);
      if (rels.includes('canonical')) {
        canonicals.push({ href: entry.href, url: resolveHttpUrl(entry.href, input.url), source: 'header', inHead: true, rel: rels.join(' ') });
      }
      if (rels.includes('alternate') && entry.params.hreflang != null) {
        hreflangs.push({ lang: entry.params.hreflang, href: entry.href, url: resolveHttpUrl(entry.href, input.url), source: 'header', inHead: true, rel: rels.join(' ') });
      }
    }
    $?.('link[rel]').each((_, el) => {
      const rels = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
      const href = el.attribs.href ?? '';
      if (isSvgElement(el)) return; // An SVG <link> is not an HTML link element.
      const rel = rels.filter(Boolean).join(' ');
      if (rels.includes('canonical')) {
        canonicals.push({ href, url: resolveHttpUrl(href, docBase), source: 'link', inHead: inHead(el), rel });
      }
      if (rels.includes('alternate') && el.attribs.hreflang != null) {
        hreflangs.push({ lang: el.attribs.hreflang, href, url: resolveHttpUrl(href, docBase), source: 'link', inHead: inHead(el), rel });
      }
    });
    return { canonicals, hreflangs };
  },
});
