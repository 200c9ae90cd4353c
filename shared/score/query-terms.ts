/**
 * A question's searchable words, grouped with their synonyms so a pricing page answers "how much
 * does it cost" and a delivery page answers "shipping time".
 */
import type { QueryGroup } from './bm25.ts';
import { languagePack } from '../lang/index.ts';
import { analyzerFor, type Analyzer } from './text.ts';

const synonymIndex = new Map<string, Map<string, string[]>>();

/** Stem → every stem of its synonym group, for one language (memoised). */
function synonymsFor(analyzer: Analyzer): Map<string, string[]> {
  const key = analyzer.lang ?? '';
  let map = synonymIndex.get(key);
  if (map) return map;
  map = new Map();
  // Words prospects use interchangeably for the same fact: each language pack's synonyms.
  for (const group of languagePack(key)?.synonyms ?? []) {
    const stems = [...new Set(group.map((w) => analyzer.term(w.toLowerCase())).filter((s): s is string => !!s))];
    for (const s of stems) map.set(s, [...new Set([...(map.get(s) ?? []), ...stems])]);
  }
  synonymIndex.set(key, map);
  return map;
}

/** The question's query groups: one per distinct content word, in question order. */
export function queryGroups(text: string, lang: string | null | undefined): QueryGroup[] {
  const analyzer = analyzerFor(lang);
  const synonyms = synonymsFor(analyzer);
  const groups: QueryGroup[] = [];
  const seen = new Set<string>();
  for (const m of analyzer.prepare(text).matchAll(/[\p{L}\p{N}]+/gu)) {
    const stem = analyzer.term(m[0]);
    if (!stem || seen.has(stem)) continue;
    seen.add(stem);
    const terms = synonyms.get(stem) ?? [stem];
    // A word already covered by an earlier synonym group ("price" after "cost") adds nothing.
    if (groups.some((g) => g.terms.includes(stem))) continue;
    groups.push({ label: m[0], terms: terms.includes(stem) ? terms : [stem, ...terms] });
  }
  return groups;
}

/** Fraction (idf-weighted) of the groups present in a set of index terms (or implied there). */
export function coverage(groups: QueryGroup[], weights: number[], terms: ReadonlySet<string>, implied?: boolean[]): number {
  let total = 0;
  let hit = 0;
  groups.forEach((g, i) => {
    total += weights[i];
    if (implied?.[i] || g.terms.some((t) => terms.has(t))) hit += weights[i];
  });
  return total > 0 ? hit / total : 0;
}
