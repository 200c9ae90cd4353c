/**
 * 64-bit SimHash of a text over 3-word shingles: near-identical texts get fingerprints a few bits
 * apart (Charikar; Manku et al. use 64 bits and a distance of 3 for web near-duplicates).
 * Kept as two 32-bit halves so it runs without BigInt arithmetic. Ours: a few lines, pure (shared/
 * takes no node:crypto), and fixed to the shingle size and distance the near-duplicate audit uses.
 */

const SHINGLE = 3;

const FNV_PRIME = 0x01000193;
const BASIS_LO = 0x811c9dc5;
const BASIS_HI = (0x01000193 ^ 0x5bd1e995) >>> 0;
const SPACE = 32;

/** Final avalanche (murmur3 fmix32): FNV's low bits alone are poorly mixed for short shingles. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The fingerprint as 16 hex digits; null for a text with no words. Each shingle is words i..i+2 joined
 * by one space, hashed by FNV-1a over its UTF-16 code units with two offset bases (the two halves); the
 * shingle string itself is never built. Bit votes are counted per byte value (8 counters per shingle
 * instead of 64), then spread over the bits once at the end: the same sums, so the same fingerprint.
 */
export function simhash64(text: string): string | null {
  const w = words(text);
  if (!w.length) return null;
  const n = Math.max(1, w.length - SHINGLE + 1);
  // byteCounts[k * 256 + v]: shingles whose k-th byte (0–3 low half, 4–7 high half) has value v.
  const byteCounts = new Int32Array(8 * 256);
  for (let i = 0; i < n; i++) {
    let lo = BASIS_LO;
    let hi = BASIS_HI;
    const end = Math.min(w.length, i + SHINGLE);
    for (let j = i; j < end; j++) {
      if (j > i) {
        lo = Math.imul(lo ^ SPACE, FNV_PRIME);
        hi = Math.imul(hi ^ SPACE, FNV_PRIME);
      }
      const word = w[j];
      for (let c = 0; c < word.length; c++) {
        const code = word.charCodeAt(c);
        lo = Math.imul(lo ^ code, FNV_PRIME);
        hi = Math.imul(hi ^ code, FNV_PRIME);
      }
    }
    lo = fmix32(lo);
    hi = fmix32(hi);
    byteCounts[lo & 0xff]++;
    byteCounts[256 + ((lo >>> 8) & 0xff)]++;
    byteCounts[512 + ((lo >>> 16) & 0xff)]++;
    byteCounts[768 + (lo >>> 24)]++;
    byteCounts[1024 + (hi & 0xff)]++;
    byteCounts[1280 + ((hi >>> 8) & 0xff)]++;
    byteCounts[1536 + ((hi >>> 16) & 0xff)]++;
    byteCounts[1792 + (hi >>> 24)]++;
  }
  // ones[b]: shingles with bit b set (b 0–31 the low half, 32–63 the high half); a bit is set when most shingles set it.
  const ones = new Int32Array(64);
  for (let k = 0; k < 8; k++) {
    for (let v = 1; v < 256; v++) {
      const count = byteCounts[k * 256 + v];
      if (!count) continue;
      for (let bit = 0; bit < 8; bit++) if ((v >>> bit) & 1) ones[k * 8 + bit] += count;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (2 * ones[b] > n) lo |= 1 << b;
    if (2 * ones[32 + b] > n) hi |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits between two 16-hex-digit fingerprints. */
export function hammingDistance(a: string, b: string): number {
  const hiA = parseInt(a.slice(0, 8), 16);
  const loA = parseInt(a.slice(8, 16), 16);
  const hiB = parseInt(b.slice(0, 8), 16);
  const loB = parseInt(b.slice(8, 16), 16);
  return popcount32((hiA ^ hiB) >>> 0) + popcount32((loA ^ loB) >>> 0);
}
