import type { AuditItem } from '../schemas/index.ts';
import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Page has Open Graph metadata',
  failureTitle: 'Open Graph metadata is missing or invalid',
  description: 'og:title, og:type, og:image and og:url decide how the page looks when a prospect shares it (and in some search features).',
  missing: 'missing',
  empty: 'empty',
  notAbsolute: 'not an absolute http(s) URL',
  noDescription: 'No og:description: shares show no summary.',
};

/** The four properties ogp.me requires of every page. */
const REQUIRED = ['og:title', 'og:type', 'og:image', 'og:url'] as const;
const URL_VALUED = new Set(['og:image', 'og:url']);

function isAbsoluteHttp(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export default defineAudit({
  meta: { id: 'open-graph', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'content', requires: ['openGraph'] },
  run(a) {
    const og = a.openGraph;
    const items: AuditItem[] = [];
    for (const property of REQUIRED) {
      const value = og[property];
      if (value === undefined) items.push({ property, problem: UIStrings.missing });
      else if (!value.trim()) items.push({ property, problem: UIStrings.empty });
      else if (URL_VALUED.has(property) && !isAbsoluteHttp(value.trim())) items.push({ property, value, problem: UIStrings.notAbsolute });
    }
    const warnings = og['og:description']?.trim() ? [] : [UIStrings.noDescription];
    const ok = REQUIRED.length - items.length;
    if (!items.length) return { score: 1, warnings };
    // Partial credit: each required property counts for a quarter.
    return { score: ok / REQUIRED.length, scoreDisplayMode: 'numeric', displayValue: `${ok} of ${REQUIRED.length} required properties`, items, warnings };
  },
});
