/**
 * Text analysis for retrieval: tokens → stop words removed → Snowball stems → accents folded,
 * per language. Unknown languages degrade to lower-cased, accent-folded words.
 */
import { primaryLanguage } from '../language-tag.ts';
import snowball, { type SnowballStemmer } from 'snowball-stemmers';
import { ara, cat, ces, dan, eus, fin, gle, hun, nob, rus, slv, swe, tur } from 'stopword';
import { foldText } from '../classify/query-text.ts';
import { LANGUAGE_PACKS } from '../lang/index.ts';

interface LanguageTools {
  /** Snowball algorithm name, null when none exists for the language. */
  algorithm: string | null;
  stopwords: readonly string[];
  /** Words the stop lists keep but that say nothing about a question's topic. */
  extraStopwords: readonly string[];
  /** Text normalisation before stemming (e.g. Romanian cedilla letters), null for none. */
  normalize: ((text: string) => string) | null;
  /** Word forms rewritten before tokens (phrasal verbs joined, privative compounds), see LanguagePack.wordForms. */
  wordForms?: ((lowerText: string) => string) | undefined;
}

/**
 * Stemming for languages without a pack (shared/lang): Snowball, with the `stopword` package's list
 * where it ships one. Languages with a pack take stemmer and stop words from it.
 */
const STEM_ONLY: Record<string, LanguageTools> = {
  ru: { algorithm: 'russian', stopwords: rus, extraStopwords: [], normalize: null },
  sv: { algorithm: 'swedish', stopwords: swe, extraStopwords: [], normalize: null },
  da: { algorithm: 'danish', stopwords: dan, extraStopwords: [], normalize: null },
  fi: { algorithm: 'finnish', stopwords: fin, extraStopwords: [], normalize: null },
  no: { algorithm: 'norwegian', stopwords: nob, extraStopwords: [], normalize: null },
  nb: { algorithm: 'norwegian', stopwords: nob, extraStopwords: [], normalize: null },
  // `stopword` ships Bokmål only; Nynorsk spells many function words differently (eg, ikkje), so it keeps all its words.
  nn: { algorithm: 'norwegian', stopwords: [], extraStopwords: [], normalize: null },
  hu: { algorithm: 'hungarian', stopwords: hun, extraStopwords: [], normalize: null },
  tr: { algorithm: 'turkish', stopwords: tur, extraStopwords: [], normalize: null },
  ca: { algorithm: 'catalan', stopwords: cat, extraStopwords: [], normalize: null },
  cs: { algorithm: 'czech', stopwords: ces, extraStopwords: [], normalize: null },
  ga: { algorithm: 'irish', stopwords: gle, extraStopwords: [], normalize: null },
  eu: { algorithm: 'basque', stopwords: eus, extraStopwords: [], normalize: null },
  sl: { algorithm: 'slovene', stopwords: slv, extraStopwords: [], normalize: null },
  ar: { algorithm: 'arabic', stopwords: ara, extraStopwords: [], normalize: null },
};

/** Primary language subtag → stemmer and stop words. Languages without a list keep all their words. */
const LANGUAGES: Record<string, LanguageTools> = {
  ...STEM_ONLY,
  ...Object.fromEntries(
    LANGUAGE_PACKS.map((pack) => [pack.code, { algorithm: pack.snowball, stopwords: pack.stopwords, extraStopwords: pack.extraStopwords, normalize: pack.normalize, wordForms: pack.wordForms }]),
  ),
};

/** Bounds the memo of stems so a long-lived extension worker does not grow without limit. */
const MAX_CACHED_STEMS = 200_000;
const TOKEN = /[\p{L}\p{N}]+/gu;

export interface Analyzer {
  /** Primary language subtag this analyzer serves, null for "unknown". */
  lang: string | null;
  /** Whether a Snowball stemmer is used (false: words are only lower-cased and folded). */
  stemmed: boolean;
  /** Index terms of a text, in order: stop words dropped, stemmed, accent-folded. */
  terms(text: string): string[];
  /** The index term of one lower-cased word, or null when it is a stop word or too short. */
  term(word: string): string | null;
  isStopword(word: string): boolean;
  /** Lower-cased text with the language's word forms rewritten (what `terms` cuts into words). */
  prepare(text: string): string;
  /** The words `terms` reads in a text, before stop words and stems: `terms(text)` is each one's `term`, nulls left out. */
  words(text: string): string[];
}

export { primaryLanguage };

const analyzers = new Map<string, Analyzer>();

/** The analyzer for a language tag; one instance per primary language, memoised. */
export function analyzerFor(lang: string | null | undefined): Analyzer {
  const primary = primaryLanguage(lang);
  const key = primary && LANGUAGES[primary] ? primary : '';
  let a = analyzers.get(key);
  if (!a) {
    a = makeAnalyzer(key || null);
    analyzers.set(key, a);
  }
  return a;
}

/** Whether retrieval stems this language (otherwise it degrades to exact words). */
export function isSupportedLanguage(lang: string | null | undefined): boolean {
  const p = primaryLanguage(lang);
  return p != null && LANGUAGES[p] != null;
}

function makeAnalyzer(lang: string | null): Analyzer {
  const tools = lang ? LANGUAGES[lang] : undefined;
  let stemmer: SnowballStemmer | null = null;
  if (tools?.algorithm) {
    try {
      stemmer = snowball.newStemmer(tools.algorithm);
    } catch {
      stemmer = null;
    }
  }
  const normalize = tools?.normalize ?? null;
  const stop = new Set<string>();
  for (const w of [...(tools?.stopwords ?? []), ...(tools?.extraStopwords ?? [])]) {
    stop.add(w);
    stop.add(foldText(w));
    if (normalize) stop.add(normalize(w));
  }
  const memo = new Map<string, string | null>();
  const term = (raw: string): string | null => {
    const hit = memo.get(raw);
    if (hit !== undefined) return hit;
    // The pack's spelling normalisation (Romanian ș ț → ş ţ, the stemmer's letters) before stop words and stems.
    const word = normalize ? normalize(raw) : raw;
    let out: string | null = null;
    const isNumber = /^\p{N}+$/u.test(word);
    if (!stop.has(word) && (word.length > 1 || isNumber)) {
      let stem = word;
      if (stemmer && !isNumber) {
        try {
          stem = stemmer.stem(word) || word;
        } catch {
          stem = word;
        }
      }
      out = foldText(stem);
      if (stop.has(out) && !isNumber) out = null;
    }
    if (memo.size >= MAX_CACHED_STEMS) memo.clear();
    memo.set(raw, out);
    return out;
  };
  const wordForms = tools?.wordForms ?? null;
  const prepare = (text: string): string => (wordForms ? wordForms(text.toLowerCase()) : text.toLowerCase());
  return {
    lang,
    stemmed: stemmer != null,
    prepare,
    term,
    isStopword: (word) => stop.has(normalize ? normalize(word.toLowerCase()) : word.toLowerCase()),
    words: (text) => prepare(text).match(TOKEN) ?? [],
    terms(text: string): string[] {
      const out: string[] = [];
      // match() with the global flag: the words as strings, without a match object each.
      const words = prepare(text).match(TOKEN);
      if (!words) return out;
      for (const w of words) {
        const t = term(w);
        if (t) out.push(t);
      }
      return out;
    },
  };
}

/** Lower-cased words of a text (no stemming), for phrase and name checks. */
export function wordsOf(text: string): string[] {
  return [...text.toLowerCase().matchAll(TOKEN)].map((m) => foldText(m[0]));
}
