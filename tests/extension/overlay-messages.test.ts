import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundService } from '../../extension/entrypoints/background/service.ts';
import { scoreFetchedPage } from '../../extension/entrypoints/background/score-page.ts';
import { MESSAGE_ROWS } from '../../extension/i18n/messages.ts';
import { PAGE_AUDITS } from '../../shared/audits/registry.ts';
import { TRANSLATIONS } from '../../extension/i18n/translations.ts';
import { makeWords, tableFrom } from '../../extension/i18n/words.ts';
import { importReport, scoreFromReport } from '../../extension/utils/report-index.ts';
import { settingsFrom, writeSettings } from '../../extension/utils/settings.ts';
import { SettingsSchema, type ResultState } from '../../shared/schemas/extension.ts';
import type { CrawlReport } from '../../shared/schemas/index.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';
import { buildReport, htmlResponse } from './helpers.ts';

// Issue 18: what reaches the overlay in English from elsewhere — the worker's "not scored" reasons,
// the notes of a report and of the scorer, the failing audits' titles, the settings notice — reads
// in the overlay's language. Checked on a real site's pages scored by the shared core (ZeraBooks,
// shared fixtures), and on the worker's own replies.

const SITE = path.join(SHARED_FIXTURES, 'sites/zerabooks');
const ORIGIN = 'https://zerabooks.example';
const LANGS = Object.keys(TRANSLATIONS) as Array<keyof typeof TRANSLATIONS>;
/** The words as the content script builds them from the table the worker sends (checked by `tableFrom`). */
const wordsOf = (lang: keyof typeof TRANSLATIONS) => makeWords(lang, tableFrom(JSON.parse(JSON.stringify(TRANSLATIONS[lang]))));

/** Sentences no language translates: English left in the overlay, listed for the failure message. */
function untranslated(sentences: Iterable<string>): Record<string, string[]> {
  const left: Record<string, string[]> = {};
  for (const lang of LANGS) {
    const words = wordsOf(lang);
    const missed = [...new Set(sentences)].filter((s) => words.message(s) === s);
    if (missed.length) left[lang] = missed;
  }
  return left;
}

let report: CrawlReport;

beforeAll(() => {
  const { questions } = JSON.parse(fs.readFileSync(path.join(SITE, 'questions.json'), 'utf8')) as { questions: Array<{ id: string; text: string; stage: 'interest' | 'comparison' | 'purchase'; answeredBy: string[] }> };
  // The page a person picked first as the answer to each question (kept small: scoring is the test's cost).
  const routes = [...new Set(questions.flatMap((q) => q.answeredBy.slice(0, 1)))];
  const pages = routes
    .filter((r) => fs.existsSync(path.join(SITE, r, 'index.html')))
    .map((r) => ({ url: `${ORIGIN}${r}`, html: fs.readFileSync(path.join(SITE, r, 'index.html'), 'utf8') }));
  report = buildReport(pages, questions.map((q) => ({ text: q.text, stage: q.stage })), ORIGIN);
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('sentences from outside the word table, in the overlay’s language', () => {
  it('every row keeps its placeholders in every language', () => {
    const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    for (const [english, ...others] of MESSAGE_ROWS) for (const other of others) expect(names(other), english).toEqual(names(english));
  });

  it('every note and failing audit of a real site’s report, as the badge details show them', () => {
    const imported = importReport('report.json', JSON.stringify(report));
    if (!imported.ok) throw new Error(imported.message);
    const shown: string[] = [];
    // What a badge of each report page shows, for each of the site's questions (report notes, scorer notes, audits).
    for (const page of Object.values(imported.index.pages)) {
      for (const q of imported.index.questions) {
        const score = scoreFromReport(imported.index, page.url, q.text, 'en');
        if (score) shown.push(...score.notes, ...score.failing.map((f) => f.title));
      }
    }
    expect(shown.length).toBeGreaterThan(50);
    expect(untranslated(shown)).toEqual({});
    // A note with values: the values stay, the words change.
    const de = wordsOf('de');
    expect(de.message("title and H1 do not mention 'xero', 'quickbooks' and 6 more")).toBe("Titel und H1 erwähnen 'xero', 'quickbooks' und 6 weitere nicht");
    expect(de.message('Could not score the page: the page did not answer within 10 s.')).toBe('Die Seite konnte nicht bewertet werden: die Seite hat nicht innerhalb von 10 s geantwortet.');
    expect(de.message('findability 40/100: Page has thin content; Does not say who wrote it')).toBe('Auffindbarkeit 40/100: Die Seite hat dünnen Inhalt; Sagt nicht, wer sie geschrieben hat');
    // Page text is never touched: a sentence no row knows stays as it is.
    expect(de.message('Zahlungsabgleich leicht gemacht')).toBe('Zahlungsabgleich leicht gemacht');
  });

  it('every page audit’s failing title, the one a badge lists, whether or not the real site fails it', () => {
    // A new audit needs its row in extension/i18n/messages.ts (CONTRIBUTING.md, "Add a page audit").
    expect(untranslated(PAGE_AUDITS.map((a) => a.meta.failureTitle))).toEqual({});
  });

  it('every reason the worker gives for "not scored", and the unreadable-settings notice', async () => {
    const granted = new Set(['allowed.example', 'broken.example', 'pdf.example']);
    const svc = createBackgroundService({
      scorePage: scoreFetchedPage,
      hasHostPermission: async (url) => granted.has(new URL(url).hostname),
      fetchImpl: vi.fn(async (url: string | URL | Request) => {
        const u = String(url);
        if (u.includes('broken.example')) throw new TypeError('Failed to fetch');
        if (u.includes('pdf.example')) return new Response('%PDF', { headers: { 'content-type': 'application/pdf' } });
        return htmlResponse('<html><body><h1>Hi</h1></body></html>', 'https://elsewhere.example/');
      }) as unknown as typeof fetch,
      extensionId: fakeBrowser.runtime.id,
    });
    const reasons: ResultState[] = [];
    const ask = async (url: string) => {
      const reply = await svc.handle({ type: 'score:live', query: 'bank reconciliation', lang: 'en', url }, { id: fakeBrowser.runtime.id });
      if (reply.type !== 'score:live') throw new Error(JSON.stringify(reply));
      reasons.push(reply.state);
    };
    await writeSettings(SettingsSchema.parse({ liveDomains: ['allowed.example', 'broken.example', 'pdf.example', 'nopermission.example'], liveLimitPerSession: 3 }));
    for (const url of ['https://other.example/a', 'https://nopermission.example/a', 'https://allowed.example/a', 'https://broken.example/a', 'https://pdf.example/a', 'https://allowed.example/b']) await ask(url);
    await writeSettings(SettingsSchema.parse({ liveDomains: ['allowed.example'], liveScoring: false }));
    await ask('https://allowed.example/c');
    const messages = reasons.map((s) => (s.status === 'unscored' ? s.message : `scored: ${s.status}`));
    // Not allowed, no permission, redirected away, fetch failed, not HTML, session limit, live scoring off.
    expect(new Set(reasons.map((s) => (s.status === 'unscored' ? s.reason : s.status)))).toEqual(new Set(['not-in-report', 'no-permission', 'fetch-failed', 'not-html', 'session-limit', 'live-disabled']));
    const notice = settingsFrom({ liveLimitPerSession: 'many' }).notice!;
    expect(untranslated([...messages, notice])).toEqual({});
    expect(wordsOf('fr').message(notice)).toBe('Les réglages enregistrés étaient illisibles et ont été remis par défaut.');
  });
});
