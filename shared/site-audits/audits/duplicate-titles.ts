import type { SiteIssue } from '../../schemas/index.ts';
import { groupBy, itemCount, normalizeText } from '../lib.ts';
import { defineSiteAudit } from '../types.ts';

/** Pages that compete in search with the same title. */
export default defineSiteAudit({
  id: 'duplicate-titles',
  title: 'Titles are unique',
  failureTitle: 'Pages share the same title',
  check({ competing }) {
    const issues: SiteIssue[] = [];
    for (const group of groupBy(competing, (p) => normalizeText(p.title)).values()) {
      if (group.length < 2) continue;
      issues.push({ type: 'duplicate-title', severity: 'warning', message: `${group.length} indexable pages share the same title.`, url: group[0].url, items: group.map((p) => ({ url: p.url, title: p.title })) });
    }
    return { issues, population: competing.length, affected: itemCount(issues) };
  },
});
