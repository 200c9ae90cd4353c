/** Dutch: everything ZMOT Lens knows about the language (see shared/lang/types.ts). */
import { nld } from 'stopword';
import type { LanguagePack } from '../types.ts';
import { DUTCH_LEXICON } from './lexicon.ts';

export const DUTCH: LanguagePack = {
  code: 'nl',
  name: 'Dutch',
  nativeName: 'Nederlands',
  lexicon: DUTCH_LEXICON,
  stopwords: nld,
  // Question words the `stopword` list keeps.
  extraStopwords: ['waarom', 'hoeveel', 'welke', 'welk', 'waar', 'wanneer', 'vs', 'versus'],
  snowball: 'dutch',
  normalize: (text) => text,
  detection: {
    queryWords: `wat hoe waarom beste prijs kopen goedkoop het een de van en is niet met voor op ik je waar`,
    singleLetterWords: [],
    accentedWords: [],
    letterHints: [[/ij/g, 0.5]],
  },
  templates: [],
  // Ours (Lighthouse has no list for the language).
  linkTexts: { texts: ['klik hier', 'hier', 'lees meer', 'meer', 'meer info', 'meer informatie', 'deze link'], lighthouse: false },
  synonyms: [],
  answerCues: {},
  versusSplit: null,
  definition: null,
  promoPhrases: '',
};
