import type { SiteIssue } from '../../schemas/index.ts';
import { defineSiteAudit } from '../types.ts';

/** Pages deeper than this many clicks from the start page are hard for crawlers and prospects to reach. */
export const MAX_CLICK_DEPTH = 3;

/** Indexable pages more than MAX_CLICK_DEPTH clicks from the start page. */
export default defineSiteAudit({
  id: 'click-depth',
  title: `Pages are within ${MAX_CLICK_DEPTH} clicks of the start page`,
  failureTitle: `Pages are more than ${MAX_CLICK_DEPTH} clicks deep`,
  check({ htmlPages }) {
    const issues: SiteIssue[] = [];
    for (const p of htmlPages) {
      if (p.depth !== null && p.depth > MAX_CLICK_DEPTH && p.indexable) {
        issues.push({ type: 'deep-page', severity: 'notice', message: `${p.depth} clicks from the start page (more than ${MAX_CLICK_DEPTH}).`, url: p.url, items: [{ depth: p.depth }] });
      }
    }
    return { issues, population: htmlPages.length };
  },
});
