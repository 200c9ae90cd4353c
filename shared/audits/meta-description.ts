import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Document has a meta description',
  failureTitle: 'Document does not have a meta description',
  description: 'Meta descriptions are often used as the snippet under the title in search results: they sell the click.',
};

export default defineAudit({
  meta: { id: 'meta-description', ...UIStrings, group: 'content', requires: ['metaDescription'] },
  run(a) {
    if (a.metaDescription === null) return { score: 0, explanation: 'No <meta name="description"> on the page.', items: [{ element: '<meta name="description">', problem: 'missing' }] };
    if (a.metaDescription.trim() === '') return { score: 0, explanation: 'Description text is empty.', items: [{ element: '<meta name="description">', problem: 'empty' }] };
    return { score: 1, displayValue: a.metaDescription };
  },
});
