import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundService, type BackgroundServiceDeps } from '../../extension/entrypoints/background/service.ts';
import { scoreFetchedPage } from '../../extension/entrypoints/background/score-page.ts';
import { fetchResultPage } from '../../extension/entrypoints/background/fetch-page.ts';
import { importReport } from '../../extension/utils/report-index.ts';
import { writeSettings } from '../../extension/utils/settings.ts';
import { readQuestions, readScoreCache, writeReportIndex } from '../../extension/utils/storage.ts';
import { SettingsSchema, type ResultState } from '../../shared/schemas/extension.ts';
import { buildReport, demoPage, htmlResponse } from './helpers.ts';

// The background worker: report lookups by normalised URL, live scoring only of allowed domains
// with the browser permission, a per-session limit, a cache with a TTL, and message checks.

const ORIGIN = 'https://brightwell.example';
const QUERY = 'what is a water leak detector';
const OWN = fakeBrowser.runtime.id;

function service(overrides: Partial<BackgroundServiceDeps> & { granted?: string[] } = {}) {
  const granted = new Set(overrides.granted ?? []);
  const fetchImpl = vi.fn(async (url: string | URL | Request, _init?: RequestInit) => htmlResponse(demoPage('guides/what-is-a-leak-detector', ORIGIN), String(url)));
  const svc = createBackgroundService({
    scorePage: (input, query, lang) => scoreFetchedPage(input, query, lang),
    hasHostPermission: async (url) => granted.has(new URL(url).hostname),
    fetchImpl: fetchImpl as unknown as typeof fetch,
    extensionId: OWN,
    ...overrides,
  });
  return { svc, fetchImpl };
}

async function lookup(svc: ReturnType<typeof service>['svc'], urls: string[], query = QUERY) {
  const reply = await svc.handle({ type: 'score:lookup', query, lang: 'en', urls }, { id: OWN });
  if (reply.type !== 'score:lookup') throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
  return reply;
}

async function live(svc: ReturnType<typeof service>['svc'], url: string, query = QUERY): Promise<ResultState> {
  const reply = await svc.handle({ type: 'score:live', query, lang: 'en', url }, { id: OWN });
  if (reply.type !== 'score:live') throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
  return reply.state;
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('report lookups', () => {
  it('matches a result URL to the report page whatever its scheme, www, trailing slash or tracking parameters', async () => {
    const report = buildReport([{ url: `${ORIGIN}/guides/what-is-a-leak-detector/`, html: demoPage('guides/what-is-a-leak-detector', ORIGIN) }], [{ text: QUERY, stage: 'interest' }], ORIGIN);
    const imported = importReport('report.json', JSON.stringify(report));
    if (!imported.ok) throw new Error(imported.message);
    await writeReportIndex(imported.index);
    const { svc, fetchImpl } = service();
    const googleUrl = 'http://www.brightwell.example/guides/what-is-a-leak-detector?utm_source=google';
    const reply = await lookup(svc, [googleUrl, 'https://elsewhere.example/page']);
    const state = reply.results[googleUrl];
    expect(state.status).toBe('scored');
    if (state.status !== 'scored') return;
    expect(state.score.source).toBe('report');
    // The question of the report that is the query gives the answer score, with its passage.
    expect(state.score.answerFor).toBe(QUERY);
    expect(state.score.answer).toBe(report.questions[0].best!.answer);
    expect(state.score.passage?.excerpt.length).toBeGreaterThan(0);
    expect(reply.results['https://elsewhere.example/page']).toMatchObject({ status: 'unscored', reason: 'not-in-report' });
    expect(reply.classification?.stage).toBe('interest');
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('answers a prefetch, sent before the results are known, with every report page scored for the query and nothing else', async () => {
    const pages = ['guides/what-is-a-leak-detector', 'pricing'].map((p) => ({ url: `${ORIGIN}/${p}/`, html: demoPage(p, ORIGIN) }));
    const report = buildReport(pages, [{ text: QUERY, stage: 'interest' }], ORIGIN);
    const imported = importReport('report.json', JSON.stringify(report));
    if (!imported.ok) throw new Error(imported.message);
    await writeReportIndex(imported.index);
    const { svc, fetchImpl } = service({ granted: ['brightwell.example'] });
    const reply = await svc.handle({ type: 'score:lookup', query: QUERY, lang: 'en', urls: [], prefetch: true }, { id: OWN });
    if (reply.type !== 'score:lookup') throw new Error(JSON.stringify(reply));
    expect(Object.keys(reply.results).sort()).toEqual(pages.map((p) => p.url).sort());
    // The same scores a lookup of those URLs gives: the overlay may use either.
    const direct = await lookup(svc, pages.map((p) => p.url));
    for (const p of pages) expect(reply.results[p.url]).toEqual(direct.results[p.url]);
    expect(reply.classification?.stage).toBe('interest');
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('gives findability only when no report question is close to the query', async () => {
    const report = buildReport([{ url: `${ORIGIN}/pricing/`, html: demoPage('pricing', ORIGIN) }], [{ text: 'how much does the brightwell sentry cost', stage: 'purchase' }], ORIGIN);
    const imported = importReport('report.json', JSON.stringify(report));
    if (!imported.ok) throw new Error(imported.message);
    await writeReportIndex(imported.index);
    const { svc } = service();
    const state = (await lookup(svc, [`${ORIGIN}/pricing/`], 'why do pipes burst in winter')).results[`${ORIGIN}/pricing/`];
    expect(state).toMatchObject({ status: 'scored', score: { source: 'report', answer: null, findability: report.pages[0].findability.score } });
  });
});

describe('live scoring', () => {
  const url = `${ORIGIN}/guides/what-is-a-leak-detector/`;

  it('never fetches a domain the user did not allow, even when the content script asks', async () => {
    const { svc, fetchImpl } = service({ granted: ['brightwell.example'] });
    expect((await lookup(svc, [url])).results[url]).toMatchObject({ status: 'unscored', reason: 'not-in-report' });
    expect(await live(svc, url)).toMatchObject({ status: 'unscored', reason: 'not-in-report' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('does not fetch an allowed domain whose browser permission was not granted', async () => {
    await writeSettings(SettingsSchema.parse({ liveDomains: ['brightwell.example'] }));
    const { svc, fetchImpl } = service({ granted: [] });
    expect(await live(svc, url)).toMatchObject({ status: 'unscored', reason: 'no-permission' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('does not fetch when live scoring is switched off', async () => {
    await writeSettings(SettingsSchema.parse({ liveDomains: ['brightwell.example'], liveScoring: false }));
    const { svc, fetchImpl } = service({ granted: ['brightwell.example'] });
    expect(await live(svc, url)).toMatchObject({ status: 'unscored', reason: 'live-disabled' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('fetches an allowed page without cookies or referrer, scores it with the shared core and caches it until the TTL', async () => {
    await writeSettings(SettingsSchema.parse({ liveDomains: ['brightwell.example'], cacheTtlHours: 1 }));
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { svc, fetchImpl } = service({ granted: ['brightwell.example'], now: () => now });
    expect((await lookup(svc, [url])).results[url]).toEqual({ status: 'pending' });
    const state = await live(svc, url);
    expect(state.status).toBe('scored');
    if (state.status !== 'scored') return;
    expect(state.score).toMatchObject({ source: 'live', answerFor: QUERY, url });
    expect(state.score.answer).toBeGreaterThan(0.3);
    expect(state.score.stageProfile?.interest).toBeGreaterThan(0);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const init = fetchImpl.mock.calls[0][1];
    expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });

    // Cached: the next results page shows it without a fetch.
    expect((await lookup(svc, [url])).results[url]).toMatchObject({ status: 'scored', score: { source: 'live' } });
    expect(Object.keys(await readScoreCache())).toHaveLength(1);
    // Expired after the TTL: scored again.
    now += 2 * 3_600_000;
    expect((await lookup(svc, [url])).results[url]).toEqual({ status: 'pending' });
    await live(svc, url);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('stops at the per-session limit of live fetches', async () => {
    await writeSettings(SettingsSchema.parse({ liveDomains: ['brightwell.example'], liveLimitPerSession: 2 }));
    const { svc, fetchImpl } = service({ granted: ['brightwell.example'] });
    await live(svc, `${ORIGIN}/a/`);
    await live(svc, `${ORIGIN}/b/`);
    expect(await live(svc, `${ORIGIN}/c/`)).toMatchObject({ status: 'unscored', reason: 'session-limit' });
    expect((await lookup(svc, [`${ORIGIN}/d/`])).results[`${ORIGIN}/d/`]).toMatchObject({ status: 'unscored', reason: 'session-limit' });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('fetches a page once when the same result is asked for twice at the same time', async () => {
    await writeSettings(SettingsSchema.parse({ liveDomains: ['brightwell.example'] }));
    const { svc, fetchImpl } = service({ granted: ['brightwell.example'] });
    const [a, b] = await Promise.all([live(svc, url), live(svc, url)]);
    expect(a).toEqual(b);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('drops a page that redirected off the allowed domains', async () => {
    await writeSettings(SettingsSchema.parse({ liveDomains: ['brightwell.example'] }));
    const fetchImpl = vi.fn(async () => htmlResponse('<title>elsewhere</title>', 'https://tracker.example/landing'));
    const { svc } = service({ granted: ['brightwell.example'], fetchImpl: fetchImpl as unknown as typeof fetch });
    expect(await live(svc, url)).toMatchObject({ status: 'unscored', reason: 'fetch-failed', message: expect.stringContaining('tracker.example') });
    expect(await readScoreCache()).toEqual({});
  });

  it('turns a network failure into a badge message, not an exception', async () => {
    await writeSettings(SettingsSchema.parse({ liveDomains: ['brightwell.example'] }));
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const { svc } = service({ granted: ['brightwell.example'], fetchImpl: fetchImpl as unknown as typeof fetch });
    expect(await live(svc, url)).toMatchObject({ status: 'unscored', reason: 'fetch-failed', message: expect.stringContaining('Failed to fetch') });
  });
});

describe('fetching a result page', () => {
  it('reads at most the byte cap of a huge page', async () => {
    const huge = `<html><body>${'<p>water leak</p>'.repeat(100_000)}</body></html>`;
    const input = await fetchResultPage('https://brightwell.example/huge', { fetchImpl: (async () => htmlResponse(huge, 'https://brightwell.example/huge')) as unknown as typeof fetch, maxBytes: 10_000 });
    expect(input.html!.length).toBeLessThanOrEqual(10_000);
    expect(input.fetchError).toContain('larger than');
  });

  it('does not read the body of a non-HTML result (a PDF)', async () => {
    const pdf = new Response(new Uint8Array([37, 80, 68, 70]), { headers: { 'content-type': 'application/pdf' } });
    const input = await fetchResultPage('https://brightwell.example/a.pdf', { fetchImpl: (async () => pdf) as unknown as typeof fetch });
    expect(input.html).toBeNull();
  });
});

describe('messages', () => {
  it('refuses messages from anything but this extension, and malformed ones', async () => {
    const { svc, fetchImpl } = service();
    expect(await svc.handle({ type: 'score:lookup', query: QUERY, lang: 'en', urls: [] }, { id: 'another-extension' })).toMatchObject({ type: 'error' });
    expect(await svc.handle({ type: 'score:lookup', query: QUERY, lang: 'en', urls: ['javascript:alert(1)'] }, { id: OWN })).toMatchObject({ type: 'error' });
    expect(await svc.handle({ type: 'score:live', query: '', lang: null, url: 'https://x.example/' }, { id: OWN })).toMatchObject({ type: 'error' });
    expect(await svc.handle({ type: 'drop-tables' }, { id: OWN })).toMatchObject({ type: 'error' });
    expect(await svc.handle('score:lookup', { id: OWN })).toMatchObject({ type: 'error' });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('adds collected questions once each', async () => {
    const { svc } = service();
    const q = { text: 'How do leak detectors work?', query: 'leak detector', source: 'paa' as const, collectedAt: new Date().toISOString() };
    expect(await svc.handle({ type: 'questions:add', questions: [q, { ...q, text: 'how do leak  detectors work?' }] }, { id: OWN })).toMatchObject({ added: 1, total: 1 });
    expect(await svc.handle({ type: 'questions:add', questions: [q] }, { id: OWN })).toMatchObject({ added: 0, total: 1 });
    expect(await readQuestions()).toHaveLength(1);
  });
});
