/**
 * Keeps a badge (and its opened details) inside what the results page actually shows. Google's
 * result containers clip their content (`overflow: hidden`, negative margins on mobile cards), so
 * a badge placed after a title link can be cut on the left, the right or the bottom. Once mounted,
 * each badge is measured against the visible box of its ancestors: it is inset to start where the
 * result's title starts and to end inside the clipping box; when a container cuts it vertically,
 * it moves after that container (still within or right after the result's block).
 *
 * Reads layout once per call; callers batch it after mounting (one frame), on resize and when
 * details open or close.
 */

/** The title's visible start: the heading inside the link (desktop, mobile), else the link. */
function titleBox(link: Element): DOMRect {
  return (link.querySelector('h3, [role="heading"]') ?? link).getBoundingClientRect();
}

function clips(style: CSSStyleDeclaration, axis: 'x' | 'y'): boolean {
  const value = axis === 'x' ? style.overflowX : style.overflowY;
  return value !== 'visible' && value !== '';
}

/** The horizontal band every ancestor of `el` lets through, within the viewport. */
export function visibleBand(el: Element): { left: number; right: number } {
  const view = el.ownerDocument.defaultView!;
  let left = 0;
  let right = el.ownerDocument.documentElement.clientWidth || view.innerWidth;
  for (let n = el.parentElement; n && n !== el.ownerDocument.body; n = n.parentElement) {
    if (!clips(view.getComputedStyle(n), 'x')) continue;
    const box = n.getBoundingClientRect();
    left = Math.max(left, box.left + n.clientLeft);
    right = Math.min(right, box.left + n.clientLeft + n.clientWidth);
  }
  return { left, right };
}

/** The outermost ancestor from `host`'s parent up to `block` (inclusive) that cuts its content vertically. */
function verticalClipper(host: Element, block: Element): Element | null {
  const view = host.ownerDocument.defaultView!;
  let found: Element | null = null;
  for (let n = host.parentElement; n; n = n.parentElement) {
    if (clips(view.getComputedStyle(n), 'y') && n.scrollHeight > n.clientHeight + 1) found = n;
    if (n === block) break;
  }
  return found;
}

/** Minimum width a badge keeps even when the title starts near the clipping edge. */
const MIN_WIDTH = 120;

/**
 * Fits one badge host: moves it out of a vertically clipping container of its result, then insets
 * it horizontally (CSS custom properties on the host, which WXT's `all: initial` reset leaves alone).
 */
export function fitBadge(host: HTMLElement, link: Element, block: Element | null): void {
  if (!host.isConnected) return;
  const clipper = block ? verticalClipper(host, block) : null;
  if (clipper) clipper.after(host);
  host.style.setProperty('--zl-inset-left', '0px');
  host.style.setProperty('--zl-inset-right', '0px');
  const band = visibleBand(host);
  const box = host.getBoundingClientRect();
  const start = Math.min(Math.max(band.left, titleBox(link).left), band.right - MIN_WIDTH);
  const insetLeft = Math.max(0, Math.round(start - box.left));
  const insetRight = Math.max(0, Math.round(box.right - band.right));
  host.style.setProperty('--zl-inset-left', `${insetLeft}px`);
  host.style.setProperty('--zl-inset-right', `${insetRight}px`);
}
