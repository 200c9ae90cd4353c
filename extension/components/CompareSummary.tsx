import type { QueryCompare } from '../../shared/schemas/extension.ts';

/** From an imported compare report: who answers the query best among the crawled sites, each site's score (English for now). */
export function CompareSummary({ compare }: { compare: QueryCompare }) {
  return (
    <div class="zl-ai" data-field="compare-best" data-winner={compare.winner ?? ''} title={compare.question}>
      <strong>Among the crawled sites: </strong>
      {compare.winner ? <span data-field="compare-winner">{compare.winner} answers this query best</span> : <span class="zl-muted">none answers this query yet</span>}
      <div data-field="compare-sites">
        {compare.sites.map((s) => (
          <span class={s.brand ? 'zl-chip zl-brand' : 'zl-chip'} key={s.site} data-site={s.site}>
            {s.site} {s.score}
          </span>
        ))}
      </div>
    </div>
  );
}
