import { ratingOf, type Rating } from '../../shared/audits/config.ts';
// From shared/stages.ts, not shared/schemas/question.ts: that one holds classic zod (≈ 20 KB gzipped),
// which the content script must not carry.
export { STAGES } from '../../shared/stages.ts';

/** 0..1 → 0..100, rounded: the scale every number in the overlay uses. */
export const to100 = (share: number): number => Math.round(Math.min(1, Math.max(0, share)) * 100);

/** The shared rating of a 0..1 score: the same thresholds as the crawl report. */
export const ratingOfShare = (share: number): Rating => ratingOf(to100(share));


/** "Nov 3, 2025" from an ISO date; the raw text when it is not a date. */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 30) : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Same question whatever the case, accents and punctuation ("How much?" = "how much"). */
export function sameQuestion(a: string, b: string): boolean {
  const fold = (x: string) => x.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return fold(a) === fold(b);
}
