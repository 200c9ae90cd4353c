/**
 * Findability weights of the page audits, as data (like Lighthouse's default-config).
 * The findability score is the weighted mean over applicable audits.
 */
export interface AuditRef {
  id: string;
  weight: number;
}

export const FINDABILITY_AUDITS: AuditRef[] = [
  // Failing either alone makes the page invisible to search; findability() also zeroes the score for them.
  { id: 'http-status-code', weight: 10 },
  { id: 'is-crawlable', weight: 10 },
  { id: 'document-title', weight: 5 },
  { id: 'meta-description', weight: 3 },
];

/** Audits that, failing, make a page impossible to find at all. */
export const BLOCKING_AUDITS = new Set(['http-status-code', 'is-crawlable']);

/** Rating thresholds shared by the report and the overlay (0..100). */
export const RATING_THRESHOLDS = { good: 70, average: 40 } as const;
export type Rating = 'good' | 'average' | 'poor';
export function ratingOf(score0to100: number): Rating {
  if (score0to100 >= RATING_THRESHOLDS.good) return 'good';
  if (score0to100 >= RATING_THRESHOLDS.average) return 'average';
  return 'poor';
}
