/**
 * Findability weights of the page audits, as data (like Lighthouse's default-config).
 * The findability score is the weighted mean over applicable audits; not-applicable audits weigh 0.
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
  // A canonical pointing elsewhere hands this page's ranking to another URL.
  { id: 'canonical', weight: 4 },
  { id: 'meta-description', weight: 3 },
  // Google indexes the mobile rendering: no viewport, a poor mobile page.
  { id: 'viewport', weight: 3 },
  { id: 'thin-content', weight: 3 },
  { id: 'structured-data', weight: 3 },
  { id: 'title-length', weight: 2 },
  { id: 'single-h1', weight: 2 },
  { id: 'html-lang', weight: 2 },
  { id: 'hreflang', weight: 2 },
  { id: 'crawlable-anchors', weight: 2 },
  { id: 'description-length', weight: 1 },
  { id: 'heading-order', weight: 1 },
  { id: 'link-text', weight: 1 },
  { id: 'image-alt', weight: 1 },
  { id: 'robots-txt', weight: 1 },
  { id: 'open-graph', weight: 1 },
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
