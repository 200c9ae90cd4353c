import { browser } from '#imports';
import type { PageInput } from '../../../shared/extract/index.ts';
import { classifyQuery } from '../../../shared/classify/query-stage.ts';
import { languagePack } from '../../../shared/lang/index.ts';
import { BackgroundRequestSchema, type BackgroundRequest } from '../../../shared/schemas/extension-requests.ts';
import {
  EXTENSION_LIMITS,
  type ErrorResponse,
  type QueryStageInfo,
  type QuestionsAddResponse,
  type ResultScore,
  type ResultState,
  type ScoreLiveResponse,
  type ScoreLookupResponse,
  type Settings,
  type WordsResponse,
} from '../../../shared/schemas/extension.ts';
import { TRANSLATIONS } from '../../i18n/translations.ts';
import type { ExportedQuestion } from '../../../shared/schemas/questions-export.ts';
import { hostInAny, hostOfUrl } from '../../utils/domains.ts';
import { scoreFromReport } from '../../utils/report-index.ts';
import { compareForQuery } from '../../utils/compare-index.ts';
import { readSettings } from '../../utils/settings.ts';
import {
  readCompareIndex,
  readLiveFetchCount,
  readQuestions,
  readReportIndex,
  readScoreCache,
  writeLiveFetchCount,
  writeQuestions,
  writeScoreCache,
} from '../../utils/storage.ts';
import { urlKey } from '../../utils/url-key.ts';
import { fetchResultPage } from './fetch-page.ts';

// What a badge says when a result has no score; each line tells the user what to change.
const MESSAGES = {
  notInReport: (domain: string) => `Not in your imported report. Allow ${domain} for live scoring in the options to score it here.`,
  liveDisabled: 'Live scoring is switched off (popup or options).',
  noPermission: (domain: string) => `${domain} is allowed in the options but the browser permission was not granted: save the options again to grant it.`,
  sessionLimit: (n: number) => `The ${n} live fetches allowed per browser session are used up.`,
  redirectedAway: (host: string) => `The page redirected to ${host}, which is not an allowed domain; it was not scored.`,
  fetchFailed: (why: string) => `Could not score the page: ${why}.`,
  notHtml: 'The result is not an HTML page.',
  scoreFailed: (why: string) => `Scoring failed: ${why}.`,
  badRequest: 'malformed request',
  unknownSender: 'request from outside the extension refused',
} as const;

/** How many result pages are fetched at once: a results page has ~10, a burst must not flood a site. */
const MAX_CONCURRENT_FETCHES = 3;

export type PageScorer = (input: PageInput, query: string, lang: string | null) => ResultScore;

export interface BackgroundServiceDeps {
  /** Scores a fetched page for a query with the shared core. */
  scorePage: PageScorer;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Whether the browser granted the host permission for a URL's host. */
  hasHostPermission?: (url: string) => Promise<boolean>;
  extensionId?: string;
}

type Reply = ScoreLookupResponse | ScoreLiveResponse | QuestionsAddResponse | WordsResponse | { type: 'ack' } | ErrorResponse;

const unscored = (reason: Extract<ResultState, { status: 'unscored' }>['reason'], message: string): ResultState => ({
  status: 'unscored',
  reason,
  message: message.slice(0, 300),
});

/** Runs async jobs one after another: read-modify-write of one storage key never interleaves. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => {});
    return run;
  };
}

/** A stored value kept in memory between messages; `reset` when storage says it changed. */
function memo<T>(read: () => Promise<T>) {
  let value: Promise<T> | null = null;
  return {
    get: (): Promise<T> =>
      (value ??= read().catch((e: unknown) => {
        value = null;
        throw e;
      })),
    reset: () => {
      value = null;
    },
  };
}

function limiter(max: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

async function defaultHasHostPermission(url: string): Promise<boolean> {
  const host = hostOfUrl(url);
  if (!host) return false;
  // Covered when the options page was granted this host or a parent domain's "*.domain" pattern.
  const origins = [`${new URL(url).protocol}//${new URL(url).hostname}/*`];
  try {
    return await browser.permissions.contains({ origins });
  } catch {
    return false;
  }
}

/** The language chosen in the options (a registered pack), else the one the results page is in. */
function languageFor(settings: Settings, pageLang: string | null): string | null {
  return settings.language !== 'auto' && languagePack(settings.language) ? settings.language : pageLang;
}

/** The query's stage with the shared classifier; null when it fails (the badges still work). */
function classify(query: string, lang: string | null, settings: Settings): QueryStageInfo | null {
  try {
    const c = classifyQuery(query, {
      lang: lang ?? undefined,
      brandNames: settings.brandNames,
      brandDomains: [...settings.brandDomains, ...settings.competitorDomains],
    });
    return { stage: c.stage, confidence: c.confidence, lang: c.lang.slice(0, 10), signals: c.signals.slice(0, 20).map((s) => s.signal.slice(0, 200)) };
  } catch {
    return null;
  }
}

/** Above this many report pages a prefetch would cost more than the round trip it saves. */
const PREFETCH_MAX_PAGES = 1000;

const cacheKey = (url: string, query: string) => `${urlKey(url)}|${query.trim().toLowerCase().replace(/\s+/g, ' ')}`;

/**
 * The background worker's logic, apart from the browser wiring: report lookups, live scoring of
 * allowed result pages (permission, session limit, cache with TTL), collected questions.
 */
export function createBackgroundService(deps: BackgroundServiceDeps) {
  const now = deps.now ?? Date.now;
  const hasHostPermission = deps.hasHostPermission ?? defaultHasHostPermission;
  const extensionId = deps.extensionId ?? browser.runtime.id;
  const inFlight = new Map<string, Promise<ResultState>>();
  const storageWrites = serial();
  const fetchSlots = limiter(MAX_CONCURRENT_FETCHES);
  // Stored values are read (and parsed) once, then kept until storage reports a change: a lookup
  // is then pure computation, which is what keeps badges from a report fast.
  const report = memo(readReportIndex);
  const compareMemo = memo(readCompareIndex);
  const settingsMemo = memo(readSettings);
  const cacheMemo = memo(readScoreCache);
  const countMemo = memo(readLiveFetchCount);
  const memos: Record<string, { reset(): void }> = { reportIndex: report, compareIndex: compareMemo, settings: settingsMemo, scoreCache: cacheMemo, liveFetchCount: countMemo };
  const loadReport = report.get;
  const settingsNow = settingsMemo.get;
  try {
    browser.storage.onChanged.addListener((changes) => {
      for (const key of Object.keys(changes)) memos[key]?.reset();
    });
  } catch {
    // No storage events (a bare test double): values are simply re-read after our own writes.
  }

  /** Why a URL cannot be scored live, or null when it can. */
  async function liveBlocker(url: string, settings: Settings, countNow?: number): Promise<ResultState | null> {
    const host = hostOfUrl(url);
    if (!hostInAny(host, settings.liveDomains)) return unscored('not-in-report', MESSAGES.notInReport(host || url));
    if (!settings.liveScoring) return unscored('live-disabled', MESSAGES.liveDisabled);
    if (!(await hasHostPermission(url))) return unscored('no-permission', MESSAGES.noPermission(host));
    const count = countNow ?? (await readLiveFetchCount());
    if (count >= settings.liveLimitPerSession) return unscored('session-limit', MESSAGES.sessionLimit(settings.liveLimitPerSession));
    return null;
  }

  async function cachedScore(url: string, query: string): Promise<ResultScore | null> {
    const entry = (await cacheMemo.get())[cacheKey(url, query)];
    return entry && entry.expiresAt > now() ? entry.score : null;
  }

  async function lookup(req: Extract<BackgroundRequest, { type: 'score:lookup' }>): Promise<ScoreLookupResponse> {
    const [index, settings, cache, count, compareIndex] = await Promise.all([loadReport(), settingsNow(), cacheMemo.get(), countMemo.get(), compareMemo.get()]);
    const lang = languageFor(settings, req.lang);
    const results: Record<string, ResultState> = {};
    // Shaped here, not in the content script: which result is which compared site, and who answers best.
    const compare = compareIndex ? compareForQuery(compareIndex, req.query, lang, req.urls) : null;
    const withCompare = compare ? { compare } : {};
    if (req.prefetch) {
      // Report scores only: the content script then shows report badges without a second round trip.
      if (index && Object.keys(index.pages).length <= PREFETCH_MAX_PAGES) {
        for (const page of Object.values(index.pages)) {
          const score = scoreFromReport(index, page.url, req.query, lang);
          if (score) results[page.url] = { status: 'scored', score };
        }
      }
      return { type: 'score:lookup', classification: classify(req.query, lang, settings), results, ...withCompare };
    }
    for (const url of req.urls) {
      const fromReport = index ? scoreFromReport(index, url, req.query, lang) : null;
      if (fromReport) {
        results[url] = { status: 'scored', score: fromReport };
        continue;
      }
      const cached = cache[cacheKey(url, req.query)];
      if (cached && cached.expiresAt > now()) {
        results[url] = { status: 'scored', score: cached.score };
        continue;
      }
      results[url] = (await liveBlocker(url, settings, count)) ?? { status: 'pending' };
    }
    return { type: 'score:lookup', classification: classify(req.query, lang, settings), results, ...withCompare };
  }

  async function scoreLive(url: string, query: string, pageLang: string | null): Promise<ResultState> {
    const settings = await settingsNow();
    const lang = languageFor(settings, pageLang);
    // The content script asked, but the worker decides: same checks as the lookup, fresh.
    const index = await loadReport();
    const fromReport = index ? scoreFromReport(index, url, query, lang) : null;
    if (fromReport) return { status: 'scored', score: fromReport };
    const cached = await cachedScore(url, query);
    if (cached) return { status: 'scored', score: cached };
    const claimed = await storageWrites(async () => {
      const count = await readLiveFetchCount();
      const blocker = await liveBlocker(url, settings, count);
      if (!blocker) {
        await writeLiveFetchCount(count + 1);
        countMemo.reset();
      }
      return blocker;
    });
    if (claimed) return claimed;
    const input = await fetchSlots(() => fetchResultPage(url, { fetchImpl: deps.fetchImpl }));
    const finalHost = hostOfUrl(input.url);
    if (finalHost && !hostInAny(finalHost, settings.liveDomains)) return unscored('fetch-failed', MESSAGES.redirectedAway(finalHost));
    if (input.status === 0 && input.fetchError) return unscored('fetch-failed', MESSAGES.fetchFailed(input.fetchError));
    if (input.html == null && input.status < 400) return unscored('not-html', MESSAGES.notHtml);
    let score: ResultScore;
    try {
      score = deps.scorePage(input, query, lang);
    } catch (e) {
      return unscored('error', MESSAGES.scoreFailed(e instanceof Error ? e.message : String(e)));
    }
    const scored = { ...score, url };
    await storageWrites(async () => {
      const cache = await readScoreCache();
      const t = now();
      for (const [key, entry] of Object.entries(cache)) if (entry.expiresAt <= t) delete cache[key];
      cache[cacheKey(url, query)] = { score: scored, expiresAt: t + settings.cacheTtlHours * 3_600_000 };
      const keys = Object.keys(cache);
      if (keys.length > EXTENSION_LIMITS.maxCacheEntries) {
        keys.sort((a, b) => cache[a].expiresAt - cache[b].expiresAt);
        for (const key of keys.slice(0, keys.length - EXTENSION_LIMITS.maxCacheEntries)) delete cache[key];
      }
      await writeScoreCache(cache);
      cacheMemo.reset();
    });
    return { status: 'scored', score: scored };
  }

  async function live(req: Extract<BackgroundRequest, { type: 'score:live' }>): Promise<ScoreLiveResponse> {
    const key = cacheKey(req.url, req.query);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = scoreLive(req.url, req.query, req.lang).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return { type: 'score:live', url: req.url, state: await pending };
  }

  async function addQuestions(req: Extract<BackgroundRequest, { type: 'questions:add' }>): Promise<QuestionsAddResponse> {
    return storageWrites(async () => {
      const existing = await readQuestions();
      const seen = new Set(existing.map((q) => questionKey(q)));
      let added = 0;
      let updated = false;
      for (const q of req.questions) {
        if (existing.length >= EXTENSION_LIMITS.maxQuestions) break;
        const k = questionKey(q);
        if (seen.has(k)) {
          // Collected again: the latest stage and AI Overview reading replace the earlier one (expanded since, say).
          const i = existing.findIndex((e) => questionKey(e) === k);
          if (q.aiOverview && i >= 0) {
            existing[i] = { ...existing[i], stage: q.stage ?? existing[i].stage, aiOverview: q.aiOverview };
            updated = true;
          }
          continue;
        }
        seen.add(k);
        existing.push(q);
        added++;
      }
      if (added || updated) await writeQuestions(existing);
      return { type: 'questions:add', added, total: existing.length };
    });
  }

  /** Entry point for runtime messages: sender and shape checked before anything else. */
  async function handle(message: unknown, sender: { id?: string } | undefined): Promise<Reply> {
    if (!sender || sender.id !== extensionId) return { type: 'error', message: MESSAGES.unknownSender };
    const parsed = BackgroundRequestSchema.safeParse(message);
    if (!parsed.success) return { type: 'error', message: MESSAGES.badRequest };
    const req = parsed.data;
    try {
      switch (req.type) {
        case 'score:lookup':
          return await lookup(req);
        case 'score:live':
          return await live(req);
        case 'questions:add':
          return await addQuestions(req);
        case 'report:changed':
          report.reset();
          compareMemo.reset();
          return { type: 'ack' };
        case 'words:get':
          return { type: 'words', lang: req.lang, words: req.lang === 'en' ? null : { ...TRANSLATIONS[req.lang] } };
      }
    } catch (e) {
      return { type: 'error', message: (e instanceof Error ? e.message : String(e)).slice(0, 300) };
    }
  }

  return { handle, lookup, live, addQuestions };
}

function questionKey(q: Pick<ExportedQuestion, 'text'>): string {
  return q.text.toLowerCase().replace(/\s+/g, ' ').trim();
}
