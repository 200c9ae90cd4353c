import type { PageArtifacts } from '../schemas/index.ts';
import type { HeaderInput } from './headers.ts';

export interface PageInput {
  /** Final URL of the page (after redirects). */
  url: string;
  requestedUrl?: string;
  status: number;
  headers?: HeaderInput;
  /** Decoded body; null or undefined for a non-HTML or failed response. */
  html?: string | null;
  redirectChain?: Array<{ url: string; status: number }>;
  fetchError?: string | null;
  /** Crawl context, where known. */
  depth?: number | null;
  inSitemap?: boolean | null;
  robotsTxt?: PageArtifacts['robotsTxt'];
  rendered?: boolean;
}
