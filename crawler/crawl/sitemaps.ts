import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { isSuccess, type Fetcher } from './fetcher.ts';

/** Problems with a sitemap, in words; kept with the sitemap in the store and shown in reports. */
export const SITEMAP_ERRORS = {
  status: (status: number) => `HTTP ${status}`,
  notSitemap: 'not a sitemap: no <urlset> or <sitemapindex>',
  tooManyUrls: (max: number) => `more than ${max} URLs: the rest were ignored`,
  tooLarge: (mb: number) => `larger than ${mb} MB uncompressed: the rest was ignored`,
  elementTooLarge: 'an element never closes: the rest was ignored',
  badGzip: (why: string) => `could not decompress: ${why}`,
};

/** The sitemap protocol's limits: 50,000 URLs and 50 MB uncompressed per file. */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
/** A sitemap index may point at more indexes in practice; we follow a few levels, not forever. */
const MAX_INDEX_DEPTH = 3;
/** Text is parsed in batches of complete elements about this size, so memory stays flat. */
const BATCH_CHARS = 256 * 1024;
const MAX_OPEN_ELEMENT_CHARS = 1024 * 1024;

export interface SitemapEntry {
  loc: string;
  lastmod: string | null;
}

export type SitemapKind = 'urlset' | 'index' | 'text' | 'unknown';

export interface SitemapSummary {
  url: string;
  status: number;
  kind: SitemapKind;
  urls: number;
  /** Where it was listed: robots.txt, a sitemap index, or the default location. */
  source: string;
  error: string | null;
}

export interface SitemapHandlers {
  onUrls(entries: SitemapEntry[]): void;
  onSitemaps(locs: string[]): void;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return textOf((v as { '#text': unknown })['#text']);
  return null;
}

/** Turns a stream of (possibly gzipped) bytes into batches of sitemap entries, a batch at a time. */
export async function parseSitemapStream(
  chunks: AsyncIterable<Buffer>,
  handlers: SitemapHandlers,
  limits: { maxUrls?: number; maxBytes?: number } = {},
): Promise<{ kind: SitemapKind; urls: number; error: string | null }> {
  const maxUrls = limits.maxUrls ?? SITEMAP_MAX_URLS;
  const maxBytes = limits.maxBytes ?? SITEMAP_MAX_BYTES;
  const source = await gunzipIfNeeded(chunks);
  const decoder = new TextDecoder('utf-8');
  let kind: SitemapKind = 'unknown';
  let buffer = '';
  let bytes = 0;
  let urls = 0;
  let error: string | null = null;
  let stop = false;

  const emit = (entries: SitemapEntry[]) => {
    if (!entries.length) return;
    const room = maxUrls - urls;
    if (entries.length > room) {
      entries = entries.slice(0, Math.max(0, room));
      error = SITEMAP_ERRORS.tooManyUrls(maxUrls);
      stop = true;
    }
    urls += entries.length;
    if (kind === 'index') handlers.onSitemaps(entries.map((e) => e.loc));
    else handlers.onUrls(entries);
  };

  const flush = (final: boolean) => {
    if (kind === 'unknown') {
      const start = buffer.search(/\S/);
      if (start === -1) return;
      if (buffer[start] !== '<') kind = 'text';
      else {
        const root = /<(?:[\w-]+:)?(urlset|sitemapindex)\b/.exec(buffer);
        if (root) kind = root[1] === 'urlset' ? 'urlset' : 'index';
        else if (buffer.length > MAX_OPEN_ELEMENT_CHARS || final) {
          error = SITEMAP_ERRORS.notSitemap;
          stop = true;
          return;
        } else return;
      }
    }
    if (kind === 'text') {
      const lines = buffer.split(/\r?\n/);
      buffer = final ? '' : (lines.pop() ?? '');
      emit(lines.map((l) => l.trim()).filter((l) => /^https?:\/\//i.test(l)).map((loc) => ({ loc, lastmod: null })));
      return;
    }
    const tag = kind === 'urlset' ? 'url' : 'sitemap';
    const closeRe = new RegExp(`</(?:[\\w-]+:)?${tag}\\s*>`, 'g');
    let end = -1;
    for (const m of buffer.matchAll(closeRe)) end = m.index + m[0].length;
    if (end === -1) {
      if (buffer.length > MAX_OPEN_ELEMENT_CHARS) {
        error = SITEMAP_ERRORS.elementTooLarge;
        stop = true;
      }
      return;
    }
    const openRe = new RegExp(`<(?:[\\w-]+:)?${tag}[\\s>]`);
    const first = buffer.search(openRe);
    const batch = buffer.slice(Math.max(0, first), end);
    buffer = buffer.slice(end);
    let parsed: Record<string, unknown>;
    try {
      parsed = parser.parse(`<root>${batch}</root>`) as Record<string, unknown>;
    } catch {
      return; // one malformed batch is skipped; the rest of the file still counts
    }
    const items = ((parsed.root as Record<string, unknown> | undefined)?.[tag] ?? []) as Array<Record<string, unknown>>;
    const entries: SitemapEntry[] = [];
    for (const item of items) {
      const loc = textOf(item?.loc);
      if (loc && /^https?:\/\//i.test(loc)) entries.push({ loc, lastmod: textOf(item.lastmod) });
    }
    emit(entries);
  };

  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        error = SITEMAP_ERRORS.tooLarge(Math.round(maxBytes / 1024 / 1024));
        break;
      }
      buffer += decoder.decode(chunk, { stream: true });
      if (buffer.length >= BATCH_CHARS) flush(false);
      if (stop) break;
    }
    if (!stop) {
      buffer += decoder.decode();
      flush(true);
    }
  } catch (e) {
    error = SITEMAP_ERRORS.badGzip((e as { code?: string }).code ?? (e as Error).message);
  }
  if (kind === 'unknown' && !error) error = SITEMAP_ERRORS.notSitemap;
  return { kind, urls, error };
}

/** Sitemaps served as .gz files (no Content-Encoding) start with the gzip magic bytes. */
async function gunzipIfNeeded(chunks: AsyncIterable<Buffer>): Promise<AsyncIterable<Buffer>> {
  const it = chunks[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return (async function* () {})();
  const rest = (async function* () {
    yield first.value;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  })();
  if (first.value[0] === 0x1f && first.value[1] === 0x8b) {
    return Readable.from(rest).pipe(zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }
  return rest;
}

export interface ReadSitemapsOptions {
  /** Sitemap URLs to start from, with where they were listed. */
  seeds: Array<{ url: string; source: string }>;
  fetcher: Fetcher;
  signal?: AbortSignal;
  onUrls(entries: SitemapEntry[], sitemapUrl: string): void;
  /** Stops reading once this many URLs were seen across all sitemaps. */
  maxUrls: number;
  maxSitemaps: number;
  /** Sitemaps already read (resume). */
  skip?: Set<string>;
  onSitemap?(summary: SitemapSummary): void;
}

/** Reads sitemaps and sitemap indexes breadth-first, streaming each; never throws. */
export async function readSitemaps(options: ReadSitemapsOptions): Promise<SitemapSummary[]> {
  const queue = options.seeds.map((s) => ({ ...s, depth: 0 }));
  const seen = new Set<string>(options.skip ?? []);
  const summaries: SitemapSummary[] = [];
  let total = 0;
  while (queue.length && summaries.length < options.maxSitemaps && total < options.maxUrls && !options.signal?.aborted) {
    const next = queue.shift()!;
    if (seen.has(next.url)) continue;
    seen.add(next.url);
    let parsed: { kind: SitemapKind; urls: number; error: string | null } = { kind: 'unknown', urls: 0, error: null };
    const res = await options.fetcher.fetch({
      url: next.url,
      accept: 'application/xml,text/xml;q=0.9,*/*;q=0.5',
      maxBodyBytes: SITEMAP_MAX_BYTES,
      signal: options.signal,
      readBody: (info) => isSuccess(info.status),
      consumeBody: async (chunks) => {
        parsed = await parseSitemapStream(
          chunks,
          {
            onUrls: (entries) => {
              total += entries.length;
              options.onUrls(entries, next.url);
            },
            onSitemaps: (locs) => {
              if (next.depth + 1 > MAX_INDEX_DEPTH) return;
              for (const loc of locs) queue.push({ url: loc, source: next.url, depth: next.depth + 1 });
            },
          },
          { maxUrls: Math.min(SITEMAP_MAX_URLS * 2, options.maxUrls - total) },
        );
      },
    });
    const error = isSuccess(res.status) ? (parsed.error ?? (res.errorCode === 'body-too-large' ? null : res.error)) : (res.error ?? SITEMAP_ERRORS.status(res.status));
    const summary: SitemapSummary = { url: next.url, status: res.status, kind: parsed.kind, urls: parsed.urls, source: next.source, error };
    summaries.push(summary);
    options.onSitemap?.(summary);
  }
  return summaries;
}
