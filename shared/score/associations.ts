/**
 * Word associations for the re-ranker (rerank.ts): how much more often a passage holding word b
 * answers a question holding word a than passages do on average (smoothed lift), over the English
 * stems of the dev split of the product-QA sets (shoppers' questions and the passages people said
 * answer them). Written by `npm run fit` (bench/eval/fit-weights.ts) into associations-data.ts; only
 * pairs seen often enough to say something are kept. Do not edit by hand: re-run the fit.
 */
import { ASSOCIATION_DATA } from './associations-data.ts';

// Built on first use, not at import: a crawl without the re-ranker (a site's pages, no sentence model) never reads it.
let table: ReadonlyMap<string, number> | null = null;
const current = (): ReadonlyMap<string, number> => (table ??= new Map(Object.entries(ASSOCIATION_DATA)));

/** The key of a (question stem, passage stem) pair. */
export function pairKey(questionTerm: string, passageTerm: string): string {
  return `${questionTerm} ${passageTerm}`;
}

/** Mean over the question's stems of its strongest association with one of the passage's stems (0 when none). */
export function associationOf(questionTerms: readonly string[], passageTerms: readonly string[]): number {
  const pairs = current();
  if (!questionTerms.length || !passageTerms.length || !pairs.size) return 0;
  const own = [...new Set(passageTerms)];
  let sum = 0;
  for (const a of questionTerms) {
    let best = 0;
    for (const b of own) {
      const v = pairs.get(pairKey(a, b));
      if (v !== undefined && v > best) best = v;
    }
    sum += best;
  }
  return sum / questionTerms.length;
}

/** The fit's hook: scores with another table (a cross-fitting fold's), returning the one it replaces. */
export function useAssociations(next: ReadonlyMap<string, number>): ReadonlyMap<string, number> {
  const prev = current();
  table = next;
  return prev;
}
