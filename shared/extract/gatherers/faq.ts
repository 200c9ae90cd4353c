import { extractFaq } from '../faq.ts';
import { defineGatherer } from './types.ts';

/** Question-and-answer pairs: FAQPage JSON-LD, <details>, question headings (reads json-ld and content). */
export default defineGatherer({
  id: 'faq',
  provides: ['faq'],
  gather({ $, artifacts }) {
    return { faq: extractFaq($!, artifacts.jsonLd, artifacts.passages) };
  },
});
