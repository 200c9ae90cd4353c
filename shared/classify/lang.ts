/**
 * A small, deterministic language detector for search queries and page text.
 *
 * Latin-script languages are told apart by stop words (the `stopword` package's lists), a few
 * distinctive query words per language, accented function words and characteristic letters
 * (ß, ñ, ã…). Other scripts are recognised by their Unicode script. Returns an ISO 639-1 code,
 * or null when the evidence is too thin to decide (a brand name, "iphone 15", an emoji).
 */
import { primaryLanguage } from '../language-tag.ts';
import { bul, deu, eng, fra, ita, nld, por, rus, spa, ukr } from 'stopword';
import { foldText, tokenize } from './query-text.ts';

export const DETECTABLE_LATIN_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl'] as const;
type LatinLanguage = (typeof DETECTABLE_LATIN_LANGUAGES)[number];

/** Single letters carry language only where they are words of their own (French elisions, "a", "y"). */
const SINGLE_LETTER_WORDS: Record<LatinLanguage, string[]> = {
  en: ['a', 'i'],
  fr: ['a', 'y', 'l', 'd', 'j', 'c', 's', 'n', 'm', 't', 'qu'],
  de: [],
  es: ['a', 'y', 'o', 'e', 'u'],
  it: ['e', 'a', 'i', 'o', 'l'],
  pt: ['a', 'o', 'e'],
  nl: [],
};

const STOPWORD_LISTS: Record<LatinLanguage, string[]> = { en: eng, fr: fra, de: deu, es: spa, it: ita, pt: por, nl: nld };

/**
 * Words that are frequent in queries of one language but absent from (or shared in) its stop-word
 * list. Each hit adds a full point to that language, on top of the shared stop-word evidence.
 */
const QUERY_WORDS: Record<LatinLanguage, string> = {
  en: `how what why when where who which whats best buy cheap price prices cost much many does is are the of and
       for with to reviews review meaning symptoms definition shipping delivery deals near me way ways ideas tips
       fix repair rent hire quote should can my your get make do it in on`,
  fr: `pourquoi comment quoi quel quelle quels quelles lequel laquelle meilleur meilleure meilleurs meilleures prix
       acheter achat cher avis livraison retour garantie devis tarif tarifs combien faire recette idee idees
       conseils astuces chez moi entre sans pour dans avec est les des une du au aux ne pas plus moins coute
       gratuit telecharger horaires connexion compte signification symptomes vendre louer qu que le la un et
       en sur ou c'est faut comparatif vacances`,
  de: `was wie warum wieso weshalb wo wann welche welcher welches beste besten bester kaufen gunstig preis preise
       kosten kostet vergleich erfahrungen bewertung lieferung versand ruckgabe anleitung tipps ursachen und
       der die das mit fur bei gegen nach ein eine einen ist sind nicht oder zu im vom zum zur nahe auf selber
       bedeutet tun hilft`,
  es: `que como por para porque o cual cuanto cuanta cuantos cuantas donde cuando quien mejor mejores precio precios
       comprar barato barata baratos envio opiniones el los las del una con es son y de la en se mi sin tiene
       hacer significa sirve venta alquiler descargar gratis`,
  it: `come cosa perche quanto quanti migliore miglior migliori prezzo prezzi comprare il lo gli della delle che di
       per non una sono e di del al alla`,
  pt: `como que o os as melhor melhores preco comprar barato nao um uma do da dos das em para com e sao voce fazer`,
  nl: `wat hoe waarom beste prijs kopen goedkoop het een de van en is niet met voor op ik je waar`,
};

/** Accented function words that only one of the supported languages writes that way. */
const ACCENTED_WORDS: Record<string, LatinLanguage> = {
  qué: 'es', cómo: 'es', cuál: 'es', cuánto: 'es', cuánta: 'es', cuántos: 'es', cuántas: 'es', dónde: 'es',
  cuándo: 'es', quién: 'es', está: 'es', también: 'es', más: 'es', sí: 'es', él: 'es',
  où: 'fr', à: 'fr', ça: 'fr', déjà: 'fr', très: 'fr', été: 'fr', être: 'fr', même: 'fr', après: 'fr', père: 'fr',
  für: 'de', über: 'de', können: 'de', müssen: 'de', würde: 'de', größe: 'de', nähe: 'de', öffnungszeiten: 'de',
  perché: 'it', città: 'it', più: 'it', così: 'it', cos: 'it',
  é: 'pt', não: 'pt', você: 'pt', são: 'pt', também: 'pt', preço: 'pt', ação: 'pt',
};

/** Letters that point at a language; weights are small because loanwords travel. */
const LETTER_HINTS: Array<[RegExp, Partial<Record<LatinLanguage, number>>]> = [
  [/ß/g, { de: 2 }],
  [/[äöü]/g, { de: 1 }],
  [/[ñ¿¡]/g, { es: 2 }],
  [/[ãõ]/g, { pt: 2 }],
  [/ç/g, { fr: 0.6, pt: 0.6 }],
  [/[èêëîïôûœ]/g, { fr: 1 }],
  [/[àâ]/g, { fr: 0.6, pt: 0.3, it: 0.3 }],
  [/[ìò]/g, { it: 1 }],
  [/ù/g, { fr: 0.5, it: 0.5 }],
  [/[áíóú]/g, { es: 0.6, pt: 0.5 }],
  [/é/g, { fr: 0.4, es: 0.2, pt: 0.2, it: 0.1 }],
  [/\b(?:qu|l|d|j|n|c|s)'/g, { fr: 1 }],
  [/ij/g, { nl: 0.5 }],
];

/** Non-Latin scripts name their language directly (Cyrillic and Arabic are refined by stop words / letters). */
const SCRIPT_LANGUAGES: Array<[RegExp, string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
];

/** Page text is long; the first few thousand tokens decide as well as the whole. */
const MAX_TOKENS = 3000;
/** A language must gather at least this much evidence, and lead the runner-up by MIN_MARGIN. */
const MIN_SCORE = 1;
const MIN_MARGIN = 0.5;

interface LanguageSets {
  stop: Map<string, LatinLanguage[]>;
  query: Map<string, LatinLanguage[]>;
}

let languageSets: LanguageSets | null = null;

function addTo(map: Map<string, LatinLanguage[]>, word: string, lang: LatinLanguage): void {
  const langs = map.get(word);
  if (!langs) map.set(word, [lang]);
  else if (!langs.includes(lang)) langs.push(lang);
}

/** Built once on first use so that importing the module costs nothing. */
function getLanguageSets(): LanguageSets {
  if (languageSets) return languageSets;
  const stop = new Map<string, LatinLanguage[]>();
  const query = new Map<string, LatinLanguage[]>();
  for (const lang of DETECTABLE_LATIN_LANGUAGES) {
    for (const word of STOPWORD_LISTS[lang]) {
      const folded = foldText(word.trim());
      if (folded.length > 1 && /^[\p{L}']+$/u.test(folded)) addTo(stop, folded, lang);
    }
    for (const letter of SINGLE_LETTER_WORDS[lang]) addTo(stop, letter, lang);
    for (const word of QUERY_WORDS[lang].split(/\s+/)) if (word) addTo(query, foldText(word), lang);
  }
  languageSets = { stop, query };
  return languageSets;
}

function emptyScores(): Record<LatinLanguage, number> {
  return { en: 0, fr: 0, de: 0, es: 0, it: 0, pt: 0, nl: 0 };
}

/** Evidence for each supported Latin-script language; exported for explanations and tests. */
export function languageScores(text: string): Record<LatinLanguage, number> {
  const scores = emptyScores();
  if (typeof text !== 'string' || !text.trim()) return scores;
  const { stop, query } = getLanguageSets();
  const { tokens } = tokenize(text, MAX_TOKENS);
  for (const token of tokens) {
    const stopLangs = stop.get(token.folded);
    if (stopLangs) for (const lang of stopLangs) scores[lang] += 1 / stopLangs.length;
    const queryLangs = query.get(token.folded);
    if (queryLangs) for (const lang of queryLangs) scores[lang] += 1 / queryLangs.length;
    const accented = ACCENTED_WORDS[token.raw];
    if (accented) scores[accented] += 2;
  }
  const sample = text.slice(0, 20_000).toLowerCase();
  for (const [pattern, weights] of LETTER_HINTS) {
    const hits = sample.match(pattern)?.length ?? 0;
    if (!hits) continue;
    // Diminishing returns: a page full of "é" is not more French than a paragraph of it.
    const strength = Math.min(hits, 1 + Math.log2(hits));
    for (const [lang, weight] of Object.entries(weights) as Array<[LatinLanguage, number]>) scores[lang] += weight * strength;
  }
  return scores;
}

function detectScript(text: string): string | null {
  const sample = text.slice(0, 5000);
  // ASCII is Latin script: the common case costs one test.
  if (!/[^\u0000-\u007f]/.test(sample)) return null;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (!letters || latin * 2 >= letters) return null;
  for (const [pattern, code] of SCRIPT_LANGUAGES) {
    if (!pattern.test(text)) continue;
    if (code === 'ru') return cyrillicLanguage(text);
    if (code === 'ar' && /[پچژگ]/u.test(text)) return 'fa';
    return code;
  }
  return null;
}

function cyrillicLanguage(text: string): string {
  const words = text.toLowerCase().split(/[^\p{L}]+/u).slice(0, MAX_TOKENS);
  const counts: Array<[string, number]> = [
    ['ru', countIn(words, rus)],
    ['uk', countIn(words, ukr) + (/[іїєґ]/u.test(text) ? 2 : 0)],
    ['bg', countIn(words, bul)],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : 'ru';
}

function countIn(words: string[], list: string[]): number {
  const set = new Set(list);
  return words.filter((word) => set.has(word)).length;
}

/**
 * The language of a query or a page's text as an ISO 639-1 code ('en', 'fr', 'de', 'es', 'it',
 * 'pt', 'nl', or a script-level guess such as 'ru', 'ja', 'zh'), or null when undecidable.
 */
export function detectLanguage(text: string): string | null {
  if (typeof text !== 'string' || !text.trim()) return null;
  const byScript = detectScript(text);
  if (byScript) return byScript;
  const ranked = Object.entries(languageScores(text)).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best[1] < MIN_SCORE || best[1] - second[1] < MIN_MARGIN) return null;
  return best[0];
}

export { primaryLanguage };

/**
 * Whether a folded token is a stop word of `lang` (of any supported Latin-script language when
 * `lang` is null or unsupported): the words a query's topic is not made of.
 */
export function isStopword(folded: string, lang: string | null): boolean {
  const langs = getLanguageSets().stop.get(folded);
  if (!langs) return false;
  if (lang && (DETECTABLE_LATIN_LANGUAGES as readonly string[]).includes(lang)) return langs.includes(lang as LatinLanguage);
  return true;
}
