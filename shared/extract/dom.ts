import type { AnyNode, Element } from 'domhandler';

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/**
 * Text content of a node tree, whitespace collapsed; skips script/style/template. With `maxChars`
 * it stops reading once that much text is known, or after 8 nodes per character (markup with no
 * text), so a caller that keeps a prefix does not pay for a huge subtree.
 */
export function textOf(node: AnyNode, maxChars = Infinity): string {
  const text = new CollapsedText();
  let visible = 0;
  let nodesLeft = maxChars * 8;
  const walk = (n: AnyNode) => {
    if (visible > maxChars || --nodesLeft < 0) return;
    if (n.type === 'text') {
      const data = (n as unknown as { data: string }).data;
      text.add(data);
      if (maxChars !== Infinity) visible += visibleLength(data);
    } else if (isElement(n)) {
      const name = n.name.toLowerCase();
      if (name === 'script' || name === 'style' || name === 'template' || name === 'noscript') return;
      if (name === 'br') text.space();
      for (const c of n.children) walk(c);
      if (BLOCK_TAGS.has(name)) text.space();
    }
  };
  walk(node);
  const out = text.toString();
  return maxChars === Infinity ? out : out.slice(0, maxChars);
}

/**
 * `collapse(parts.join(''))`, built piece by piece: each piece is collapsed on its own (most need
 * nothing) and the whitespace between pieces becomes one space, so the page's text is not joined,
 * copied by replace() and trimmed again as a whole.
 */
export class CollapsedText {
  private readonly parts: string[] = [];
  /** Whitespace seen after the last visible character. */
  private pendingSpace = false;

  /** Whitespace (a `<br>`, the end of a block). */
  space(): void {
    if (this.parts.length) this.pendingSpace = true;
  }

  add(piece: string): void {
    if (piece === '') return;
    if (!NEEDS_COLLAPSE.test(piece)) {
      if (this.pendingSpace) this.parts.push(' ');
      this.parts.push(piece);
      this.pendingSpace = false;
      return;
    }
    // Whitespace at either end is cut by position (a slice, not a copy); only the rest is rewritten, if it must be.
    let from = 0;
    let to = piece.length;
    while (from < to && isCollapsible(piece.charCodeAt(from))) from++;
    while (to > from && isCollapsible(piece.charCodeAt(to - 1))) to--;
    const leading = from > 0;
    const trailing = to < piece.length;
    let core = leading || trailing ? piece.slice(from, to) : piece;
    if (NEEDS_COLLAPSE.test(core)) core = core.replace(SPACE_RUN, ' ');
    if (core === '') {
      if (this.parts.length) this.pendingSpace = true;
      return;
    }
    if (this.parts.length && (this.pendingSpace || leading)) this.parts.push(' ');
    this.parts.push(core);
    this.pendingSpace = trailing;
  }

  toString(): string {
    return this.parts.length === 1 ? this.parts[0] : this.parts.join('');
  }
}

/** Whitespace collapse() folds: JavaScript's `\s` (which holds U+00A0) and the zero-width space. */
const SPACE_RUN = /[\s\u00a0\u200b]+/g;
/** Something collapse() would change: a run of two, a space other than ' ', or one at either end. */
const NEEDS_COLLAPSE = /[\s\u00a0\u200b]{2}|[^\S ]|\u200b|^[\s\u200b]|[\s\u200b]$/;

/**
 * Runs of whitespace as one space, trimmed. Text is collapsed again by many readers (a passage from
 * collapsed parts, a byline from collapsed text): an already collapsed string is returned as it is,
 * found by one test that allocates nothing, instead of being copied by replace().
 */
export function collapse(s: string): string {
  if (!NEEDS_COLLAPSE.test(s)) return s;
  return s.replace(SPACE_RUN, ' ').trim();
}

/** Characters of `s` that are not collapse()'s whitespace, counted without building a string. */
export function visibleLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // ASCII: tab, LF, VT, FF, CR, space are \s; everything else is visible.
    if (c < 128) {
      if (c !== 32 && (c < 9 || c > 13)) n++;
    } else if (!isWideSpace(c)) n++;
  }
  return n;
}

/** A code unit collapse() folds: one matched by `[\s\u00a0\u200b]`. */
function isCollapsible(c: number): boolean {
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : isWideSpace(c);
}

/** The non-ASCII code units matched by `[\s\u00a0\u200b]` (\s: U+00A0, U+1680, U+2000–200A, 2028, 2029, 202F, 205F, 3000, FEFF). */
function isWideSpace(c: number): boolean {
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'td', 'th', 'tr', 'table', 'section', 'article', 'header', 'footer',
  'nav', 'aside', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'figure', 'figcaption', 'form',
  'details', 'summary', 'caption', 'address', 'hr', 'br',
]);

/** Closest ancestor-or-self attribute value, e.g. the effective lang of a link. */
export function closestAttr(node: Element, attr: string): string | null {
  let cur: Element | null = node;
  while (cur) {
    const v = cur.attribs?.[attr];
    if (v != null && v.trim() !== '') return v.trim();
    cur = cur.parent && isElement(cur.parent) ? (cur.parent as Element) : null;
  }
  return null;
}

export function hasAncestor(node: Element, names: Set<string>): boolean {
  let cur = node.parent;
  while (cur) {
    if (isElement(cur) && names.has(cur.name.toLowerCase())) return true;
    cur = cur.parent;
  }
  return false;
}

/** Per large parent: each element child's nth-of-type index, 0 when it is the only one of its name. */
const typePositions = new WeakMap<object, Map<Element, number>>();
/** Parents with more children than this get their positions listed once; smaller ones are counted per call. */
const COUNT_DIRECTLY = 1024;

/**
 * The 1-based index of an element among its parent's children of the same name, or 0 when it has no
 * same-name sibling (domPath then writes no :nth-of-type).
 */
function typePosition(el: Element): number {
  const parent = el.parent;
  if (!parent) return 0;
  const kids = parent.children;
  if (kids.length <= COUNT_DIRECTLY) {
    // Counted in place: no list per parent (most parents are small, and each is asked about once or twice).
    const name = el.name.toLowerCase();
    let index = 0;
    let of = 0;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i];
      if (!isElement(c) || c.name.toLowerCase() !== name) continue;
      of++;
      if (c === el) index = of;
    }
    return of > 1 ? index : 0;
  }
  let positions = typePositions.get(parent);
  if (!positions) {
    positions = new Map();
    const byName = new Map<string, Element[]>();
    for (const c of kids) {
      if (!isElement(c)) continue;
      const n = c.name.toLowerCase();
      const list = byName.get(n) ?? [];
      list.push(c);
      byName.set(n, list);
    }
    for (const list of byName.values()) list.forEach((c, i) => positions!.set(c, list.length > 1 ? i + 1 : 0));
    typePositions.set(parent, positions);
  }
  return positions.get(el) ?? 0;
}

const FIRST_TOKEN = /\S+/;

/** A short CSS-like path ("main > p.note > a") that lets a reader find an element on the page. */
export function domPath(node: Element, depth = 4): string {
  const parts: string[] = [];
  let cur: Element | null = node;
  while (cur && parts.length < depth) {
    const name = cur.name.toLowerCase();
    if (name === 'html' || name === 'body') break;
    let part = name;
    const id = cur.attribs?.id;
    if (id) {
      parts.unshift(`${part}#${id}`);
      break;
    }
    // The first class (what `class.trim().split(/\s+/)[0]` gives), without splitting the whole list.
    const cls = cur.attribs?.class === undefined ? undefined : FIRST_TOKEN.exec(cur.attribs.class)?.[0];
    if (cls) part += `.${cls}`;
    // Same-name siblings: say which one, so a reader can find it.
    const position = typePosition(cur);
    if (position) part += `:nth-of-type(${position})`;
    parts.unshift(part);
    cur = cur.parent && isElement(cur.parent) ? (cur.parent as Element) : null;
  }
  return parts.join(' > ');
}
