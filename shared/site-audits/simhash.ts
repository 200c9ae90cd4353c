/**
 * 64-bit SimHash of a text over 3-word shingles: near-identical texts get fingerprints a few bits
 * apart (Charikar; Manku et al. use 64 bits and a distance of 3 for web near-duplicates).
 * Kept as two 32-bit halves so it runs without BigInt arithmetic. Ours: a few lines, pure (shared/
 * takes no node:crypto), and fixed to the shingle size and distance the near-duplicate audit uses.
 */

const SHINGLE = 3;

/** FNV-1a over UTF-16 code units, with a chosen offset basis so two independent halves come out. */
function fnv1a32(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32): FNV's low bits alone are poorly mixed for short shingles.
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

/** The fingerprint as 16 hex digits; null for a text with no words. */
export function simhash64(text: string): string | null {
  const w = words(text);
  if (!w.length) return null;
  const v = new Int32Array(64);
  const n = Math.max(1, w.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    const shingle = w.slice(i, i + SHINGLE).join(' ');
    const lo = fnv1a32(shingle, 0x811c9dc5);
    const hi = fnv1a32(shingle, 0x01000193 ^ 0x5bd1e995);
    for (let b = 0; b < 32; b++) {
      v[b] += (lo >>> b) & 1 ? 1 : -1;
      v[32 + b] += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b] > 0) lo |= 1 << b;
    if (v[32 + b] > 0) hi |= 1 << b;
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
