// @vitest-environment jsdom
import { options, render } from 'preact';
import { act } from 'preact/test-utils';
import { setMaxListeners } from 'node:events';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from '#imports';
import { Overlay, backgroundBackend } from '../../extension/entrypoints/google.content/overlay.tsx';
import { questionsExport } from '../../extension/utils/questions-export.ts';
import { writeSettings } from '../../extension/utils/settings.ts';
import { readQuestions } from '../../extension/utils/storage.ts';
import { parseQuestionFile } from '../../shared/questions/index.ts';
import { loadIntoDocument, wireBackground } from './helpers.ts';
import { AiOverviewSummary } from '../../extension/components/AiOverviewSummary.tsx';
import { ResultBadge } from '../../extension/components/ResultBadge.tsx';
import { analyzePage, readPage } from '../../extension/entrypoints/google.content/analyze.ts';
import { aiOverviewSummary, citedOrganicPositions, watchAiOverview } from '../../extension/utils/ai-overview.ts';
import { summarize } from '../../extension/utils/summary.ts';
import { readAiOverview } from '../../shared/serp/ai-overview.ts';
import { SettingsSchema, type Settings } from '../../shared/schemas/extension.ts';
import { readSavedSerpPage } from '../helpers/serp-fixtures.ts';

// Effects flushed on a plain timer, not preact's 100 ms rAF fallback, which can fire after jsdom's teardown (see pages.test.tsx).
options.requestAnimationFrame = (flush) => setTimeout(flush, 0);

// The overlay's AI Overview: who is cited (brand, competitors), which cited pages also rank, the
// badge mark, and a collapsed overview read again once the user expands it — on the saved 2026 page.

const PAGE_URL = 'https://www.google.com/search?q=iran+war+status';
let doc: Document;
const settings: Settings = SettingsSchema.parse({ brandDomains: ['cbsnews.com'], competitorDomains: ['aljazeera.com', 'reuters.com'] });

beforeAll(() => {
  doc = new DOMParser().parseFromString(readSavedSerpPage('ai-overview-top-stories-iran-war-status.html'), 'text/html');
});

let container: HTMLElement | null = null;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = null;
});
function mount(node: preact.ComponentChild): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  act(() => render(node, container!));
  return container;
}

describe('AI Overview in the overlay', () => {
  it('says the brand is cited, which competitors are, and which cited pages are also organic results', () => {
    const analysis = analyzePage(doc, PAGE_URL, settings);
    const summary = summarize(analysis, new Map());
    expect(summary.aiOverview?.expanded).toBe(false);
    expect(summary.aiOverview?.sources.map((s) => [s.position, s.domain, s.party])).toEqual([
      [1, 'aljazeera.com', 'competitor'],
      [2, 'cbsnews.com', 'brand'],
      [3, 'wusa9.com', 'other'],
      [4, 'palestinechronicle.com', 'other'],
    ]);
    // cbsnews.com ranks organically with another page (/us-iran-tensions/): a cited page is "also organic" only when it is the same page.
    expect(summary.aiOverview?.sources.every((s) => s.organicPosition === null)).toBe(true);

    const panel = mount(<AiOverviewSummary ai={summary.aiOverview!} hasBrand={true} />);
    expect(panel.querySelector('[data-field="ai-overview"]')?.getAttribute('data-expanded')).toBe('no');
    expect(panel.querySelector('[data-field="ai-brand"]')?.getAttribute('data-cited')).toBe('yes');
    expect(panel.querySelector('[data-field="ai-brand"]')?.textContent).toBe('Your site is cited ([2])');
    expect([...panel.querySelectorAll('[data-field="ai-competitors"] [data-domain]')].map((e) => e.getAttribute('data-domain'))).toEqual(['aljazeera.com']);
    expect(panel.querySelector('[data-field="ai-organic"]')?.textContent).toBe('Cited and also in the results: none');
  });

  it('matches a cited page to its organic result with the shared URL identity (tracking parameters, www, trailing slash)', () => {
    const serp = readPage(doc, PAGE_URL).serp;
    const organic = serp.organic[0];
    const cited = new URL(organic.url);
    cited.hostname = cited.hostname.startsWith('www.') ? cited.hostname.slice(4) : `www.${cited.hostname}`;
    cited.searchParams.set('utm_source', 'ai');
    const withCitation = { ...serp, aiOverview: { ...serp.aiOverview, present: true, sources: [{ position: 1, url: cited.href, domain: organic.domain, title: 't', via: [] }] } } as typeof serp;
    expect(aiOverviewSummary(withCitation, settings)?.sources[0].organicPosition).toBe(organic.position);
  });

  it('marks the badge of an organic result whose page the overview cites', () => {
    const page = doc.cloneNode(true) as Document;
    // The overview cites Reuters' organic page (#1) too, by a source card of the live page.
    const card = page.createElement('a');
    card.className = 'Zbfntb';
    card.href = 'https://www.reuters.com/world/iran/';
    card.setAttribute('aria-label', 'Iran War: Latest Breaking News');
    page.querySelector('#eKIzJc div[data-subtree="aimc"]')!.append(card);
    const analysis = analyzePage(page, PAGE_URL, settings);
    const reuters = analysis.aiOverview!.sources.find((s) => s.domain === 'reuters.com')!;
    expect(reuters).toMatchObject({ party: 'competitor', organicPosition: 1 });
    expect([...citedOrganicPositions(analysis.aiOverview)]).toEqual([1]);

    const panel = mount(<AiOverviewSummary ai={analysis.aiOverview!} hasBrand={true} />);
    expect(panel.querySelector('[data-field="ai-organic"] [data-domain="reuters.com"]')?.textContent).toBe('[5] #1 reuters.com');
    const cited = mount(<ResultBadge state={undefined} party="competitor" aiCited={true} />);
    expect(cited.querySelector('[data-field="ai-cited"]')?.textContent).toBe('AI');
    render(null, cited);
    const plain = mount(<ResultBadge state={undefined} party="other" />);
    expect(plain.querySelector('[data-field="ai-cited"]')).toBeNull();
  });

  it('reads a collapsed overview again once it is expanded, by watching the DOM', async () => {
    const page = doc.cloneNode(true) as Document;
    const { aiBox, serp } = readPage(page, PAGE_URL);
    expect(serp.aiOverview.expanded).toBe(false);
    const reads: boolean[] = [];
    const stop = watchAiOverview(aiBox!, () => reads.push(readAiOverview(aiBox!, PAGE_URL).expanded), 10);
    // What Google's "Show more" does to the box.
    aiBox!.querySelector('.h7Tj7e')!.classList.add('zc75bb');
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop();
    expect(reads).toEqual([true]);
    // Once stopped, further changes are not read.
    aiBox!.querySelector('.h7Tj7e')!.classList.remove('zc75bb');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).toEqual([true]);
  });
});

describe('collecting the AI Overview with the questions', () => {
  it('one click stores the query with its stage and the cited sources; the export carries them and zmot reads them', async () => {
    fakeBrowser.reset();
    const ctx = new ContentScriptContext('google', { matches: ['https://www.google.com/search*'], cssInjectionMode: 'ui' });
    setMaxListeners(200, ctx.signal);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await writeSettings(settings);
      wireBackground();
      const page = loadIntoDocument(readSavedSerpPage('ai-overview-top-stories-iran-war-status.html'));
      const overlay = new Overlay(ctx, { doc: page, pageUrl: PAGE_URL, backend: backgroundBackend, now: () => new Date('2026-06-24T12:55:02Z') });
      await overlay.run();
      await overlay.collectQuestions();
      const stored = await readQuestions();
      const query = stored.find((q) => q.source === 'query')!;
      expect(query).toMatchObject({ text: 'iran war status', stage: overlay.analysis!.classification!.stage, aiOverview: { expanded: false } });
      expect(query.aiOverview!.sources.map((s) => [s.position, s.domain])).toEqual([
        [1, 'aljazeera.com'],
        [2, 'cbsnews.com'],
        [3, 'wusa9.com'],
        [4, 'palestinechronicle.com'],
      ]);
      // The four "People also ask" questions come along, without an AI Overview of their own.
      expect(stored.filter((q) => q.source === 'paa' && !q.aiOverview)).toHaveLength(4);
      const imported = parseQuestionFile('paa-json', JSON.stringify(questionsExport(stored)), { lang: 'en' });
      if (!imported.ok) throw new Error(imported.error.message);
      const question = imported.questions.find((q) => q.text === 'iran war status');
      expect(question?.aiAnswer?.sources.map((s) => s.url)).toEqual(query.aiOverview!.sources.map((s) => s.url));
      overlay.dispose();
    } finally {
      ctx.notifyInvalidated();
      vi.restoreAllMocks();
    }
  });
});
