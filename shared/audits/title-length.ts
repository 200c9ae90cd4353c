import { defineAudit, notApplicable } from './types.ts';

/** Google shows about 600px of a title (~60 characters); under ~20 characters a title rarely carries the words prospects search for. */
export const TITLE_MIN_CHARS = 20;
export const TITLE_MAX_CHARS = 60;

const UIStrings = {
  title: 'Title has a good length',
  failureTitle: 'Title is too short or too long',
  description: `A title of ${TITLE_MIN_CHARS}–${TITLE_MAX_CHARS} characters shows in full in search results and has room for the question's words.`,
  tooShort: (n: number) => `The title has ${n} characters; under ${TITLE_MIN_CHARS} it rarely matches what prospects search for.`,
  tooLong: (n: number) => `The title has ${n} characters; search results cut it after about ${TITLE_MAX_CHARS}.`,
};

export default defineAudit({
  meta: { id: 'title-length', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'content', requires: ['title'] },
  run(a) {
    const title = a.title?.trim() ?? '';
    if (!title) return notApplicable('No title (see document-title).');
    const n = [...title].length;
    if (n < TITLE_MIN_CHARS) return { score: 0, displayValue: `${n} characters`, explanation: UIStrings.tooShort(n), items: [{ element: '<title>', text: title, length: n, problem: 'too short' }] };
    if (n > TITLE_MAX_CHARS) return { score: 0, displayValue: `${n} characters`, explanation: UIStrings.tooLong(n), items: [{ element: '<title>', text: title, length: n, problem: 'too long' }] };
    return { score: 1, displayValue: `${n} characters` };
  },
});
