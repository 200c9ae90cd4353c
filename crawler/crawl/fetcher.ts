import { pipeline, Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Agent, type Dispatcher } from 'undici';
import { AddressGuard, PRIVATE_ADDRESS_CODE, PRIVATE_TARGET_REFUSED } from './address-guard.ts';
import type { PolitenessGate } from './host-gate.ts';

/** What went wrong with a fetch, in words a site owner understands. Shown on the page's row. */
export const FETCH_ERRORS = {
  timeout: (ms: number) => `timed out after ${fmtSeconds(ms)}`,
  headersTimeout: (ms: number) => `no response headers within ${fmtSeconds(ms)} (connection hung)`,
  bodyTimeout: (ms: number) => `body stalled for more than ${fmtSeconds(ms)}`,
  redirectLoop: (chain: string[]) => `redirect loop: ${chain.join(' → ')}`,
  tooManyRedirects: (max: number) => `more than ${max} redirects`,
  badRedirect: (location: string) => `redirect to an invalid location: ${location.slice(0, 200)}`,
  bodyTooLarge: (cap: number) => `body larger than ${fmtBytes(cap)}: only the first ${fmtBytes(cap)} were read`,
  decompressionBomb: (cap: number, raw: number) => `compressed body expands past ${fmtBytes(cap)} from ${fmtBytes(raw)} (decompression bomb): not read`,
  badEncoding: (encoding: string, why: string) => `could not decompress the ${encoding} body: ${why}`,
  retryAfterTooLong: (status: number, ms: number, cap: number) => `HTTP ${status} asked to retry after ${fmtSeconds(ms)}, longer than the ${fmtSeconds(cap)} the crawler waits`,
  network: (code: string) => `network error: ${code}`,
  aborted: 'crawl interrupted before the response arrived',
};

function fmtSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
function fmtBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

export type FetchErrorCode =
  | 'timeout'
  | 'network'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'body-too-large'
  | 'decompression-bomb'
  | 'bad-encoding'
  | 'private-address'
  | 'retry-after-too-long'
  | 'aborted';

export interface RedirectHop {
  url: string;
  status: number;
}

export type RedirectDecision = { follow: true; url?: string } | { follow: false; reason: string };

export interface BodyInfo {
  url: string;
  status: number;
  contentType: string | null;
  headers: Array<[string, string]>;
}

export interface FetchRequest {
  url: string;
  /** Asked before each redirect hop: follow it (optionally to a normalized URL) or stop with a reason. */
  onRedirect?: (from: string, to: string) => RedirectDecision | Promise<RedirectDecision>;
  /** Which final responses' bodies to read. Default: 2xx HTML. */
  readBody?: (info: BodyInfo) => boolean;
  /** Streams the (decompressed, capped) body to a consumer instead of buffering it. */
  consumeBody?: (chunks: AsyncIterable<Buffer>, info: BodyInfo) => Promise<void>;
  accept?: string;
  maxBodyBytes?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface FetchOutcome {
  requestedUrl: string;
  /** The last URL requested: the page's URL after redirects. */
  url: string;
  /** 0 when no response arrived. */
  status: number;
  headers: Array<[string, string]>;
  contentType: string | null;
  redirectChain: RedirectHop[];
  /** Where the last redirect pointed when it was not followed, and why. */
  redirectStopped: { to: string; reason: string } | null;
  /** Decompressed body bytes (possibly cut at the cap); null when not read. */
  body: Buffer | null;
  /** Decompressed bytes read, or Content-Length when the body was not read. */
  bodyBytes: number | null;
  /** Bytes as they came over the wire. */
  wireBytes: number;
  truncated: boolean;
  error: string | null;
  errorCode: FetchErrorCode | null;
  attempts: number;
  timings: { startedAt: string; firstByteMs: number | null; totalMs: number; waitedMs: number };
}

/** The request limits of a fetcher, from a crawl's options: the header and body limits never outlast the whole request's. */
export type FetchLimits = Pick<FetcherOptions, 'userAgent' | 'timeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs' | 'maxBodyBytes' | 'maxRedirects' | 'retries' | 'retryBaseMs' | 'maxRetryAfterMs'>;

export function fetchLimits(o: FetchLimits): FetchLimits {
  return {
    userAgent: o.userAgent,
    timeoutMs: o.timeoutMs,
    headersTimeoutMs: Math.min(o.headersTimeoutMs, o.timeoutMs),
    bodyTimeoutMs: Math.min(o.bodyTimeoutMs, o.timeoutMs),
    maxBodyBytes: o.maxBodyBytes,
    maxRedirects: o.maxRedirects,
    retries: o.retries,
    retryBaseMs: o.retryBaseMs,
    maxRetryAfterMs: o.maxRetryAfterMs,
  };
}

export interface FetcherOptions {
  userAgent: string;
  /** Whole request (headers and body) per attempt. */
  timeoutMs: number;
  headersTimeoutMs: number;
  /** Longest silence while the body streams in. */
  bodyTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  retries: number;
  retryBaseMs: number;
  maxRetryAfterMs: number;
  connectionsPerHost: number;
  guard: AddressGuard;
  gate: PolitenessGate;
  /** Send through this dispatcher instead of a private keep-alive pool (one-off fetches; tests). */
  dispatcher?: Dispatcher;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Statuses worth another try: rate limiting and transient server trouble. */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);
const RETRY_NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED', 'ZMOT_TIMEOUT',
]);
/** A bomb expands far beyond what text compresses to (HTML gzips about 5–10×). */
const BOMB_RATIO = 100;
/** Bodies we do not need are read this far so the connection can be reused, then dropped. */
const DRAIN_LIMIT = 64 * 1024;

export const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

export function isHtmlType(contentType: string | null): boolean {
  if (!contentType) return true;
  return /\b(text\/html|application\/xhtml\+xml)\b/i.test(contentType);
}

function headerPairs(headers: Dispatcher.ResponseData['headers']): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    if (key === 'set-cookie') continue; // cookies say nothing about findability and may be personal
    for (const v of Array.isArray(value) ? value : [value]) out.push([key, String(v).slice(0, 8192)]);
  }
  return out;
}

function firstHeader(pairs: Array<[string, string]>, name: string): string | null {
  return pairs.find(([k]) => k === name)?.[1] ?? null;
}

/** Retry-After: delta-seconds or an HTTP date; ms to wait, null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function errorCodeOf(e: unknown): string {
  let cur = e as { code?: string; cause?: unknown; name?: string } | undefined;
  for (let i = 0; i < 4 && cur; i++) {
    if (cur.code) return cur.code;
    cur = cur.cause as typeof cur;
  }
  return (e as { name?: string })?.name ?? 'ERROR';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface Attempt {
  res: Dispatcher.ResponseData | null;
  headers: Array<[string, string]>;
  error: string | null;
  errorCode: FetchErrorCode | null;
  retryable: boolean;
  retryAfterMs: number | null;
  firstByteMs: number | null;
  /** Ends the attempt's total timeout and host slot once the body is done. */
  finish: () => void;
  signal: AbortSignal;
  timedOut: () => boolean;
}

/**
 * The crawler's HTTP client: undici keep-alive pools, politeness per host, retries with backoff on
 * 429/5xx/network errors (Retry-After honoured up to a bound), redirects followed by hand and recorded,
 * bodies capped before and after decompression. Failures come back as data, never as exceptions.
 */
export class Fetcher {
  readonly agent: Dispatcher;
  private readonly ownsAgent: boolean;
  constructor(readonly options: FetcherOptions) {
    this.ownsAgent = !options.dispatcher;
    this.agent = options.dispatcher ?? new Agent({
      connections: options.connectionsPerHost,
      pipelining: 1,
      keepAliveTimeout: 10_000,
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
      maxHeaderSize: 64 * 1024,
      connect: { lookup: options.guard.lookup, timeout: Math.min(options.timeoutMs, 10_000) },
    });
  }

  async close() {
    if (this.ownsAgent) await this.agent.close().catch(() => {});
    this.options.gate.close();
  }

  private async attempt(url: string, accept: string, outer?: AbortSignal): Promise<Attempt> {
    const host = new URL(url).host;
    const failed = (error: string, errorCode: FetchErrorCode, retryable: boolean, signal: AbortSignal | undefined, timedOut = false): Attempt => ({
      res: null,
      headers: [],
      retryAfterMs: null,
      firstByteMs: null,
      error,
      errorCode,
      retryable,
      finish: () => {},
      signal: signal ?? new AbortController().signal,
      timedOut: () => timedOut,
    });
    let release: (() => void) | null = null;
    try {
      release = await this.options.gate.acquire(host, outer);
    } catch {
      return failed(FETCH_ERRORS.aborted, 'aborted', false, outer);
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(Object.assign(new Error('timeout'), { code: 'ZMOT_TIMEOUT' }));
    }, this.options.timeoutMs);
    const onOuterAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    const finish = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
      release?.();
      release = null;
    };
    const started = performance.now();
    const u = new URL(url);
    try {
      const res = await this.agent.request({
        origin: u.origin,
        path: `${u.pathname}${u.search}`,
        method: 'GET',
        headers: { 'user-agent': this.options.userAgent, accept, 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en;q=0.9, *;q=0.5' },
        signal: controller.signal,
        headersTimeout: this.options.headersTimeoutMs,
        bodyTimeout: this.options.bodyTimeoutMs,
      });
      const headers = headerPairs(res.headers);
      const retryAfterMs = parseRetryAfter(firstHeader(headers, 'retry-after'));
      return { res, headers, error: null, errorCode: null, retryable: RETRY_STATUSES.has(res.statusCode), retryAfterMs, firstByteMs: performance.now() - started, finish, signal: controller.signal, timedOut: () => timedOut };
    } catch (e) {
      finish();
      const code = errorCodeOf(e);
      if (code === PRIVATE_ADDRESS_CODE) return failed(`${PRIVATE_TARGET_REFUSED} (${u.hostname})`, 'private-address', false, controller.signal);
      if (outer?.aborted && !timedOut) return failed(FETCH_ERRORS.aborted, 'aborted', false, controller.signal);
      if (timedOut) return failed(FETCH_ERRORS.timeout(this.options.timeoutMs), 'timeout', true, controller.signal, true);
      if (code === 'UND_ERR_HEADERS_TIMEOUT') return failed(FETCH_ERRORS.headersTimeout(this.options.headersTimeoutMs), 'timeout', true, controller.signal, true);
      return failed(FETCH_ERRORS.network(code), 'network', RETRY_NETWORK_CODES.has(code), controller.signal);
    }
  }

  /** One URL with retries: the first response that is final (or the last failure). */
  private async requestWithRetries(url: string, accept: string, signal: AbortSignal | undefined, waited: { ms: number; attempts: number }): Promise<Attempt> {
    for (let attempt = 0; ; attempt++) {
      waited.attempts++;
      const a = await this.attempt(url, accept, signal);
      const lastTry = attempt >= this.options.retries || signal?.aborted;
      if (!a.retryable || lastTry) return a;
      let wait = this.options.retryBaseMs * 2 ** attempt * (1 + Math.random() * 0.25);
      if (a.res && a.retryAfterMs != null) {
        if (a.retryAfterMs > this.options.maxRetryAfterMs) {
          return { ...a, error: FETCH_ERRORS.retryAfterTooLong(a.res.statusCode, a.retryAfterMs, this.options.maxRetryAfterMs), errorCode: 'retry-after-too-long' };
        }
        wait = Math.max(wait, a.retryAfterMs);
        // The host asked everyone to wait, not only this URL.
        this.options.gate.pause(new URL(url).host, a.retryAfterMs);
      }
      if (a.res) {
        await a.res.body.dump({ limit: DRAIN_LIMIT }).catch(() => {});
        a.finish();
      }
      waited.ms += wait;
      await sleep(wait, signal);
    }
  }

  /** Fetches a URL: redirects, retries, caps. Never throws; problems are in `error`. */
  async fetch(req: FetchRequest): Promise<FetchOutcome> {
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const accept = req.accept ?? DEFAULT_ACCEPT;
    const maxRedirects = req.maxRedirects ?? this.options.maxRedirects;
    const maxBody = req.maxBodyBytes ?? this.options.maxBodyBytes;
    const chain: RedirectHop[] = [];
    const waited = { ms: 0, attempts: 0 };
    const out = (partial: Partial<FetchOutcome> & { url: string }): FetchOutcome => ({
      requestedUrl: req.url,
      status: 0,
      headers: [],
      contentType: null,
      redirectChain: chain,
      redirectStopped: null,
      body: null,
      bodyBytes: null,
      wireBytes: 0,
      truncated: false,
      error: null,
      errorCode: null,
      attempts: waited.attempts,
      timings: { startedAt, firstByteMs: null, totalMs: Math.round(performance.now() - t0), waitedMs: Math.round(waited.ms) },
      ...partial,
    });

    let current = req.url;
    const visited = new Set<string>();
    for (let hop = 0; ; hop++) {
      const refused = this.options.guard.checkUrl(current);
      if (refused) return out({ url: current, error: refused, errorCode: 'private-address' });
      visited.add(current);
      const a = await this.requestWithRetries(current, accept, req.signal, waited);
      if (!a.res) return out({ url: current, error: a.error, errorCode: a.errorCode });
      const res = a.res;
      const status = res.statusCode;
      const contentType = firstHeader(a.headers, 'content-type');
      const firstByteMs = a.firstByteMs === null ? null : Math.round(a.firstByteMs);
      const location = firstHeader(a.headers, 'location');
      if (REDIRECT_STATUSES.has(status) && location) {
        await res.body.dump({ limit: DRAIN_LIMIT }).catch(() => {});
        a.finish();
        chain.push({ url: current, status });
        let next: string;
        try {
          const u = new URL(location, current);
          u.hash = '';
          next = u.href;
        } catch {
          return out({ url: current, status, headers: a.headers, contentType, error: FETCH_ERRORS.badRedirect(location), errorCode: 'bad-redirect' });
        }
        if (!/^https?:$/.test(new URL(next).protocol)) {
          return out({ url: current, status, headers: a.headers, contentType, redirectStopped: { to: next, reason: 'not an http(s) URL' } });
        }
        const decision = req.onRedirect ? await req.onRedirect(current, next) : ({ follow: true } as RedirectDecision);
        if (!decision.follow) return out({ url: current, status, headers: a.headers, contentType, redirectStopped: { to: next, reason: decision.reason } });
        next = decision.url ?? next;
        if (visited.has(next)) {
          return out({ url: current, status, headers: a.headers, contentType, error: FETCH_ERRORS.redirectLoop([...chain.map((h) => h.url), next]), errorCode: 'redirect-loop' });
        }
        if (hop + 1 > maxRedirects) {
          return out({ url: current, status, headers: a.headers, contentType, error: FETCH_ERRORS.tooManyRedirects(maxRedirects), errorCode: 'too-many-redirects' });
        }
        current = next;
        continue;
      }

      const info: BodyInfo = { url: current, status, contentType, headers: a.headers };
      const wantBody = req.readBody ? req.readBody(info) : status >= 200 && status < 300 && isHtmlType(contentType);
      const declaredLength = Number(firstHeader(a.headers, 'content-length'));
      const base = { url: current, status, headers: a.headers, contentType };
      const timings = () => ({ startedAt, firstByteMs, totalMs: Math.round(performance.now() - t0), waitedMs: Math.round(waited.ms) });
      const failure = a.error ? { error: a.error, errorCode: a.errorCode } : {};
      if (!wantBody) {
        await res.body.dump({ limit: DRAIN_LIMIT }).catch(() => {});
        a.finish();
        return out({ ...base, ...failure, bodyBytes: Number.isFinite(declaredLength) && declaredLength >= 0 ? declaredLength : null, timings: timings() });
      }
      const read = await readBody(res.body as unknown as Readable, firstHeader(a.headers, 'content-encoding'), maxBody, req.consumeBody ? (chunks) => req.consumeBody!(chunks, info) : null);
      a.finish();
      let error = a.error ?? read.error;
      let errorCode = a.errorCode ?? read.errorCode;
      if (read.streamError && !error) {
        if (a.timedOut()) {
          error = FETCH_ERRORS.timeout(this.options.timeoutMs);
          errorCode = 'timeout';
        } else if (req.signal?.aborted) {
          error = FETCH_ERRORS.aborted;
          errorCode = 'aborted';
        } else {
          const code = errorCodeOf(read.streamError);
          error = code === 'UND_ERR_BODY_TIMEOUT' ? FETCH_ERRORS.bodyTimeout(this.options.bodyTimeoutMs) : FETCH_ERRORS.network(code);
          errorCode = code === 'UND_ERR_BODY_TIMEOUT' ? 'timeout' : 'network';
        }
      }
      return out({
        ...base,
        body: read.body,
        bodyBytes: read.bytes,
        wireBytes: read.wireBytes,
        truncated: read.truncated,
        error,
        errorCode,
        timings: timings(),
      });
    }
  }
}

interface BodyRead {
  body: Buffer | null;
  bytes: number;
  wireBytes: number;
  truncated: boolean;
  error: string | null;
  errorCode: FetchErrorCode | null;
  streamError: unknown;
}

function decoderFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  // Truncated streams still give what arrived instead of failing the whole page.
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip(flush);
  if (encoding === 'deflate') return zlib.createInflate(flush);
  if (encoding === 'br') return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  return null;
}

/**
 * Reads a body through its Content-Encoding decoders, stopping at `cap` decompressed bytes. A body that
 * expands more than BOMB_RATIO times past the cap is a decompression bomb and is dropped.
 */
async function readBody(
  raw: Readable,
  contentEncoding: string | null,
  cap: number,
  consume: ((chunks: AsyncIterable<Buffer>) => Promise<void>) | null,
): Promise<BodyRead> {
  const encodings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e && e !== 'identity');
  let wireBytes = 0;
  const countWire = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      wireBytes += chunk.length;
      cb(null, chunk);
    },
  });
  let stream: Readable = raw;
  const decoders = [];
  for (const enc of encodings.reverse()) {
    const d = decoderFor(enc);
    if (!d) {
      raw.destroy();
      return { body: null, bytes: 0, wireBytes, truncated: false, error: FETCH_ERRORS.badEncoding(enc, 'unsupported encoding'), errorCode: 'bad-encoding', streamError: null };
    }
    decoders.push(d);
  }
  if (decoders.length) stream = pipeline([raw, countWire, ...decoders] as unknown as [Readable, Readable], () => {}) as unknown as Readable;

  let bytes = 0;
  let truncated = false;
  let streamError: unknown = null;
  const kept: Buffer[] = [];
  async function* capped(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const room = cap - bytes;
      if (chunk.length > room) {
        if (room > 0) yield chunk.subarray(0, room);
        bytes = cap;
        truncated = true;
        return;
      }
      bytes += chunk.length;
      yield chunk;
    }
  }
  try {
    if (consume) await consume(capped());
    else for await (const chunk of capped()) kept.push(chunk);
  } catch (e) {
    streamError = e;
  } finally {
    if (truncated || streamError || consume) {
      raw.destroy();
      stream.destroy();
    }
  }
  // Compressed bytes the decoder actually consumed (the wire count runs ahead by whole chunks).
  const consumed = decoders.length ? Math.max(1, (decoders[0] as unknown as { bytesWritten: number }).bytesWritten) : wireBytes;
  const isBomb = truncated && decoders.length > 0 && bytes > consumed * BOMB_RATIO;
  if (isBomb) {
    return { body: null, bytes, wireBytes, truncated, error: FETCH_ERRORS.decompressionBomb(cap, consumed), errorCode: 'decompression-bomb', streamError: null };
  }
  if (streamError && encodings.length && errorCodeOf(streamError).startsWith('Z_')) {
    return { body: null, bytes, wireBytes, truncated, error: FETCH_ERRORS.badEncoding(encodings.join(', '), errorCodeOf(streamError)), errorCode: 'bad-encoding', streamError: null };
  }
  return {
    body: consume ? null : Buffer.concat(kept),
    bytes,
    wireBytes,
    truncated,
    error: truncated ? FETCH_ERRORS.bodyTooLarge(cap) : null,
    errorCode: truncated ? 'body-too-large' : null,
    streamError,
  };
}

/**
 * A file a site publishes at its origin (robots.txt, llms.txt): its body read only for a 2xx, up to 5
 * redirects (as Google follows for robots.txt), capped at `maxBodyBytes`.
 */
export async function fetchSiteFile(fetcher: Fetcher, origin: string, path: `/${string}`, options: { accept: string; maxBodyBytes: number; signal?: AbortSignal }): Promise<{ url: string; res: FetchOutcome }> {
  const url = `${origin}${path}`;
  const res = await fetcher.fetch({ url, accept: options.accept, maxBodyBytes: options.maxBodyBytes, maxRedirects: 5, readBody: (info) => isSuccess(info.status), signal: options.signal });
  return { url, res };
}

/** A 2xx status. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
