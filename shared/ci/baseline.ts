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
const REGRESSING_ISSUES = new Set(['broken-link', 'redirect-loop', 'canonical-target-not-indexable', 'hreflang-no-return-link']);

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
  // Runs are compared by path: a baseline crawled at another origin (a preview, another port) still matches.
  const rel = (url: string | null | undefined, origin: string) => (url == null ? '' : url.startsWith(origin) ? url.slice(origin.length) || '/' : url);
  const cur = (url: string | null | undefined) => rel(url, current.site.origin);
  const old = (url: string | null | undefined) => rel(url, baseline.site.origin);
  const now = new Map(current.questions.map((q) => [q.question.id, q]));
  for (const q of baseline.questions) {
    const c = now.get(q.question.id);
    if (q.answered && c && !c.answered) {
      out.push({
        kind: 'question-lost',
        message: `"${q.question.text}" was answered (by ${old(q.best?.url) || '?'}) and no longer is${c.best ? ` (best now ${cur(c.best.url)})` : ''}`,
        url: c.best?.url ?? null,
        before: q.visibility,
        after: c.visibility,
      });
    }
  }
  const before = new Set(baseline.issues.map((i) => `${i.type}\u0000${old(i.url)}`));
  for (const i of current.issues) {
    if ((REGRESSING_ISSUES.has(i.type) || i.severity === 'error') && !before.has(`${i.type}\u0000${cur(i.url)}`)) {
      out.push({ kind: 'new-issue', message: `new ${i.type}: ${cur(i.url) || '(site)'} — ${i.message}`, url: i.url, before: null, after: null });
    }
  }
  const oldPages = new Map(baseline.pages.map((p) => [old(p.url), p]));
  for (const p of current.pages) {
    const o = oldPages.get(cur(p.url));
    if (!o) continue;
    if (o.indexable && !p.indexable) out.push({ kind: 'page-lost-indexability', message: `${cur(p.url)} is no longer indexable`, url: p.url, before: 1, after: 0 });
    for (const a of p.audits) {
      const prev = o.audits.find((x) => x.id === a.id);
      if (prev && prev.score === 1 && a.score !== null && a.score < 1) {
        out.push({ kind: 'new-audit-failure', message: `${a.id} now fails on ${cur(p.url)}: ${a.title}`, url: p.url, before: 1, after: a.score });
      }
    }
  }
  return out;
}
