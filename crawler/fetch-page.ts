import type { PageInput } from '../shared/extract/index.ts';
import type { RobotsTxt } from '../shared/schemas/index.ts';
import robotsParser from 'robots-parser';

export const USER_AGENT = 'Mozilla/5.0 (compatible; ZMOTLensBot/0.1; +https://zmot-lens.invalid/bot)';
export const ROBOTS_AGENT = 'zmotbot';
const MAX_REDIRECTS = 10;

export interface FetchPageOptions {
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
}

/** Reads a body up to a cap; past it the body is cut and the page marked. */
async function readCapped(res: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!res.body) return { text: '', truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
  }
  return { text: new TextDecoder('utf-8').decode(Buffer.concat(chunks)), truncated };
}

/** Fetches one page for `zmot page`: redirects followed and recorded, timeout and size cap. */
export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<PageInput> {
  const chain: Array<{ url: string; status: number }> = [];
  let current = url;
  const seen = new Set<string>();
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let res: Response;
    try {
      res = await fetch(current, {
        redirect: 'manual',
        headers: { 'user-agent': options.userAgent ?? USER_AGENT, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      return { url: current, requestedUrl: url, status: 0, redirectChain: chain, fetchError: cause?.code ?? cause?.message ?? (e as Error).message };
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      chain.push({ url: current, status: res.status });
      seen.add(current);
      await res.body?.cancel();
      const next = new URL(location, current).href;
      if (seen.has(next)) return { url: next, requestedUrl: url, status: res.status, redirectChain: chain, fetchError: 'redirect loop' };
      current = next;
      continue;
    }
    // fetch() joins repeated headers with ", "; the Link and X-Robots-Tag parsers read such lists.
    const headers: Array<[string, string]> = [];
    res.headers.forEach((v, k) => headers.push([k, v]));
    const { text, truncated } = await readCapped(res, options.maxBytes ?? 10 * 1024 * 1024);
    return { url: current, requestedUrl: url, status: res.status, headers, html: text, redirectChain: chain, fetchError: truncated ? 'body larger than the size cap; truncated' : null };
  }
  return { url: current, requestedUrl: url, status: 0, redirectChain: chain, fetchError: `more than ${MAX_REDIRECTS} redirects` };
}

/** Fetches and evaluates robots.txt for one URL; a 4xx means "allow all", 5xx/timeouts "disallow all" (Google's rules). */
export async function robotsTxtFor(pageUrl: string, options: FetchPageOptions = {}): Promise<RobotsTxt> {
  const robotsUrl = new URL('/robots.txt', pageUrl).href;
  try {
    const res = await fetch(robotsUrl, { headers: { 'user-agent': options.userAgent ?? USER_AGENT }, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    const content = res.ok ? (await readCapped(res, 500 * 1024)).text : null;
    if (!res.ok) await res.body?.cancel();
    let allowed: boolean | null;
    if (res.status >= 500) allowed = false;
    else if (res.status >= 400 || content === null) allowed = true;
    else {
      const r = robotsParser(robotsUrl, content);
      allowed = (r.isAllowed(pageUrl, ROBOTS_AGENT) ?? true) && (r.isAllowed(pageUrl, 'Googlebot') ?? true);
    }
    return { url: robotsUrl, status: res.status, content, allowed, errorMessage: null };
  } catch (e) {
    return { url: robotsUrl, status: null, content: null, allowed: null, errorMessage: (e as Error).message };
  }
}
