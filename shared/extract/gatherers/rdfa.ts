import { extractRdfa } from '../../structured-data/extract-rdfa.ts';
import { defineGatherer } from './types.ts';

/** RDFa items (vocab/typeof/property), bounded by the extractor's caps; the structured-data audit validates them. */
export default defineGatherer({
  id: 'rdfa',
  provides: ['rdfa'],
  gather({ $, docBase }) {
    return { rdfa: extractRdfa($!, docBase) };
  },
});
