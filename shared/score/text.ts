/**
 * Text analysis for retrieval: tokens → stop words removed → Snowball stems → accents folded,
 * per language. Unknown languages degrade to lower-cased, accent-folded words.
 */
import { primaryLanguage } from '../language-tag.ts';
import snowball, { type SnowballStemmer } from 'snowball-stemmers';
import { deu, eng, fra, ita, nld, por, rus, spa } from 'stopword';
import { foldText } from '../classify/query-text.ts';

interface LanguageTools {
  /** Snowball algorithm name, null when none exists for the language. */
  algorithm: string | null;
  stopwords: readonly string[];
}

/** Primary language subtag → stemmer and stop words. Languages without a list keep all their words. */
const LANGUAGES: Record<string, LanguageTools> = {
  en: { algorithm: 'english', stopwords: eng },
  fr: { algorithm: 'french', stopwords: fra },
  de: { algorithm: 'german', stopwords: deu },
  es: { algorithm: 'spanish', stopwords: spa },
  it: { algorithm: 'italian', stopwords: ita },
  pt: { algorithm: 'portuguese', stopwords: por },
  nl: { algorithm: 'dutch', stopwords: nld },
  ru: { algorithm: 'russian', stopwords: rus },
  sv: { algorithm: 'swedish', stopwords: [] },
  da: { algorithm: 'danish', stopwords: [] },
  fi: { algorithm: 'finnish', stopwords: [] },
  no: { algorithm: 'norwegian', stopwords: [] },
  nb: { algorithm: 'norwegian', stopwords: [] },
  nn: { algorithm: 'norwegian', stopwords: [] },
  ro: { algorithm: 'romanian', stopwords: [] },
  hu: { algorithm: 'hungarian', stopwords: [] },
  tr: { algorithm: 'turkish', stopwords: [] },
  ca: { algorithm: 'catalan', stopwords: [] },
  cs: { algorithm: 'czech', stopwords: [] },
  ga: { algorithm: 'irish', stopwords: [] },
  eu: { algorithm: 'basque', stopwords: [] },
  sl: { algorithm: 'slovene', stopwords: [] },
  ar: { algorithm: 'arabic', stopwords: [] },
};

/** Words the stop lists keep but that say nothing about a question's topic. */
const EXTRA_STOPWORDS: Record<string, string[]> = {
  en: ['vs', 'versus', 'does', 'do', 'can', 'get', 'much', 'many', 'need', 'one', 'ones', 'offer', 'offers', 'provide', 'know', 'why', 'how', 'what', 'which', 'when', 'where', 'who', 'whats', 'so', 'very', 'really', 'actually', 'just', 'still', 'usually', 'already', 'even', 'ever', 'always', 'anyone', 'someone', 'something', 'anything', 'thing', 'things', 'lot', 'lots', 'want', 'wants', 'like', 'would', 'could', 'should', 'might'],
  fr: ['quoi', 'quel', 'quelle', 'quels', 'quelles', 'comment', 'combien', 'pourquoi', 'est-ce', 'faut', 'ou'],
  de: ['wie', 'viel', 'viele', 'was', 'welche', 'welcher', 'welches', 'warum', 'wo', 'wann', 'wer'],
  es: ['cuánto', 'cuánta', 'cuántos', 'cuántas', 'qué', 'cómo', 'cuál', 'cuáles', 'dónde', 'cuándo', 'quién', 'por'],
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
  const stop = new Set<string>();
  for (const w of [...(tools?.stopwords ?? []), ...(EXTRA_STOPWORDS[lang ?? ''] ?? [])]) {
    stop.add(w);
    stop.add(foldText(w));
  }
  const memo = new Map<string, string | null>();
  const term = (word: string): string | null => {
    const hit = memo.get(word);
    if (hit !== undefined) return hit;
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
    memo.set(word, out);
    return out;
  };
  return {
    lang,
    stemmed: stemmer != null,
    term,
    isStopword: (word) => stop.has(word.toLowerCase()),
    terms(text: string): string[] {
      const out: string[] = [];
      for (const m of text.toLowerCase().matchAll(TOKEN)) {
        const t = term(m[0]);
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
