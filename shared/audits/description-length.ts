import { defineAudit, notApplicable } from './types.ts';

/** Google's snippet shows about 155–160 characters; under ~70 it often writes its own snippet instead. */
export const DESCRIPTION_MIN_CHARS = 70;
export const DESCRIPTION_MAX_CHARS = 160;

const UIStrings = {
  title: 'Meta description has a good length',
  failureTitle: 'Meta description is too short or too long',
  description: `A description of ${DESCRIPTION_MIN_CHARS}–${DESCRIPTION_MAX_CHARS} characters is shown as written under the title.`,
  tooShort: (n: number) => `The description has ${n} characters; under ${DESCRIPTION_MIN_CHARS} search engines often replace it.`,
  tooLong: (n: number) => `The description has ${n} characters; search results cut it after about ${DESCRIPTION_MAX_CHARS}.`,
};

export default defineAudit({
  meta: { id: 'description-length', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'content', requires: ['metaDescription'] },
  run(a) {
    const text = a.metaDescription?.trim() ?? '';
    if (!text) return notApplicable('No meta description (see meta-description).');
    const n = [...text].length;
    const item = { element: '<meta name="description">', text: text.slice(0, 300), length: n };
    if (n < DESCRIPTION_MIN_CHARS) return { score: 0, displayValue: `${n} characters`, explanation: UIStrings.tooShort(n), items: [{ ...item, problem: 'too short' }] };
    if (n > DESCRIPTION_MAX_CHARS) return { score: 0, displayValue: `${n} characters`, explanation: UIStrings.tooLong(n), items: [{ ...item, problem: 'too long' }] };
    return { score: 1, displayValue: `${n} characters` };
  },
});
