import { defineAudit } from './types.ts';

/** Below ~300 words of main content a page rarely answers a question fully; the score grows linearly up to it. */
export const THIN_CONTENT_WORDS = 300;

const UIStrings = {
  title: 'Page has substantial main content',
  failureTitle: 'Page has thin content',
  description: `Pages with little main content (under ${THIN_CONTENT_WORDS} words, navigation and footer left out) rarely answer a prospect's question.`,
  thin: (n: number) => `${n} words of main content; ${THIN_CONTENT_WORDS} is the minimum for a full score.`,
};

export default defineAudit({
  meta: { id: 'thin-content', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'content', requires: ['wordCount'] },
  run(a) {
    const words = a.wordCount;
    if (words >= THIN_CONTENT_WORDS) return { score: 1, displayValue: `${words} words` };
    return {
      score: Math.round((words / THIN_CONTENT_WORDS) * 100) / 100,
      scoreDisplayMode: 'numeric',
      displayValue: `${words} words`,
      explanation: UIStrings.thin(words),
      items: [{ element: 'main content', words, minimum: THIN_CONTENT_WORDS }],
    };
  },
});
