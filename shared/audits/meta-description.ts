import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Document has a meta description',
  failureTitle: 'Document does not have a meta description',
  description: 'Meta descriptions are often used as the snippet under the title in search results: they sell the click.',
  missing: 'No <meta name="description"> on the page.',
  empty: 'Description text is empty.',
  inBody: 'The only <meta name="description"> sits in <body>, where search engines do not read it.',
};

export default defineAudit({
  meta: { id: 'meta-description', ...UIStrings, group: 'content', requires: ['metaDescription', 'metaDescriptionInHead'] },
  run(a) {
    if (a.metaDescription === null) return { score: 0, explanation: UIStrings.missing, items: [{ element: '<meta name="description">', problem: 'missing' }] };
    if (a.metaDescriptionInHead === false) return { score: 0, explanation: UIStrings.inBody, items: [{ element: '<meta name="description">', problem: 'in body' }] };
    if (a.metaDescription.trim() === '') return { score: 0, explanation: UIStrings.empty, items: [{ element: '<meta name="description">', problem: 'empty' }] };
    return { score: 1, displayValue: a.metaDescription };
  },
});
