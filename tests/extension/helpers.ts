import fs from 'node:fs';
import path from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, vi } from 'vitest';
import { ContentScriptContext } from '#imports';
import { createBackgroundService, type BackgroundServiceDeps } from '../../extension/entrypoints/background/service.ts';
import { scoreFetchedPage } from '../../extension/entrypoints/background/score-page.ts';
import { DEMO_SITE, SERP_FIXTURES } from './harness.ts';

export { buildReport, SERP_FIXTURES } from './harness.ts';

export const SERP_FILES = fs
  .readdirSync(SERP_FIXTURES)
  .filter((f) => f.endsWith('.html'))
  .sort();

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(SERP_FIXTURES, name), 'utf8');
}

/** A demo-site page's HTML as the demo server serves it ({{origin}} filled in). */
export function demoPage(route: string, origin: string): string {
  return fs.readFileSync(path.join(DEMO_SITE, route, 'index.html'), 'utf8').replaceAll('{{origin}}', origin);
}

/**
 * Puts a saved results page into the test's document, as the browser would have it when the
 * content script runs. Parsed with DOMParser, so none of the page's scripts ever run.
 */
export function loadIntoDocument(html: string): Document {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const root = document.importNode(parsed.documentElement, true);
  document.replaceChild(root, document.documentElement);
  return document;
}

/** An HTML response as fetch would give it. */
export function htmlResponse(html: string, url: string, status = 200): Response {
  const response = new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

/**
 * The real background service behind fakeBrowser's runtime messaging, as the browser wires it
 * (the browser stamps the sender with our extension id; fakeBrowser does not, so we do).
 */
export function wireBackground(deps: Partial<BackgroundServiceDeps> = {}) {
  const permissions = new Set<string>();
  const hasHostPermission = vi.fn(async (url: string) => permissions.has(new URL(url).hostname));
  const service = createBackgroundService({
    scorePage: (input, query, lang) => scoreFetchedPage(input, query, lang),
    hasHostPermission,
    extensionId: fakeBrowser.runtime.id,
    ...deps,
  });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => service.handle(message, { id: fakeBrowser.runtime.id }));
  return { service, permissions, hasHostPermission };
}

/**
 * A content-script context per test, as the overlay lives in one: the fake browser reset before, the
 * context ended after. Returns the current test's context.
 */
export function useContentScriptContext(): () => ContentScriptContext {
  let ctx: ContentScriptContext;
  beforeEach(() => {
    fakeBrowser.reset();
    ctx = new ContentScriptContext('google', { matches: ['https://www.google.com/search*'], cssInjectionMode: 'ui' });
    // Each shadow root listens for the context's end; a results page has dozens of them.
    setMaxListeners(200, ctx.signal);
    // The overlay's console warnings (jsdom has no layout) would only clutter the output.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    ctx.notifyInvalidated();
    vi.restoreAllMocks();
  });
  return () => ctx;
}
