/**
 * Misspelling tolerance for the query classifier: a bounded edit distance (insertions, deletions,
 * substitutions and adjacent transpositions) and how many edits a word of a given length may carry.
 * Pure and small; used at build time (bench/build-gazetteer.ts) and at run time alike.
 */

/** Short words are too easily one edit from another word: only 6+ letters get one edit, 9+ two. */
export function fuzzyLimit(length: number): number {
  if (length >= 9) return 2;
  if (length >= 6) return 1;
  return 0;
}

/** True when `a` and `b` are at most `limit` edits apart (optimal string alignment distance). */
export function editDistanceWithin(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  if (a === b) return true;
  if (limit === 0) return false;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return false;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[n] <= limit;
}
