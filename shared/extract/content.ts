import type { AnyNode, Element } from 'domhandler';
import type { Heading, Passage } from '../schemas/index.ts';
import { collapse, isElement, textOf } from './dom.ts';
import { altProblem } from './image-alt.ts';
import { findPrices } from './prices.ts';

/** Chrome of a page, not its content: left out of passages and word counts. */
const BOILERPLATE = new Set(['nav', 'header', 'footer', 'aside', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'form', 'button', 'select', 'dialog']);
const HEADING = /^h([1-6])$/;
/** Elements whose whole text is one block of content. */
const LEAF_BLOCKS = new Set(['p', 'li', 'dt', 'dd', 'pre', 'blockquote', 'figcaption', 'summary', 'caption', 'address']);
const MAX_PASSAGES = 400;
const MAX_PASSAGE_CHARS = 20_000;

function isHidden(el: Element): boolean {
  const a = el.attribs ?? {};
  if ('hidden' in a || a['aria-hidden'] === 'true') return true;
  const style = (a.style ?? '').replace(/\s/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/** Picks the main content root: <main>, [role=main], the single <article>, else <body>. */
export function mainRoot(root: Element, find: (sel: string) => Element[]): Element {
  const main = find('main, [role="main"]').find((e) => !isHidden(e));
  if (main) return main;
  const articles = find('article');
  if (articles.length === 1) return articles[0];
  return find('body')[0] ?? root;
}

export interface ContentExtraction {
  passages: Passage[];
  headings: Heading[];
  wordCount: number;
  mainText: string;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const letterOrNumberCache = new Map<number, boolean>();
function isLetterOrNumber(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  let known = letterOrNumberCache.get(cp);
  if (known === undefined) {
    known = LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
    if (letterOrNumberCache.size < 65_536) letterOrNumberCache.set(cp, known);
  }
  return known;
}

/**
 * Words: matches of /[\p{L}\p{N}][\p{L}\p{N}'’\-]* (global, unicode), counted in one pass over the code points
 * without building the array of matches (it runs on every passage of every page).
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const ln = isLetterOrNumber(cp);
    if (inWord) {
      if (ln || cp === 39 /* ' */ || cp === 0x2019 /* ’ */ || cp === 45 /* - */) continue;
      inWord = false;
    } else if (ln) {
      words++;
      inWord = true;
    }
  }
  return words;
}

/** Splits main content into passages, one per heading section, in document order. */
export function extractContent(main: Element, allHeadingsRoot: Element): ContentExtraction {
  const headings: Heading[] = [];
  collectHeadings(allHeadingsRoot, headings);

  const passages: Passage[] = [];
  const stack: Array<{ level: number; text: string }> = [];
  let cur = newPassage(null, 0, [], 0);
  let wordOffset = 0;
  /** Words of the kept passages' texts (as cut to MAX_PASSAGE_CHARS): the page's word count. */
  let keptWords = 0;
  const texts: string[] = [];

  const flush = () => {
    const text = collapse(cur.parts.join(' '));
    if (text || cur.heading) {
      const words = countWords(text);
      if (passages.length < MAX_PASSAGES) {
        // Counted again only when cut (a word never spans the ' ' that would join passages).
        keptWords += text.length > MAX_PASSAGE_CHARS ? countWords(text.slice(0, MAX_PASSAGE_CHARS)) : words;
        passages.push({
          id: `p${passages.length}`,
          heading: cur.heading,
          headingLevel: cur.level,
          headingPath: cur.path,
          text: text.slice(0, MAX_PASSAGE_CHARS),
          wordCount: words,
          wordOffset: cur.offset,
          orderedSteps: cur.orderedSteps,
          listItems: cur.listItems,
          tables: cur.tables,
          prices: findPrices(text, 20).map((p) => p.raw),
          images: cur.images,
          imagesWithoutAlt: cur.imagesWithoutAlt,
        });
      }
      wordOffset += words;
    }
  };

  const addText = (t: string) => {
    const c = collapse(t);
    if (!c) return;
    cur.parts.push(c);
    texts.push(c);
  };

  // Images of the passage, for the screen-reader persona: the same rule as the image-alt audit (an
  // aria-labelledby counts as a name here without resolving its ids; the audit resolves them).
  const noteImage = (img: Element) => {
    const a = img.attribs ?? {};
    cur.images++;
    const labelled = !!(a['aria-label']?.trim() || a['aria-labelledby']?.trim() || a.title?.trim());
    if (altProblem(a.alt ?? null, labelled, a.role ?? null) && cur.imagesWithoutAlt.length < 20) cur.imagesWithoutAlt.push(a.src ?? '(no src)');
  };
  /** Images inside a block whose text is taken whole (the walk does not descend into it). */
  const noteImagesIn = (node: Element) => {
    for (const c of node.children) {
      if (!isElement(c) || isHidden(c)) continue;
      if (c.name.toLowerCase() === 'img') noteImage(c);
      else if (c.children.length) noteImagesIn(c);
    }
  };

  const walk = (node: AnyNode, inOrdered: boolean) => {
    if (node.type === 'text') {
      addText((node as unknown as { data: string }).data);
      return;
    }
    if (!isElement(node)) return;
    const name = node.name.toLowerCase();
    if (BOILERPLATE.has(name) || isHidden(node)) return;
    if (name === 'img') {
      noteImage(node);
      return;
    }
    const h = HEADING.exec(name);
    if (h) {
      flush();
      const level = Number(h[1]);
      const text = textOf(node);
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      stack.push({ level, text });
      cur = newPassage(text || null, level, stack.map((s) => s.text), wordOffset);
      texts.push(text);
      return;
    }
    if (name === 'ol') {
      for (const c of node.children) walk(c, true);
      return;
    }
    if (name === 'ul') {
      for (const c of node.children) walk(c, false);
      return;
    }
    if (name === 'li') {
      cur.listItems++;
      if (inOrdered) cur.orderedSteps++;
      // A list item may hold nested lists; its own text is one block.
      const nested = node.children.some((c) => isElement(c) && /^(ol|ul)$/.test(c.name));
      if (!nested) {
        addText(textOf(node));
        noteImagesIn(node);
        return;
      }
    }
    if (name === 'table') {
      cur.tables++;
    }
    if (name === 'tr') {
      const cells = node.children.filter((c): c is Element => isElement(c) && /^(td|th)$/.test(c.name));
      addText(cells.map((c) => textOf(c)).join(' | '));
      noteImagesIn(node);
      return;
    }
    if (name === 'li' || LEAF_BLOCKS.has(name)) {
      if (!node.children.some((c) => isElement(c) && (HEADING.test(c.name) || c.name === 'table'))) {
        addText(textOf(node));
        noteImagesIn(node);
        return;
      }
    }
    for (const c of node.children) walk(c, inOrdered);
  };

  for (const c of main.children) walk(c, false);
  flush();

  const mainText = texts.join(' ');
  return { passages, headings, wordCount: keptWords, mainText };
}

function newPassage(heading: string | null, level: number, path: string[], offset: number) {
  return { heading, level, path, offset, parts: [] as string[], orderedSteps: 0, listItems: 0, tables: 0, images: 0, imagesWithoutAlt: [] as string[] };
}

function collectHeadings(node: AnyNode, out: Heading[]) {
  if (!isElement(node)) return;
  const name = node.name.toLowerCase();
  if (name === 'script' || name === 'style' || name === 'template') return;
  const h = HEADING.exec(name);
  if (h) {
    out.push({ level: Number(h[1]), text: textOf(node) });
    return;
  }
  for (const c of node.children) collectHeadings(c, out);
}
