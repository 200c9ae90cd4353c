/** Italian: everything ZMOT Lens knows about the language (see shared/lang/types.ts). */
import { ita } from 'stopword';
import type { LanguagePack } from '../types.ts';
import { ITALIAN_LEXICON } from './lexicon.ts';

export const ITALIAN: LanguagePack = {
  code: 'it',
  name: 'Italian',
  nativeName: 'Italiano',
  lexicon: ITALIAN_LEXICON,
  stopwords: ita,
  // Question words the `stopword` list keeps.
  extraStopwords: ['cosa', 'quali', 'quando', 'vs', 'versus'],
  snowball: 'italian',
  normalize: (text) => text,
  detection: {
    queryWords: `come cosa perche quanto quanti migliore miglior migliori prezzo prezzi comprare il lo gli della delle che di per non una sono e di del al alla`,
    singleLetterWords: ['e', 'a', 'i', 'o', 'l'],
    accentedWords: ['perché', 'città', 'più', 'così', 'cos'],
    letterHints: [[/[àâ]/g, 0.3], [/[ìò]/g, 1], [/ù/g, 0.5], [/é/g, 0.1]],
  },
  templates: [],
  // Ours (Lighthouse has no list for the language).
  linkTexts: { texts: ['clicca qui', 'qui', 'leggi di più', 'scopri di più', 'di più', 'altro', 'continua', 'questo link'], lighthouse: false },
  synonyms: [],
  answerCues: {},
  versusSplit: null,
  definition: null,
  promoPhrases: '',
};
