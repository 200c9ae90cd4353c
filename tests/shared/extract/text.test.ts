import { describe, expect, it } from 'vitest';
import { collapse, visibleLength } from '../../../shared/extract/dom.ts';
import { countWords } from '../../../shared/extract/content.ts';

// The allocation-free text helpers must agree with the regular expressions they replace, on every
// kind of space (no-break, zero-width, ideographic, BOM), apostrophes, hyphens, digits and astral letters.
const PIECES = [' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u200b', '\ufeff', '\u2003', '\u3000', 'a', 'Zz', '9', "'", '’', '-', 'é', 'ß', '²', '日本', '𝐀', '😀', '\ud800', '.', ',', 'x y'];

function* strings(count: number): Generator<string> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = Math.floor(next() * 9);
    for (let k = 0; k < n; k++) s += PIECES[Math.floor(next() * PIECES.length)];
    yield s;
  }
}

describe('text helpers', () => {
  it('collapse, visibleLength and countWords give what the regular expressions give', () => {
    const differ: string[] = [];
    for (const s of strings(3000)) {
      if (collapse(s) !== s.replace(/[\s\u00a0\u200b]+/g, ' ').trim()) differ.push(`collapse ${JSON.stringify(s)}`);
      if (visibleLength(s) !== s.replace(/[\s\u00a0\u200b]+/g, '').length) differ.push(`visibleLength ${JSON.stringify(s)}`);
      if (countWords(s) !== (s.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length) differ.push(`countWords ${JSON.stringify(s)}`);
    }
    expect(differ).toEqual([]);
  });
});
