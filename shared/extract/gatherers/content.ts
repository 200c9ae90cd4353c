import { defineGatherer } from './types.ts';

/** The main content's headings, passages (the unit answers are retrieved from) and word count. */
export default defineGatherer({
  id: 'content',
  provides: ['headings', 'passages', 'wordCount'],
  gather({ content }) {
    const { headings, passages, wordCount } = content();
    return { headings, passages, wordCount };
  },
});
