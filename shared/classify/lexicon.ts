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
  byFirstWord: { get(word: string): readonly CompiledEntry[] | undefined };
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

/** The folded words of a phrase as a query's tokens would be; a plain phrase (the gazetteers' names) is split as it is, which gives the same. */
export function foldedWords(phrase: string): string[] {
  return PLAIN_PHRASE.test(phrase) ? phrase.split(' ') : foldedParts(phrase);
}

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
  if (lexicon instanceof NameLexicon) return lexicon.compile();
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

/**
 * A lexicon of many names as the gazetteers hold them (gazetteer-data.ts: ~20,000 names, folded words
 * and single spaces, one per line, sorted), all of one stage, weight and kind. The sorted text is
 * the compiled form: the names of a first word are the lines from the first one not below it (found by
 * binary search), so compiling reads nothing, and a name's entry and compiled form are made the
 * first time a query holds its first word. Its entries, for what reads them all (the fuzzy and
 * joined-name indexes), are made on first use. Same entries in the same order, same compiled form,
 * as `compileLexicon` of the whole list; only when the work is done differs: a cold extension worker's
 * first query would otherwise build and compile 20,000 entries (~0.1 s of CPU) to look up five words.
 * The text must be plain and sorted (bench/build-gazetteer.ts writes it so; tests/shared/classify check it).
 */
export class NameLexicon implements Lexicon {
  private list: string[] | null = null;
  private made: LexiconEntry[] | null = null;

  constructor(
    readonly lang: string,
    /** Plain names (PLAIN_PHRASE), one per line, in code-unit order (`Array.prototype.sort`). */
    readonly text: string,
    private readonly template: Omit<LexiconEntry, 'phrase'>,
  ) {}

  /** The names, one per line of the text. */
  get names(): readonly string[] {
    return (this.list ??= this.text.split('\n'));
  }

  entry(phrase: string): LexiconEntry {
    const { stage, weight, kind, strict, broder } = this.template;
    return broder ? { phrase, stage, weight, kind, strict, broder } : { phrase, stage, weight, kind, strict };
  }

  /** Every word of every name (a name's words are its folded words: it is plain). */
  words(): string[] {
    return this.text.split(/[ \n]/).filter(Boolean);
  }

  /** The names of one word, in the text's order. */
  oneWordNames(): string[] {
    return this.names.filter((name) => name && !name.includes(' '));
  }

  get entries(): LexiconEntry[] {
    return (this.made ??= this.names.map((phrase) => this.entry(phrase)));
  }

  /** The names whose first word is `word`, in the text's order. */
  namesStartingWith(word: string): string[] {
    const { text } = this;
    const found: string[] = [];
    for (let at = firstLineNotBelow(text, word); at < text.length; ) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const name = text.slice(at, end);
      if (name !== word && !name.startsWith(`${word} `)) break;
      found.push(name);
      at = end + 1;
    }
    return found;
  }

  /** The names that hold `word` as one of their words, in the text's order, each once. */
  namesContaining(word: string): string[] {
    const { text } = this;
    const found: string[] = [];
    if (!word || word.includes(' ') || word.includes('\n')) return found;
    let lastLine = -1;
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      const before = i === 0 ? '\n' : text[i - 1];
      const after = i + word.length === text.length ? '\n' : text[i + word.length];
      if ((before !== ' ' && before !== '\n') || (after !== ' ' && after !== '\n')) continue;
      const start = text.lastIndexOf('\n', i - 1) + 1;
      if (start === lastLine) continue;
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      found.push(text.slice(start, end));
      lastLine = start;
    }
    return found;
  }

  compile(): CompiledLexicon {
    const made = new Map<string, CompiledEntry[] | null>();
    const byFirstWord = {
      get: (word: string): CompiledEntry[] | undefined => {
        let list = made.get(word);
        if (list === undefined) {
          // Words a query holds that are no first word are remembered too, up to a bound (a crawl classifies many texts).
          if (made.size >= FIRST_WORD_MEMO) made.clear();
          const names = word && !word.includes(' ') && !word.includes('\n') ? this.namesStartingWith(word) : [];
          list = names.length ? names.map((name) => compileEntry(this.entry(name), this.lang)!) : null;
          made.set(word, list);
        }
        return list ?? undefined;
      },
    };
    const lexicon: CompiledLexicon = { lang: this.lang, byFirstWord, openStart: [], size: 0 };
    let size: number | null = null;
    return Object.defineProperty(lexicon, 'size', { get: () => (size ??= this.names.length) });
  }
}

const FIRST_WORD_MEMO = 20_000;

/** Offset of the first line of `text` (lines sorted) that is not below `key`; text.length when none. */
function firstLineNotBelow(text: string, key: string): number {
  // lo and hi are line starts (or the end): every line before lo is below key, every line from hi on is not.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = text.lastIndexOf('\n', mid - 1) + 1;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.slice(start, end) < key) lo = end + 1;
    else hi = start;
  }
  return Math.min(lo, text.length);
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
