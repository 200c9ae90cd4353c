import type { AiOverviewSummary as Summary } from '../../shared/schemas/extension.ts';

// The panel's AI Overview lines (English for now; the overlay's word lists can take them over).
const UIStrings = {
  heading: 'AI Overview',
  collapsed: 'collapsed: open "Show more" to read all of it',
  brandCited: 'Your site is cited',
  brandNotCited: 'Your site is not cited',
  competitors: 'Competitors cited',
  noCompetitors: 'no competitor cited',
  alsoOrganic: 'Cited and also in the results',
  none: 'none',
  noSources: 'No cited source could be read.',
};

/** Who the page's AI Overview cites: the brand, competitors, and which cited pages also rank. */
export function AiOverviewSummary({ ai, hasBrand }: { ai: Summary; hasBrand: boolean }) {
  const brand = ai.sources.filter((s) => s.party === 'brand');
  const competitors = [...new Map(ai.sources.filter((s) => s.party === 'competitor').map((s) => [s.domain, s])).values()];
  const organic = ai.sources.filter((s) => s.organicPosition !== null);
  return (
    <div class="zl-ai" data-field="ai-overview" data-expanded={ai.expanded ? 'yes' : 'no'}>
      <div class="zl-ai-head">
        <strong>{UIStrings.heading}</strong>
        {!ai.expanded && <span class="zl-muted"> · {UIStrings.collapsed}</span>}
      </div>
      {ai.sources.length === 0 ? (
        <div class="zl-muted">{UIStrings.noSources}</div>
      ) : (
        <>
          {hasBrand && (
            <div data-field="ai-brand" data-cited={brand.length ? 'yes' : 'no'}>
              {brand.length ? (
                <strong class="zl-brand">
                  {UIStrings.brandCited} ([{brand.map((s) => s.position).join('], [')}])
                </strong>
              ) : (
                <span>{UIStrings.brandNotCited}</span>
              )}
            </div>
          )}
          <div data-field="ai-competitors">
            {UIStrings.competitors}:{' '}
            {competitors.length ? (
              competitors.map((c) => (
                <span class="zl-chip zl-competitor" key={c.domain} data-domain={c.domain}>
                  [{c.position}] {c.domain}
                </span>
              ))
            ) : (
              <span class="zl-muted">{UIStrings.noCompetitors}</span>
            )}
          </div>
          <div data-field="ai-organic">
            {UIStrings.alsoOrganic}:{' '}
            {organic.length ? (
              organic.map((s) => (
                <span class="zl-chip" key={s.position} data-domain={s.domain} title={s.title}>
                  [{s.position}] #{s.organicPosition} {s.domain}
                </span>
              ))
            ) : (
              <span class="zl-muted">{UIStrings.none}</span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
