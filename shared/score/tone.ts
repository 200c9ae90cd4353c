/**
 * Tone: prospects at the interest stage are researching a problem, and sales copy drives them away.
 * Promotional phrases, exclamation marks and brand repetition lower the tone factor at that stage
 * (a little at the comparison stage, not at all at purchase, where offers are what people want).
 */
import { foldText } from '../classify/query-text.ts';
import { LANGUAGE_PACKS } from '../lang/index.ts';
import type { Stage } from '../schemas/index.ts';
import { note, quoteList, type ScoreNote } from './notes.ts';
import { containsPhrase } from './page-features.ts';

const NOTES = {
  promotional: (stage: Stage, found: string) => `promotional tone at ${stage} stage (${found})`,
  exclamations: (n: number) => `${n} exclamation mark${n > 1 ? 's' : ''}`,
  brandRepeated: (n: number) => `the brand is named ${n} times`,
};

/** How much promotional copy costs at each stage: the interest stage rewards help, not pitch. */
export const TONE_PENALTY_BY_STAGE: Record<Stage, number> = { interest: 1, comparison: 0.35, purchase: 0 };

/** Sales phrases of every language pack (and "#1"), matched on lower-cased, accent-folded text. */
const PROMO_PHRASES: RegExp = new RegExp(
  `\\b(${LANGUAGE_PACKS.map((pack) => pack.promoPhrases).filter(Boolean).join('|')})\\b|#1\\b`,
  'g',
);

export interface ToneResult {
  tone: number;
  /** 0..1: how promotional the passage reads, whatever the stage. */
  promotion: number;
  notes: ScoreNote[];
}

export interface Promotion {
  /** Sales phrases found, as written (folded). */
  phrases: string[];
  exclamations: number;
  brandMentions: number;
  /** Brand mentions per 100 words. */
  per100: number;
  /** 0..1: how promotional the text reads. */
  promotion: number;
}

/** How promotional a text reads, whatever the stage: sales phrases, exclamation marks, brand repetition. */
export function promotionOf(text: string, wordCount: number, brandNames: string[], folded = foldText(text)): Promotion {
  const phrases: string[] = [];
  for (const m of folded.matchAll(PROMO_PHRASES)) phrases.push(m[0]);
  const exclamations = Math.min((text.match(/!/g) ?? []).length, 50);
  let brandMentions = 0;
  for (const name of brandNames) brandMentions += countPhrase(folded, name);
  const per100 = wordCount > 0 ? (brandMentions * 100) / Math.max(wordCount, 50) : 0;
  // Each sales phrase counts, exclamation marks up to 6, brand names beyond 2 per 100 words.
  const promotion = Math.min(1, 0.15 * phrases.length + 0.05 * Math.min(exclamations, 6) + Math.min(0.3, Math.max(0, per100 - 2) * 0.05));
  return { phrases, exclamations, brandMentions, per100, promotion };
}

/** Tone factor of a passage for a question at `stage`; `brandNames` are the user's brand and products. */
export function toneOf(text: string, wordCount: number, stage: Stage, brandNames: string[], promo?: Promotion): ToneResult {
  const { phrases, exclamations, brandMentions, per100, promotion } = promo ?? promotionOf(text, wordCount, brandNames);
  const strength = TONE_PENALTY_BY_STAGE[stage];
  const tone = 1 - strength * 0.85 * promotion;
  const notes: ScoreNote[] = [];
  if (strength > 0 && promotion >= 0.1) {
    const found: string[] = [];
    if (phrases.length) found.push(quoteList([...new Set(phrases)]));
    if (exclamations >= 2) found.push(NOTES.exclamations(exclamations));
    if (per100 > 2 && brandMentions >= 3) found.push(NOTES.brandRepeated(brandMentions));
    notes.push(note('tone', NOTES.promotional(stage, found.join(', ')), tone));
  }
  return { tone, promotion, notes };
}

function countPhrase(folded: string, phrase: string): number {
  if (!containsPhrase(folded, phrase)) return 0;
  const p = foldText(phrase).trim();
  let n = 0;
  let i = folded.indexOf(p);
  while (i >= 0 && n < 1000) {
    n++;
    i = folded.indexOf(p, i + p.length);
  }
  return n;
}
