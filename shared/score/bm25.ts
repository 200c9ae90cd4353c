/**
 * Okapi BM25 over passages (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009),
 * with query terms grouped so that synonyms ("cost" / "price") count once, as the best of the group.
 * Ours rather than a search library's: the grouping is the scorer's own, and each score must be
 * explainable term by term (which passage, which words) in the report.
 */

/**
 * Documents a search may score before it settles for the best of them (read in order of their heaviest
 * postings). Unbounded: a bound of 4,000 made a 50,000-page generated crawl's questions 19× cheaper
 * than the exhaustive retrieval, but changed the best page of 164 of its 500 questions (BENCHMARKS.md),
 * so by default the search runs the threshold algorithm to its exact end.
 */
export const MAX_SCORED_DOCS = Number.POSITIVE_INFINITY;

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
  private readonly impacts = new Map<string, Impacts>();
  private impactsAvg = 0;

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

  /**
   * Documents ranked by BM25, best first; ties keep insertion order (deterministic). The same hits
   * and order as scoring every matching document (`searchAll`), found by reading each group's
   * postings from the highest term weight down and stopping as soon as no unread document can enter
   * the top `limit` (Fagin's threshold algorithm), or once `maxScored` documents are scored (unbounded by default): then the
   * best of those, read in order of their heaviest postings (impact-ordered early termination).
   */
  search(groups: QueryGroup[], limit: number, maxScored = MAX_SCORED_DOCS): SearchHit<T>[] {
    if (limit <= 0 || !groups.length || !this.docs.length) return [];
    const avg = this.averageLength || 1;
    const idfs = groups.map((g) => this.idf(g));
    const cursors = groups.map((g) => g.terms.map((t) => ({ list: this.impactsOf(t, avg), at: 0 })));
    /** The next unread weight of a group's postings (its terms' lists merged), 0 when they are read. */
    const head = (gi: number): number => {
      let best = 0;
      for (const c of cursors[gi]) if (c.at < c.list.ids.length && c.list.weights[c.at] > best) best = c.list.weights[c.at];
      return best;
    };
    const seen = new Set<number>();
    // The current top `limit`, worst first: [score, id] pairs kept sorted (limit is small).
    const top: Array<{ id: number; score: number }> = [];
    const worse = (a: { id: number; score: number }, b: { id: number; score: number }) => a.score < b.score || (a.score === b.score && a.id > b.id);
    const heads = groups.map((_, gi) => head(gi));
    for (;;) {
      // Read next from the group whose unread postings weigh most.
      let gi = -1;
      let bound = 0;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i] * idfs[i];
        bound += h;
        if (heads[i] > 0 && (gi < 0 || h > heads[gi] * idfs[gi])) gi = i;
      }
      // Weights are stored as float32: the margin keeps the bound above every unread score.
      if (gi < 0 || (top.length === limit && (top[0].score > bound * (1 + 1e-6) + 1e-12 || seen.size >= maxScored))) break;
      let c = cursors[gi][0];
      for (const x of cursors[gi]) if (x.at < x.list.ids.length && (c.at >= c.list.ids.length || x.list.weights[x.at] > c.list.weights[c.at])) c = x;
      const id = c.list.ids[c.at++];
      heads[gi] = head(gi);
      if (seen.has(id)) continue;
      seen.add(id);
      const score = this.scoreOf(this.docs[id], groups, idfs, avg);
      if (score <= 0) continue;
      const hit = { id, score };
      if (top.length === limit) {
        if (!worse(top[0], hit)) continue;
        top.shift();
      }
      let at = 0;
      while (at < top.length && worse(top[at], hit)) at++;
      top.splice(at, 0, hit);
    }
    return top.reverse().map((h) => ({ doc: this.docs[h.id], score: h.score }));
  }

  /** Every matching document scored, then sorted: the reference `search` must agree with (tests, benchmark). */
  searchAll(groups: QueryGroup[], limit: number): SearchHit<T>[] {
    const avg = this.averageLength || 1;
    const idfs = groups.map((g) => this.idf(g));
    const ids = new Set<number>();
    for (const g of groups) for (const t of g.terms) for (const id of this.postings.get(t) ?? []) ids.add(id);
    const hits = [...ids].map((id) => ({ id, score: this.scoreOf(this.docs[id], groups, idfs, avg) })).filter((h) => h.score > 0);
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return hits.slice(0, limit).map((h) => ({ doc: this.docs[h.id], score: h.score }));
  }

  /** A document's BM25 score: the groups' contributions added in query order (the same float every time). */
  private scoreOf(doc: IndexedDoc<T>, groups: QueryGroup[], idfs: number[], avg: number): number {
    let score = 0;
    for (let i = 0; i < groups.length; i++) {
      const tf = this.groupTf(doc, groups[i]);
      if (!tf) continue;
      score += (idfs[i] * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / avg));
    }
    return score;
  }

  /**
   * A term's postings ordered by its BM25 weight without idf (tf saturated, length-normalised),
   * highest first, ties by insertion order. Built on a term's first search and kept until a
   * document is added (the average length changes then).
   */
  private impactsOf(term: string, avg: number): Impacts {
    if (this.impactsAvg !== avg) {
      this.impacts.clear();
      this.impactsAvg = avg;
    }
    let out = this.impacts.get(term);
    if (out) return out;
    const list = this.postings.get(term) ?? [];
    const weight = new Float64Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const doc = this.docs[list[i]];
      const tf = doc.tf.get(term) ?? 0;
      weight[i] = (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / avg));
    }
    const order = new Uint32Array(list.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => weight[b] - weight[a] || list[a] - list[b]);
    const ids = new Uint32Array(list.length);
    const weights = new Float32Array(list.length);
    for (let i = 0; i < order.length; i++) {
      ids[i] = list[order[i]];
      // Rounded up to float32, so a stored weight is never below the true one.
      const w = weight[order[i]];
      let f = Math.fround(w);
      if (f < w) f = Math.fround(f * (1 + 2 ** -23) + Number.MIN_VALUE);
      weights[i] = f;
    }
    this.impacts.set(term, (out = { ids, weights }));
    return out;
  }
}

interface Impacts {
  ids: Uint32Array;
  weights: Float32Array;
}
