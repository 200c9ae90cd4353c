/**
 * A language pack: everything ZMOT Lens knows about one language, in one typed object. Every field is
 * required and the type refuses an empty one: lists are non-empty (`NonEmpty`), every answer shape has its
 * cue, the patterns are not nullable. Where a language truly has none of something (English writes no
 * accented function words), the pack says so with `none('why')` instead of an empty list, so a gap is
 * always a written decision, never an omission (tests/shared/lang/packs.test.ts checks the strings and
 * lists the declarations). Packs are registered in shared/lang/index.ts.
 */
import type { Lexicon } from '../classify/lexicon.ts';
import type { Stage } from '../schemas/question.ts';

/** At least one element: an empty list does not type-check. */
export type NonEmpty<T> = readonly [T, ...T[]];

/** A declaration that the language has none of a thing, with the reason (read as an empty list). */
export interface None {
  readonly none: string;
}

/** Declares that the language has none of a detection clue (see `None`). */
export const none = (reason: string): None => ({ none: reason });

/** The items of a list that may be declared `none`. */
export function itemsOf<T>(value: NonEmpty<T> | None): readonly T[] {
  return 'none' in value ? [] : value;
}

/** What kind of answer a question wants; read by shared/score/intent.ts from each pack's cues. */
export const ANSWER_SHAPES = [
  'price',
  'steps',
  'versus',
  'ranking',
  'alternatives',
  'reviews',
  'pros-cons',
  'definition',
  'duration',
  'terms',
  'location',
  'requirements',
  'trial',
  'list',
  'explanation',
  'yes-no',
] as const;
export type AnswerShape = (typeof ANSWER_SHAPES)[number];

/** A starter question; placeholders {category}, {brand}, {product}, {competitor}. */
export interface QuestionTemplate {
  stage: Stage;
  text: string;
  /** The same question when the category is a plural ("what are smart thermostats"). */
  plural?: string;
}

export interface LanguagePack {
  /** ISO 639-1 code. */
  code: string;
  /** English name, shown in options and reports. */
  name: string;
  /** The language's own name for itself. */
  nativeName: string;
  /** Query stage lexicon (shared/classify/lexicon.ts explains the phrase syntax). */
  lexicon: Lexicon;
  /** Stop words: the `stopword` package's list for the language. */
  stopwords: readonly string[];
  /** Words the stop list keeps but that say nothing about a question's topic (question words…). */
  extraStopwords: NonEmpty<string>;
  /** Snowball algorithm name (snowball-stemmers). */
  snowball: string;
  /**
   * Normalises text before stemming and matching (e.g. Romanian cedilla ş ţ → comma ș ț); identity for
   * most languages.
   */
  normalize: (text: string) => string;
  /**
   * Rewrites lower-cased text before it is cut into words, where a word's neighbour changes what it
   * means: phrasal verbs joined ("set it up" → "setup it", "sign up" → "signup") so they match their
   * one-word forms and synonyms; privative compounds reduced to their subject ("asterisk-free" is about
   * asterisks, not about something costing nothing). Applied to questions and pages alike. Optional.
   */
  wordForms?: (lowerText: string) => string;
  /** Language detection evidence (shared/classify/lang.ts). */
  detection: {
    /** Frequent query words of the language (space-separated, folded), absent from or shared in its stop words. */
    queryWords: string;
    /** Single letters that are words of their own ("a", "y", French elisions). */
    singleLetterWords: NonEmpty<string> | None;
    /** Accented function words only this language writes that way. */
    accentedWords: NonEmpty<string> | None;
    /** Letters pointing at the language, with weights (loanwords travel: keep them small). */
    letterHints: NonEmpty<readonly [RegExp, number]> | None;
  };
  /** Starter question templates per stage (shared/questions/templates.ts). */
  templates: NonEmpty<QuestionTemplate>;
  /** Non-descriptive link texts ("click here"), whole lower-cased text; `lighthouse`: the list is Lighthouse's. */
  linkTexts: { texts: NonEmpty<string>; lighthouse: boolean };
  /** Words prospects use interchangeably for the same fact (shared/score/query-terms.ts). */
  synonyms: NonEmpty<NonEmpty<string>>;
  /** Cue patterns of every answer shape, matched on lower-cased, accent-folded question text. */
  answerCues: Record<AnswerShape, RegExp>;
  /** Splits "A vs B", "difference between A and B" into its two sides (groups 1-2 or 3-4). */
  versusSplit: RegExp;
  /** A definitional sentence ("X is a…"), matched on folded passage text (shared/score/shape.ts). */
  definition: RegExp;
  /** Sales phrases (regex alternatives, folded text) that lower tone at the interest stage (shared/score/tone.ts). */
  promoPhrases: string;
}
