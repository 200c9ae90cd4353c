import type { Element } from 'domhandler';
import type { UsabilitySignals } from '../../schemas/index.ts';
import { collapse, domPath, textOf } from '../dom.ts';
import { defineGatherer } from './types.ts';

const MAX_LISTED = 50;
/** Input types that take no text from the user or carry their own name. */
const NAMED_INPUTS = new Set(['hidden', 'submit', 'reset', 'button']);

const NON_ASCII = /[^\x00-\x7f]/g;

/**
 * UTF-8 length of a string, without TextEncoder (shared/ uses no host globals): one byte per code unit,
 * plus what each non-ASCII unit adds — found by a regex scan, which skips the ASCII runs of a page far
 * faster than a loop over every character. A high surrogate counts 4 bytes with the unit after it.
 */
export function utf8Bytes(s: string): number {
  let n = s.length;
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(s); m !== null; m = NON_ASCII.exec(s)) {
    const i = m.index;
    const c = s.charCodeAt(i);
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 < s.length) {
        n += 2;
        NON_ASCII.lastIndex = i + 2;
      } else n += 3;
    } else n += 2;
  }
  return n;
}

function hiddenByAncestor(el: Element): boolean {
  for (let n: Element | null = el; n && n.type === 'tag'; n = n.parent as Element | null) {
    const a = n.attribs;
    if (a.hidden !== undefined || a['aria-hidden'] === 'true' || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style ?? '')) return true;
  }
  return false;
}

/**
 * Form controls a screen reader cannot name (axe-core's label and button-name rules, from the HTML:
 * label[for], a wrapping label, aria-label, aria-labelledby, title, placeholder, a button's text or
 * value, an image input's alt), and the HTML's weight in bytes.
 */
export default defineGatherer({
  id: 'usability',
  provides: ['usability'],
  gather({ $, input }) {
    const out: UsabilitySignals = { unlabeledControls: [], controls: 0, htmlBytes: utf8Bytes(input.html ?? '') };
    const labelled = new Set<string>();
    for (const l of $!('label[for]').toArray() as Element[]) if (collapse(textOf(l, 200))) labelled.add(l.attribs.for);
    const idText = (ids: string) => ids.split(/\s+/).some((id) => id && collapse($!(`[id="${id.replace(/"/g, '')}"]`).text()));
    for (const el of $!('input, select, textarea, button, [role="button"]').toArray() as Element[]) {
      const a = el.attribs;
      const type = el.name === 'input' ? (a.type ?? 'text').toLowerCase() : (a.type ?? null);
      if (el.name === 'input' && type === 'hidden') continue;
      if (hiddenByAncestor(el)) continue;
      out.controls++;
      const own = [a['aria-label'], a.title, el.name === 'input' || el.name === 'textarea' ? a.placeholder : undefined].some((v) => v && v.trim());
      const byRef = !!a['aria-labelledby'] && idText(a['aria-labelledby']);
      const byLabel = (a.id && labelled.has(a.id)) || $!(el).parents('label').toArray().some((l) => collapse(textOf(l as Element, 200)) !== '');
      const byContent =
        (el.name === 'button' || a.role === 'button') ? collapse(textOf(el, 200)) !== '' || $!(el).find('img[alt]').toArray().some((i) => ((i as Element).attribs.alt ?? '').trim() !== '')
        : el.name === 'input' && NAMED_INPUTS.has(type ?? '') ? type !== 'button' || !!(a.value ?? '').trim()
        : el.name === 'input' && type === 'image' ? !!(a.alt ?? '').trim()
        : false;
      if (own || byRef || byLabel || byContent) continue;
      if (out.unlabeledControls.length < MAX_LISTED) out.unlabeledControls.push({ tag: el.name, type, name: a.name ?? null, path: domPath(el) });
    }
    return { usability: out };
  },
});
