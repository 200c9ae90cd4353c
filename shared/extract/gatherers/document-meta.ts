import type { Element } from 'domhandler';
import { isSvgElement } from '../anchors.ts';
import { collapse } from '../dom.ts';
import { defineGatherer } from './types.ts';

/** <html lang> (else Content-Language), <base>, <title>, description, viewport, charset and Open Graph metas. */
export default defineGatherer({
  id: 'document-meta',
  provides: ['lang', 'htmlLang', 'base', 'title', 'titleCount', 'metaDescription', 'metaDescriptionInHead', 'viewport', 'charset', 'openGraph'],
  htmlOnly: false,
  gather({ headers, $, inHead }) {
    const contentLanguage = headers.headers['content-language']?.split(',')[0]?.trim() || null;
    const out = {
      lang: contentLanguage,
      htmlLang: null as string | null,
      base: null as string | null,
      title: null as string | null,
      titleCount: 0,
      metaDescription: null as string | null,
      metaDescriptionInHead: null as boolean | null,
      viewport: null as string | null,
      charset: null as string | null,
      openGraph: {} as Record<string, string>,
    };
    if (!$) return out;
    out.base = $('base[href]').first().attr('href') ?? null;
    const htmlLang = $('html').attr('lang')?.trim();
    out.htmlLang = $('html').attr('lang') ?? null;
    out.lang = htmlLang || contentLanguage;

    // document.title reads HTML <title> elements only; an SVG icon's <title> is not the page's.
    const titles = $('title').filter((_, el) => !isSvgElement(el as Element));
    out.titleCount = titles.length;
    out.title = titles.length ? collapse(titles.first().text()) : null;

    $('meta').each((_, el) => {
      const a = el.attribs;
      const name = (a.name ?? '').trim().toLowerCase();
      const content = a.content ?? '';
      if (a.charset) out.charset = a.charset.trim().toLowerCase();
      if ((a['http-equiv'] ?? '').toLowerCase() === 'content-type' && !out.charset) {
        out.charset = /charset=([^;\s]+)/i.exec(content)?.[1]?.toLowerCase() ?? null;
      }
      if (name === 'description' && (out.metaDescription === null || (out.metaDescriptionInHead === false && inHead(el)))) {
        // Search engines and Lighthouse read the <head> one; a description meta only in <body> is kept, marked.
        out.metaDescription = collapse(content);
        out.metaDescriptionInHead = inHead(el);
      } else if (name === 'viewport' && out.viewport === null) out.viewport = content;
      const prop = (a.property ?? '').trim().toLowerCase();
      if (prop.startsWith('og:') && !(prop in out.openGraph)) out.openGraph[prop] = content;
    });
    return out;
  },
});
