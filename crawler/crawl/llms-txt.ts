import type { LlmsTxtFetch } from '../../shared/answer-engines/llms-txt.ts';
import { decodeText } from './charset.ts';
import { fetchSiteFile, isSuccess, type Fetcher } from './fetcher.ts';

/** An llms.txt is a short index; anything past this is cut (and said so by the audit's parse). */
const LLMS_TXT_MAX_BYTES = 512 * 1024;

/** Fetches `/llms.txt` of an origin once per crawl; a failure is data, never a throw. */
export async function fetchLlmsTxt(origin: string, fetcher: Fetcher, signal?: AbortSignal): Promise<LlmsTxtFetch> {
  const url = `${origin}/llms.txt`;
  try {
    const { res } = await fetchSiteFile(fetcher, origin, '/llms.txt', { accept: 'text/markdown,text/plain,*/*;q=0.5', maxBodyBytes: LLMS_TXT_MAX_BYTES, signal });
    const content = isSuccess(res.status) && res.body ? decodeText(res.body, res.contentType) : null;
    return { url, status: res.status || null, contentType: res.contentType ?? null, content, error: res.error ?? null };
  } catch (e) {
    return { url, status: null, contentType: null, content: null, error: e instanceof Error ? e.message : String(e) };
  }
}
