import { foldText } from '../classify/query-text.ts';

/** "What is a Leak Detector?" → "what is a leak detector": the key questions are de-duplicated on. */
export function normalizeQuestion(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "How much does X cost?" → "how-much-does-x-cost", at most `max` characters. */
export function slugify(text: string, max = 60): string {
  const slug = normalizeQuestion(text).replace(/\s+/g, '-');
  return slug.length > max ? slug.slice(0, max).replace(/-[^-]*$/, '') || slug.slice(0, max) : slug;
}

/** FNV-1a 32-bit hash in base 36: a short, stable id for a question's text. */
export function stableHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/** An id for an imported question: source prefix, readable slug, hash of the normalised text. */
export function questionId(prefix: string, text: string): string {
  return `${prefix}-${slugify(text, 40)}-${stableHash(normalizeQuestion(text)).slice(0, 5)}`;
}
