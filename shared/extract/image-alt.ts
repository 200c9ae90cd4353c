/**
 * axe-core's image-alt rule for one image: a text alternative is an alt attribute, aria-label(ledby) or
 * title, or the image is presentational; an alt of only spaces fails. Shared by the page audit
 * (shared/audits/image-alt.ts) and the per-passage count (shared/extract/content.ts) that the
 * screen-reader persona reads, so both say the same about the same image.
 */
const PRESENTATIONAL = new Set(['none', 'presentation']);

export type AltProblem = 'missing' | 'space-only';

export function altProblem(alt: string | null, labelled: boolean, role: string | null): AltProblem | null {
  if (alt !== null && alt.length > 0 && /^\s+$/.test(alt)) return 'space-only';
  if (alt === null && !labelled && !PRESENTATIONAL.has((role ?? '').trim().toLowerCase())) return 'missing';
  return null;
}
