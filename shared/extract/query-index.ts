/**
 * Document-wide queries answered from one list of the page's elements. Gatherers ask the parsed page
 * for its `a`, `img`, `meta`, `script`, `[id]`… about twenty times; through cheerio each is a full
 * css-select walk of the tree (a fifth of extraction's time on real-sized pages). Here the elements
 * are listed once, in document order, and each simple selector (tags, `[attr]`, `[attr="v"]`,
 * `tag[attr]`, `#id`, comma lists of those) is a filter over that list, computed once per page.
 * Any other selector, or a call with a context, goes to cheerio unchanged. The page must not be
 * modified while the index is in use (gatherers read it only).
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

type Test = (el: Element) => boolean;
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

const PART = /^([a-z][a-z0-9-]*)?(?:\[([a-z_:][a-z0-9_:.-]*)(?:="([^"\\]*)")?\])?$|^#([a-z_][a-z0-9_-]*)$/i;

/** A test for a comma list of simple selectors; null when the selector is anything else. */
function compile(selector: string): Test | null {
  const tests: Test[] = [];
  for (const raw of selector.split(',')) {
    const m = PART.exec(raw.trim());
    if (!m || (!m[1] && !m[2] && !m[4])) return null;
    const [, tag, attr, value, id] = m;
    if (id !== undefined) {
      tests.push((el) => hasOwn(el.attribs, 'id') && el.attribs.id === id);
      continue;
    }
    const name = tag?.toLowerCase();
    const attribute = attr?.toLowerCase();
    // css-select compares some attributes' values case-insensitively in HTML: only exact ones here.
    if (value !== undefined && attribute !== 'role' && attribute !== 'id') return null;
    tests.push((el) => (name === undefined || el.name === name) && (attribute === undefined || (value === undefined ? hasOwn(el.attribs, attribute) : el.attribs[attribute] === value)));
  }
  return tests.length === 1 ? tests[0] : (el) => tests.some((t) => t(el));
}

function elementsOf(root: AnyNode): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') out.push(node as Element);
    const kids = (node as { children?: AnyNode[] }).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** `$` that answers simple document-wide selectors from a one-pass element list (see above). */
export function withQueryIndex($: CheerioAPI): CheerioAPI {
  let all: Element[] | null = null;
  const cache = new Map<string, Element[] | null>();
  return new Proxy($, {
    apply(target, thisArg, args: unknown[]) {
      if (args.length === 1 && typeof args[0] === 'string') {
        const selector = args[0];
        let hit = cache.get(selector);
        if (hit === undefined) {
          const test = compile(selector);
          all ??= elementsOf($.root()[0] as unknown as AnyNode);
          hit = test ? all.filter(test) : null;
          cache.set(selector, hit);
        }
        if (hit) return target(hit);
      }
      return Reflect.apply(target, thisArg, args);
    },
  });
}
