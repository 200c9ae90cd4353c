import type { AnswerFactors } from '../schemas/index.ts';

/** One reason a factor is below 1: the words a marketer reads, and how much it cost. */
export interface ScoreNote {
  factor: keyof AnswerFactors | 'findability' | 'quotability' | 'people' | 'persona';
  text: string;
  /** 1 − the multiplier this reason applied (0 for an informative note). */
  loss: number;
}

export function note(factor: ScoreNote['factor'], text: string, multiplier = 1): ScoreNote {
  return { factor, text, loss: round3(1 - multiplier) };
}

/** Notes worst first; equal losses keep the order they were raised in. */
export function sortNotes(notes: ScoreNote[]): ScoreNote[] {
  return notes
    .map((n, i) => ({ n, i }))
    .sort((a, b) => b.n.loss - a.n.loss || a.i - b.i)
    .map((x) => x.n);
}

/** "1200" → "1,200": fixed formatting, independent of the machine's locale. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A quoted list of at most `max` items: "'a', 'b' and 2 more". */
export function quoteList(items: string[], max = 3): string {
  const shown = items.slice(0, max).map((s) => `'${s}'`);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}
