/**
 * The overlay's shadow roots on a results page: a host element (<zmot-badge>, <zmot-panel>,
 * <zmot-notice>) with an open shadow root and one container inside, where Preact renders.
 *
 * Every root shares one stylesheet, parsed once per page (a constructed CSSStyleSheet given to each
 * root through `adoptedStyleSheets`); where the browser cannot do that (an older engine, a content
 * script's wrappers), each root gets its own <style>. This replaces WXT's `createShadowRootUi`,
 * which parses the stylesheet again for every root and builds an <html>/<head>/<body> in each:
 * on a page of ten results that was most of the time between the page being read and the badges
 * being shown (bench/extension.ts).
 */

/** What WXT's shadow roots did first: the host ignores the page's inherited styles. */
const RESET = ':host{all:initial !important}';

let shared: { css: string; sheet: CSSStyleSheet | null } | null = null;

/** The page's one constructed stylesheet for `css`; null when constructable stylesheets are not available. */
function sharedSheet(css: string): CSSStyleSheet | null {
  if (shared?.css === css) return shared.sheet;
  let sheet: CSSStyleSheet | null = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`${RESET}\n${css}`);
  } catch {
    sheet = null;
  }
  shared = { css, sheet };
  return sheet;
}

/** Parses the stylesheet ahead of time (before the page is parsed), so the first host costs nothing more. */
export function prepareStyles(css: string): void {
  sharedSheet(css);
}

export interface OverlayHost {
  /** The element placed in the page. */
  host: HTMLElement;
  /** Where the UI renders, inside the shadow root. */
  container: HTMLElement;
}

/**
 * A host `tag` with its shadow root, styled with `css`, not yet in the page. Events of `isolate`
 * types stop at the container: Google's own handlers (hotkeys, click tracking) never see them.
 */
export function createHost(doc: Document, tag: string, css: string, isolate: readonly string[]): OverlayHost {
  const host = doc.createElement(tag);
  const shadow = host.attachShadow({ mode: 'open' });
  const container = doc.createElement('div');
  container.className = 'zl-root';
  const sheet = sharedSheet(css);
  let adopted = false;
  if (sheet) {
    try {
      shadow.adoptedStyleSheets = [sheet];
      adopted = shadow.adoptedStyleSheets.length === 1;
    } catch {
      adopted = false;
    }
  }
  if (!adopted) {
    const style = doc.createElement('style');
    style.textContent = `${RESET}\n${css}`;
    shadow.append(style);
  }
  shadow.append(container);
  for (const type of isolate) container.addEventListener(type, (e) => e.stopPropagation());
  return { host, container };
}

/** Places `host` right after `anchor` (after the next element sibling's preceding text, as WXT's 'after' did). */
export function placeAfter(host: Element, anchor: Element): void {
  anchor.parentElement?.insertBefore(host, anchor.nextElementSibling);
}
