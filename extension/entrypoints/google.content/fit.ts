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

export interface FitTarget {
  host: HTMLElement;
  link: Element;
  block: Element | null;
}

/**
 * Fits badge hosts: moves each out of a vertically clipping container of its result, then insets
 * it horizontally (CSS custom properties on the host, which the host's `all: initial` reset leaves
 * alone). Reads and writes are batched over all badges — every read, then every write, in three
 * passes — so the page is laid out three times whatever the number of badges, not twice per badge.
 */
export function fitBadges(targets: FitTarget[]): void {
  const live = targets.filter((t) => t.host.isConnected);
  // 1. Which container cuts each badge (reads), then the moves (writes).
  const clippers = live.map((t) => (t.block ? verticalClipper(t.host, t.block) : null));
  live.forEach((t, i) => clippers[i]?.after(t.host));
  for (const t of live) {
    t.host.style.setProperty('--zl-inset-left', '0px');
    t.host.style.setProperty('--zl-inset-right', '0px');
  }
  // 2. Where each badge and its title are, and what its ancestors let through (reads).
  const insets = live.map((t) => {
    const band = visibleBand(t.host);
    const box = t.host.getBoundingClientRect();
    const start = Math.min(Math.max(band.left, titleBox(t.link).left), band.right - MIN_WIDTH);
    return { left: Math.max(0, Math.round(start - box.left)), right: Math.max(0, Math.round(box.right - band.right)) };
  });
  // 3. The insets (writes).
  live.forEach((t, i) => {
    t.host.style.setProperty('--zl-inset-left', `${insets[i].left}px`);
    t.host.style.setProperty('--zl-inset-right', `${insets[i].right}px`);
  });
}
