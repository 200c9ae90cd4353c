import { isSameSite } from '../../extract/url.ts';
import type { SiteIssue } from '../../schemas/index.ts';
import { isBroken, statusLabel, urlKey } from '../lib.ts';
import { defineSiteAudit, type SiteLink } from '../types.ts';

const MAX_LINKERS_LISTED = 50;
const message = (status: string, n: number) => `Internal link target returns ${status}; linked from ${n} page${n === 1 ? '' : 's'}.`;

/** Broken internal links, with the pages that link to them. */
export default defineSiteAudit({
  id: 'broken-links',
  title: 'Internal links lead to working pages',
  failureTitle: 'Internal links lead to broken pages',
  check({ input, lookup }) {
    const linkers = new Map<string, SiteLink[]>();
    const targets = new Set<string>();
    for (const link of input.links) {
      targets.add(urlKey(link.to));
      if (!isSameSite(link.from, link.to) && !isSameSite(input.startUrl, link.to)) continue;
      const target = lookup.resolve(link.to);
      if (!target || !isBroken(target.page)) continue;
      const k = urlKey(link.to);
      const list = linkers.get(k) ?? [];
      list.push(link);
      linkers.set(k, list);
    }
    const issues: SiteIssue[] = [];
    for (const [to, links] of linkers) {
      const target = lookup.resolve(to)!.page;
      const from = [...new Set(links.map((l) => l.from))];
      issues.push({
        type: 'broken-link',
        severity: 'error',
        message: message(statusLabel(target), from.length),
        url: to,
        items: from.slice(0, MAX_LINKERS_LISTED).map((f) => ({ from: f, text: links.find((l) => l.from === f)?.text ?? '', status: target.status })),
      });
    }
    return { issues, population: targets.size };
  },
});
