// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { options, render } from 'preact';
import { act } from 'preact/test-utils';
import type { PageSummary } from '../../shared/schemas/extension.ts';
import { Popup } from '../../extension/entrypoints/popup/Popup.tsx';
import { Options } from '../../extension/entrypoints/options/Options.tsx';
import { readSettings } from '../../extension/utils/settings.ts';
import { readReportIndex, writeQuestions } from '../../extension/utils/storage.ts';
import { buildReport, demoPage } from './helpers.ts';

// The popup (current page's summary, quick toggles) and the options page (domains with the browser
// permission asked for the live ones, report import, questions) as a user drives them.

const SUMMARY: PageSummary = {
  query: 'best water leak detector',
  stage: 'comparison',
  confidence: 0.9,
  organicCount: 10,
  brandPosition: 3,
  competitors: [{ position: 1, domain: 'aquaguard.example', party: 'competitor' }],
  stageCounts: { interest: 2, comparison: 5, purchase: 1, unknown: 2 },
  scored: 8,
  peopleAlsoAsk: ['Which leak detector is best?'],
  notices: [],
};

// preact/hooks runs effects after the next frame, with a 100 ms timer that calls cancelAnimationFrame; when a
// state update lands after the file's last test, that timer fired once jsdom was torn down ("cancelAnimationFrame is
// not defined", an unhandled error that fails the run). Effects are flushed on a plain timer instead, as act() does.
options.requestAnimationFrame = (flush) => setTimeout(flush, 0);

let container: HTMLElement;
const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });
const $ = <T extends Element = HTMLElement>(sel: string) => container.querySelector<T>(sel);

beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

describe('popup', () => {
  it('shows the results page’s summary from its content script, and toggles write the settings', async () => {
    const send = vi.fn(async () => ({ type: 'summary', summary: SUMMARY }));
    fakeBrowser.tabs.sendMessage = send as unknown as typeof fakeBrowser.tabs.sendMessage;
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 } as never]);
    await act(async () => render(<Popup />, container));
    await flush();
    expect(send).toHaveBeenCalledWith(7, { type: 'summary:get' });
    expect($('.zl-chip[data-stage]')!.getAttribute('data-stage')).toBe('comparison');
    expect($('[data-field="brand-position"]')!.textContent).toBe('#3');
    expect($('[data-field="competitors"]')!.textContent).toContain('aquaguard.example');
    const liveToggle = $<HTMLInputElement>('input[name="liveScoring"]')!;
    expect(liveToggle.checked).toBe(true);
    await act(async () => liveToggle.click());
    await flush();
    expect((await readSettings()).liveScoring).toBe(false);
  });

  it('says what to do on a page that is not a Google results page', async () => {
    fakeBrowser.tabs.sendMessage = (async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as unknown as typeof fakeBrowser.tabs.sendMessage;
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 } as never]);
    await act(async () => render(<Popup />, container));
    await flush();
    expect(container.textContent).toContain('Open a Google results page');
  });

  it('ignores a summary that does not fit its schema', async () => {
    fakeBrowser.tabs.sendMessage = (async () => ({ type: 'summary', summary: { ...SUMMARY, stage: '<img src=x>' } })) as unknown as typeof fakeBrowser.tabs.sendMessage;
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 } as never]);
    await act(async () => render(<Popup />, container));
    await flush();
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('Open a Google results page');
  });
});

describe('options', () => {
  function setField(id: string, value: string) {
    const field = $<HTMLTextAreaElement>(`#${id}`)!;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  it('asks the browser for exactly the live domains, saves the normalised lists and says what it ignored', async () => {
    const request = vi.fn(async () => true);
    fakeBrowser.permissions.request = request as unknown as typeof fakeBrowser.permissions.request;
    fakeBrowser.permissions.remove = (async () => true) as unknown as typeof fakeBrowser.permissions.remove;
    await act(async () => render(<Options />, container));
    await flush();
    await act(async () => {
      setField('brandDomains', 'https://www.Brightwell.example/shop');
      setField('competitorDomains', 'aquaguard.example\nnot a domain!');
      setField('liveDomains', 'brightwell.example');
    });
    await act(async () => $<HTMLButtonElement>('#save')!.click());
    await flush();
    expect(request).toHaveBeenCalledWith({ origins: ['*://brightwell.example/*', '*://*.brightwell.example/*'] });
    const saved = await readSettings();
    expect(saved).toMatchObject({ brandDomains: ['brightwell.example'], competitorDomains: ['aquaguard.example'], liveDomains: ['brightwell.example'] });
    expect($('#save-message')!.textContent).toBe('Saved. Ignored, not domain names: not a domain!');
  });

  it('says so when the browser permission is refused', async () => {
    fakeBrowser.permissions.request = (async () => false) as unknown as typeof fakeBrowser.permissions.request;
    await act(async () => render(<Options />, container));
    await flush();
    await act(async () => setField('liveDomains', 'brightwell.example'));
    await act(async () => $<HTMLButtonElement>('#save')!.click());
    await flush();
    expect($('#save-message')!.textContent).toContain('Permission not granted for brightwell.example');
  });

  it('imports a valid report and refuses a broken one with a one-line alert', async () => {
    fakeBrowser.runtime.onMessage.addListener(async () => ({ type: 'ack' }));
    await act(async () => render(<Options />, container));
    await flush();
    const input = $<HTMLInputElement>('#report-file')!;
    const choose = async (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      await act(async () => {
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await flush();
    };
    await choose(new File(['{"schemaVersion":1}'], 'broken.json', { type: 'application/json' }));
    expect($('#report-message')!.getAttribute('role')).toBe('alert');
    expect($('#report-message')!.textContent).toMatch(/^broken\.json: not a ZMOT Lens crawl report — /);
    expect(await readReportIndex()).toBeNull();

    const origin = 'https://brightwell.example';
    const report = buildReport([{ url: `${origin}/pricing/`, html: demoPage('pricing', origin) }], [{ text: 'brightwell price', stage: 'purchase' }], origin);
    await choose(new File([JSON.stringify(report)], 'report.json', { type: 'application/json' }));
    expect($('#report-message')!.textContent).toBe('Imported report.json: 1 pages.');
    expect(Object.keys((await readReportIndex())!.pages)).toContain('brightwell.example/pricing');
  });

  it('clears collected questions only on the second click', async () => {
    await writeQuestions([{ text: 'How do leak detectors work?', query: 'leak detector', source: 'paa', collectedAt: '2026-01-02T10:00:00.000Z' }]);
    await act(async () => render(<Options />, container));
    await flush();
    expect($('#questions-count')!.textContent).toBe('1 question collected from results pages.');
    await act(async () => $<HTMLButtonElement>('#clear-questions')!.click());
    await flush();
    expect($('#questions-count')!.textContent).toBe('1 question collected from results pages.');
    await act(async () => $<HTMLButtonElement>('#clear-questions')!.click());
    await flush();
    expect($('#questions-count')!.textContent).toBe('0 questions collected from results pages.');
  });
});
