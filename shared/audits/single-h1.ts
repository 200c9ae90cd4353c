import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Page has one H1 heading',
  failureTitle: 'Page does not have exactly one H1 heading',
  description: 'One H1 states what the page answers; none leaves engines guessing, several blur the topic.',
  none: 'The page has no <h1>.',
  several: (n: number) => `The page has ${n} <h1> headings.`,
  empty: 'The <h1> is empty.',
};

export default defineAudit({
  meta: { id: 'single-h1', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'content', requires: ['headings'] },
  run(a) {
    const h1s = a.headings.filter((h) => h.level === 1);
    if (h1s.length === 0) return { score: 0, explanation: UIStrings.none, items: [{ element: '<h1>', problem: 'missing' }] };
    // Several H1s still name the topic, only less clearly: half the credit.
    if (h1s.length > 1) return { score: 0.5, displayValue: `${h1s.length} H1`, explanation: UIStrings.several(h1s.length), items: h1s.map((h, i) => ({ element: '<h1>', index: i + 1, text: h.text.slice(0, 200) })) };
    if (!h1s[0].text.trim()) return { score: 0, explanation: UIStrings.empty, items: [{ element: '<h1>', problem: 'empty' }] };
    return { score: 1, displayValue: h1s[0].text.slice(0, 200) };
  },
});
