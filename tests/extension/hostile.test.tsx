// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ResultScore, ResultState } from '../../shared/schemas/extension.ts';
import { Overlay, backgroundBackend, startOverlay, type OverlayBackend } from '../../extension/entrypoints/google.content/overlay.tsx';
import { loadIntoDocument, useContentScriptContext } from './helpers.ts';

// Page content is hostile: titles, snippets, passages and notes that carry markup are shown as
// text, never run; and when anything in the extension fails, the results page keeps working with a
// small notice.

const PAYLOAD = `<img src=x onerror="window.__zmotPwned=1"><script>window.__zmotPwned=1</script>`;
const PAGE_URL = 'https://www.google.com/search?q=leak';

/** A minimal results page in Google's 2023 desktop markup, with hostile text in its results. */
function hostileSerp(): string {
  const escaped = PAYLOAD.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const result = (n: number) =>
    `<div class="g"><div class="yuRUbf"><a href="https://site${n}.example/page"><h3>${escaped} result ${n}</h3><cite>site${n}.example</cite></a></div><div class="VwiC3b">${escaped} snippet</div></div>`;
  return `<!doctype html><html itemscope itemtype="http://schema.org/SearchResultsPage" lang="en"><head><title>leak - Google Search</title></head>
<body id="gsr"><form action="/search"><textarea name="q">leak ${escaped}</textarea></form>
<div id="rcnt"><div id="search"><div id="rso">${result(1)}${result(2)}${result(3)}</div></div></div>
<div class="related-question-pair" data-q="${escaped.replace(/"/g, '&quot;')} ?"></div></body></html>`;
}

function hostileScore(url: string): ResultScore {
  return {
    url,
    source: 'live',
    answer: 0.8,
    answerFor: PAYLOAD,
    findability: 0.5,
    indexable: true,
    stageProfile: { interest: 0.6, comparison: 0.2, purchase: 0.2, signals: [PAYLOAD] },
    dominantStage: 'interest',
    failing: [{ id: 'document-title', title: PAYLOAD, lost: 0.2 }],
    passage: { heading: PAYLOAD, excerpt: PAYLOAD },
    notes: [PAYLOAD],
    title: PAYLOAD,
    scoredAt: new Date().toISOString(),
  };
}

function scoringBackend(): OverlayBackend {
  return {
    lookup: async (_q, _l, urls) => ({ classification: { stage: 'interest', confidence: 0.9, lang: 'en', signals: [PAYLOAD] }, results: Object.fromEntries(urls.map((u) => [u, { status: 'pending' } as ResultState])) }),
    live: async (_q, _l, url) => ({ status: 'scored', score: hostileScore(url) }),
    addQuestions: async () => ({ added: 1, total: 1 }),
  };
}

const context = useContentScriptContext();
beforeEach(() => {
  delete (window as { __zmotPwned?: number }).__zmotPwned;
});

function allShadowRoots(): ShadowRoot[] {
  return Array.from(document.querySelectorAll('zmot-badge, zmot-panel, zmot-notice')).flatMap((h) => (h.shadowRoot ? [h.shadowRoot] : []));
}

describe('hostile page text', () => {
  it('shows titles, passages, notes and audit titles as text: no element, no script from the payload', async () => {
    const doc = loadIntoDocument(hostileSerp());
    const overlay = new Overlay(context(), { doc, pageUrl: PAGE_URL, backend: scoringBackend() });
    await overlay.run();
    const badges = Array.from(document.querySelectorAll('zmot-badge'));
    expect(badges).toHaveLength(3);
    for (const badge of badges) (badge.shadowRoot!.querySelector('.zl-pill') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 0));
    for (const root of allShadowRoots()) {
      expect(root.querySelector('img, script, iframe, object, [onerror]')).toBeNull();
    }
    const details = badges[0].shadowRoot!.textContent!;
    expect(details).toContain(PAYLOAD);
    // The query and "People also ask" in the panel are text too.
    const panel = document.querySelector('zmot-panel')!.shadowRoot!;
    expect(panel.querySelector('.zl-query')!.textContent).toContain('<script>');
    expect((window as { __zmotPwned?: number }).__zmotPwned).toBeUndefined();
    overlay.dispose();
  });
});

describe('when the extension fails, the page keeps working', () => {
  it('a worker that does not answer: badges say "not scored", the panel says why', async () => {
    const doc = loadIntoDocument(hostileSerp());
    const before = doc.querySelector('#rso')!.outerHTML;
    const backend: OverlayBackend = { ...scoringBackend(), lookup: async () => Promise.reject(new Error('worker gone')) };
    const overlay = new Overlay(context(), { doc, pageUrl: PAGE_URL, backend });
    await overlay.run();
    const badges = Array.from(document.querySelectorAll('zmot-badge'));
    expect(badges.map((b) => b.getAttribute('data-zmot-state'))).toEqual(['unscored', 'unscored', 'unscored']);
    expect(document.querySelector('zmot-panel')!.shadowRoot!.textContent).toContain('Scores are unavailable: worker gone');
    overlay.dispose();
    // Google's own markup is as it was once the overlay is gone.
    expect(doc.querySelector('#rso')!.outerHTML).toBe(before);
  });

  it('a reply that does not fit the message schema is refused, not shown', async () => {
    const doc = loadIntoDocument(hostileSerp());
    fakeBrowser.runtime.onMessage.addListener(async () => ({ type: 'score:lookup', classification: null, results: { 'https://site1.example/page': { status: 'scored', score: { url: 'javascript:alert(1)' } } } }));
    const overlay = new Overlay(context(), { doc, pageUrl: PAGE_URL, backend: backgroundBackend });
    await overlay.run();
    expect(document.querySelector('zmot-badge')!.getAttribute('data-zmot-state')).toBe('unscored');
    expect(document.querySelector('zmot-panel')!.shadowRoot!.textContent).toContain('unexpected reply');
    overlay.dispose();
  });

  it('a parser crash becomes a small notice; nothing else is added to the page', async () => {
    loadIntoDocument(hostileSerp());
    const brokenDoc = { querySelector: () => { throw new Error('markup changed'); }, querySelectorAll: () => { throw new Error('markup changed'); }, documentElement: document.documentElement } as unknown as Document;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await startOverlay(context(), { doc: brokenDoc, pageUrl: () => PAGE_URL, backend: scoringBackend() });
    await new Promise((r) => setTimeout(r, 10));
    expect(document.querySelectorAll('zmot-badge')).toHaveLength(0);
    const notice = document.querySelector('zmot-notice');
    expect(notice).not.toBeNull();
    expect(notice!.shadowRoot!.textContent).toContain('could not read this results page (markup changed)');
    expect(document.querySelector('#rso')).not.toBeNull();
  });
});
