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
import type { AnyNode, Document, Element } from 'domhandler';
import { documentElements } from './fast-parse.ts';

type Test = (el: Element) => boolean;
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

const PART = /^([a-z][a-z0-9-]*)?(?:\[([a-z_:][a-z0-9_:.-]*)(?:="([^"\\]*)")?\])?$|^#([a-z_][a-z0-9_-]*)$/i;

/** A compiled selector: a tag name alone (answered from the per-name lists), or a test over every element. */
type Compiled = { tag: string } | { test: Test };

/** The same string as a property key V8 has already hashed (lookups with it do not hash it again per element). */
const internalized = (s: string): string => Object.keys({ [s]: 0 })[0];

/** Compiled selectors, shared by every page (the gatherers ask for the same twenty). */
const compiledSelectors = new Map<string, Compiled | null>();
const MAX_COMPILED = 1000;

function compileCached(selector: string): Compiled | null {
  let c = compiledSelectors.get(selector);
  if (c === undefined) {
    c = compile(selector);
    if (compiledSelectors.size < MAX_COMPILED) compiledSelectors.set(selector, c);
  }
  return c;
}

/** A test for a comma list of simple selectors; null when the selector is anything else. */
function compile(selector: string): Compiled | null {
  const tests: Test[] = [];
  const parts = selector.split(',');
  for (const raw of parts) {
    const m = PART.exec(raw.trim());
    if (!m || (!m[1] && !m[2] && !m[4])) return null;
    const [, tag, attr, value, id] = m;
    if (id !== undefined) {
      tests.push((el) => hasOwn(el.attribs, 'id') && el.attribs.id === id);
      continue;
    }
    const name = tag?.toLowerCase();
    const attribute = attr === undefined ? undefined : internalized(attr.toLowerCase());
    // css-select compares some attributes' values case-insensitively in HTML: only exact ones here.
    if (value !== undefined && attribute !== 'role' && attribute !== 'id') return null;
    if (parts.length === 1 && attribute === undefined && name !== undefined) return { tag: name };
    tests.push((el) => (name === undefined || el.name === name) && (attribute === undefined || (value === undefined ? hasOwn(el.attribs, attribute) : el.attribs[attribute] === value)));
  }
  if (tests.length === 1) return { test: tests[0] };
  // No closure per call: this runs once per element of the page.
  return {
    test: (el) => {
      for (let i = 0; i < tests.length; i++) if (tests[i](el)) return true;
      return false;
    },
  };
}

interface ElementIndex {
  /** Every element, in document order. */
  all: Element[];
  /** The elements of each name, in document order. */
  byName: Map<string, Element[]>;
}

function indexOf(root: AnyNode): ElementIndex {
  // The fast parse listed the elements as it built them: no walk of the tree.
  const listed = root.type === 'root' ? documentElements(root as Document) : undefined;
  if (listed) {
    const byName = new Map<string, Element[]>();
    for (let i = 0; i < listed.length; i++) {
      const el = listed[i];
      const list = byName.get(el.name);
      if (list) list.push(el);
      else byName.set(el.name, [el]);
    }
    return { all: listed, byName };
  }
  const all: Element[] = [];
  const byName = new Map<string, Element[]>();
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const el = node as Element;
      all.push(el);
      const list = byName.get(el.name);
      if (list) list.push(el);
      else byName.set(el.name, [el]);
    }
    const kids = (node as { children?: AnyNode[] }).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return { all, byName };
}

/** `$` that answers simple document-wide selectors from a one-pass element list (see above). */
export function withQueryIndex($: CheerioAPI): CheerioAPI {
  let index: ElementIndex | null = null;
  const cache = new Map<string, Element[] | null>();
  return new Proxy($, {
    apply(target, thisArg, args: unknown[]) {
      if (args.length === 1 && typeof args[0] === 'string') {
        const selector = args[0];
        let hit = cache.get(selector);
        if (hit === undefined) {
          const compiled = compileCached(selector);
          if (compiled) {
            index ??= indexOf($.root()[0] as unknown as AnyNode);
            hit = 'tag' in compiled ? index.byName.get(compiled.tag) ?? [] : index.all.filter(compiled.test);
          } else hit = null;
          cache.set(selector, hit);
        }
        if (hit) return target(hit);
      }
      return Reflect.apply(target, thisArg, args);
    },
  });
}
