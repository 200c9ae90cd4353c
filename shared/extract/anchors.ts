import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { collapse, isElement, BLOCK_TAGS } from './dom.ts';

/**
 * What Lighthouse's AnchorElements gatherer sees at runtime, approximated from static HTML:
 * the language of a link's text, its visible text, and event listeners attached to it.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const MAX_SCRIPT_CHARS = 200_000;
const MAX_SCRIPTS_CHARS = 1_000_000;
/** Selector calls examined per page, and how far after an assignment its variable is looked for: keeps hostile scripts cheap. */
const MAX_SELECTOR_CALLS = 500;
const ASSIGNMENT_WINDOW = 4_000;

export function isSvgElement(el: Element): boolean {
  return (el as Element & { namespace?: string }).namespace === SVG_NS;
}

/** The element's own `lang` attribute; `xml:lang` (namespaced) is not one, as in the DOM's `[lang]`. */
export function ownLang(el: Element): string | null {
  const value = el.attribs?.lang;
  if (value == null) return null;
  const ns = (el as Element & { 'x-attribsNamespace'?: Record<string, string | undefined> })['x-attribsNamespace']?.lang;
  return ns ? null : value;
}

/** `el.closest('[lang]')?.getAttribute('lang')`: the nearest lang attribute, even an empty one. */
function closestLang(el: Element): string | null {
  let cur: Element | null = el;
  while (cur) {
    const v = ownLang(cur);
    if (v != null) return v;
    cur = cur.parent && isElement(cur.parent) ? (cur.parent as Element) : null;
  }
  return null;
}

function hasText(node: AnyNode): boolean {
  if (node.type === 'text') return (node as unknown as { data: string }).data.length > 0;
  if (!isElement(node)) return false;
  return node.children.some(hasText);
}

/** The lang of the whole document when it carries exactly one, on <html> or <body> (Lighthouse's shortcut). */
export function documentSingleLang($: CheerioAPI): string | null {
  const withLang = ($('[lang]').toArray() as Element[]).filter((el) => ownLang(el) != null);
  if (withLang.length !== 1) return null;
  const name = withLang[0].name.toLowerCase();
  return name === 'html' || name === 'body' ? ownLang(withLang[0]) : null;
}

/**
 * Language of a link's text: the lang of its descendants that hold text, null when they mix
 * languages, else the link's own context lang. Mirrors Lighthouse's getLangOfInnerText.
 */
export function textLangOf(anchor: Element, singleLang: string | null): string | null {
  if (singleLang) return singleLang;
  let found: string | null = null;
  const stack: AnyNode[] = [...anchor.children];
  const order: Element[] = [];
  // Document order of descendants, as querySelectorAll('*') gives them.
  const walk = (n: AnyNode) => {
    if (!isElement(n)) return;
    order.push(n);
    for (const c of n.children) walk(c);
  };
  for (const c of stack) walk(c);
  for (const child of order) {
    if (!hasText(child)) continue;
    const lang = closestLang(child);
    if (!lang) continue;
    if (!found) {
      found = lang;
      continue;
    }
    if (found.split('-')[0] !== lang.split('-')[0]) return null;
  }
  return found ?? closestLang(anchor) ?? null;
}

function isHiddenElement(el: Element): boolean {
  const a = el.attribs ?? {};
  if ('hidden' in a) return true;
  const style = (a.style ?? '').replace(/\s/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

/** A link's text as `innerText` would give it: hidden descendants left out, whitespace collapsed. */
export function visibleTextOf(el: Element): string {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') parts.push((n as unknown as { data: string }).data);
    else if (isElement(n)) {
      const name = n.name.toLowerCase();
      if (name === 'script' || name === 'style' || name === 'template' || name === 'noscript' || isHiddenElement(n)) return;
      if (name === 'br') parts.push(' ');
      for (const c of n.children) walk(c);
      if (BLOCK_TAGS.has(name)) parts.push(' ');
    }
  };
  for (const c of el.children) walk(c);
  return collapse(parts.join(''));
}

/** Event types registered by `on…` attributes (`onclick`, `onmousedown`): each is a listener. */
export function attributeListeners(el: Element): string[] {
  return Object.keys(el.attribs ?? {})
    .filter((n) => /^on[a-z]+$/i.test(n))
    .map((n) => n.slice(2).toLowerCase());
}

// A call that selects elements by a literal selector: querySelector('…'), getElementById("…"), $('…').
const SELECT_CALL =
  /(?:\b(querySelector|querySelectorAll|getElementById|getElementsByClassName|getElementsByTagName)|(?:^|[^\w$.])(\$|jQuery))\s*\(\s*(['"`])([^'"`\\\n]{1,300})\3\s*\)/g;
// What follows the call when it registers a listener directly: .addEventListener('click', …), .onclick = …, jQuery .on('click', …), .click(…).
const DIRECT_LISTENER =
  /^\s*(?:\[\s*\d+\s*\])?\s*(?:\.\s*addEventListener\s*\(\s*['"`]([\w:-]+)['"`]|\.\s*on([a-z]+)\s*=[^=]|\.\s*(?:on|bind)\s*\(\s*['"`]([\w:. -]+)['"`]|\.\s*(click|mousedown|mouseup|touchstart|dblclick)\s*\()/;
// .forEach((el) => el.addEventListener('click', …)) after querySelectorAll.
const FOREACH_LISTENER =
  /^\s*\.\s*forEach\s*\(\s*(?:function\s*)?\(?\s*([\w$]+)[^)=]{0,40}\)?\s*(?:=>)?\s*\{?\s*\1\s*\.\s*(?:addEventListener\s*\(\s*['"`]([\w:-]+)['"`]|on([a-z]+)\s*=[^=])/;
// const link = document.querySelector('…');  … link.addEventListener('click', …)
const ASSIGNED = /(?:\b(?:const|let|var)\s+)?([\w$]+)\s*=\s*(?:[\w$]+\s*\.\s*){0,3}$/;

/**
 * Elements that inline scripts attach event listeners to, by literal selector. Scripts are read as
 * text, never run: handlers added by external scripts or frameworks are not seen (a rendered crawl sees more).
 */
export function scriptListeners($: CheerioAPI): Map<Element, Set<string>> {
  const out = new Map<Element, Set<string>>();
  const mark = (els: Element[], type: string) => {
    for (const el of els) {
      const set = out.get(el) ?? new Set<string>();
      set.add(type.toLowerCase().split(/[.\s]/)[0] || 'click');
      out.set(el, set);
    }
  };
  const select = (fn: string, selector: string): Element[] => {
    try {
      switch (fn) {
        case 'querySelector':
          return ($(selector).toArray() as Element[]).slice(0, 1);
        case 'getElementById':
          return ($('[id]').toArray() as Element[]).filter((e) => e.attribs.id === selector).slice(0, 1);
        case 'getElementsByClassName': {
          const classes = selector.trim().split(/\s+/).filter(Boolean);
          if (!classes.length) return [];
          return ($('[class]').toArray() as Element[]).filter((e) => {
            const own = new Set((e.attribs.class ?? '').split(/\s+/));
            return classes.every((c) => own.has(c));
          });
        }
        case 'getElementsByTagName':
          return ($(selector.replace(/[^\w-]/g, '') || 'x-none').toArray() as Element[]);
        default:
          return $(selector).toArray() as Element[];
      }
    } catch {
      return []; // Not a selector cheerio understands: nothing is marked.
    }
  };

  let budget = MAX_SCRIPTS_CHARS;
  let calls = 0;
  $('script').each((_, el) => {
    const type = (el.attribs.type ?? '').trim().toLowerCase();
    if (type && !/^(text|application)\/(javascript|ecmascript)$|^module$/.test(type)) return;
    if (budget <= 0) return false;
    const code = $(el).text().slice(0, Math.min(MAX_SCRIPT_CHARS, budget));
    budget -= code.length;
    for (const m of code.matchAll(SELECT_CALL)) {
      if (++calls > MAX_SELECTOR_CALLS) return false;
      const fn = m[1] ?? 'jquery';
      const selector = m[4];
      const rest = code.slice(m.index + m[0].length, m.index + m[0].length + 400);
      const direct = DIRECT_LISTENER.exec(rest);
      if (direct) {
        mark(select(fn, selector), direct[1] ?? direct[2] ?? direct[3] ?? direct[4]);
        continue;
      }
      const each = FOREACH_LISTENER.exec(rest);
      if (each) {
        mark(select(fn, selector), each[2] ?? each[3]);
        continue;
      }
      // The jQuery form of SELECT_CALL also matched the character before `$`.
      const callStart = m[2] ? m.index + m[0].indexOf(m[2]) : m.index;
      const assigned = ASSIGNED.exec(code.slice(Math.max(0, callStart - 60), callStart));
      if (assigned) {
        const name = assigned[1].replace(/[$]/g, '\\$');
        const later = new RegExp(`\\b${name}\\s*(?:\\[\\s*\\d+\\s*\\])?\\s*\\.\\s*(?:addEventListener\\s*\\(\\s*['"\`]([\\w:-]+)['"\`]|on([a-z]+)\\s*=[^=]|(?:on|bind)\\s*\\(\\s*['"\`]([\\w:. -]+)['"\`])`);
        const use = later.exec(code.slice(m.index + m[0].length, m.index + m[0].length + ASSIGNMENT_WINDOW));
        if (use) mark(select(fn, selector), use[1] ?? use[2] ?? use[3]);
      }
    }
    return undefined;
  });
  return out;
}
