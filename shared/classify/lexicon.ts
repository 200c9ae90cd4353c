/**
 * Lexicon building blocks for the query stage classifier: how entries are written, and how they
 * compile into token patterns. The word lists themselves live in lexicon-<lang>.ts files.
 *
 * Phrase syntax (matched on folded tokens: lower-case, no accents, split on non-letters):
 *   "how to"      consecutive tokens
 *   "compar*"     a token starting with "compar" (compare, comparison, comparing)
 *   "*vergleich"  a token ending with "vergleich", at least 3 letters longer (preisvergleich)
 *   "#"           a token made of digits (top # → "top 10")
 *   "^watch"      the phrase must start the query;  "quote$" the phrase must end it
 */
import type { QueryStage } from '../schemas/question.ts';
import type { BroderIntent } from '../schemas/classify.ts';
import { foldText } from './query-text.ts';

/** 'none' entries only consume tokens, so that "gluten free" does not fire "free". */
export type LexiconStage = QueryStage | 'none';

/** What kind of evidence an entry is; navigational sites and brands are weighed by coverage. */
export type LexiconKind = 'term' | 'site' | 'nav-modifier';

export interface LexiconEntry {
  phrase: string;
  stage: LexiconStage;
  weight: number;
  kind: LexiconKind;
  /** Only used when the query is in this lexicon's language (false friends: fr "comment", de "test"). */
  strict: boolean;
  /**
   * Broder's intent when it differs from the stage's usual one: implementation and opening-hours
   * words are purchase-stage questions, but Broder counts looking them up as informational.
   */
  broder?: BroderIntent;
}

export interface Lexicon {
  /** ISO 639-1 code, or 'neutral' for language-independent signals. */
  lang: string;
  entries: LexiconEntry[];
}

export interface EntryOptions {
  kind?: LexiconKind;
  strict?: boolean;
  broder?: BroderIntent;
}

/** Entries of one stage and weight, written as a comma-separated list of phrases. */
export function terms(stage: LexiconStage, weight: number, phrases: string, options: EntryOptions = {}): LexiconEntry[] {
  return phrases
    .split(',')
    .map((phrase) => phrase.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .map((phrase) => ({
      phrase,
      stage,
      weight,
      kind: options.kind ?? 'term',
      strict: options.strict ?? false,
      ...(options.broder ? { broder: options.broder } : {}),
    }));
}

/** One entry per name as it is tokenised: "impots.gouv" and "impots gouv", "tf1" and "tf1+" are the same name. */
export function uniqueNames(names: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    const key = foldText(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
    if (key && !byKey.has(key)) byKey.set(key, name);
  }
  return [...byKey.values()];
}

export type PatternWord =
  | { type: 'exact'; text: string }
  | { type: 'prefix'; text: string }
  | { type: 'suffix'; text: string }
  | { type: 'number' };

export interface CompiledEntry {
  entry: LexiconEntry;
  lang: string;
  words: PatternWord[];
  anchorStart: boolean;
  anchorEnd: boolean;
  /** Exact words outrank affixes when two entries cover the same tokens. */
  exactWords: number;
}

export interface CompiledLexicon {
  lang: string;
  /** Entries whose first word is exact, keyed by that word. */
  byFirstWord: Map<string, CompiledEntry[]>;
  /** Entries whose first word is an affix or a number, tried at every position. */
  openStart: CompiledEntry[];
  size: number;
}

/** A suffix pattern must leave at least this many letters in front ("*test" matches "produkttest", not "test"). */
export const MIN_SUFFIX_STEM = 3;

function compileWord(word: string): PatternWord[] {
  // Already folded (the gazetteers' tens of thousands of names): nothing to fold or split.
  if (/^[a-z0-9]+$/.test(word)) return [{ type: 'exact', text: word }];
  if (word === '#') return [{ type: 'number' }];
  if (word.length > 1 && word.endsWith('*')) {
    const parts = foldedParts(word.slice(0, -1));
    return parts.map((text, i): PatternWord => (i === parts.length - 1 ? { type: 'prefix', text } : { type: 'exact', text }));
  }
  if (word.length > 1 && word.startsWith('*')) {
    return foldedParts(word.slice(1)).map((text, i): PatternWord => (i === 0 ? { type: 'suffix', text } : { type: 'exact', text }));
  }
  return foldedParts(word).map((text) => ({ type: 'exact', text }));
}

/** "qu'est-ce" is three tokens once apostrophes and hyphens split it, as in a query. */
function foldedParts(word: string): string[] {
  return foldText(word).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Folded words and single spaces only (the ~20,000 names of the gazetteers): every word is exact, no anchors. */
const PLAIN_PHRASE = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

export function compileEntry(entry: LexiconEntry, lang: string): CompiledEntry | null {
  if (PLAIN_PHRASE.test(entry.phrase)) {
    // What the general path below gives for such a phrase, without its per-word regexes and arrays.
    const words: PatternWord[] = entry.phrase.split(' ').map((text) => ({ type: 'exact', text }));
    return { entry, lang, words, anchorStart: false, anchorEnd: false, exactWords: words.length };
  }
  let phrase = entry.phrase.trim();
  const anchorStart = phrase.startsWith('^');
  if (anchorStart) phrase = phrase.slice(1);
  const anchorEnd = phrase.endsWith('$');
  if (anchorEnd) phrase = phrase.slice(0, -1);
  const words = phrase.split(/\s+/).filter(Boolean).flatMap(compileWord);
  if (!words.length) return null;
  return { entry, lang, words, anchorStart, anchorEnd, exactWords: words.filter((word) => word.type === 'exact').length };
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const byFirstWord = new Map<string, CompiledEntry[]>();
  const openStart: CompiledEntry[] = [];
  let size = 0;
  for (const entry of lexicon.entries) {
    const compiled = compileEntry(entry, lexicon.lang);
    if (!compiled) continue;
    size++;
    const first = compiled.words[0];
    if (first.type === 'exact') {
      const list = byFirstWord.get(first.text);
      if (list) list.push(compiled);
      else byFirstWord.set(first.text, [compiled]);
    } else {
      openStart.push(compiled);
    }
  }
  return { lang: lexicon.lang, byFirstWord, openStart, size };
}

export function wordMatches(word: PatternWord, token: string): boolean {
  switch (word.type) {
    case 'exact':
      return token === word.text;
    case 'prefix':
      return token.startsWith(word.text);
    case 'suffix':
      return token.length >= word.text.length + MIN_SUFFIX_STEM && token.endsWith(word.text);
    case 'number':
      return /^\d+$/.test(token);
  }
}

/** Length in tokens of the match of `compiled` at `start`, or 0 when it does not match there. */
export function matchAt(compiled: CompiledEntry, tokens: readonly string[], start: number): number {
  const { words } = compiled;
  if (compiled.anchorStart && start !== 0) return 0;
  if (start + words.length > tokens.length) return 0;
  for (let i = 0; i < words.length; i++) if (!wordMatches(words[i], tokens[start + i])) return 0;
  if (compiled.anchorEnd && start + words.length !== tokens.length) return 0;
  return words.length;
}
