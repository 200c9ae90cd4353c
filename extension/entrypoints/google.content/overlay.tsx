import overlayCss from './style.css?inline';
import { browser, type ContentScriptContext } from '#imports';
import { render } from 'preact';
import {
  QuestionsAddResponseSchema,
  ScoreLiveResponseSchema,
  ScoreLookupResponseSchema,
  TabRequestSchema,
  WordsResponseSchema,
  type PageSummary,
  type QueryCompare,
  type QueryStageInfo,
  type ResultState,
  type Settings,
} from '../../../shared/schemas/extension.ts';
import type { ExportedQuestion } from '../../../shared/schemas/questions-export.ts';
import { ResultBadge } from '../../components/ResultBadge.tsx';
import { SummaryPanel, type CollectState } from '../../components/SummaryPanel.tsx';
import { answerMessages, askBackground } from '../../utils/messaging.ts';
import { urlKey } from '../../utils/url-key.ts';
import { SETTINGS_KEY, settingsFrom, watchSettings } from '../../utils/settings.ts';
import { readLocal, writeLocal } from '../../utils/local-store.ts';
import { aiOverviewSummary, citedOrganicPositions, watchAiOverview } from '../../utils/ai-overview.ts';
import { summarize } from '../../utils/summary.ts';
import { pageNotices, readPage, withSettings, type AnalyzedResult, type PageAnalysis } from './analyze.ts';
import { readAiOverview } from '../../../shared/serp/ai-overview.ts';
import { fitBadges } from './fit.ts';
import { createHost, placeAfter, prepareStyles, type OverlayHost } from './host.ts';
import { chooseDock, type DockMode } from './dock.ts';
import { WORDS_CACHE_KEY, overlayLanguage, setOverlayWords, tableFrom, w, type OverlayLanguage, type WordTable } from '../../i18n/words.ts';
import { UI_STATE_KEY, uiStateFrom, updateUiState, type OverlayUiState } from '../../utils/ui-state.ts';

// Notices: one line each, shown in the panel (or alone when the panel itself cannot be drawn).
// (in the overlay's language: i18n/words.ts)
// (`why` comes from elsewhere in English: translated when the words know it.)
const MESSAGES = {
  failed: (why: string) => w().failed(w().message(why)),
  scoresFailed: (why: string) => w().scoresFailed(w().message(why)),
  badgeFailed: (n: number, why: string) => w().badgeFailed(n, w().message(why)),
  collectFailed: (why: string) => w().collectFailed(w().message(why)),
} as const;

/** Events that must not reach Google's own handlers from inside our UI (hotkeys, click tracking). */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'focusin'];

export interface LookupReply {
  classification: QueryStageInfo | null;
  results: Record<string, ResultState>;
  /** From an imported compare report: who answers the query best, which result is which site. */
  compare?: QueryCompare;
}

/** What the overlay talks to: the background worker in the extension, a fake in tests. */
export interface OverlayBackend {
  lookup(query: string, lang: string | null, urls: string[], prefetch?: boolean): Promise<LookupReply>;
  live(query: string, lang: string | null, url: string): Promise<ResultState>;
  addQuestions(questions: ExportedQuestion[]): Promise<{ added: number; total: number }>;
  /** The overlay's words in a language other than English (unchecked: `tableFrom` checks them); null when there are none. */
  words?(lang: OverlayLanguage): Promise<unknown>;
}

export const backgroundBackend: OverlayBackend = {
  async lookup(query, lang, urls, prefetch) {
    const reply = await askBackground({ type: 'score:lookup', query, lang, urls, ...(prefetch ? { prefetch } : {}) }, ScoreLookupResponseSchema);
    return { classification: reply.classification, results: reply.results, compare: reply.compare };
  },
  async live(query, lang, url) {
    return (await askBackground({ type: 'score:live', query, lang, url }, ScoreLiveResponseSchema)).state;
  },
  async addQuestions(questions) {
    const reply = await askBackground({ type: 'questions:add', questions }, QuestionsAddResponseSchema);
    return { added: reply.added, total: reply.total };
  },
  async words(lang) {
    return (await askBackground({ type: 'words:get', lang }, WordsResponseSchema)).words;
  },
};

/** Word tables kept in storage, by language, so that a page in a known language needs no round trip for them. */
function cachedTable(cache: unknown, lang: OverlayLanguage): unknown {
  return cache && typeof cache === 'object' && lang in cache ? (cache as Record<string, unknown>)[lang] : null;
}

export interface OverlayEnv {
  doc: Document;
  pageUrl: string;
  backend: OverlayBackend;
  now?: () => Date;
}

/** A badge's shadow root, placed right after its result's title link (the parser's own node). */
interface BadgeSlot {
  ui: OverlayHost;
  entry: AnalyzedResult & { link: Element };
}

/** Below this window width the panel starts collapsed. */
const PHONE_WIDTH = 600;

/** A results page in miniature (our own constant, parsed detached: nothing of it runs or shows). */
const WARM_UP_PAGE =
  '<title>q - Google Search</title><div id="main"><div id="rso"><div data-hveid="1"><a href="https://a.invalid/"><h3>a</h3></a><span>a</span></div><div data-hveid="2"><a href="https://b.invalid/"><h3>b</h3></a></div></div></div>';

/**
 * Runs the parser and a badge's first render once on throwaway input while the page is still
 * loading, and forgets the result. The engine compiles a function the first time it runs it; done
 * here, that compilation happens before DOMContentLoaded instead of between it and the badges.
 */
function warmUpCode(doc: Document): void {
  try {
    const view = doc.defaultView;
    if (!view?.DOMParser) return;
    readPage(new view.DOMParser().parseFromString(WARM_UP_PAGE, 'text/html'), 'https://www.google.com/search?q=q');
    const host = createHost(doc, 'zmot-badge', overlayCss, []);
    const score = { url: 'https://a.invalid/', source: 'report', answer: 0.5, answerFor: 'q', findability: 0.5, indexable: true, stageProfile: null, dominantStage: null, failing: [], passage: null, notes: [], title: null, scoredAt: '' } as const;
    render(<ResultBadge state={{ status: 'scored', score: { ...score, failing: [], notes: [] } }} party="brand" query="q" />, host.container);
    render(null, host.container);
  } catch {
    // Only a warm-up: the overlay runs the same either way.
  }
  mark('warm');
}

/** Resolves when the document is parsed (at once when it already is). */
function documentParsed(ctx: ContentScriptContext, doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => ctx.addEventListener(doc, 'DOMContentLoaded', () => resolve(), { once: true }));
}

/** The `q` of a results page URL, for the worker's warm-up before the page is parsed. */
function queryOfUrl(pageUrl: string): string | null {
  try {
    return new URL(pageUrl).searchParams.get('q')?.trim().slice(0, 500) || null;
  } catch {
    return null;
  }
}

/** A mark on the page's timeline (zmot-lens:…), read by bench/extension.ts to tell where the time goes. */
function mark(step: string): void {
  try {
    performance.mark(`zmot-lens:${step}`);
  } catch {
    // No performance timeline: nothing to mark.
  }
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 200);

/**
 * One run of the overlay on one results page: parse, classify, mount the panel and a badge per
 * organic result, fill the badges from the report, then from live scoring. Every step that fails
 * becomes a notice; none throws into the page.
 */
export class Overlay {
  readonly states = new Map<string, ResultState>();
  analysis: PageAnalysis | null = null;
  private settings: Settings | null = null;
  private slots: BadgeSlot[] = [];
  private panel: OverlayHost | null = null;
  private notices: string[] = [];
  private collect: CollectState = { status: 'idle' };
  private disposed = false;
  private resizeWatched = false;
  private ui: OverlayUiState = { collapsed: null, legendSeen: true };
  private dockMode: DockMode = 'side';
  private legendOpen = false;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly env: OverlayEnv,
  ) {}

  summary(): PageSummary | null {
    return this.analysis ? summarize(this.analysis, this.states, this.notices) : null;
  }

  async run(): Promise<void> {
    // Everything that waits on the browser starts before the page is even parsed: the settings
    // read, the worker's wake-up (report loaded, query classified), the overlay's stylesheet
    // (parsed once for every shadow root). Once the page is parsed, only the lookup of its URLs remains.
    // One storage read: settings, the panel's remembered state, the cached word tables.
    const stored = readLocal([SETTINGS_KEY, UI_STATE_KEY, WORDS_CACHE_KEY]);
    const uiRead = stored.then((values) => uiStateFrom(values[UI_STATE_KEY])).catch(() => null);
    const urlQuery = queryOfUrl(this.env.pageUrl);
    // The warm-up also brings the report's scores for this query, so report badges need no second round trip.
    const warmUp = urlQuery ? this.env.backend.lookup(urlQuery, null, [], true).catch(() => null) : Promise.resolve(null);
    prepareStyles(overlayCss);
    warmUpCode(this.env.doc);
    await documentParsed(this.ctx, this.env.doc);
    mark('dom');
    if (this.disposed) return;

    const reading = readPage(this.env.doc, this.env.pageUrl);
    mark('parsed');
    const values = await stored;
    const { settings, notice } = settingsFrom(values[SETTINGS_KEY]);
    this.settings = settings;
    if (notice) this.notices.push(notice);
    // The words: English at once, another language from storage, else from the worker (while the lookup runs).
    const wordsReady = this.useWords(overlayLanguage(reading.pageLang, settings.overlayLanguage), values[WORDS_CACHE_KEY]);
    if (reading.serp.kind !== 'results') await wordsReady;
    const analysis = withSettings(reading, settings);
    this.analysis = analysis;
    if (reading.serp.kind !== 'results' || this.disposed) {
      this.dispose();
      // The parser never throws: a page it failed to read says so in its warnings, and the user is told.
      const failure = reading.serp.warnings.map((w) => /could not be read: (.+)$/.exec(w)?.[1]).find(Boolean);
      if (failure) await showNotice(this.ctx, MESSAGES.failed(failure));
      return;
    }
    const query = reading.serp.query?.slice(0, 500) ?? null;
    const noReply: LookupReply = { classification: null, results: {} };
    const urls = settings.showBadges ? reading.serp.organic.map((r) => r.url) : [];
    // When the query is the one the warm-up asked about and every result is a report page, its reply is the answer.
    const early = query !== null && query === urlQuery ? await warmUp : null;
    const prefetched = early ? new Map(Object.entries(early.results).map(([u, st]) => [urlKey(u), st])) : null;
    // (Not with a compare report: which result is which compared site needs the page's URLs.)
    const fromPrefetch = prefetched && !early!.compare && urls.every((u) => prefetched.has(urlKey(u)))
      ? { classification: early!.classification, results: Object.fromEntries(urls.map((u) => [u, prefetched.get(urlKey(u))!])) }
      : null;
    // One round trip: the scores known without a fetch, and the query's stage (classified in the
    // worker, which applies the language chosen in the options; the page's is the fallback).
    const lookup: Promise<LookupReply> = fromPrefetch
      ? Promise.resolve(fromPrefetch)
      : query
      ? this.env.backend.lookup(query, reading.pageLang, urls).catch((e: unknown) => {
          this.notices.push(MESSAGES.scoresFailed(errorText(e)));
          return noReply;
        })
      : Promise.resolve(noReply);
    const located = analysis.results.filter((r) => r.link !== null);
    const [reply] = await Promise.all([lookup, wordsReady]);
    mark('reply');
    if (this.disposed) return;
    // The words may have arrived only now: notices read in them.
    analysis.notices = pageNotices(reading, analysis.results);
    analysis.classification = reply.classification ?? (query === urlQuery ? ((await warmUp)?.classification ?? null) : null);
    analysis.compare = reply.compare ?? null;
    if (settings.showBadges) {
      for (const r of analysis.results) {
        const state = reply.results[r.result.url];
        this.states.set(r.result.url, state ?? { status: 'unscored', reason: 'error', message: MESSAGES.scoresFailed(query ? w().noScoreAnswer : w().noQueryOnPage) });
      }
      this.mountBadges(located);
      mark('badges');
    }
    if (settings.showPanel) {
      const ui = await uiRead;
      if (ui) this.ui = ui;
      // The legend opens by itself once, on the first results page the overlay is shown on.
      this.legendOpen = !this.ui.legendSeen;
      this.mountPanel();
    }
    // A collapsed AI Overview is read again once the user expands it (DOM changes only; no page script runs).
    if (reading.aiBox && !reading.serp.aiOverview.expanded) this.watchAiOverview(reading.aiBox);
    if (query && settings.showBadges) await this.scorePending(query, reading.pageLang);
  }

  /**
   * Sets the overlay's words for `lang`: English and stored tables at once; otherwise asks the
   * worker and stores the table for the next page. Any failure leaves English.
   */
  private async useWords(lang: OverlayLanguage, cache: unknown): Promise<void> {
    const stored = lang === 'en' ? null : cachedTable(cache, lang);
    if (lang === 'en' || stored) {
      setOverlayWords(lang, stored ? tableFrom(stored) : null);
      return;
    }
    setOverlayWords('en', null);
    try {
      const raw = await this.env.backend.words?.(lang);
      if (!raw || this.disposed) return;
      const table: WordTable = tableFrom(raw);
      setOverlayWords(lang, table);
      const tables = cache && typeof cache === 'object' ? (cache as Record<string, unknown>) : {};
      void writeLocal({ [WORDS_CACHE_KEY]: { ...tables, [lang]: table } }).catch(() => {});
    } catch (e) {
      console.warn('[ZMOT Lens] overlay words', e);
    }
  }

  private watchAiOverview(box: Element): void {
    const stop = watchAiOverview(box, () => {
      const analysis = this.analysis;
      if (this.disposed || !analysis || !this.settings) return;
      try {
        const serp = { ...analysis.serp, aiOverview: readAiOverview(box, this.env.pageUrl) };
        analysis.serp = serp;
        analysis.aiOverview = aiOverviewSummary(serp, this.settings);
        this.renderPanel();
        for (const slot of this.slots) this.renderBadge(slot);
        if (serp.aiOverview.expanded) stop();
      } catch (e) {
        console.warn('[ZMOT Lens] AI Overview', e);
      }
    });
    this.ctx.onInvalidated(stop);
  }

  private async scorePending(query: string, lang: string | null): Promise<void> {
    const pending = [...this.states.entries()].filter(([, s]) => s.status === 'pending').map(([url]) => url);
    await Promise.all(
      pending.map(async (url) => {
        const state = await this.env.backend.live(query, lang, url).catch((e: unknown): ResultState => ({ status: 'unscored', reason: 'error', message: MESSAGES.scoresFailed(errorText(e)) }));
        if (this.disposed) return;
        this.states.set(url, state);
        this.renderBadgesFor(url);
        this.renderPanel();
      }),
    );
  }

  private mountPanel(): void {
    if (this.disposed) return;
    try {
      const panel = createHost(this.env.doc, 'zmot-panel', overlayCss, ISOLATED_EVENTS);
      this.env.doc.body.append(panel.host);
      this.panel = panel;
      this.renderPanel();
      this.scheduleDock();
    } catch (e) {
      this.panel = null;
      void showNotice(this.ctx, MESSAGES.failed(errorText(e)));
    }
  }

  private renderPanel(): void {
    const container = this.panel?.container;
    const summary = this.summary();
    if (!container || !summary || !this.settings) return;
    // Until the user chooses, the panel starts closed only on phone widths, where even a bar is costly.
    const collapsed = this.ui.collapsed ?? (this.dockMode === 'bar' && (this.env.doc.documentElement.clientWidth || 1000) < PHONE_WIDTH);
    render(
      <SummaryPanel
        summary={summary}
        hasBrand={this.settings.brandDomains.length > 0}
        collect={this.collect}
        onCollect={() => void this.collectQuestions()}
        dock={this.dockMode}
        collapsed={collapsed}
        onCollapse={(next) => {
          this.ui = { ...this.ui, collapsed: next };
          void updateUiState({ collapsed: next }).catch(() => {});
          this.renderPanel();
        }}
        legendOpen={this.legendOpen}
        onLegend={(open) => {
          this.legendOpen = open;
          if (!open && !this.ui.legendSeen) {
            this.ui = { ...this.ui, legendSeen: true };
            void updateUiState({ legendSeen: true }).catch(() => {});
          }
          this.renderPanel();
        }}
      />,
      container,
    );
    const pending = [...this.states.values()].some((s) => s.status === 'pending');
    this.panel?.host.setAttribute('data-zmot-state', pending ? 'pending' : 'ready');
  }

  /** Docks the panel where it covers nothing: beside the results when there is room, else a bar above them. */
  private scheduleDock(): void {
    const view = this.env.doc.defaultView;
    const dock = () => {
      const host = this.panel?.host;
      if (this.disposed || !host || !this.analysis) return;
      try {
        const blocks = this.analysis.results.map((r) => r.block).filter((b): b is Element => b !== null);
        const place = chooseDock(this.env.doc, blocks);
        const changed = place.mode !== this.dockMode;
        this.dockMode = place.mode;
        if (place.mode === 'side' || !place.before) {
          if (host.parentElement !== this.env.doc.body) this.env.doc.body.append(host);
          host.style.setProperty('--zl-left', `${place.left}px`);
          host.style.setProperty('--zl-top', `${place.top}px`);
          host.setAttribute('data-dock', 'side');
        } else {
          if (host.nextElementSibling !== place.before) place.before.before(host);
          host.style.setProperty('--zl-bar-max', `${place.maxWidth}px`);
          host.setAttribute('data-dock', 'bar');
        }
        if (changed) this.renderPanel();
      } catch (e) {
        console.warn('[ZMOT Lens] panel dock', e);
      }
    };
    if (view?.requestAnimationFrame) view.requestAnimationFrame(dock);
    else setTimeout(dock, 0);
  }

  /** Fits every mounted badge into what its result shows (next frame: after the page's own layout). */
  private scheduleFit(): void {
    const view = this.env.doc.defaultView;
    const fit = () => {
      if (this.disposed) return;
      this.fitSlots(this.slots);
    };
    if (view?.requestAnimationFrame) view.requestAnimationFrame(fit);
    else setTimeout(fit, 0);
  }

  /** Fits badges in one pass: every layout read, then every write (no read-write-read thrash over the page). */
  private fitSlots(slots: BadgeSlot[]): void {
    try {
      fitBadges(slots.map((slot) => ({ host: slot.ui.host, link: slot.entry.link, block: slot.entry.block })));
    } catch (e) {
      console.warn('[ZMOT Lens] badge layout', e);
    }
  }

  /** One badge per located result, right after its title link (the parser's own node). */
  private mountBadges(located: AnalyzedResult[]): void {
    for (const entry of located) {
      if (!entry.link) continue;
      try {
        const slot: BadgeSlot = { ui: createHost(this.env.doc, 'zmot-badge', overlayCss, ISOLATED_EVENTS), entry: { ...entry, link: entry.link } };
        slot.ui.host.setAttribute('data-zmot-position', String(entry.result.position));
        slot.ui.host.setAttribute('data-zmot-party', entry.party);
        // Rendered before it enters the page: one insertion per badge, no re-layout of an empty host.
        this.renderBadge(slot);
        placeAfter(slot.ui.host, entry.link);
        this.slots.push(slot);
      } catch (e) {
        this.notices.push(MESSAGES.badgeFailed(entry.result.position, errorText(e)));
      }
    }
    this.scheduleFit();
    const view = this.env.doc.defaultView;
    if (view && !this.resizeWatched) {
      this.resizeWatched = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      this.ctx.addEventListener(view, 'resize', () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.scheduleFit();
          this.scheduleDock();
        }, 150);
      });
    }
  }

  private renderBadge(slot: BadgeSlot): void {
    const container = slot.ui.container;
    const state = this.states.get(slot.entry.result.url);
    render(
      <ResultBadge
        state={state}
        party={slot.entry.party}
        query={this.analysis?.serp.query ?? null}
        showUnscored={this.settings?.showUnscored ?? false}
        onToggle={() => this.fitSlots([slot])}
        aiCited={citedOrganicPositions(this.analysis?.aiOverview ?? null).has(slot.entry.result.position)}
        versus={this.analysis?.compare?.results[slot.entry.result.url]}
      />,
      container,
    );
    slot.ui.host.setAttribute('data-zmot-state', state?.status ?? 'pending');
  }

  private renderBadgesFor(url: string): void {
    for (const slot of this.slots) if (slot.entry.result.url === url) this.renderBadge(slot);
  }

  /** The query and the "People also ask" questions, into the collected set (deduplicated by the worker). */
  async collectQuestions(): Promise<CollectState> {
    const analysis = this.analysis;
    const query = analysis?.serp.query;
    if (!analysis || !query) return this.collect;
    const collectedAt = (this.env.now?.() ?? new Date()).toISOString();
    const lang = analysis.lang ?? undefined;
    const url = /^https?:\/\//.test(this.env.pageUrl) && this.env.pageUrl.length <= 2048 ? this.env.pageUrl : undefined;
    const ai = analysis.serp.aiOverview;
    const questions: ExportedQuestion[] = [
      // The query with its stage and, when the page has one, what its AI Overview cites (as read now: expand it first to get all).
      { text: query.slice(0, 500), query: query.slice(0, 500), source: 'query', lang, collectedAt, url, stage: analysis.classification?.stage, aiOverview: ai.present ? { expanded: ai.expanded, sources: ai.sources.slice(0, 50) } : undefined },
      ...analysis.serp.peopleAlsoAsk.slice(0, 99).map((text) => ({ text: text.slice(0, 500), query: query.slice(0, 500), source: 'paa' as const, lang, collectedAt, url })),
    ];
    this.collect = { status: 'busy' };
    this.renderPanel();
    try {
      const { added, total } = await this.env.backend.addQuestions(questions);
      this.collect = { status: 'done', added, total };
    } catch (e) {
      this.collect = { status: 'failed', message: MESSAGES.collectFailed(errorText(e)) };
    }
    this.renderPanel();
    return this.collect;
  }

  dispose(): void {
    this.disposed = true;
    for (const { ui } of this.slots) unmount(ui);
    this.slots = [];
    if (this.panel) unmount(this.panel);
    this.panel = null;
  }
}

/** A small dismissible notice at the corner of the page: what the user sees when the overlay failed. */
export async function showNotice(ctx: ContentScriptContext, message: string): Promise<void> {
  try {
    const ui = createHost(document, 'zmot-notice', overlayCss, ISOLATED_EVENTS);
    const remove = () => unmount(ui);
    render(
      <div class="zl-notice" role="status">
        <span class="zl-logo" aria-hidden="true">Z</span>
        <span>{message}</span>
        <button type="button" class="zl-link" onClick={remove}>
          {w().dismiss}
        </button>
      </div>,
      ui.container,
    );
    document.body.append(ui.host);
    ctx.onInvalidated(remove);
  } catch (e) {
    // Even the notice failed: the page stays as Google drew it, the console says why.
    console.warn('[ZMOT Lens]', message, e);
  }
}

/** Takes a host out of the page, its Preact tree unmounted first (listeners, components). */
function unmount(ui: OverlayHost): void {
  render(null, ui.container);
  ui.host.remove();
}

/**
 * The content script's life on a results page: run the overlay, answer the popup, start over when
 * the settings or the URL change. Nothing here may throw into the page.
 */
export async function startOverlay(ctx: ContentScriptContext, env: Omit<OverlayEnv, 'pageUrl'> & { pageUrl: () => string }): Promise<() => Overlay | null> {
  let current: Overlay | null = null;
  const restart = async () => {
    current?.dispose();
    const overlay = new Overlay(ctx, { ...env, pageUrl: env.pageUrl() });
    current = overlay;
    try {
      await overlay.run();
    } catch (e) {
      overlay.dispose();
      await showNotice(ctx, MESSAGES.failed(errorText(e)));
    }
  };
  const onMessage = answerMessages((message: unknown): Promise<unknown> | undefined => {
    const request = TabRequestSchema.safeParse(message);
    if (!request.success) return undefined;
    if (request.data.type === 'summary:get') return Promise.resolve({ type: 'summary', summary: current?.summary() ?? null });
    return (current?.collectQuestions() ?? Promise.resolve(null)).then(() => ({ type: 'summary', summary: current?.summary() ?? null }));
  });
  try {
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
    ctx.onInvalidated(watchSettings(() => void restart()));
    ctx.addEventListener(window, 'wxt:locationchange', () => void restart());
  } catch (e) {
    console.warn('[ZMOT Lens] listeners', e);
  }
  ctx.onInvalidated(() => current?.dispose());
  await restart();
  return () => current;
}
