/**
 * A question's searchable words, grouped with their synonyms so a pricing page answers "how much
 * does it cost" and a delivery page answers "shipping time".
 */
import type { QueryGroup } from './bm25.ts';
import { analyzerFor, type Analyzer } from './text.ts';

/** Words prospects use interchangeably for the same fact, per language. */
const SYNONYMS: Record<string, string[][]> = {
  en: [
    ['cost', 'costs', 'price', 'prices', 'pricing', 'priced'],
    ['buy', 'purchase', 'order'],
    ['shipping', 'shipped', 'ship', 'delivery', 'deliver', 'delivered'],
    ['return', 'returns', 'refund', 'refunds'],
    ['warranty', 'guarantee'],
    ['install', 'installation', 'installing', 'setup'],
    ['review', 'reviews', 'rating', 'ratings', 'testimonial', 'testimonials'],
    ['demo', 'demonstration'],
    ['cheap', 'affordable', 'inexpensive'],
    ['requirement', 'requirements', 'compatible', 'compatibility'],
    ['alternative', 'alternatives', 'competitor', 'competitors'],
    ['difference', 'differences', 'compare', 'comparison'],
    ['pros', 'advantages', 'benefits'],
    ['cons', 'disadvantages', 'drawbacks'],
  ],
  fr: [
    ['prix', 'tarif', 'tarifs', 'coût', 'coûte', 'coûts'],
    ['acheter', 'achat', 'commander', 'commande'],
    ['livraison', 'livrer', 'expédition', 'expédier'],
    ['retour', 'retours', 'remboursement', 'rembourser'],
    ['garantie', 'garanti'],
    ['installer', 'installation', 'poser', 'pose'],
    ['avis', 'témoignage', 'témoignages', 'note'],
    ['comparatif', 'comparaison', 'comparer', 'différence'],
    ['avantages', 'atouts'],
    ['inconvénients', 'limites'],
  ],
};

const synonymIndex = new Map<string, Map<string, string[]>>();

/** Stem → every stem of its synonym group, for one language (memoised). */
function synonymsFor(analyzer: Analyzer): Map<string, string[]> {
  const key = analyzer.lang ?? '';
  let map = synonymIndex.get(key);
  if (map) return map;
  map = new Map();
  for (const group of SYNONYMS[key] ?? []) {
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
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
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

/** Fraction (idf-weighted) of the groups present in a set of index terms. */
export function coverage(groups: QueryGroup[], weights: number[], terms: ReadonlySet<string>): number {
  let total = 0;
  let hit = 0;
  groups.forEach((g, i) => {
    total += weights[i];
    if (g.terms.some((t) => terms.has(t))) hit += weights[i];
  });
  return total > 0 ? hit / total : 0;
}
