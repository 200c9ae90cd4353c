/**
 * Okapi BM25 over passages (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009),
 * with query terms grouped so that synonyms ("cost" / "price") count once, as the best of the group.
 * Ours rather than a search library's: the grouping is the scorer's own, and each score must be
 * explainable term by term (which passage, which words) in the report.
 */

/** Standard BM25 parameters: term-frequency saturation and length normalisation. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

export interface QueryGroup {
  /** The word as the question wrote it, for notes ("does not mention 'flowstop'"). */
  label: string;
  /** Index terms that satisfy the group: the word's stem and its synonyms' stems. */
  terms: string[];
}

export interface IndexedDoc<T> {
  ref: T;
  length: number;
  tf: Map<string, number>;
}

export interface SearchHit<T> {
  doc: IndexedDoc<T>;
  score: number;
}

export class Bm25Index<T> {
  readonly docs: IndexedDoc<T>[] = [];
  private readonly postings = new Map<string, number[]>();
  private totalLength = 0;

  add(ref: T, terms: string[]): IndexedDoc<T> {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const doc: IndexedDoc<T> = { ref, length: terms.length, tf };
    const id = this.docs.length;
    this.docs.push(doc);
    this.totalLength += terms.length;
    for (const t of tf.keys()) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push(id);
    }
    return doc;
  }

  get size(): number {
    return this.docs.length;
  }

  get averageLength(): number {
    return this.docs.length ? this.totalLength / this.docs.length : 0;
  }

  /** How many documents contain any term of the group (synonyms overlap; the sum is capped at N). */
  documentFrequency(group: QueryGroup): number {
    let n = 0;
    for (const t of group.terms) n = Math.max(n, this.postings.get(t)?.length ?? 0);
    return Math.min(this.docs.length, n);
  }

  /** BM25's idf, floored above zero so that a word on every page still counts a little. */
  idf(group: QueryGroup): number {
    const n = this.documentFrequency(group);
    const N = this.docs.length;
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  }

  /** Highest term frequency in `doc` among the group's terms (synonyms do not add up). */
  groupTf(doc: IndexedDoc<T>, group: QueryGroup): number {
    let best = 0;
    for (const t of group.terms) best = Math.max(best, doc.tf.get(t) ?? 0);
    return best;
  }

  /** Documents ranked by BM25, best first; ties keep insertion order (deterministic). */
  search(groups: QueryGroup[], limit: number, filter?: (doc: IndexedDoc<T>) => boolean): SearchHit<T>[] {
    const avg = this.averageLength || 1;
    const n = this.docs.length;
    // One dense accumulator per search: far cheaper than a Map when common words hit most passages.
    const scores = new Float64Array(n);
    const touched: number[] = [];
    for (const g of groups) {
      const idf = this.idf(g);
      const seen = g.terms.length > 1 ? new Uint8Array(n) : null;
      for (const t of g.terms) {
        for (const id of this.postings.get(t) ?? []) {
          if (seen) {
            if (seen[id]) continue;
            seen[id] = 1;
          }
          const doc = this.docs[id];
          const tf = seen ? this.groupTf(doc, g) : (doc.tf.get(t) ?? 0);
          const norm = tf + BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / avg);
          if (scores[id] === 0) touched.push(id);
          scores[id] += (idf * tf * (BM25_K1 + 1)) / norm;
        }
      }
    }
    const hits: number[] = filter ? touched.filter((id) => filter(this.docs[id])) : touched;
    hits.sort((a, b) => scores[b] - scores[a] || a - b);
    return hits.slice(0, limit).map((id) => ({ doc: this.docs[id], score: scores[id] }));
  }
}
