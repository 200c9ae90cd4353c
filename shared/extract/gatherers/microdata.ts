import { extractMicrodata } from '../../structured-data/extract-microdata.ts';
import { defineGatherer } from './types.ts';

/** HTML microdata items (itemscope/itemprop), bounded by the extractor's caps. */
export default defineGatherer({
  id: 'microdata',
  provides: ['microdata'],
  gather({ $, docBase }) {
    return { microdata: extractMicrodata($!, docBase) };
  },
});
