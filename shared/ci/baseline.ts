import { z } from 'zod';
import type { CrawlReport } from '../schemas/index.ts';

/** One change between a baseline run and this run that CI may fail on. */
export const RegressionSchema = z.object({
  kind: z.enum(['score-drop', 'question-lost', 'new-issue', 'page-lost-indexability', 'new-audit-failure']),
  message: z.string(),
  url: z.string().nullable(),
  before: z.number().nullable(),
  after: z.number().nullable(),
});
export type Regression = z.infer<typeof RegressionSchema>;

/** Issue types that count as a regression when new (not merely present). */
const REGRESSING_ISSUES = new Set(['broken-link', 'broken-internal-link', 'redirect-loop', 'sitemap-broken', 'canonical-not-indexable']);

/**
 * Compares this run with a baseline and lists exactly what got worse: a score dropping by more than
 * `tolerance` points, a question answered before and not now, new broken links, pages that stopped being
 * indexable, audits newly failing on a page.
 */
export function compareWithBaseline(current: CrawlReport, baseline: CrawlReport, tolerance = 2): Regression[] {
  const out: Regression[] = [];
  const cs = current.scores;
  const bs = baseline.scores;
  if (cs && bs) {
    const pairs: Array<[string, number | null, number | null]> = [
      ['ZMOT score', bs.zmot, cs.zmot],
      ['interest stage', bs.stages.interest, cs.stages.interest],
      ['comparison stage', bs.stages.comparison, cs.stages.comparison],
      ['purchase stage', bs.stages.purchase, cs.stages.purchase],
    ];
    for (const [label, before, after] of pairs) {
      if (before !== null && after !== null && before - after > tolerance) {
        out.push({ kind: 'score-drop', message: `${label} dropped from ${Math.round(before)} to ${Math.round(after)} (tolerance ${tolerance})`, url: null, before, after });
      }
    }
  }
  const now = new Map(current.questions.map((q) => [q.question.id, q]));
  for (const q of baseline.questions) {
    const c = now.get(q.question.id);
    if (q.answered && c && !c.answered) {
      out.push({
        kind: 'question-lost',
        message: `"${q.question.text}" was answered (by ${q.best?.url ?? '?'}) and no longer is${c.best ? ` (best now ${c.best.url})` : ''}`,
        url: q.best?.url ?? null,
        before: q.visibility,
        after: c.visibility,
      });
    }
  }
  const key = (i: { type: string; url: string | null; message: string }) => `${i.type}\u0000${i.url ?? ''}\u0000${i.message}`;
  const before = new Set(baseline.issues.map(key));
  for (const i of current.issues) {
    if ((REGRESSING_ISSUES.has(i.type) || i.severity === 'error') && !before.has(key(i))) {
      out.push({ kind: 'new-issue', message: `new ${i.type}: ${i.message}`, url: i.url, before: null, after: null });
    }
  }
  const oldPages = new Map(baseline.pages.map((p) => [p.url, p]));
  for (const p of current.pages) {
    const o = oldPages.get(p.url);
    if (!o) continue;
    if (o.indexable && !p.indexable) out.push({ kind: 'page-lost-indexability', message: `${p.url} is no longer indexable`, url: p.url, before: 1, after: 0 });
    for (const a of p.audits) {
      const prev = o.audits.find((x) => x.id === a.id);
      if (prev && prev.score === 1 && a.score !== null && a.score < 1) {
        out.push({ kind: 'new-audit-failure', message: `${a.id} now fails on ${p.url}: ${a.title}`, url: p.url, before: 1, after: a.score });
      }
    }
  }
  return out;
}
