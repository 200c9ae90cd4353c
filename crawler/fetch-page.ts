import { getGlobalDispatcher } from 'undici';
import type { PageInput } from '../shared/extract/index.ts';
import type { RobotsTxt } from '../shared/schemas/index.ts';
import { AddressGuard } from './crawl/address-guard.ts';
import { decodeHtml } from './crawl/charset.ts';
import { Fetcher, isHtmlType } from './crawl/fetcher.ts';
import { HostGate } from './crawl/host-gate.ts';
import { DEFAULT_USER_AGENT } from './crawl/options.ts';
import { fetchRobots, ROBOTS_TOKEN, RobotsRules } from './crawl/robots.ts';

export const USER_AGENT = DEFAULT_USER_AGENT;
export const ROBOTS_AGENT = ROBOTS_TOKEN;
const MAX_REDIRECTS = 10;

export interface FetchPageOptions {
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
}

/** A one-off fetcher on the global dispatcher (so a caller's routing applies), crawler rules otherwise. */
async function oneOffFetcher(url: string, options: FetchPageOptions): Promise<Fetcher> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Fetcher({
    userAgent: options.userAgent ?? USER_AGENT,
    timeoutMs,
    headersTimeoutMs: timeoutMs,
    bodyTimeoutMs: timeoutMs,
    maxBodyBytes: options.maxBytes ?? 10 * 1024 * 1024,
    maxRedirects: MAX_REDIRECTS,
    retries: 1,
    retryBaseMs: 500,
    maxRetryAfterMs: 5_000,
    connectionsPerHost: 1,
    guard: await AddressGuard.forStart(url, 'auto'),
    gate: new HostGate({ concurrency: 1, delayMs: 0 }),
    dispatcher: getGlobalDispatcher(),
  });
}

/**
 * Fetches one page for `zmot page` with the crawler's fetcher: redirects followed and recorded,
 * timeout, retries, size and decompression caps, charset detection.
 */
export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<PageInput> {
  const fetcher = await oneOffFetcher(url, options);
  try {
    // A single page is shown whatever its status: error pages are read too.
    const res = await fetcher.fetch({ url, readBody: (info) => isHtmlType(info.contentType) });
    let html: string | null = null;
    if (res.body && isHtmlType(res.contentType)) html = decodeHtml(res.body, res.contentType, { truncated: res.truncated }).text;
    return {
      url: res.url,
      requestedUrl: url,
      status: res.status,
      headers: res.headers,
      html,
      redirectChain: res.redirectChain,
      fetchError: res.error,
    };
  } finally {
    await fetcher.close();
  }
}

/** Fetches and evaluates robots.txt for one URL; a 4xx means "allow all", 5xx/timeouts "disallow all" (Google's rules). */
export async function robotsTxtFor(pageUrl: string, options: FetchPageOptions = {}): Promise<RobotsTxt> {
  const fetcher = await oneOffFetcher(pageUrl, { ...options, timeoutMs: options.timeoutMs ?? 10_000 });
  try {
    const record = await fetchRobots(new URL(pageUrl).origin, fetcher);
    return new RobotsRules(record).artifactFor(pageUrl);
  } finally {
    await fetcher.close();
  }
}
