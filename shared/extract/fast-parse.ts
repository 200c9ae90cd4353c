/**
 * A fast path for parsing ordinary pages: htmlparser2 builds the tree (≈ 10× faster than parse5's
 * tree construction on real-sized pages), and we accept its tree only when the page is one on which
 * the HTML spec's tree builder (parse5, what browsers do) would build the same tree.
 *
 * htmlparser2 is not a spec parser: it does not imply <html>/<head>/<body>, re-create formatting
 * elements closed out of order, foster-parent content misplaced in tables, or close paragraphs,
 * list items and cells in every case the spec does. So while it parses, we watch the token stream
 * for every construct on which the two disagree (a tag the spec moves or closes differently, text
 * where the spec would move it, a missing html/head/body) and give up at the first one: the caller
 * then parses with parse5. What both agree on but shape differently is adjusted after the parse:
 * the implied <tbody>, element namespaces and SVG's camel-case names, raw-text <noscript>/<iframe>,
 * the newline after <pre>/<textarea>, whitespace the spec drops or moves.
 *
 * Well-formed pages (explicit html, head and body, no misnesting) take the fast path; hand-written
 * fragments and broken markup do not, and cost what they did before.
 */
import { Parser } from 'htmlparser2';
import { DomHandler, Element, Text, type AnyNode, type Document, type ParentNode } from 'domhandler';
import { foreignContent } from 'parse5';
import { BLOCK_TAGS, CollapsedText } from './dom.ts';

const NS = {
  html: 'http://www.w3.org/1999/xhtml',
  svg: 'http://www.w3.org/2000/svg',
  math: 'http://www.w3.org/1998/Math/MathML',
} as const;

/** Thrown at the first construct on which htmlparser2 and the spec's tree builder may disagree. */
class NotOrdinary extends Error {}
/** Thrown when the page has more nodes than the budget: the caller's bounded parse handles it. */
class OverBudget extends Error {}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** The spec's formatting elements: closed out of order, they are re-created (adoption agency). */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** Start tags that close an open <p> in the spec ("close a p element"). */
const SPEC_CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'pre', 'listing', 'form', 'li', 'dd', 'dt', 'plaintext', 'table', 'hr', 'xmp',
]);
/** Start tags that htmlparser2 lets close a <p> on top of the stack. */
const HP2_CLOSES_P = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul',
]);
/** What the spec keeps in <head>; anything else there closes it and opens <body>. */
const HEAD_CONTENT = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'noscript', 'basefont', 'bgsound']);
/** Elements that parse differently in ways we do not reproduce: leave them to parse5. */
const UNSUPPORTED = new Set(['template', 'frameset', 'frame', 'plaintext', 'image', 'isindex', 'listing', 'xmp', 'keygen', 'math', 'annotation-xml', 'foreignobject', 'desc']);
/** HTML start tags that break out of SVG/MathML in the spec. */
const EXITS_FOREIGN = new Set([
  'b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span', 'strong', 'strike',
  'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var', 'font',
]);
/** Where the spec foster-parents anything but table structure. */
const TABLE_CONTEXT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'colgroup']);
const TABLE_SECTIONS = new Set(['tbody', 'thead', 'tfoot']);
const TABLE_CONTENT = new Set(['caption', 'colgroup', 'col', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'script', 'style']);
/** Elements whose end tag the spec does not look past (scope boundaries). */
const SCOPE_BOUNDARY = new Set(['table', 'td', 'th', 'caption', 'template', 'applet', 'marquee', 'object', 'html', 'button', 'svg', 'math']);
/** The spec's "special" elements: an end tag of another kind stops at them. */
const SPECIAL = new Set([
  'address', 'applet', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'caption', 'center',
  'col', 'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame',
  'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'iframe', 'img', 'input', 'keygen', 'li', 'link',
  'listing', 'main', 'marquee', 'menu', 'meta', 'nav', 'noembed', 'noframes', 'noscript', 'object', 'ol', 'p', 'param', 'plaintext', 'pre',
  'script', 'search', 'section', 'select', 'source', 'style', 'summary', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th',
  'thead', 'title', 'tr', 'track', 'ul', 'wbr', 'xmp',
]);
/** Elements whose end tag moves htmlparser2's foreign-content state even when none is open. */
const FOREIGN_STATE = new Set(['svg', 'math', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
/** Start tags that make htmlparser2 close a form control on top of the stack; the spec does not. */
const HP2_FORM_CLOSERS = new Set(['select', 'input', 'output', 'button', 'datalist', 'textarea']);
const HP2_FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
/** Raw text in the spec (scripting enabled, as cheerio parses), markup to htmlparser2: their content is kept as one text node. */
const RAW_IN_SPEC = new Set(['noscript', 'iframe', 'noembed', 'noframes']);
const NON_SPACE = /[^\t\n\f\r ]/;
/** Raw text to htmlparser2 too, unless written self-closing. */
const HP2_RAW = new Set(['script', 'style', 'title', 'textarea']);
/** Comment and end-tag forms the two tokenizers read differently. */
const ODD_TOKENS = /--!>|<\/[^A-Za-z]/;

interface ParserInternals {
  stack: string[];
  foreignContext: boolean[];
  tagname: string;
  emitOpenTag(name: string): void;
  onopentagend(endIndex: number): void;
  onselfclosingtag(endIndex: number): void;
  onclosetag(start: number, endIndex: number): void;
  ontext(start: number, endIndex: number): void;
  ontextentity(cp: number, endIndex: number): void;
  ondeclaration(start: number, endIndex: number): void;
  onprocessinginstruction(start: number, endIndex: number): void;
  oncdata(start: number, endIndex: number, offset: number): void;
  write(s: string): void;
  end(): void;
}

class CountingHandler extends DomHandler {
  nodes = 0;
  constructor(private readonly maxNodes: number) {
    super(undefined, { withStartIndices: false, withEndIndices: false });
  }
  override addNode(node: AnyNode): void {
    if (++this.nodes > this.maxNodes) throw new OverBudget();
    super.addNode(node);
  }
  /** The element most recently opened and not yet closed. */
  current(): Element | undefined {
    return (this as unknown as { tagStack: ParentNode[] }).tagStack.at(-1) as Element | undefined;
  }
}

const fail = (): never => {
  throw new NotOrdinary();
};

/**
 * Parses `html` with htmlparser2 when the spec's tree builder would build the same tree; null when
 * it would not (the caller parses with parse5) or when the page has more than `maxNodes` nodes.
 */
export function parseOrdinaryHtml(html: string, maxNodes: number): Document | null {
  if (html.includes('\0') || ODD_TOKENS.test(html)) return null;
  // The spec's input stream preprocessing: CR and CRLF become LF.
  if (html.includes('\r')) html = html.replace(/\r\n?/g, '\n');
  const handler = new CountingHandler(maxNodes);
  const parser = new Parser(handler, { decodeEntities: true }) as unknown as ParserInternals;
  const stack = parser.stack;
  // How many of each element are open: `stack.includes` per tag would cost the depth of the page each time.
  const openCount = new Map<string, number>();
  const isOpen = (name: string) => (openCount.get(name) ?? 0) > 0;
  // Every element of the final tree in document order (for the query index), and the few the spec shapes
  // differently after the parse (pre/textarea, tables). Namespaces and SVG names are set as elements open.
  const elements: Element[] = [];
  const fixups: Element[] = [];
  const handlerOpen = handler.onopentag.bind(handler);
  handler.onopentag = (name: string, attribs: Record<string, string>) => {
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    handlerOpen(name, attribs);
    const el = handler.current() as NsElement;
    const parent = el.parent as ParentNode | null;
    const ns = parent && parent.type !== 'root' ? childNamespace((parent as NsElement).namespace!, (parent as NsElement).name, el) : NS.html;
    el.namespace = ns;
    if (ns === NS.svg) adjustSvg(el);
    else if (name === 'pre' || name === 'textarea' || name === 'table') fixups.push(el);
    // (Elements read inside a raw-text element are replaced by its text: not in the tree.)
    if (!raw) elements.push(el);
    stripNewline = false;
    if (inBody) {
      if (skipText || SKIPPED_TEXT.has(name)) skipText++;
      else if (name === 'br') bodyText.space();
      else if (ns === NS.html && (name === 'pre' || name === 'textarea')) stripNewline = true;
    } else if (name === 'body') inBody = true;
  };

  // The body's text as textOf(body) reads it from the finished tree (script, style and noscript left out, a
  // space for <br> and after each block), collected as the parser reports it.
  const bodyText = new CollapsedText();
  let inBody = false;
  let skipText = 0;
  let inCdata = false;
  /** The next text is the first child of an HTML <pre> or <textarea>: the tree drops its leading newline. */
  let stripNewline = false;
  /** False when the tree's text differs from the parser's (raw text the spec keeps as written). */
  let bodyTextExact = true;
  const handlerText = handler.ontext.bind(handler);
  handler.ontext = (data: string) => {
    if (inBody && !skipText && !inCdata) bodyText.add(stripNewline && data.charCodeAt(0) === 10 ? data.slice(1) : data);
    stripNewline = false;
    handlerText(data);
  };
  const handlerComment = handler.oncomment.bind(handler);
  handler.oncomment = (data: string) => {
    stripNewline = false;
    handlerComment(data);
  };
  const handlerCdataStart = handler.oncdatastart.bind(handler);
  handler.oncdatastart = () => {
    stripNewline = false;
    inCdata = true;
    handlerCdataStart();
  };
  const handlerCdataEnd = handler.oncdataend.bind(handler);
  handler.oncdataend = () => {
    inCdata = false;
    handlerCdataEnd();
  };

  let quirks = true;
  let htmlSeen = false;
  let headSeen = false;
  let bodySeen = false;
  let afterBody = false;
  let bodyCurrent: Element | undefined;
  // A raw-text element of the spec being read: its markup is not checked, its text replaces its children.
  let raw: { name: string; element: Element | undefined; from: number; closing: boolean; closed: boolean } | null = null;
  let pendingRaw: string | null = null;
  const rawTexts: Array<{ element: Element; text: string }> = [];

  const emitOpenTag = parser.emitOpenTag.bind(parser);
  parser.emitOpenTag = (name: string) => {
    if (!raw) checkStart(name);
    if (!raw && RAW_IN_SPEC.has(name)) pendingRaw = name;
    emitOpenTag(name);
  };

  const checkStart = (name: string) => {
    if (afterBody) fail();
    if (stack.length === 0) {
      if (name !== 'html' || htmlSeen) fail();
      htmlSeen = true;
      return;
    }
    const top = stack[0];
    if (name === 'html' || UNSUPPORTED.has(name)) fail();
    if (top === 'html') {
      if (name === 'head' && !headSeen) headSeen = true;
      else if (name === 'body' && headSeen && !bodySeen) bodySeen = true;
      else fail();
      return;
    }
    if (name === 'head') fail();
    if (name === 'body') {
      if (top !== 'head' || bodySeen) fail();
      bodySeen = true;
      return;
    }
    if (top === 'head') {
      if (!HEAD_CONTENT.has(name)) fail();
      return;
    }
    if (!bodySeen) fail();
    if (isOpen('select') && name !== 'option' && name !== 'optgroup') fail();
    if (parser.foreignContext[0]) {
      if (EXITS_FOREIGN.has(name)) fail();
      return;
    }
    if (SPEC_CLOSES_P.has(name)) {
      if (isOpen('p') && (top !== 'p' || !HP2_CLOSES_P.has(name) || (name === 'table' && quirks))) fail();
    }
    if (HEADINGS.has(name) && HEADINGS.has(top)) fail();
    if ((name === 'a' || name === 'nobr') && isOpen(name)) fail();
    if (name === 'li' && top !== 'li' && isOpen('li') && openBefore(stack, 'li', ['ul', 'ol'])) fail();
    if ((name === 'dd' || name === 'dt') && top !== 'dd' && top !== 'dt' && (isOpen('dd') || isOpen('dt')) && (openBefore(stack, 'dd', ['dl']) || openBefore(stack, 'dt', ['dl']))) fail();
    if (name === 'form' && isOpen('form')) fail();
    if (name === 'button' && top !== 'button' && isOpen('button')) fail();
    if (HP2_FORM_CLOSERS.has(name) && HP2_FORM_TAGS.has(top)) fail();
    if (name === 'th' && top === 'td') fail();
    if (TABLE_CONTEXT.has(top)) {
      if (!TABLE_CONTENT.has(name)) fail();
      if (top === 'colgroup' && name !== 'col') fail();
    }
    switch (name) {
      case 'td':
      case 'th':
        if (!(top === 'tr' || ((top === 'td' || top === 'th') && stack[1] === 'tr'))) fail();
        break;
      case 'tr':
        if (!(top === 'table' || TABLE_SECTIONS.has(top) || (top === 'tr' && (TABLE_SECTIONS.has(stack[1]) || stack[1] === 'table')) || ((top === 'td' || top === 'th') && stack[1] === 'tr' && (TABLE_SECTIONS.has(stack[2]) || stack[2] === 'table')))) fail();
        break;
      case 'tbody':
      case 'thead':
      case 'tfoot':
      case 'caption':
      case 'colgroup':
        if (top !== 'table') fail();
        break;
      case 'col':
        if (top !== 'colgroup') fail();
        break;
    }
  };

  const onopentagend = parser.onopentagend.bind(parser);
  parser.onopentagend = (endIndex: number) => {
    // In SVG the spec reads <title>, <style>, <script> content as markup, htmlparser2 as text: same only without markup.
    const tag = parser.tagname;
    if (!raw && HP2_RAW.has(tag) && parser.foreignContext[tag === 'title' ? 1 : 0]) {
      const close = indexOfEndTag(html, tag, endIndex + 1);
      if (close === -1 || html.slice(endIndex + 1, close).includes('<')) fail();
    }
    onopentagend(endIndex);
    if (pendingRaw) {
      raw = { name: pendingRaw, element: handler.current(), from: endIndex + 1, closing: false, closed: false };
      pendingRaw = null;
    }
  };
  const onselfclosingtag = parser.onselfclosingtag.bind(parser);
  parser.onselfclosingtag = (endIndex: number) => {
    if (pendingRaw) {
      // `<noscript/>` opens the element in HTML content (the slash is ignored).
      parser.onopentagend(endIndex);
      return;
    }
    // `<script/>`: htmlparser2 stops reading it as raw text, the spec does not.
    if (!raw && HP2_RAW.has(parser.tagname)) fail();
    onselfclosingtag(endIndex);
  };

  const handlerClose = handler.onclosetag.bind(handler);
  handler.onclosetag = (...args: unknown[]) => {
    const name = args[0] as string;
    openCount.set(name, (openCount.get(name) ?? 1) - 1);
    stripNewline = false;
    if (inBody) {
      if (skipText) skipText--;
      else if (name === 'body') inBody = false;
      else if (BLOCK_TAGS.has(name)) bodyText.space();
    }
    const closing = handler.current();
    if (raw && closing === raw.element) {
      if (!raw.closing) fail(); // closed by something else than its end tag
      raw.closed = true;
    }
    handlerClose();
  };

  const onclosetag = parser.onclosetag.bind(parser);
  parser.onclosetag = (start: number, endIndex: number) => {
    const name = html.slice(start, endIndex).toLowerCase();
    if (raw) {
      if (name === raw.name) {
        // The spec's raw text ends at the first `</name`; htmlparser2 may have read markup past one.
        const to = start - 2;
        if (!raw.element || indexOfEndTag(html, raw.name, raw.from) !== to) fail();
        rawTexts.push({ element: raw.element!, text: html.slice(raw.from, to) });
        if (raw.name !== 'noscript' && to > raw.from) bodyTextExact = false;
        raw.closing = true;
        onclosetag(start, endIndex);
        if (!raw.closed) fail();
        raw = null;
        return;
      }
      onclosetag(start, endIndex);
      return;
    }
    if (name === 'br') checkStart('br'); // `</br>` is a <br> to both
    if (parser.foreignContext[0] && name !== stack[0]) fail();
    if (isOpen('select') && name !== 'select' && name !== 'option' && name !== 'optgroup') fail();
    if (FOREIGN_STATE.has(name) && !isOpen(name)) fail();
    if (name === 'body' || name === 'html') {
      if (!bodySeen || stack[0] === 'head') fail();
      if (isOpen(name) && !afterBody) {
        afterBody = true;
        // The spec keeps what is open at </body> open: later whitespace goes into it.
        bodyCurrent = handler.current();
      }
    } else {
      const pos = stack.indexOf(name);
      if (pos === -1) {
        if (HEADINGS.has(name) && (isOpen('h1') || isOpen('h2') || isOpen('h3') || isOpen('h4') || isOpen('h5') || isOpen('h6'))) fail();
        // A stray </tbody>, </thead> or </tfoot> closes the <tbody> the spec implies around rows written directly in a
        // table (what follows then goes into the table, not the rows' section); htmlparser2 ignores it.
        if (TABLE_SECTIONS.has(name)) fail();
      } else if (pos > 0) {
        // Elements left open inside: the spec re-creates formatting ones, stops at scope boundaries, and an
        // end tag of an ordinary element does not close special ones (it is ignored).
        if (FORMATTING.has(name) || name === 'form') fail();
        const ordinary = !SPECIAL.has(name);
        for (let k = 0; k < pos; k++) {
          const open = stack[k];
          if (FORMATTING.has(open) || SCOPE_BOUNDARY.has(open) || (ordinary && SPECIAL.has(open))) fail();
          if (name === 'li' && (open === 'ul' || open === 'ol')) fail();
        }
      }
    }
    onclosetag(start, endIndex);
  };

  const textForbidden = (): boolean => {
    const top = stack[0];
    return afterBody || top === undefined || top === 'html' || top === 'head' || TABLE_CONTEXT.has(top);
  };
  const textAllowed = () => {
    if (!raw && textForbidden()) fail();
  };
  const ontext = parser.ontext.bind(parser);
  parser.ontext = (start: number, endIndex: number) => {
    // (The context first: text is allowed almost everywhere, and then its characters need no look.)
    if (!raw && textForbidden() && hasNonSpace(html, start, endIndex)) fail();
    ontext(start, endIndex);
  };
  const ontextentity = parser.ontextentity.bind(parser);
  parser.ontextentity = (cp: number, endIndex: number) => {
    if (!(cp === 9 || cp === 10 || cp === 12 || cp === 13 || cp === 32)) textAllowed();
    ontextentity(cp, endIndex);
  };
  const ondeclaration = parser.ondeclaration.bind(parser);
  parser.ondeclaration = (start: number, endIndex: number) => {
    if (!raw) {
      if (htmlSeen) fail();
      quirks = !/^!doctype\s+html\s*$/i.test(html.slice(start, endIndex));
    }
    ondeclaration(start, endIndex);
  };
  parser.onprocessinginstruction = fail;
  const oncdata = parser.oncdata.bind(parser);
  parser.oncdata = (start: number, endIndex: number, offset: number) => {
    if (parser.foreignContext[0]) fail();
    oncdata(start, endIndex, offset);
  };

  try {
    parser.write(html);
    // Elements still open at the end are closed as the spec does; a raw-text one never got its end tag.
    if (raw || pendingRaw) return null;
    parser.end();
  } catch (e) {
    if (e instanceof NotOrdinary || e instanceof OverBudget) return null;
    throw e;
  }
  if (!bodySeen) return null;
  const doc = handler.root;
  for (const { element, text } of rawTexts) {
    const node = new Text(text);
    node.parent = element;
    element.children = text ? [node] : [];
  }
  const rowsWrapped = adjustTree(doc, bodyCurrent, fixups);
  // An implied <tbody> is not in the list: the query index then walks the tree instead.
  if (!rowsWrapped) elementLists.set(doc, elements);
  if (bodyTextExact) bodyTexts.set(doc, bodyText.toString());
  return doc;
}

/** Elements whose text textOf leaves out. */
const SKIPPED_TEXT = new Set(['script', 'style', 'template', 'noscript']);

const bodyTexts = new WeakMap<Document, string>();

/**
 * `textOf(body)` of a document parsed on the fast path, collected as it was parsed (no walk of the tree);
 * undefined when the document was not, or its body's text could not be read that way.
 */
export function documentBodyText(doc: Document): string | undefined {
  return bodyTexts.get(doc);
}

/** The elements of a document parsed on the fast path, in document order (see `documentElements`). */
const elementLists = new WeakMap<Document, Element[]>();

/** Every element of `doc` in document order when the fast path listed them as it parsed; else undefined. */
export function documentElements(doc: Document): Element[] | undefined {
  return elementLists.get(doc);
}

type NsElement = Element & { namespace?: string; 'x-attribsNamespace'?: Record<string, string | undefined>; 'x-attribsPrefix'?: Record<string, string | undefined> };

/** True when html[start, end) holds a character other than the spec's whitespace (tab, LF, FF, CR, space). */
function hasNonSpace(html: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = html.charCodeAt(i);
    if (!(c === 32 || c === 9 || c === 10 || c === 12 || c === 13)) return true;
  }
  return false;
}

const endTags = new Map<string, RegExp>();
/** Index of the first `</name` (any case) from `from`, or -1. */
function indexOfEndTag(html: string, name: string, from: number): number {
  let re = endTags.get(name);
  if (!re) endTags.set(name, (re = new RegExp(`</${name}`, 'gi')));
  re.lastIndex = from;
  return re.exec(html)?.index ?? -1;
}

/** True when `name` is open above (nearer the top than) every one of `boundaries`. */
function openBefore(stack: string[], name: string, boundaries: string[]): boolean {
  for (const n of stack) {
    if (n === name) return true;
    if (boundaries.includes(n)) return false;
  }
  return false;
}

const isSpaceText = (n: AnyNode | undefined): boolean => n?.type === 'text' && !NON_SPACE.test((n as Text).data);

/**
 * What the spec builds differently from htmlparser2 on ordinary pages (see the file's comment), besides the
 * namespaces and SVG names set as elements open. `fixups`: the HTML pre, textarea and table elements, in
 * document order. True when a <tbody> was implied (the tree then has an element the parse did not list).
 */
function adjustTree(doc: Document, openAtBodyEnd: Element | undefined, fixups: Element[]): boolean {
  // Whitespace before <html> is dropped; after it, it ends up at the end of <body>.
  const htmlEl = doc.children.find((c): c is Element => c.type === 'tag' && (c as Element).name === 'html');
  if (!htmlEl) return false;
  const body = htmlEl.children.find((c): c is Element => c.type === 'tag' && (c as Element).name === 'body');
  const moved: Text[] = [];
  let afterHtml = false;
  doc.children = doc.children.filter((c) => {
    if (c === htmlEl) {
      afterHtml = true;
      return true;
    }
    if (isSpaceText(c)) {
      if (afterHtml) moved.push(c as Text);
      return false;
    }
    return true;
  });
  // Whitespace between <html> and <head> is dropped; after </body>, moved into it.
  let beforeHead = true;
  let afterBodyEl = false;
  htmlEl.children = htmlEl.children.filter((c) => {
    if (c.type === 'tag') {
      beforeHead = false;
      if (c === body) afterBodyEl = true;
      return true;
    }
    if (isSpaceText(c) && (beforeHead || afterBodyEl)) {
      if (afterBodyEl) moved.unshift(c as Text);
      return false;
    }
    return true;
  });
  const into = openAtBodyEnd && openAtBodyEnd.name !== 'html' ? openAtBodyEnd : body;
  if (into && moved.length) for (const t of moved) appendChild(into, t);
  relink(doc);
  relink(htmlEl);
  let rowsWrapped = false;
  for (const el of fixups) {
    if (el.name === 'table') {
      rowsWrapped = wrapRows(el) || rowsWrapped;
      continue;
    }
    const first = el.children[0];
    if (first?.type === 'text' && (first as Text).data.startsWith('\n')) {
      (first as Text).data = (first as Text).data.slice(1);
      if (!(first as Text).data) {
        el.children.shift();
        relink(el);
      }
    }
  }
  return rowsWrapped;
}

function appendChild(parent: Element, child: AnyNode) {
  const last = parent.children.at(-1);
  if (last && last.type === 'text' && child.type === 'text') {
    (last as Text).data += (child as Text).data;
    return;
  }
  parent.children.push(child);
  child.parent = parent;
}

function relink(parent: ParentNode) {
  const kids = parent.children;
  for (let i = 0; i < kids.length; i++) {
    kids[i].parent = parent;
    kids[i].prev = kids[i - 1] ?? null;
    kids[i].next = kids[i + 1] ?? null;
  }
}

/** The namespace the spec gives `child` of an element in `parentNs` named `parentName`. */
function childNamespace(parentNs: string, parentName: string, child: Element): string {
  if (parentNs === NS.svg && parentName !== 'title') return NS.svg;
  return child.name === 'svg' ? NS.svg : NS.html;
}

type SvgToken = Parameters<typeof foreignContent.adjustTokenSVGTagName>[0];
type SvgAttr = { name: string; value: string; namespace: string | undefined; prefix: string | undefined };
/** One token and its attribute records, reused for every SVG element (parse5's adjusters rewrite them in place). */
const svgToken = { tagName: '', tagID: 0, attrs: [] as SvgAttr[] };
const svgAttrPool: SvgAttr[] = [];

/** The spec's SVG adjustments: camel-case tag and attribute names, namespaced xlink:/xml: attributes. */
function adjustSvg(el: Element & { 'x-attribsNamespace'?: Record<string, string | undefined>; 'x-attribsPrefix'?: Record<string, string | undefined> }) {
  const token = svgToken;
  token.tagName = el.name;
  token.tagID = 0;
  const attrs = token.attrs;
  attrs.length = 0;
  const source = el.attribs;
  for (const name of Object.keys(source)) {
    const a = svgAttrPool[attrs.length] ?? (svgAttrPool[attrs.length] = { name: '', value: '', namespace: undefined, prefix: undefined });
    a.name = name;
    a.value = source[name];
    a.namespace = undefined;
    a.prefix = undefined;
    attrs.push(a);
  }
  foreignContent.adjustTokenSVGTagName(token as unknown as SvgToken);
  foreignContent.adjustTokenSVGAttrs(token as unknown as SvgToken);
  foreignContent.adjustTokenXMLAttrs(token as unknown as SvgToken);
  el.name = token.tagName;
  const attribs: Record<string, string> = Object.create(null);
  const namespaces: Record<string, string | undefined> = Object.create(null);
  const prefixes: Record<string, string | undefined> = Object.create(null);
  for (const a of attrs) {
    attribs[a.name] = a.value;
    namespaces[a.name] = a.namespace;
    prefixes[a.name] = a.prefix;
    // (The pooled record lets go of the page's strings.)
    a.name = a.value = '';
  }
  attrs.length = 0;
  el.attribs = attribs;
  el['x-attribsNamespace'] = namespaces as Record<string, string>;
  el['x-attribsPrefix'] = prefixes as Record<string, string>;
}

/** The spec wraps <tr> written directly in a <table> in an implied <tbody>; true when it did here. */
function wrapRows(table: Element): boolean {
  if (!table.children.some((c) => c.type === 'tag' && (c as Element).name === 'tr')) return false;
  const out: AnyNode[] = [];
  let tbody: Element | null = null;
  for (const c of table.children) {
    const isRow = c.type === 'tag' && (c as Element).name === 'tr';
    if (isRow || (tbody && (c.type === 'text' || c.type === 'comment'))) {
      if (!tbody) {
        tbody = new Element('tbody', {}, []);
        (tbody as NsElement).namespace = NS.html;
        out.push(tbody);
      }
      tbody.children.push(c);
      continue;
    }
    if (c.type === 'tag') tbody = null;
    out.push(c);
  }
  table.children = out;
  relink(table);
  for (const c of out) if (c.type === 'tag' && (c as Element).name === 'tbody') relink(c as Element);
  return true;
}
