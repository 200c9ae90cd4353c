import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { Image } from '../../schemas/index.ts';
import { domPath, textOf } from '../dom.ts';
import { resolveHttpUrl } from '../url.ts';
import { defineGatherer } from './types.ts';

const MAX_IMAGES = 2000;

/** Every <img>: source, alt, accessible name and whether assistive technology sees it (for image-alt). */
export default defineGatherer({
  id: 'images',
  provides: ['images'],
  gather({ $, docBase }) {
    const images: Image[] = [];
    $!('img').each((_, el) => {
      if (images.length >= MAX_IMAGES) return false;
      const a = el.attribs;
      images.push({
        src: a.src ?? null,
        url: resolveHttpUrl(a.src, docBase),
        alt: a.alt ?? null,
        role: a.role ?? null,
        width: a.width ?? null,
        height: a.height ?? null,
        path: domPath(el),
        label: imageLabel($!, el),
        hidden: isHiddenForAssistiveTech(el),
      });
      return undefined;
    });
    return { images };
  },
});

const idMaps = new WeakMap<object, Map<string, Element>>();
function elementById($: CheerioAPI, id: string): Element | undefined {
  let map = idMaps.get($);
  if (!map) {
    map = new Map();
    for (const e of $('[id]').toArray() as Element[]) if (!map.has(e.attribs.id)) map.set(e.attribs.id, e);
    idMaps.set($, map);
  }
  return map.get(id);
}

/** An image's accessible name other than alt: aria-label, aria-labelledby's text, or title. */
function imageLabel($: CheerioAPI, el: Element): string | null {
  const a = el.attribs;
  if (a['aria-label']?.trim()) return a['aria-label'].trim();
  if (a['aria-labelledby']?.trim()) {
    const text = a['aria-labelledby']
      .trim()
      .split(/\s+/)
      .map((id) => elementById($, id))
      .filter((e): e is Element => e != null)
      .map((e) => textOf(e))
      .join(' ')
      .trim();
    if (text) return text;
  }
  if (a.title?.trim()) return a.title.trim();
  return null;
}

function isHiddenForAssistiveTech(el: Element): boolean {
  for (let cur: Element['parent'] | Element = el; cur && cur.type !== 'root'; cur = cur.parent) {
    const a = (cur as Element).attribs ?? {};
    if (a['aria-hidden'] === 'true' || 'hidden' in a) return true;
    if (/display\s*:\s*none/i.test(a.style ?? '')) return true;
  }
  return false;
}
