import type { QueryCompare } from '../../shared/schemas/extension.ts';
import { w } from '../i18n/words.ts';

/** From an imported compare report: who answers the query best among the crawled sites, each site's score. */
export function CompareSummary({ compare }: { compare: QueryCompare }) {
  const t = w();
  return (
    <div class="zl-ai" data-field="compare-best" data-winner={compare.winner ?? ''} title={compare.question}>
      <strong>{t.compareHeading} </strong>
      {compare.winner ? <span data-field="compare-winner">{t.compareWinner(compare.winner)}</span> : <span class="zl-muted">{t.compareNone}</span>}
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
