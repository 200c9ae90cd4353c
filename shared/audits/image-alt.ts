import type { AuditItem } from '../schemas/index.ts';
import { altProblem } from '../extract/image-alt.ts';
import { defineAudit, notApplicable } from './types.ts';

const UIStrings = {
  title: 'Image elements have `[alt]` attributes',
  failureTitle: 'Image elements do not have `[alt]` attributes',
  description: 'Search engines read alt text to understand images; an image without it is invisible to image search and to screen readers.',
  missing: 'no alt attribute and no other accessible name',
  spaceOnly: 'alt is only whitespace',
  noImages: 'The page has no images.',
};

/** axe-core's image-alt rule: alt, aria-label(ledby), title or a presentational role; an alt of only spaces fails. */
export default defineAudit({
  meta: { id: 'image-alt', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'content', requires: ['images'] },
  run(a) {
    const visible = a.images.filter((img) => !img.hidden);
    if (!visible.length) return notApplicable(UIStrings.noImages);
    const items: AuditItem[] = [];
    for (const img of visible) {
      const problem = altProblem(img.alt, !!img.label, img.role);
      if (problem) items.push({ path: img.path, src: img.src, problem: problem === 'missing' ? UIStrings.missing : UIStrings.spaceOnly });
    }
    return items.length ? { score: 0, displayValue: `${items.length} of ${visible.length} images`, items } : { score: 1 };
  },
});
