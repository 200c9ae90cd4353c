import type { AiOverviewSummary } from '../../shared/schemas/extension.ts';
import type { Serp } from '../../shared/schemas/serp.ts';
import { partyOf } from './domains.ts';
import { urlKey } from '../../shared/url.ts';
import type { Settings } from '../../shared/schemas/extension.ts';

/** Same page for the overlay: the shared URL identity (scheme, "www.", trailing slash, tracking parameters do not matter). */
function pageKey(url: string): string {
  return urlKey(url) || url;
}

/**
 * The AI Overview's cited sources with their party (brand, competitor) and, when the same page is
 * also an organic result, its organic position. Null when the page has no AI Overview.
 */
export function aiOverviewSummary(serp: Serp, settings: Pick<Settings, 'brandDomains' | 'competitorDomains'>): AiOverviewSummary | null {
  if (!serp.aiOverview.present) return null;
  const organicByPage = new Map(serp.organic.map((r) => [pageKey(r.url), r.position]));
  return {
    expanded: serp.aiOverview.expanded,
    sources: serp.aiOverview.sources.slice(0, 50).map((s) => ({
      position: s.position,
      domain: s.domain.slice(0, 253),
      title: s.title.slice(0, 300),
      party: partyOf(s.domain, settings),
      organicPosition: organicByPage.get(pageKey(s.url)) ?? null,
    })),
  };
}

/** Organic positions whose page the AI Overview cites: their badges get a mark. */
export function citedOrganicPositions(summary: AiOverviewSummary | null): Set<number> {
  return new Set((summary?.sources ?? []).map((s) => s.organicPosition).filter((p): p is number => p !== null));
}

/**
 * Calls `onChange` (debounced) when the AI Overview box changes — Google fills and expands it after
 * "Show more" — so a collapsed overview is read again once the user opens it. Observes the DOM only;
 * never runs or calls the page's scripts. Returns the disconnect function.
 */
export function watchAiOverview(box: Element, onChange: () => void, debounceMs = 250): () => void {
  const view = box.ownerDocument?.defaultView;
  const Observer = view?.MutationObserver ?? (typeof MutationObserver === 'undefined' ? undefined : MutationObserver);
  if (!Observer) return () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new Observer(() => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  observer.observe(box, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style', 'aria-expanded'] });
  return () => {
    clearTimeout(timer);
    observer.disconnect();
  };
}
