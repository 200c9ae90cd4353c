// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ResultState } from '../../shared/schemas/extension.ts';
import { SERP_SELECTORS, mayClosest } from '../../shared/serp/selectors.ts';
import { parseSerp, type SerpNodes } from '../../shared/serp/parse.ts';
import { Overlay, type OverlayBackend } from '../../extension/entrypoints/google.content/overlay.tsx';
import { readSavedSerpPage, savedSerpPages } from '../helpers/serp-fixtures.ts';
import { loadIntoDocument, useContentScriptContext } from './helpers.ts';

// Badges go on the organic result blocks the parser found, and nowhere else: never on an ad, a
// Shopping unit, a Top stories or video card or a local pack, even when those link to the very
// address of an organic result (the parser's own node pairs a result with its block, once).

const PAGE_URL = 'https://www.google.com/search';
/** Every saved results page: the shared fixtures (2022–2023 layouts), the 2026 mobile page and the project's own (German, AI Overview). */
const PAGES = savedSerpPages(['shared', 'shared-2026', 'project']);

const unscored: OverlayBackend = {
  lookup: async (_q, _l, urls) => ({ classification: null, results: Object.fromEntries(urls.map((u) => [u, { status: 'unscored', reason: 'not-in-report', message: 'not in the report' } as ResultState])) }),
  live: async () => ({ status: 'unscored', reason: 'error', message: 'x' }),
  addQuestions: async () => ({ added: 0, total: 0 }),
};

const context = useContentScriptContext();

/** Title links that are not organic results: ads, Shopping, news and video cards, local pack, PAA. */
function nonOrganicTitleLinks(doc: Document): HTMLAnchorElement[] {
  const links = new Set<HTMLAnchorElement>();
  for (const a of Array.from(doc.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    if (!mayClosest(a, SERP_SELECTORS.notOrganic)) continue;
    if (a.querySelector('h3, [role="heading"]') || a.closest('h3')) links.add(a);
  }
  return [...links];
}

/** Runs the overlay and returns, per organic position, the badge host and the parser's nodes. */
async function overlayOn(doc: Document) {
  const nodes: SerpNodes = { organic: [] };
  const serp = parseSerp(doc, PAGE_URL, nodes);
  const overlay = new Overlay(context(), { doc, pageUrl: PAGE_URL, backend: unscored });
  await overlay.run();
  const hosts = Array.from(doc.querySelectorAll<HTMLElement>('zmot-badge'));
  return { serp, nodes, hosts, overlay };
}

function expectOnOrganicBlocks(doc: Document, serp: ReturnType<typeof parseSerp>, nodes: SerpNodes, hosts: HTMLElement[]): void {
  expect(hosts).toHaveLength(serp.organic.length);
  for (const [i, result] of serp.organic.entries()) {
    const host = hosts.find((h) => h.dataset.zmotPosition === String(result.position));
    expect(host, `badge of #${result.position}`).toBeDefined();
    const { link, block } = nodes.organic[i];
    // Right after the result's own title link, inside the block that holds its title and snippet.
    expect(host!.previousElementSibling).toBe(link);
    expect(block.contains(host!)).toBe(true);
    expect(block.textContent).toContain(result.title.slice(0, 20));
    // Never inside an ad, Shopping, news/video carousel, local pack, PAA or the right-hand panel.
    expect(mayClosest(host!, SERP_SELECTORS.notOrganic)).toBeNull();
  }
}

let pagesWithDecoys = 0;

describe('badges on every saved results page', () => {
  for (const page of PAGES) {
    const name = page.name;
    it(`${name}: one badge per organic result, on the parser's block of that result; none on ads, Shopping, news cards or local results linking to the same address`, async () => {
      const doc = loadIntoDocument(readSavedSerpPage(page));
      const before = parseSerp(doc, PAGE_URL);
      // Each non-organic title link now points where an organic result points (what ads of the
      // same site and a news card of the same article do on real pages): a badge placed by URL
      // would land on them.
      const decoys = before.organic.length ? nonOrganicTitleLinks(doc) : [];
      decoys.forEach((a, i) => a.setAttribute('href', before.organic[i % before.organic.length].url));
      if (decoys.length) pagesWithDecoys++;
      const { serp, nodes, hosts, overlay } = await overlayOn(doc);
      if (serp.kind !== 'results') expect(hosts).toHaveLength(0);
      else {
        expect(serp.organic.map((r) => r.url)).toEqual(before.organic.map((r) => r.url));
        expectOnOrganicBlocks(doc, serp, nodes, hosts);
      }
      for (const a of decoys) expect(a.nextElementSibling?.tagName).not.toBe('ZMOT-BADGE');
      overlay.dispose();
    });
  }

  it('the saved pages hold such decoys (ads, Shopping, news or local title links) on several layouts', () => {
    expect(pagesWithDecoys).toBeGreaterThanOrEqual(4);
  });
});
