import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Has a `<meta name="viewport">` tag with `width` or `initial-scale`',
  failureTitle: 'Does not have a `<meta name="viewport">` tag with `width` or `initial-scale`',
  description: 'Google indexes the mobile version of a page; without a viewport it renders as a shrunken desktop page.',
  missing: 'No `<meta name="viewport">` tag found',
  noWidth: 'The viewport sets neither `width` nor `initial-scale`.',
};

/** Keys of a viewport content ("width=device-width, initial-scale=1"), lower-cased. */
function viewportKeys(content: string): Set<string> {
  return new Set(
    content
      .split(/[,;]/)
      .map((part) => part.split('=')[0].trim().toLowerCase())
      .filter(Boolean),
  );
}

export default defineAudit({
  meta: { id: 'viewport', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'content', requires: ['viewport'] },
  run(a) {
    if (a.viewport === null) return { score: 0, explanation: UIStrings.missing, items: [{ element: '<meta name="viewport">', problem: 'missing' }] };
    const keys = viewportKeys(a.viewport);
    if (!keys.has('width') && !keys.has('initial-scale')) {
      return { score: 0, explanation: UIStrings.noWidth, items: [{ element: `<meta name="viewport" content="${a.viewport}">`, problem: 'no width or initial-scale' }] };
    }
    return { score: 1, displayValue: a.viewport };
  },
});
