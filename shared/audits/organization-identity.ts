import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Identifies the organisation behind the site',
  failureTitle: 'Identifies the organisation only in part',
  description:
    'Organization or LocalBusiness markup with the name, legal name and postal address tells search engines and prospects which real company stands behind the site. Usually on the home or about page: judged site-wide (organization-identity-site); a page without it is listed, not failed.',
  none: 'No Organization or LocalBusiness markup on this page.',
  partial: (missing: string[]) => `The markup names the organisation but not its ${missing.join(' or ')}.`,
};

/** 0..1: a name is half; the address and the legal name a quarter each. */
export function identityScore(org: { name: string | null; legalName: string | null; address: string | null }): number {
  return (org.name || org.legalName ? 0.5 : 0) + (org.address ? 0.25 : 0) + (org.legalName ? 0.25 : 0);
}

export default defineAudit({
  meta: { id: 'organization-identity', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'people', requires: ['humanSignals'] },
  run(a) {
    const orgs = a.humanSignals.organizations;
    if (!orgs.length) return { score: null, scoreDisplayMode: 'informative', explanation: UIStrings.none };
    const best = orgs.reduce((x, y) => (identityScore(y) > identityScore(x) ? y : x));
    const items = orgs.map((o) => ({ type: o.type, name: o.name, legalName: o.legalName, address: o.address, source: o.source }));
    const missing = [!best.address && 'postal address', !best.legalName && 'legal name'].filter((s): s is string => !!s);
    const score = identityScore(best);
    return { score, displayValue: best.legalName ?? best.name ?? best.type, explanation: missing.length ? UIStrings.partial(missing) : undefined, items };
  },
});
