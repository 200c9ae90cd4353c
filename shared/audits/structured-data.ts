import type { AuditItem } from '../schemas/index.ts';
import { validateStructuredData } from '../structured-data/index.ts';
import { defineAudit, notApplicable } from './types.ts';

const UIStrings = {
  title: 'Structured data is eligible for rich results',
  failureTitle: 'Structured data is not eligible for rich results',
  description: 'Valid JSON-LD, microdata or RDFa (Product, FAQPage, HowTo, Article…) can earn rich results, which take more room on the results page.',
  none: 'No structured data on the page: no rich result is possible.',
  eligible: (n: number, total: number) => `${n} of ${total} rich result${total === 1 ? '' : 's'} eligible`,
  noFeature: 'The structured data does not describe any rich-result type.',
  errors: (n: number) => `${n} error${n === 1 ? '' : 's'} in the structured data`,
};

const MAX_ITEMS = 200;

/**
 * Outcome = rich-result eligibility: the share of rich-result candidates that are eligible. Without
 * candidates, valid markup passes and markup with errors fails. Items list every issue, errors first.
 */
export default defineAudit({
  meta: { id: 'structured-data', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'structured-data', requires: ['jsonLd', 'microdata', 'rdfa'] },
  run(a) {
    if (a.jsonLd.length === 0 && a.microdata.length === 0 && a.rdfa.length === 0) return notApplicable(UIStrings.none);
    const report = validateStructuredData(a.jsonLd, a.microdata, { rdfa: a.rdfa });
    const errors = report.issues.filter((i) => i.severity === 'error');
    const ordered = [...errors, ...report.issues.filter((i) => i.severity !== 'error')];
    const items: AuditItem[] = ordered.slice(0, MAX_ITEMS).map((i) => ({
      severity: i.severity,
      type: i.type,
      path: i.path,
      property: i.property,
      message: i.message,
    }));
    const ineligible = report.richResults.filter((r) => !r.eligible);
    // Features lost are items too: which entity, and what it misses.
    for (const r of ineligible.slice(0, MAX_ITEMS)) {
      items.unshift({ severity: 'error', type: r.type, path: r.path, property: [...r.missing, ...r.invalid].join(', ') || null, message: `Not eligible for ${r.feature}` });
    }
    const warnings = report.richResults.filter((r) => r.eligible && r.notice).map((r) => `${r.feature}: ${r.notice}`);
    const candidates = report.richResults.length;
    if (candidates > 0) {
      const eligible = candidates - ineligible.length;
      return { score: eligible / candidates, scoreDisplayMode: 'numeric', displayValue: UIStrings.eligible(eligible, candidates), items, warnings };
    }
    if (errors.length) return { score: 0, displayValue: UIStrings.errors(errors.length), explanation: UIStrings.noFeature, items, warnings };
    return { score: 1, explanation: UIStrings.noFeature, items, warnings };
  },
});
