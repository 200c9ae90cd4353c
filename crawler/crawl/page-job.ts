/**
 * A fetched page made into a page job — and rendered with Chromium under `--render` — the same way
 * for the embedded crawl (engine.ts) and a distributed crawl's workers (crawler/distributed/worker.ts).
 * Kept apart from page-processor.ts, which page worker threads load without the fetcher.
 */
import type { RobotsTxt } from '../../shared/schemas/index.ts';
import { isHtmlType, type FetchOutcome } from './fetcher.ts';
import { decodeJob } from './decode-job.ts';
import type { PageJob } from './page-processor.ts';
import type { RenderInput, RenderOutcome } from './render.ts';

/** What the crawl knows of a URL beside its fetch: how deep, whether a sitemap lists it, robots.txt's verdict. */
export interface PageKnown {
  requestedUrl: string;
  depth: number | null;
  inSitemap: boolean | null;
  robotsTxt: RobotsTxt | null;
}

/** The page job of a fetch (the body kept only when it is HTML), for the embedded crawl and a distributed worker alike. */
export function pageJobOf(outcome: FetchOutcome, known: PageKnown): PageJob {
  return {
    url: outcome.url,
    requestedUrl: known.requestedUrl,
    status: outcome.status,
    headers: outcome.headers,
    contentType: outcome.contentType,
    body: outcome.body && isHtmlType(outcome.contentType) ? outcome.body : null,
    html: null,
    truncated: outcome.truncated,
    redirectChain: outcome.redirectChain,
    fetchError: outcome.error,
    depth: known.depth,
    inSitemap: known.inSitemap,
    robotsTxt: known.robotsTxt,
    rendered: false,
    encoding: null,
    encodingNote: null,
  };
}

/** `--render`: a 2xx HTML page rendered by Chromium (the fetched document, decoded); its DOM replaces the body, or why it could not. */
export async function renderedJob(job: PageJob, renderer: { render(input: RenderInput): Promise<RenderOutcome> }): Promise<{ job: PageJob; renderError: string | null }> {
  if (!job.body || job.status < 200 || job.status >= 300) return { job, renderError: null };
  const decoded = decodeJob(job);
  const r = await renderer.render({ url: job.url, html: decoded.html ?? '' });
  if (r.html === null) return { job, renderError: r.error };
  return { job: { ...job, body: null, html: r.html, rendered: true, encoding: decoded.encoding, encodingNote: decoded.encodingNote }, renderError: null };
}
