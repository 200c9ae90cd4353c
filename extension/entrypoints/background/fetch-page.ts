import type { PageInput } from '../../../shared/extract/index.ts';

// Reasons a result page could not be read, as the badge details show them.
const MESSAGES = {
  timeout: (s: number) => `the page did not answer within ${s} s`,
  network: (reason: string) => `the page could not be fetched (${reason})`,
  tooLarge: (mb: number) => `the page is larger than ${mb} MB; only the first ${mb} MB were read`,
} as const;

export interface FetchPageOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Body bytes read at most; the rest of a huge page is ignored, not buffered. */
  maxBytes?: number;
}

export const FETCH_DEFAULTS = { timeoutMs: 10_000, maxBytes: 3 * 1024 * 1024 } as const;

/**
 * Fetches one result page the way a visitor's first request would look, minus everything personal:
 * no cookies or credentials, no referrer. The browser follows the page's own redirects; the caller
 * checks where it ended. A failure is data (`fetchError`), never an exception.
 */
export async function fetchResultPage(url: string, options: FetchPageOptions = {}): Promise<PageInput> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      signal: controller.signal,
    });
    const headers: Array<[string, string]> = [];
    response.headers.forEach((value, name) => headers.push([name.toLowerCase(), value]));
    const contentType = response.headers.get('content-type');
    const isHtml = !contentType || /\b(text\/html|application\/xhtml\+xml)\b/i.test(contentType);
    const finalUrl = response.url || url;
    const redirectChain = response.redirected && finalUrl !== url ? [{ url, status: 301 }] : [];
    if (!isHtml) {
      await response.body?.cancel().catch(() => {});
      return { url: finalUrl, requestedUrl: url, status: response.status, headers, html: null, redirectChain };
    }
    const { text, truncated } = await readCapped(response, maxBytes, charsetOf(contentType));
    return {
      url: finalUrl,
      requestedUrl: url,
      status: response.status,
      headers,
      html: text,
      redirectChain,
      fetchError: truncated ? MESSAGES.tooLarge(Math.round(maxBytes / 1024 / 1024)) : null,
    };
  } catch (e) {
    const reason = controller.signal.aborted ? MESSAGES.timeout(Math.round(timeoutMs / 1000)) : MESSAGES.network(e instanceof Error ? e.message : String(e));
    return { url, requestedUrl: url, status: 0, headers: [], html: null, fetchError: reason.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

function charsetOf(contentType: string | null): string {
  const m = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '');
  return m?.[1] ?? 'utf-8';
}

async function readCapped(response: Response, maxBytes: number, charset: string): Promise<{ text: string; truncated: boolean }> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  let received = 0;
  let text = '';
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - received;
    const chunk = value.byteLength > room ? value.subarray(0, room) : value;
    received += chunk.byteLength;
    text += decoder.decode(chunk, { stream: true });
    if (received >= maxBytes) {
      truncated = true;
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return { text: text + decoder.decode(), truncated };
}
