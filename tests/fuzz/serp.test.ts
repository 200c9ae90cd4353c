/**
 * Saved results pages, mutated and made up, through the results-page parser the extension and
 * `zmot serp` share (on a jsdom Document here): a parse or a typed error, never an exception.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
// @ts-ignore -- jsdom ships no type declarations; only the constructor and window.document are used.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { SerpParseResultSchema } from '../../shared/schemas/serp.ts';
import { tryParseSerp } from '../../shared/serp/parse.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';
import { bounded, isOneLine, mutate, mutation, params, payload, randomHtml, settle, suiteTimeout } from './fuzz.ts';

/** The smaller saved pages: jsdom takes about a second per megabyte, and each case parses one. */
const SERPS = ['google-nojs-2023-domain-nojs.html', 'google-nojs-2023-google-nojs.html', 'google-desktop-2023-recaptcha.html'].map((f) => readFileSync(path.join(SHARED_FIXTURES, 'serp', f), 'utf8'));

const SEARCH_URL = 'https://www.google.com/search?q=leak+sensor';

function parseOrFail(html: string, savedFrom: string | null = SEARCH_URL) {
  const pageUrl = savedFrom ?? undefined;
  const dom = new JSDOM(html, { contentType: 'text/html', url: pageUrl }) as { window: { document: Document; close(): void } };
  try {
    const result = bounded('tryParseSerp', html, () => tryParseSerp(dom.window.document, pageUrl));
    expect(SerpParseResultSchema.safeParse(result).success).toBe(true);
    if (!result.ok) expect(isOneLine(result.error.message)).toBe(true);
    else for (const r of result.serp.organic) expect(r.url).toMatch(/^https?:\/\//);
    return result;
  } finally {
    dom.window.close();
  }
}

describe('results-page parser on hostile pages', () => {
  it('reads mutated saved results pages', { timeout: suiteTimeout(60_000) }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SERPS), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (page, m) => {
        parseOrFail(mutate(page, m));
        await settle();
      }),
      params(25),
    );
  });

  it('reads made-up pages that look a little like results pages', { timeout: suiteTimeout(30_000) }, async () => {
    const shell = (inner: string) => `<html><head><title>${inner.slice(0, 50)} - Google Search</title></head><body><form action="/search"><input name="q" value="leak sensor"></form><div id="search"><div id="rso">${inner}</div></div></body></html>`;
    const result = fc.tuple(fc.oneof(payload, fc.string({ maxLength: 30 })), fc.oneof(payload, fc.webUrl(), fc.constant('javascript:alert(1)'))).map(([t, u]) => `<div class="g"><a href="${u.replaceAll('"', '&quot;')}"><h3>${t}</h3></a><div class="VwiC3b">${t}</div></div>`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(result, randomHtml), { maxLength: 8 }), async (parts) => {
        parseOrFail(shell(parts.join('')));
        await settle();
      }),
      params(40),
    );
  });

  it('turns garbage and empty files into a typed error', () => {
    for (const junk of ['', ' ', '\u0000\u0001\u0002', Buffer.from(Array.from({ length: 2_000 }, (_, i) => (i * 37) % 256)).toString('latin1'), '<html></html>', '{"not":"html"}']) {
      // Saved without its address, as `zmot serp file.html` reads it.
      const result = parseOrFail(junk, null);
      expect(result.ok).toBe(false);
    }
  });
});
