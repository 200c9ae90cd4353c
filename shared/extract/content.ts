import type { AnyNode, Element } from 'domhandler';
import type { Heading, Passage } from '../schemas/index.ts';
import { collapse, isElement, textOf } from './dom.ts';
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

export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’\-]*/gu);
  return m ? m.length : 0;
}

/** Splits main content into passages, one per heading section, in document order. */
export function extractContent(main: Element, allHeadingsRoot: Element): ContentExtraction {
  const headings: Heading[] = [];
  collectHeadings(allHeadingsRoot, headings);

  const passages: Passage[] = [];
  const stack: Array<{ level: number; text: string }> = [];
  let cur = newPassage(null, 0, [], 0);
  let wordOffset = 0;
  const texts: string[] = [];

  const flush = () => {
    const text = collapse(cur.parts.join(' '));
    if (text || cur.heading) {
      const words = countWords(text);
      if (passages.length < MAX_PASSAGES) {
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

  const walk = (node: AnyNode, inOrdered: boolean) => {
    if (node.type === 'text') {
      addText((node as unknown as { data: string }).data);
      return;
    }
    if (!isElement(node)) return;
    const name = node.name.toLowerCase();
    if (BOILERPLATE.has(name) || isHidden(node)) return;
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
        return;
      }
    }
    if (name === 'table') {
      cur.tables++;
    }
    if (name === 'tr') {
      const cells = node.children.filter((c): c is Element => isElement(c) && /^(td|th)$/.test(c.name));
      addText(cells.map((c) => textOf(c)).join(' | '));
      return;
    }
    if (name === 'li' || LEAF_BLOCKS.has(name)) {
      if (!node.children.some((c) => isElement(c) && (HEADING.test(c.name) || c.name === 'table'))) {
        addText(textOf(node));
        return;
      }
    }
    for (const c of node.children) walk(c, inOrdered);
  };

  for (const c of main.children) walk(c, false);
  flush();

  const mainText = texts.join(' ');
  return { passages, headings, wordCount: countWords(passages.map((p) => p.text).join(' ')), mainText };
}

function newPassage(heading: string | null, level: number, path: string[], offset: number) {
  return { heading, level, path, offset, parts: [] as string[], orderedSteps: 0, listItems: 0, tables: 0 };
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
