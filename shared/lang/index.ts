/**
 * The language registry: one pack per language (shared/lang/<code>/index.ts), registered here, one line
 * each. Classifier, detector, stemming, stop words, templates, link-text audit, answer shapes, tone and
 * the extension's language option all read from this list. Order matters where languages share
 * evidence (detection ties go to the earlier language).
 */
import { DUTCH } from './nl/index.ts';
import { ENGLISH } from './en/index.ts';
import { FRENCH } from './fr/index.ts';
import { GERMAN } from './de/index.ts';
import { ITALIAN } from './it/index.ts';
import { PORTUGUESE } from './pt/index.ts';
import { ROMANIAN } from './ro/index.ts';
import { SPANISH } from './es/index.ts';
import type { LanguagePack } from './types.ts';

export type { AnswerShape, LanguagePack, QuestionTemplate } from './types.ts';
export { ANSWER_SHAPES } from './types.ts';

export const LANGUAGE_PACKS = [ENGLISH, FRENCH, GERMAN, SPANISH, ITALIAN, PORTUGUESE, DUTCH, ROMANIAN] as const satisfies readonly LanguagePack[];

/** The codes of the languages with a pack, in registry order. */
export const PACK_LANGUAGES: readonly string[] = LANGUAGE_PACKS.map((pack) => pack.code);

const BY_CODE = new Map<string, LanguagePack>(LANGUAGE_PACKS.map((pack) => [pack.code, pack]));

/** The pack of a primary language subtag ("fr"), or undefined when the language has none. */
export function languagePack(code: string | null | undefined): LanguagePack | undefined {
  return code ? BY_CODE.get(code) : undefined;
}
