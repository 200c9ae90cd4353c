/**
 * A small, deterministic language detector for search queries and page text.
 *
 * Latin-script languages are told apart by stop words (the `stopword` package's lists), a few
 * distinctive query words per language, accented function words and characteristic letters
 * (ß, ñ, ã…). Other scripts are recognised by their Unicode script. Returns an ISO 639-1 code,
 * or null when the evidence is too thin to decide (a brand name, "iphone 15", an emoji).
 */
import { primaryLanguage } from '../language-tag.ts';
import { bul, rus, ukr } from 'stopword';
import { LANGUAGE_PACKS, PACK_LANGUAGES } from '../lang/index.ts';
import { itemsOf } from '../lang/types.ts';
import { foldText, tokenize } from './query-text.ts';

/** The Latin-script languages told apart by their evidence: those with a pack (shared/lang). */
export const DETECTABLE_LATIN_LANGUAGES: readonly string[] = PACK_LANGUAGES;
type LatinLanguage = string;

/** Accented function words that only one of the packs writes that way (a later pack wins a shared word). */
const ACCENTED_WORDS: Record<string, LatinLanguage> = Object.fromEntries(
  LANGUAGE_PACKS.flatMap((pack) => itemsOf(pack.detection.accentedWords).map((word) => [word, pack.code])),
);

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
  for (const { code: lang, stopwords, detection } of LANGUAGE_PACKS) {
    for (const word of stopwords) {
      const folded = foldText(word.trim());
      if (folded.length > 1 && /^[\p{L}']+$/u.test(folded)) addTo(stop, folded, lang);
    }
    for (const letter of itemsOf(detection.singleLetterWords)) addTo(stop, letter, lang);
    for (const word of detection.queryWords.split(/\s+/)) if (word) addTo(query, foldText(word), lang);
  }
  languageSets = { stop, query };
  return languageSets;
}

function emptyScores(): Record<LatinLanguage, number> {
  return Object.fromEntries(PACK_LANGUAGES.map((code) => [code, 0]));
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
  for (const { code, detection } of LANGUAGE_PACKS) {
    for (const [pattern, weight] of itemsOf(detection.letterHints)) {
      const hits = sample.match(pattern)?.length ?? 0;
      if (!hits) continue;
      // Diminishing returns: a page full of "é" is not more French than a paragraph of it.
      const strength = Math.min(hits, 1 + Math.log2(hits));
      scores[code] += weight * strength;
    }
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
  if (lang && DETECTABLE_LATIN_LANGUAGES.includes(lang)) return langs.includes(lang);
  return true;
}
