/**
 * Where the summary panel goes so that it covers nothing Google shows. Beside the results column
 * when the free band to the right of everything (results column and right-hand panel, maps
 * included) is wide enough; otherwise a bar in the page's flow, just above the organic results, that
 * pushes them down rather than covering them. Decided from the parser's result blocks, re-decided
 * on resize.
 */

export type DockMode = 'side' | 'bar';

export interface Dock {
  mode: DockMode;
  /** Side mode: page coordinates of the panel's top-left corner. */
  left: number;
  top: number;
  /** Bar mode: the element the bar goes before (in the results column). */
  before: Element | null;
  /** Widest the panel may be and stay in view. */
  maxWidth: number;
}

/** The side panel's width and the gap it keeps from what it sits beside. */
export const SIDE_WIDTH = 320;
const GAP = 16;


function visibleBox(el: Element | null): DOMRect | null {
  if (!el) return null;
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 ? box : null;
}

/** The dock for a page whose organic result blocks are `blocks` (in page order). */
export function chooseDock(doc: Document, blocks: readonly Element[]): Dock {
  const view = doc.defaultView!;
  const viewport = doc.documentElement.clientWidth || view.innerWidth;
  const boxes = blocks.map(visibleBox).filter((b): b is DOMRect => b !== null);
  let occupiedRight = 0;
  let top = Infinity;
  for (const box of boxes) {
    occupiedRight = Math.max(occupiedRight, box.right);
    top = Math.min(top, box.top);
  }
  // Everything Google draws from the first result down (results, featured-snippet images, banners, the
  // right-hand panel and maps): the side panel goes right of all of it. Full-width wrappers are skipped.
  const scope = doc.querySelector('#main') ?? doc.body;
  for (const el of Array.from(scope.querySelectorAll('*'))) {
    if (el.localName.startsWith('zmot-')) continue;
    const box = el.getBoundingClientRect();
    // Above the first result (search tabs, tools) is not where the panel goes.
    if (box.bottom <= top + 1) continue;
    if (box.width > 0 && box.height > 0 && box.width < viewport * 0.9 && box.right > occupiedRight) occupiedRight = box.right;
  }
  const left = occupiedRight + GAP;
  if (boxes.length && left + SIDE_WIDTH + GAP <= viewport) {
    return { mode: 'side', left: Math.round(left + view.scrollX), top: Math.round(top + view.scrollY), before: null, maxWidth: SIDE_WIDTH };
  }
  const before = barAnchor(doc, blocks);
  // A desktop layout on a narrow window overflows the viewport: the bar stays within what is seen.
  const barLeft = before ? Math.max(0, before.getBoundingClientRect().left) : 0;
  return { mode: 'bar', left: 0, top: 0, before, maxWidth: Math.max(200, Math.round(viewport - barLeft - 8)) };
}

/**
 * The bar goes before the organic list (#rso, or the first result's block when there is none), so it
 * sits in the results column under Google's own header, tabs and top ads.
 */
function barAnchor(doc: Document, blocks: readonly Element[]): Element | null {
  const first = blocks[0] ?? null;
  const list = doc.querySelector('#rso');
  if (list && (!first || list.contains(first))) return list;
  return first;
}
