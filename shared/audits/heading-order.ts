import type { AuditItem } from '../schemas/index.ts';
import { defineAudit, notApplicable } from './types.ts';

const UIStrings = {
  title: 'Heading levels only increase by one',
  failureTitle: 'Heading levels skip',
  description: 'An outline without gaps lets engines and readers see which answer belongs to which question.',
  noHeadings: 'The page has no headings.',
  skip: (from: number, to: number) => `h${from} followed by h${to}`,
};

/** axe-core's heading-order: a heading may go deeper by one level at most than the one before it. */
export default defineAudit({
  meta: { id: 'heading-order', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'content', requires: ['headings'] },
  run(a) {
    if (!a.headings.length) return notApplicable(UIStrings.noHeadings);
    const items: AuditItem[] = [];
    for (let i = 1; i < a.headings.length; i++) {
      const prev = a.headings[i - 1].level;
      const cur = a.headings[i].level;
      if (cur > prev + 1) items.push({ element: `<h${cur}>`, index: i + 1, text: a.headings[i].text.slice(0, 200), problem: UIStrings.skip(prev, cur) });
    }
    return items.length ? { score: 0, displayValue: `${items.length} skipped level${items.length === 1 ? '' : 's'}`, items } : { score: 1 };
  },
});
