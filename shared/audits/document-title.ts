import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Document has a `<title>` element',
  failureTitle: 'Document doesn\'t have a `<title>` element',
  description: 'The title is the first thing a prospect reads in search results: it decides whether they click.',
};

export default defineAudit({
  meta: { id: 'document-title', ...UIStrings, group: 'content', requires: ['title'] },
  run(a) {
    if (a.title === null || a.title.trim() === '') {
      return { score: 0, explanation: a.title === null ? 'The page has no <title> element.' : 'The <title> element is empty.', items: [{ element: '<title>', problem: a.title === null ? 'missing' : 'empty' }] };
    }
    return { score: 1, displayValue: a.title };
  },
});
