/**
 * Reading ease of a passage, per language: the Flesch formula with each language's published
 * coefficients, on syllables counted as vowel groups in that language's spelling (English through
 * the `syllable` package, which knows its silent e's and exceptions).
 */
import { syllable } from 'syllable';
import { primaryLanguage } from '../language-tag.ts';

/** Flesch-style reading ease: base − a × words per sentence − b × syllables per word (100 = very easy). */
interface FleschCoefficients {
  base: number;
  sentence: number;
  syllable: number;
  /** Who adapted it to the language. */
  source: string;
}

const COEFFICIENTS: Record<string, FleschCoefficients> = {
  en: { base: 206.835, sentence: 1.015, syllable: 84.6, source: 'Flesch (1948)' },
  fr: { base: 207, sentence: 1.015, syllable: 73.6, source: 'Kandel & Moles (1958)' },
  de: { base: 180, sentence: 1, syllable: 58.5, source: 'Amstad (1978)' },
  es: { base: 206.84, sentence: 1.02, syllable: 60, source: 'Fernández Huerta (1959)' },
  it: { base: 217, sentence: 1.3, syllable: 60, source: 'Franchina & Vacca (1986)' },
  nl: { base: 206.84, sentence: 0.93, syllable: 77, source: 'Douma (1960)' },
  pt: { base: 248.835, sentence: 1.015, syllable: 84.6, source: 'Martins et al. (1996)' },
};
/** Languages without a published adaptation known to us (Romanian among them) use Flesch's English coefficients: said in the finding. */
const FALLBACK = COEFFICIENTS.en;

/** Vowels of each language's spelling; a run of them is one syllable (diphthongs counted once). */
const VOWELS: Record<string, string> = {
  fr: 'aeiouyàâæéèêëîïôœùûüÿ',
  de: 'aeiouyäöü',
  es: 'aeiouáéíóúü',
  it: 'aeiouàèéìíòóù',
  nl: 'aeiouyë',
  pt: 'aeiouáâãàéêíóôõú',
  ro: 'aeiouăâî',
};

function vowelGroups(word: string, vowels: string): number {
  let count = 0;
  let inGroup = false;
  for (const ch of word) {
    const v = vowels.includes(ch);
    if (v && !inGroup) count++;
    inGroup = v;
  }
  return Math.max(1, count);
}

export function syllablesOf(word: string, lang: string): number {
  const w = word.toLowerCase();
  if (lang === 'en') return Math.max(1, syllable(w));
  let n = vowelGroups(w, VOWELS[lang] ?? 'aeiouy');
  // A French word's final mute e ("porte", "pages") is not a syllable.
  if (lang === 'fr' && n > 1 && /[^aeiouy]e?s?$/.test(w) && /es?$/.test(w) && !/[éè]s?$/.test(w)) n--;
  return n;
}

export interface ReadingLevel {
  lang: string;
  /** 0..100 (clamped): higher is easier. */
  ease: number;
  wordsPerSentence: number;
  syllablesPerWord: number;
  words: number;
  sentences: number;
  /** The formula used ("Kandel & Moles (1958)"; "Flesch (1948), English coefficients" where the language has none). */
  formula: string;
}

/** Passages shorter than this say too little to grade. */
export const MIN_GRADED_WORDS = 20;

export function readingLevel(text: string, langTag: string | null | undefined): ReadingLevel | null {
  const lang = primaryLanguage(langTag ?? 'en') ?? 'en';
  const words = text.match(/[\p{L}][\p{L}\p{M}'’-]*/gu) ?? [];
  if (words.length < MIN_GRADED_WORDS) return null;
  const sentences = Math.max(1, (text.match(/[.!?;:…]+(?=\s|$)/g) ?? []).length);
  const syllables = words.reduce((sum, w) => sum + syllablesOf(w.replace(/['’-]/g, ''), lang), 0);
  const c = COEFFICIENTS[lang] ?? FALLBACK;
  const wps = words.length / sentences;
  const spw = syllables / words.length;
  const ease = Math.min(100, Math.max(0, c.base - c.sentence * wps - c.syllable * spw));
  return {
    lang,
    ease: Math.round(ease * 10) / 10,
    wordsPerSentence: Math.round(wps * 10) / 10,
    syllablesPerWord: Math.round(spw * 100) / 100,
    words: words.length,
    sentences,
    formula: COEFFICIENTS[lang] ? c.source : `${FALLBACK.source}, English coefficients (no ${lang} adaptation known)`,
  };
}
