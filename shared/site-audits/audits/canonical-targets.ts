import type { SiteIssue } from '../../schemas/index.ts';
import { isBroken, statusLabel, urlKey } from '../lib.ts';
import { defineSiteAudit } from '../types.ts';

/** Canonical targets that cannot be indexed themselves. */
export default defineSiteAudit({
  id: 'canonical-targets',
  title: 'Canonical targets are indexable',
  failureTitle: 'Canonical targets are not indexable',
  check({ htmlPages, lookup }) {
    const issues: SiteIssue[] = [];
    for (const p of htmlPages) {
      if (!p.canonical || urlKey(p.canonical) === urlKey(p.url)) continue;
      const found = lookup.resolve(p.canonical);
      if (!found) continue;
      const t = found.page;
      let why: string | null = null;
      if (isBroken(t)) why = `returns ${statusLabel(t)}`;
      else if (found.redirected) why = `redirects to ${t.url}`;
      else if (t.noindex) why = 'is noindex';
      else if (!t.indexable) why = 'is not indexable';
      else if (t.canonical && urlKey(t.canonical) !== urlKey(t.url)) why = `declares another canonical (${t.canonical})`;
      if (why) issues.push({ type: 'canonical-target-not-indexable', severity: 'error', message: `Canonical points to ${p.canonical}, which ${why}.`, url: p.url, items: [{ canonical: p.canonical, reason: why }] });
    }
    return { issues, population: htmlPages.filter((p) => p.canonical && urlKey(p.canonical) !== urlKey(p.url)).length };
  },
});
