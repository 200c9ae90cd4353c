import type { Link } from '../../schemas/index.ts';
import { attributeListeners, documentSingleLang, isSvgElement, scriptListeners, textLangOf, visibleTextOf } from '../anchors.ts';
import { closestAttr, domPath, textOf } from '../dom.ts';
import { normalizeHost } from '../../url.ts';
import { resolveHttpUrlWithHost } from '../url.ts';
import { defineGatherer } from './types.ts';

const MAX_LINKS = 5000;

/** Every <a>: target, text as a user sees it, rel, language, listeners (for crawlable-anchors and link-text). */
export default defineGatherer({
  id: 'links',
  provides: ['links'],
  gather({ input, $, docBase }) {
    const links: Link[] = [];
    const singleLang = documentSingleLang($!);
    const listenersByElement = scriptListeners($!);
    // isSameSite(url, page URL) without parsing both URLs again for every link: the page's host once, each link's from its resolution.
    let pageHost: string | null;
    try {
      pageHost = normalizeHost(new URL(input.url).host);
    } catch {
      pageHost = null;
    }
    $!('a').each((_, el) => {
      if (links.length >= MAX_LINKS) return false;
      const a = el.attribs;
      const href = a.href ?? null;
      const resolved = resolveHttpUrlWithHost(href, docBase);
      const url = resolved ? resolved.url : null;
      const inSvg = isSvgElement(el);
      // An SVG <a> has no rel: Lighthouse reads '' for it.
      const rel = inSvg ? '' : (a.rel ?? '').trim().toLowerCase();
      const listeners = new Set([...attributeListeners(el), ...(listenersByElement.get(el) ?? [])]);
      links.push({
        href,
        url,
        // innerText for HTML links (hidden text left out), textContent for SVG ones.
        text: inSvg ? textOf(el) : visibleTextOf(el),
        rel,
        nofollow: rel.split(/\s+/).includes('nofollow'),
        internal: resolved !== null && pageHost !== null && normalizeHost(resolved.host) === pageHost,
        lang: closestAttr(el, 'lang'),
        name: a.name ?? null,
        role: a.role ?? null,
        id: a.id ?? null,
        onclick: a.onclick != null,
        target: a.target ?? null,
        path: domPath(el),
        attributes: Object.keys(a).map((n) => n.toLowerCase()),
        textLang: textLangOf(el, singleLang),
        listeners: [...listeners],
        inSvg,
      });
      return undefined;
    });
    return { links };
  },
});
