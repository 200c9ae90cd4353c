import type { AuditResult, Stage } from '../schemas/index.ts';
import type { AuditRef } from '../audits/config.ts';

/**
 * Weights of the people audits in a page's human-signal score, per stage of the question it answers,
 * as data. An interest-stage reader wants to know who wrote the advice and when; a prospect comparing
 * or buying wants customers' words, the company and someone to ask. These are judgment priors from
 * the issue's premises (no labelled data to fit them on); each audit weighs in no other score.
 */
export const HUMAN_SIGNAL_AUDITS: Record<Stage, AuditRef[]> = {
  interest: [
    { id: 'author-byline', weight: 3 },
    { id: 'content-dates', weight: 2 },
    { id: 'organization-identity', weight: 1 },
    // A guide is not penalised for lacking a phone number or testimonials.
  ],
  comparison: [
    { id: 'customer-voice', weight: 3 },
    { id: 'contact-paths', weight: 2 },
    { id: 'organization-identity', weight: 2 },
    { id: 'author-byline', weight: 1 },
    { id: 'content-dates', weight: 1 },
  ],
  purchase: [
    { id: 'contact-paths', weight: 4 },
    { id: 'organization-identity', weight: 2 },
    { id: 'customer-voice', weight: 2 },
  ],
};

/** Every audit that weighs in the human-signal score (for the registry's one-score-per-audit check). */
export const HUMAN_SIGNAL_AUDIT_IDS = [...new Set(Object.values(HUMAN_SIGNAL_AUDITS).flatMap((refs) => refs.map((r) => r.id)))];

/**
 * The site-wide audits of the people behind the content, which the reports show together ("People behind
 * the content" in report.html and summary.md, rows of issues.csv): written by humanSignalSiteAudits
 * (site.ts) and personaUsabilityAudit (shared/personas/site.ts). A new one is listed here, once.
 */
export const PEOPLE_SITE_AUDITS: readonly string[] = ['human-signals-site', 'talk-to-a-person', 'organization-identity-site', 'customer-voice-site', 'persona-usability'];

/**
 * Share of visibility a comparison or purchase answer loses when its page gives no way to reach a
 * person (contact-paths fails): the prospect who wants to ask before buying leaves. None at the
 * interest stage. A prior, like the weights above; the report says what it cost in each answer's notes.
 */
export const NO_CONTACT_SHARE: Record<Stage, number> = { interest: 0, comparison: 0.1, purchase: 0.2 };

export interface HumanSignalScore {
  /** 0..1; null when no people audit applies to the page at this stage. */
  score: number | null;
  /** Audits that lowered it, most costly first. */
  failing: Array<{ id: string; title: string; lost: number }>;
}

/** Weighted mean of the page's scored people audits for a question of `stage` (informative ones skipped). */
export function humanSignalScore(audits: readonly AuditResult[], stage: Stage): HumanSignalScore {
  let total = 0;
  let weighted = 0;
  const failing: HumanSignalScore['failing'] = [];
  for (const ref of HUMAN_SIGNAL_AUDITS[stage]) {
    const r = audits.find((a) => a.id === ref.id);
    if (!r || r.score === null) continue;
    total += ref.weight;
    weighted += ref.weight * r.score;
    if (r.score < 1) failing.push({ id: r.id, title: r.title, lost: ref.weight * (1 - r.score) });
  }
  failing.sort((x, y) => y.lost - x.lost);
  return { score: total > 0 ? weighted / total : null, failing };
}

/** The visibility multiplier of an answer of `stage` on a page with these audits: < 1 only when no person can be reached. */
export function contactFactor(audits: readonly AuditResult[], stage: Stage): number {
  const contact = audits.find((a) => a.id === 'contact-paths');
  return contact && contact.score === 0 ? 1 - NO_CONTACT_SHARE[stage] : 1;
}
