import type { AiOverviewSummary as Summary } from '../../shared/schemas/extension.ts';
import { w } from '../i18n/words.ts';

/** Who the page's AI Overview cites: the brand, competitors, and which cited pages also rank. */
export function AiOverviewSummary({ ai, hasBrand }: { ai: Summary; hasBrand: boolean }) {
  const brand = ai.sources.filter((s) => s.party === 'brand');
  const competitors = [...new Map(ai.sources.filter((s) => s.party === 'competitor').map((s) => [s.domain, s])).values()];
  const organic = ai.sources.filter((s) => s.organicPosition !== null);
  const t = w();
  return (
    <div class="zl-ai" data-field="ai-overview" data-expanded={ai.expanded ? 'yes' : 'no'}>
      <div class="zl-ai-head">
        <strong>{t.aiHeading}</strong>
        {!ai.expanded && <span class="zl-muted"> · {t.aiCollapsed}</span>}
      </div>
      {ai.sources.length === 0 ? (
        <div class="zl-muted">{t.aiNoSources}</div>
      ) : (
        <>
          {hasBrand && (
            <div data-field="ai-brand" data-cited={brand.length ? 'yes' : 'no'}>
              {brand.length ? (
                <strong class="zl-brand">
                  {t.aiBrandCited} ([{brand.map((s) => s.position).join('], [')}])
                </strong>
              ) : (
                <span>{t.aiBrandNotCited}</span>
              )}
            </div>
          )}
          <div data-field="ai-competitors">
            {t.aiCompetitors}:{' '}
            {competitors.length ? (
              competitors.map((c) => (
                <span class="zl-chip zl-competitor" key={c.domain} data-domain={c.domain}>
                  [{c.position}] {c.domain}
                </span>
              ))
            ) : (
              <span class="zl-muted">{t.aiNoCompetitors}</span>
            )}
          </div>
          <div data-field="ai-organic">
            {t.aiAlsoOrganic}:{' '}
            {organic.length ? (
              organic.map((s) => (
                <span class="zl-chip" key={s.position} data-domain={s.domain} title={s.title}>
                  [{s.position}] #{s.organicPosition} {s.domain}
                </span>
              ))
            ) : (
              <span class="zl-muted">{t.aiNone}</span>
            )}
          </div>
        </>
      )}
    </div>
  );
}
