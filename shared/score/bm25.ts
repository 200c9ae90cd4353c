/**
 * Okapi BM25 over passages (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009),
 * with query terms grouped so that synonyms ("cost" / "price") count once, as the best of the group.
 * Ours rather than a search library's: the grouping is the scorer's own, and each score must be
 * explainable term by term (which passage, which words) in the report.
 *
 * Compact: terms are numbered once per index, and each term's postings are one flat list of
 * (document, term frequency) pairs in document order; a document keeps no map of its own. A search
 * adds up each group's BM25 contribution per document in typed arrays (term at a time), which gives
 * exactly the scores of scoring each matching document on its own (`searchAll`, the reference).
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

/** A document's term frequencies, looked up in the index's postings. */
export interface TermCounts {
  has(term: string): boolean;
  /** The term's frequency in the document, undefined when it does not hold it. */
  get(term: string): number | undefined;
}

export interface IndexedDoc<T> {
  ref: T;
  /** Index terms in the document (with repeats). */
  length: number;
  tf: TermCounts;
}

export interface SearchHit<T> {
  doc: IndexedDoc<T>;
  score: number;
}

class Doc<T> implements IndexedDoc<T>, TermCounts {
  constructor(
    private readonly own: T | undefined,
    readonly length: number,
    public id: number,
    private readonly index: Bm25Index<T>,
  ) {}

  /** The document's reference: given when it was added, or looked up on demand (a corpus keeps its passages out of memory). */
  get ref(): T {
    return this.own !== undefined ? this.own : this.index.refOf(this.id);
  }

  get tf(): TermCounts {
    return this;
  }

  has(term: string): boolean {
    return this.index.termFrequency(this.id, term) > 0;
  }

  get(term: string): number | undefined {
    return this.index.termFrequency(this.id, term) || undefined;
  }
}

/** Every term's postings in two flat typed arrays, term after term (built on the first search; an `add` after it goes back to the log). */
interface Frozen {
  /** Per term id: where its postings start in `ids` and `tfs` (one more entry: the end). */
  start: Uint32Array;
  ids: Uint32Array;
  tfs: Uint32Array;
  /** Per document: BM25's length normalisation, K1 × (1 − B + B × length / average length). */
  norm: Float64Array;
}

/** A typed array twice as long, its start copied: growth of the append-only arrays below. */
function grown(a: Uint32Array<ArrayBuffer>, need: number): Uint32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const out = new Uint32Array(Math.max(need, a.length * 2));
  out.set(a);
  return out;
}

/** Pairs per block of the log: 64K pairs, 512 KB a block (terms and frequencies). */
const LOG_SHIFT = 16;
const LOG_BLOCK = 1 << LOG_SHIFT;
const LOG_MASK = LOG_BLOCK - 1;

/**
 * The indexing log of (term, tf) pairs in fixed-size typed-array blocks: it grows a block at a time, never by
 * copying. A doubling array holds up to twice its pairs, three times while it copies itself into the next one;
 * on a 50,000-page crawl that was a few hundred MB at the end of the page pass, next to the postings built from it.
 */
class PairLog {
  private terms: Uint32Array[] = [];
  private tfs: Uint32Array[] = [];
  length = 0;

  /** Makes room for `n` pairs in all (blocks added, nothing copied). */
  reserve(n: number): void {
    while (this.terms.length * LOG_BLOCK < n) {
      this.terms.push(new Uint32Array(LOG_BLOCK));
      this.tfs.push(new Uint32Array(LOG_BLOCK));
    }
  }

  /** Appends a pair with a frequency of 1; returns its place. */
  push(term: number): number {
    const p = this.length++;
    if (p >>> LOG_SHIFT === this.terms.length) this.reserve(p + 1);
    this.terms[p >>> LOG_SHIFT][p & LOG_MASK] = term;
    this.tfs[p >>> LOG_SHIFT][p & LOG_MASK] = 1;
    return p;
  }

  increment(p: number): void {
    this.tfs[p >>> LOG_SHIFT][p & LOG_MASK]++;
  }

  set(p: number, term: number, tf: number): void {
    this.terms[p >>> LOG_SHIFT][p & LOG_MASK] = term;
    this.tfs[p >>> LOG_SHIFT][p & LOG_MASK] = tf;
  }

  term(p: number): number {
    return this.terms[p >>> LOG_SHIFT][p & LOG_MASK];
  }

  tf(p: number): number {
    return this.tfs[p >>> LOG_SHIFT][p & LOG_MASK];
  }
}

export class Bm25Index<T> {
  readonly docs: IndexedDoc<T>[] = [];
  private readonly termIds = new Map<string, number>();
  /**
   * While documents are added: a log of (term, tf) pairs, document after document (each document's
   * pairs start at `docPairs[id]`), in typed arrays off the JS heap; turned into postings on the first search.
   */
  private log = new PairLog();
  private docPairs = new Uint32Array(1024);
  /** After `reorder`: each document's pairs in the log, from its old place (null: in document order, `docPairs`). */
  private docFrom: Uint32Array | null = null;
  private docTo: Uint32Array | null = null;
  /** Per document: the group it belongs to (a corpus's page), when the owner sets it. */
  private groups: Uint32Array | null = null;
  /** Per term id: documents holding it, and (scratch of `add`) the last document that counted it, at which pair. */
  private df: number[] = [];
  private lastDoc: number[] = [];
  private lastPair: number[] = [];
  private frozen: Frozen | null = null;
  /** Per document: its length (terms with repeats). */
  private lengths = new Uint32Array(1024);
  private totalLength = 0;
  /** Scratch of `search`, sized to the documents: accumulated scores and group term frequencies. */
  private scratch: { acc: Float64Array; seen: Uint32Array; gtf: Uint32Array; gseen: Uint32Array; touched: Uint32Array; group: Uint32Array; epoch: number } | null = null;

  /** `resolve` looks up the reference of a document added without one (by its id). */
  constructor(private readonly resolve?: (id: number) => T) {}

  /** The reference of a document added without one. */
  refOf(id: number): T {
    if (!this.resolve) throw new Error(`document ${id} has no reference`);
    return this.resolve(id);
  }

  /** The term's id, numbered now when the index has not met it (a term of no document has no postings). */
  intern(t: string): number {
    let tid = this.termIds.get(t);
    if (tid === undefined) {
      tid = this.df.length;
      this.termIds.set(t, tid);
      this.df.push(0);
      this.lastDoc.push(-1);
      this.lastPair.push(0);
    }
    return tid;
  }

  /** The term's id, undefined when no document or group of the index holds it. */
  termId(t: string): number | undefined {
    return this.termIds.get(t);
  }

  /** Sets each document's group (one number per document, in id order). */
  setGroups(groups: Uint32Array): void {
    this.groups = groups;
  }

  /** The group of a document (its page in a corpus), -1 when none were set. */
  groupOf(doc: IndexedDoc<T>): number {
    return this.groups ? this.groups[(doc as Doc<T>).id] : -1;
  }

  /**
   * Renumbers the documents: document `order[k]` becomes document k (a corpus read in crawl order puts its
   * documents in URL order, so that ties break the same way whatever order the crawl finished in). Before any search.
   */
  reorder(order: ArrayLike<number>): void {
    if (this.frozen) throw new Error('reorder before the first search');
    const N = this.docs.length;
    if (order.length !== N) throw new Error('reorder: not a permutation of the documents');
    const from = new Uint32Array(N);
    const to = new Uint32Array(N);
    const lengths = new Uint32Array(Math.max(1024, N));
    const docs = this.docs.slice();
    for (let k = 0; k < N; k++) {
      const old = order[k];
      from[k] = this.docFrom ? this.docFrom[old] : this.docPairs[old];
      to[k] = this.docTo ? this.docTo[old] : this.docPairs[old + 1];
      lengths[k] = this.lengths[old];
      const doc = docs[old] as Doc<T>;
      doc.id = k;
      this.docs[k] = doc;
    }
    this.docFrom = from;
    this.docTo = to;
    this.lengths = lengths;
  }

  /** Indexes a document made of the terms of `parts`, in order (a heading's terms and a body's, without joining them first). */
  add(ref: T | undefined, ...parts: string[][]): IndexedDoc<T> {
    return this.addIds(ref, ...parts.map((terms) => terms.map((t) => this.intern(t))));
  }

  /** `add` with the terms given by id (`intern`): a corpus turns each word into its id once. */
  addIds(ref: T | undefined, ...parts: ArrayLike<number>[]): IndexedDoc<T> {
    if (this.frozen) this.thaw();
    if (this.docFrom) throw new Error('add after reorder');
    const id = this.docs.length;
    let length = 0;
    for (const terms of parts) length += terms.length;
    const doc = new Doc(ref, length, id, this);
    this.docs.push(doc);
    this.lengths = grown(this.lengths, id + 1);
    this.docPairs = grown(this.docPairs, id + 2);
    this.lengths[id] = length;
    this.totalLength += length;
    const { log, lastDoc, lastPair, df } = this;
    this.docPairs[id] = log.length;
    for (const terms of parts) {
      for (let k = 0; k < terms.length; k++) {
        const tid = terms[k];
        // Counted already in this document: one more at its pair.
        if (lastDoc[tid] === id) log.increment(lastPair[tid]);
        else {
          lastDoc[tid] = id;
          lastPair[tid] = log.push(tid);
          df[tid]++;
        }
      }
    }
    this.docPairs[id + 1] = log.length;
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
    for (const t of group.terms) {
      const tid = this.termIds.get(t);
      if (tid !== undefined) n = Math.max(n, this.df[tid]);
    }
    return Math.min(this.docs.length, n);
  }

  /**
   * The postings in flat typed arrays (each term's in document order), and each document's length
   * normalisation: built once all the documents are in (the first search), when the average length is known.
   */
  private freeze(): Frozen {
    if (this.frozen) return this.frozen;
    const terms = this.df.length;
    const start = new Uint32Array(terms + 1);
    for (let t = 0; t < terms; t++) start[t + 1] = start[t] + this.df[t];
    const { docFrom, docTo, log } = this;
    const ids = new Uint32Array(log.length);
    const tfs = new Uint32Array(log.length);
    const at = start.slice(0, terms);
    for (let d = 0; d < this.docs.length; d++) {
      const end = docTo ? docTo[d] : this.docPairs[d + 1];
      for (let p = docFrom ? docFrom[d] : this.docPairs[d]; p < end; p++) {
        const k = at[log.term(p)]++;
        ids[k] = d;
        tfs[k] = log.tf(p);
      }
    }
    const avg = this.averageLength || 1;
    const norm = new Float64Array(this.docs.length);
    // The same expression, in the same order, as scoreOf's denominator: the same float.
    for (let d = 0; d < norm.length; d++) norm[d] = BM25_K1 * (1 - BM25_B + (BM25_B * this.lengths[d]) / avg);
    // The log is no longer needed: the postings hold the same pairs.
    this.log = new PairLog();
    this.docFrom = this.docTo = null;
    this.frozen = { start, ids, tfs, norm };
    return this.frozen;
  }

  /** Back to the log, for a document added after a search (tests; a crawl indexes everything first). */
  private thaw(): void {
    const { start, ids, tfs } = this.frozen!;
    this.frozen = null;
    const N = this.docs.length;
    const docPairs = new Uint32Array(N + 2);
    for (let k = 0; k < ids.length; k++) docPairs[ids[k] + 1]++;
    for (let d = 0; d < N; d++) docPairs[d + 1] += docPairs[d];
    const at = docPairs.slice(0, N);
    const log = new PairLog();
    log.reserve(ids.length);
    log.length = ids.length;
    for (let t = 0; t + 1 < start.length; t++) {
      for (let k = start[t]; k < start[t + 1]; k++) log.set(at[ids[k]]++, t, tfs[k]);
    }
    this.log = log;
    this.docPairs = docPairs;
    this.lastDoc.fill(-1);
  }

  /** BM25's idf, floored above zero so that a word on every page still counts a little. */
  idf(group: QueryGroup): number {
    const n = this.documentFrequency(group);
    const N = this.docs.length;
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  }

  /** Highest term frequency in `doc` among the group's terms (synonyms do not add up). */
  groupTf(doc: IndexedDoc<T>, group: QueryGroup): number {
    const id = (doc as Doc<T>).id;
    let best = 0;
    for (const t of group.terms) best = Math.max(best, this.termFrequency(id, t));
    return best;
  }

  /** A term's frequency in a document: a binary search of the term's postings (0 when absent). */
  termFrequency(docId: number, term: string): number {
    const tid = this.termIds.get(term);
    if (tid === undefined) return 0;
    const { start, ids, tfs } = this.freeze();
    let lo = start[tid];
    let hi = start[tid + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const d = ids[mid];
      if (d === docId) return tfs[mid];
      if (d < docId) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /**
   * Documents ranked by BM25, best first; ties keep insertion order (deterministic). Every
   * document that holds a query word is scored: per group, in query order, its contribution is
   * added to each of its documents' sums (the group's best term frequency where synonyms meet), so
   * each sum is the same float as `searchAll`'s; then the top `limit` are kept in a heap.
   */
  search(groups: QueryGroup[], limit: number): SearchHit<T>[] {
    const N = this.docs.length;
    if (limit <= 0 || !groups.length || !N) return [];
    const { start, ids, tfs, norm } = this.freeze();
    let s = this.scratch;
    if (!s || s.acc.length < N) {
      this.scratch = s = { acc: new Float64Array(N), seen: new Uint32Array(N), gtf: new Uint32Array(N), gseen: new Uint32Array(N), touched: new Uint32Array(N), group: new Uint32Array(N), epoch: 0 };
    }
    const { acc, seen, gtf, gseen, touched, group } = s;
    if (s.epoch >= 0xfffffff0) {
      seen.fill(0);
      gseen.fill(0);
      s.epoch = 0;
    }
    const stamp = ++s.epoch;
    let nTouched = 0;
    // Each group's contribution is added to its documents' sums (from 0 the first time this search meets one),
    // the same expression, in the same order, as scoreOf: the same float. (Written out in each loop: the hot path.)
    for (const g of groups) {
      const terms: number[] = [];
      for (const t of g.terms) {
        const tid = this.termIds.get(t);
        if (tid !== undefined && start[tid + 1] > start[tid] && !terms.includes(tid)) terms.push(tid);
      }
      if (!terms.length) continue;
      const idf = this.idf(g);
      if (terms.length === 1) {
        const end = start[terms[0] + 1];
        for (let p = start[terms[0]]; p < end; p++) {
          const d = ids[p];
          const tf = tfs[p];
          const c = (idf * tf * (BM25_K1 + 1)) / (tf + norm[d]);
          if (seen[d] !== stamp) {
            seen[d] = stamp;
            acc[d] = c;
            touched[nTouched++] = d;
          } else acc[d] += c;
        }
        continue;
      }
      // Synonyms: each document's best term frequency among the group's terms, then its contribution.
      const gstamp = ++s.epoch;
      let nGroup = 0;
      for (const tid of terms) {
        const end = start[tid + 1];
        for (let p = start[tid]; p < end; p++) {
          const d = ids[p];
          const tf = tfs[p];
          if (gseen[d] !== gstamp) {
            gseen[d] = gstamp;
            gtf[d] = tf;
            group[nGroup++] = d;
          } else if (tf > gtf[d]) gtf[d] = tf;
        }
      }
      for (let k = 0; k < nGroup; k++) {
        const d = group[k];
        const tf = gtf[d];
        const c = (idf * tf * (BM25_K1 + 1)) / (tf + norm[d]);
        if (seen[d] !== stamp) {
          seen[d] = stamp;
          acc[d] = c;
          touched[nTouched++] = d;
        } else acc[d] += c;
      }
    }
    return this.topOf(touched, nTouched, acc, limit);
  }

  /** The best `limit` of the touched documents by score (ties: lower id first), best first. */
  private topOf(touched: Uint32Array, n: number, acc: Float64Array, limit: number): SearchHit<T>[] {
    // A min-heap of the best so far, its root the worst of them.
    const heap = new Uint32Array(Math.min(limit, n));
    let size = 0;
    const worse = (a: number, b: number) => acc[a] < acc[b] || (acc[a] === acc[b] && a > b);
    for (let k = 0; k < n; k++) {
      const d = touched[k];
      const v = acc[d];
      if (!(v > 0)) continue;
      if (size < limit) {
        let i = size++;
        heap[i] = d;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!worse(heap[i], heap[parent])) break;
          const x = heap[i];
          heap[i] = heap[parent];
          heap[parent] = x;
          i = parent;
        }
        continue;
      }
      // Most documents are below the worst kept: one comparison.
      const root = acc[heap[0]];
      if (v < root || (v === root && d > heap[0])) continue;
      heap[0] = d;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < size && worse(heap[l], heap[m])) m = l;
        if (r < size && worse(heap[r], heap[m])) m = r;
        if (m === i) break;
        const x = heap[i];
        heap[i] = heap[m];
        heap[m] = x;
        i = m;
      }
    }
    const best = Array.from(heap.subarray(0, size)).sort((a, b) => acc[b] - acc[a] || a - b);
    return best.map((d) => ({ doc: this.docs[d], score: acc[d] }));
  }

  /** Every matching document scored on its own, then sorted: the reference `search` must agree with (tests, benchmark). */
  searchAll(groups: QueryGroup[], limit: number): SearchHit<T>[] {
    const avg = this.averageLength || 1;
    const idfs = groups.map((g) => this.idf(g));
    const ids = new Set<number>();
    const f = this.freeze();
    for (const g of groups) {
      for (const t of g.terms) {
        const tid = this.termIds.get(t);
        if (tid !== undefined) for (let at = f.start[tid]; at < f.start[tid + 1]; at++) ids.add(f.ids[at]);
      }
    }
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
}
