// @vitest-environment jsdom
import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from '#imports';
import { SettingsSchema } from '../../shared/schemas/extension.ts';
import { Overlay, backgroundBackend, type OverlayBackend } from '../../extension/entrypoints/google.content/overlay.tsx';
import { TRANSLATIONS } from '../../extension/i18n/translations.ts';
import { WORDS_CACHE_KEY, en, makeWords, tableFrom, type Plural } from '../../extension/i18n/words.ts';
import { writeSettings } from '../../extension/utils/settings.ts';
import { readSavedSerpPage } from '../helpers/serp-fixtures.ts';
import { loadIntoDocument, wireBackground } from './helpers.ts';

// The overlay speaks the results page's interface language (en, fr, de, es, ro), or the one the
// options force; the worker holds the non-English tables and the content script stores the one it got.

// The project's small German page (with an AI Overview); the saved German Google page is opened in Chromium by e2e.test.ts.
const GERMAN_PAGE = 'handmade-desktop-de-ai-overview.html';
/** A template's placeholders; {stage} and {stageLower} are one value (German keeps the noun's capital). */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1].replace(/^stageLower$/, 'stage')))].sort();

describe('the word tables', () => {
  it.each(Object.entries(TRANSLATIONS))('%s has every English word, with the same placeholders, and plural forms for every count', (lang, table) => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en) as Array<[keyof typeof en, unknown]>) {
      const word = table[key];
      if (Array.isArray(english)) {
        // The sentences from outside the table (i18n/messages.ts): checked in overlay-messages.test.ts.
        expect((word as unknown[]).length, key).toBeGreaterThan(0);
      } else if (typeof english === 'string') {
        expect(typeof word, key).toBe('string');
        expect(placeholders(word as string), key).toEqual(placeholders(english));
      } else if ('other' in (english as object)) {
        const forms = word as Plural;
        // Every category the language's plural rules can pick for 1..200 has a form (or falls to "other").
        const rules = new Intl.PluralRules(lang);
        for (const n of [1, 2, 5, 21, 101, 200]) {
          const form = forms[rules.select(n) as keyof Plural] ?? forms.other;
          expect(form, `${key} ${n}`).toContain('{n}');
        }
      } else {
        expect(Object.keys(word as object).sort(), key).toEqual(Object.keys(english as object).sort());
      }
    }
  });

  it('fills templates and picks plural forms by the language’s rules', () => {
    const ro = makeWords('ro', TRANSLATIONS.ro);
    expect(ro.collect(1)).toBe('Salvează căutarea și 1 întrebare');
    expect(ro.collect(3)).toBe('Salvează căutarea și 3 întrebări');
    expect(ro.collect(20)).toBe('Salvează căutarea și 20 de întrebări');
    expect(ro.collect(0)).toBe('Salvează căutarea');
    const de = makeWords('de', TRANSLATIONS.de);
    expect(de.probably(TRANSLATIONS.de.stage.comparison)).toBe('wahrscheinlich Vergleich?');
    expect(makeWords('fr', TRANSLATIONS.fr).probably('Comparaison')).toBe('probablement comparaison ?');
    expect(makeWords('en', en).scored(3, 10)).toBe('3 of 10 results scored');
  });

  it('a damaged or stale table reads English where it is damaged, never breaks', () => {
    const table = tableFrom({ ...TRANSLATIONS.de, brand: 42, stage: { interest: 'Interesse' }, collect: { one: 'x' }, extra: 'y' });
    expect(table.brand).toBe(en.brand);
    expect(table.answer).toBe(TRANSLATIONS.de.answer);
    expect(table.stage).toEqual({ ...en.stage, interest: 'Interesse' });
    expect(table.collect).toEqual(en.collect);
    expect(tableFrom(null)).toEqual(en);
    expect(tableFrom('<script>')).toEqual(en);
  });
});

describe('the overlay on the saved German results page', () => {
  let ctx: ContentScriptContext;
  beforeEach(() => {
    fakeBrowser.reset();
    ctx = new ContentScriptContext('google', { matches: ['https://www.google.com/search*'], cssInjectionMode: 'ui' });
    setMaxListeners(200, ctx.signal);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    ctx.notifyInvalidated();
    vi.restoreAllMocks();
  });

  const panelText = () => document.querySelector('zmot-panel')!.shadowRoot!.textContent!;
  const badgeText = () => document.querySelector('zmot-badge')!.shadowRoot!.textContent!;

  it('speaks German, from the worker the first time and from storage after; the forced language wins', async () => {
    const html = readSavedSerpPage(GERMAN_PAGE);
    wireBackground();
    const words = vi.fn(backgroundBackend.words!);
    const backend: OverlayBackend = { ...backgroundBackend, words };

    // Automatic: the page's <html lang="de">.
    let doc = loadIntoDocument(html);
    let overlay = new Overlay(ctx, { doc, pageUrl: 'https://www.google.de/search?q=test', backend });
    await overlay.run();
    expect(panelText()).toContain(TRANSLATIONS.de.queryStage);
    expect(panelText()).not.toContain(en.queryStage);
    // The AI Overview lines too.
    expect(panelText()).toContain(TRANSLATIONS.de.aiHeading);
    expect(badgeText()).toContain(TRANSLATIONS.de.unscored);
    // Its details: the worker's reason, in German too.
    (document.querySelector('zmot-badge')!.shadowRoot!.querySelector('.zl-pill') as HTMLElement).click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(badgeText()).toContain('Nicht in Ihrem importierten Bericht.');
    expect(words).toHaveBeenCalledTimes(1);
    expect(Object.keys((await fakeBrowser.storage.local.get(WORDS_CACHE_KEY))[WORDS_CACHE_KEY] as object)).toEqual(['de']);
    overlay.dispose();

    // The next German page: words from storage, no round trip; unreadable settings are reset, and it says so in German.
    await fakeBrowser.storage.local.set({ settings: { liveLimitPerSession: 'many' } });
    doc = loadIntoDocument(html);
    overlay = new Overlay(ctx, { doc, pageUrl: 'https://www.google.de/search?q=test', backend });
    await overlay.run();
    expect(panelText()).toContain(TRANSLATIONS.de.queryStage);
    expect(panelText()).toContain('Die gespeicherten Einstellungen waren unlesbar');
    expect(words).toHaveBeenCalledTimes(1);
    overlay.dispose();

    // Forced in the options: French, then English, on the same German page.
    for (const [forced, table] of [['fr', TRANSLATIONS.fr], ['en', en]] as const) {
      await writeSettings(SettingsSchema.parse({ overlayLanguage: forced }));
      doc = loadIntoDocument(html);
      overlay = new Overlay(ctx, { doc, pageUrl: 'https://www.google.de/search?q=test&hl=de', backend });
      await overlay.run();
      expect(panelText()).toContain(table.queryStage);
      expect(badgeText()).toContain(table.unscored);
      overlay.dispose();
    }
  });
});
