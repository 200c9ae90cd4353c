/** Portuguese: everything ZMOT Lens knows about the language (see shared/lang/types.ts). */
import { por } from 'stopword';
import type { LanguagePack } from '../types.ts';
import { PORTUGUESE_LEXICON } from './lexicon.ts';

export const PORTUGUESE: LanguagePack = {
  code: 'pt',
  name: 'Portuguese',
  nativeName: 'Português',
  lexicon: PORTUGUESE_LEXICON,
  stopwords: por,
  // Question words the `stopword` list keeps.
  extraStopwords: ['quanto', 'quanta', 'quantos', 'quantas', 'onde', 'porque', 'vs', 'versus'],
  snowball: 'portuguese',
  normalize: (text) => text,
  detection: {
    queryWords: `como que o os as melhor melhores preco comprar barato nao um uma do da dos das em para com e sao voce fazer`,
    singleLetterWords: ['a', 'o', 'e'],
    accentedWords: ['é', 'não', 'você', 'são', 'também', 'preço', 'ação'],
    letterHints: [[/[ãõ]/g, 2], [/ç/g, 0.6], [/[àâ]/g, 0.3], [/[áíóú]/g, 0.5], [/é/g, 0.2]],
  },
  templates: [],
  // Lighthouse's list.
  linkTexts: { texts: ['clique aqui', 'ir', 'mais informação', 'mais informações', 'mais', 'veja mais'], lighthouse: true },
  synonyms: [],
  answerCues: {},
  versusSplit: null,
  definition: null,
  promoPhrases: '',
};
