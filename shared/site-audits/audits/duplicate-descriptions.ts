import type { SiteIssue } from '../../schemas/index.ts';
import { groupBy, itemCount, normalizeText } from '../lib.ts';
import { defineSiteAudit } from '../types.ts';

/** Pages that compete in search with the same meta description. */
export default defineSiteAudit({
  id: 'duplicate-descriptions',
  title: 'Meta descriptions are unique',
  failureTitle: 'Pages share the same meta description',
  check({ competing }) {
    const issues: SiteIssue[] = [];
    for (const group of groupBy(competing, (p) => normalizeText(p.metaDescription)).values()) {
      if (group.length < 2) continue;
      issues.push({
        type: 'duplicate-description',
        severity: 'warning',
        message: `${group.length} indexable pages share the same meta description.`,
        url: group[0].url,
        items: group.map((p) => ({ url: p.url, description: p.metaDescription })),
      });
    }
    return { issues, population: competing.length, affected: itemCount(issues) };
  },
});
