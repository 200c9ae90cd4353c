/**
 * Text normalisation shared by the language detector and the query classifier:
 * lower-casing, accent folding and word-boundary tokenisation. Pure, no I/O.
 */

/** Letters NFD does not decompose; folded by hand so that "straße" meets "strasse". */
const LIGATURES: Record<string, string> = { ß: 'ss', œ: 'oe', æ: 'ae', ø: 'o', ł: 'l', đ: 'd', ı: 'i', þ: 'th' };

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-case, strip diacritics and expand ligatures: "Qu'est-ce Que" → "qu'est-ce que", "Öffnungszeiten" → "offnungszeiten". */
export function foldText(text: string): string {
  // Plain ASCII (most text) has no accents, ligatures or curly quotes to fold: lower-casing and backticks only.
  if (ASCII.test(text)) {
    const lower = text.toLowerCase();
    return lower.includes('`') ? lower.replace(/`/g, "'") : lower;
  }
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßœæøłđıþ]/g, (ch) => LIGATURES[ch] ?? ch)
    .replace(/[’‘`´]/g, "'");
}

export interface QueryToken {
  /** Lower-cased, accents kept: tells "où" (where) from "ou" (or). */
  raw: string;
  /** Lower-cased and accent-folded: what lexicons match on. */
  folded: string;
  /** Index of the whitespace-separated word the token came from. */
  word: number;
  /** Offsets in the lower-cased text, so a matched phrase can be shown as it was typed. */
  start: number;
  end: number;
}

export interface QueryWord {
  /** Lower-cased word with surrounding punctuation removed, e.g. "facebook.com", "$500". */
  text: string;
  tokens: QueryToken[];
}

export interface TokenizedText {
  /** The lower-cased text the offsets refer to. */
  text: string;
  words: QueryWord[];
  tokens: QueryToken[];
}

/** Letters and digits; anything else (apostrophes, hyphens, dots, emoji) separates tokens. */
const TOKEN_PATTERN = /[\p{L}\p{N}]+/gu;
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}$€£¥₹]+|[^\p{L}\p{N}$€£¥₹%]+$/gu;

/**
 * Split text into words (on whitespace) and tokens (runs of letters and digits).
 * `maxTokens` bounds the work on hostile input; a search query never needs more.
 */
export function tokenize(text: string, maxTokens = 2000): TokenizedText {
  const words: QueryWord[] = [];
  const tokens: QueryToken[] = [];
  const lower = text.toLowerCase();
  for (const chunkMatch of lower.matchAll(/\S+/gu)) {
    if (tokens.length >= maxTokens) break;
    const chunk = chunkMatch[0];
    const word: QueryWord = { text: chunk.replace(EDGE_PUNCTUATION, ''), tokens: [] };
    for (const match of chunk.matchAll(TOKEN_PATTERN)) {
      const start = chunkMatch.index + match.index;
      const token: QueryToken = { raw: match[0], folded: foldText(match[0]), word: words.length, start, end: start + match[0].length };
      word.tokens.push(token);
      tokens.push(token);
      if (tokens.length >= maxTokens) break;
    }
    words.push(word);
  }
  return { text: lower, words, tokens };
}
