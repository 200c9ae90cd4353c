import type { SiteIssue } from '../../schemas/index.ts';
import { groupBy, itemCount } from '../lib.ts';
import { hammingDistance } from '../simhash.ts';
import { defineSiteAudit, type SitePage } from '../types.ts';

/** 64-bit SimHash distance at or under which two pages are near-duplicates (Manku et al., Google, 2007). */
export const NEAR_DUPLICATE_BITS = 3;

/** Near-duplicate groups by SimHash: 4 bands of 16 bits find every pair within 3 bits (pigeonhole), then union-find. */
function nearDuplicateGroups(pages: SitePage[]): Array<Array<{ page: SitePage; distance: number }>> {
  const withPrint = pages.filter((p) => p.fingerprint && /^[0-9a-f]{16}$/.test(p.fingerprint));
  const parent = withPrint.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const buckets = new Map<string, number[]>();
  withPrint.forEach((p, i) => {
    for (let band = 0; band < 4; band++) {
      const key = `${band}:${(p.fingerprint as string).slice(band * 4, band * 4 + 4)}`;
      const b = buckets.get(key);
      if (b) b.push(i);
      else buckets.set(key, [i]);
    }
  });
  for (const members of buckets.values()) {
    if (members.length < 2 || members.length > 2000) continue; // A huge bucket is boilerplate-only pages; pairs there are noise.
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x], members[y]];
        if (find(i) === find(j)) continue;
        if (hammingDistance(withPrint[i].fingerprint as string, withPrint[j].fingerprint as string) <= NEAR_DUPLICATE_BITS) parent[find(i)] = find(j);
      }
    }
  }
  const groups = groupBy(withPrint.map((p, i) => ({ p, root: String(find(i)) })), (x) => x.root);
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => g.map(({ p }) => ({ page: p, distance: hammingDistance(g[0].p.fingerprint as string, p.fingerprint as string) })));
}

/** Pages that compete in search with nearly the same main content. */
export default defineSiteAudit({
  id: 'near-duplicate-content',
  title: 'No near-duplicate content',
  failureTitle: 'Pages have near-duplicate content',
  check({ competing }) {
    const issues: SiteIssue[] = nearDuplicateGroups(competing).map((group) => ({
      type: 'near-duplicate',
      severity: 'warning',
      message: `${group.length} indexable pages have nearly the same main content.`,
      url: group[0].page.url,
      items: group.map(({ page, distance }) => ({ url: page.url, title: page.title, words: page.wordCount, bitsApart: distance })),
    }));
    return { issues, population: competing.length, affected: itemCount(issues) };
  },
});
