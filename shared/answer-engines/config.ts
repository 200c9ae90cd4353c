import type { AuditResult } from '../schemas/index.ts';
import type { AuditRef } from '../audits/config.ts';

/**
 * Weights of the answer-engine readiness audits in a page's quotability — the chance an answer
 * engine may read and quote the page's answer — as data. Quotability is a factor of its own in a
 * question's visibility, never folded into findability.
 */
export const QUOTABILITY_AUDITS: AuditRef[] = [
  // Text an engine may not quote (nosnippet, max-snippet:0, data-nosnippet, text only in images or scripts) is never in an answer.
  { id: 'quotable-text', weight: 5 },
  // Blocking the crawler that feeds an answer engine keeps the page out of that engine; weighed per crawler in crawlers.ts.
  { id: 'ai-crawler-access', weight: 4 },
  // A passage that does not stand alone may be quoted without its meaning; it costs less than not being quoted at all.
  { id: 'standalone-answers', weight: 1 },
];

/** Weights of the site-level readiness audits in the report's AI-answer readiness. */
export const SITE_READINESS_AUDITS: AuditRef[] = [
  { id: 'ai-crawler-access-site', weight: 4 },
  // llms.txt is a proposal some tools read and Google does not: information, weighted low.
  { id: 'llms-txt', weight: 0.5 },
];

/**
 * Share of a question's ZMOT reach that goes through AI answers rather than the links: AI Overviews
 * answer 15–25% of queries in 2025 studies (DESIGN.md, "AI answers"); the upper end is taken. A page
 * no engine may quote loses this share of its visibility, never more: its links still rank.
 */
export const AI_ANSWER_SHARE = 0.25;

/** The visibility multiplier for a page of quotability `q` (0..1): 1 − AI_ANSWER_SHARE × (1 − q). */
export function quotabilityFactor(q: number): number {
  return 1 - AI_ANSWER_SHARE * (1 - Math.min(1, Math.max(0, q)));
}

export interface Quotability {
  /** 0..1; 1 when no readiness audit applies. */
  score: number;
  /** Audits that lowered it, most costly first. */
  failing: Array<{ id: string; title: string; lost: number }>;
}

/** Weighted mean of the page's applicable readiness audits. */
export function quotability(audits: readonly AuditResult[]): Quotability {
  let total = 0;
  let weighted = 0;
  const failing: Quotability['failing'] = [];
  for (const ref of QUOTABILITY_AUDITS) {
    const r = audits.find((a) => a.id === ref.id);
    if (!r || r.score === null) continue;
    total += ref.weight;
    weighted += ref.weight * r.score;
    if (r.score < 1) failing.push({ id: r.id, title: r.title, lost: ref.weight * (1 - r.score) });
  }
  failing.sort((x, y) => y.lost - x.lost);
  return { score: total > 0 ? weighted / total : 1, failing };
}
