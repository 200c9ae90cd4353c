import type { Element } from 'domhandler';
import type { PageArtifacts } from '../../schemas/index.ts';
import { isElement, textOf } from '../dom.ts';
import { defineGatherer } from './types.ts';

const MAX_LISTS = 200;

/**
 * Lists inside the main content, outside navigation; selected from the root, as `.find()` on an element is
 * quadratic in its number of children.
 */
export default defineGatherer({
  id: 'lists',
  provides: ['lists'],
  gather({ $, main }) {
    const root = main();
    const lists: PageArtifacts['lists'] = [];
    for (const el of $!('ol, ul').toArray() as Element[]) {
      if (lists.length >= MAX_LISTS) break;
      if (el === root || !isInside(el, root) || inChrome(el)) continue;
      const items = el.children.filter((c): c is Element => isElement(c) && c.name === 'li').slice(0, 100);
      lists.push({ ordered: el.name === 'ol', items: items.map((li) => textOf(li, 300)) });
    }
    return { lists };
  },
});

const CHROME = new Set(['nav', 'header', 'footer']);
/** `$(el).closest('nav, header, footer').length > 0`. */
function inChrome(el: Element): boolean {
  for (let cur: Element['parent'] | Element = el; cur; cur = cur.parent) if (CHROME.has((cur as Element).name)) return true;
  return false;
}

function isInside(node: Element, ancestor: Element): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) if (cur === ancestor) return true;
  return false;
}
