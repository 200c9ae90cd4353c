import { decodeHtml } from './charset.ts';

/** The part of a page job (page-processor.ts) that says how to decode it. */
export interface DecodableJob {
  body: Uint8Array | null;
  html: string | null;
  contentType: string | null;
  truncated: boolean;
  encoding: string | null;
  encodingNote: string | null;
}

/** Decodes the body the way a careful browser would; null when there is no HTML body. */
export function decodeJob(job: DecodableJob): { html: string | null; encoding: string | null; encodingNote: string | null } {
  if (job.html !== null) return { html: job.html, encoding: job.encoding, encodingNote: job.encodingNote };
  if (!job.body) return { html: null, encoding: null, encodingNote: null };
  const d = decodeHtml(job.body, job.contentType, { truncated: job.truncated });
  return { html: d.text, encoding: d.encoding, encodingNote: d.note };
}
