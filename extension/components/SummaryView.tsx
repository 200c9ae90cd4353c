import type { PageSummary } from '../../shared/schemas/extension.ts';
import { STAGE_HINTS, STAGE_LABELS, STAGES } from './format.ts';

// Summary words, shared by the panel on the results page and the popup.
const TEXT = {
  stage: 'Query stage',
  unclassified: 'not classified',
  confidence: (n: number) => `${n}% sure`,
  brand: 'Your brand',
  brandAt: (n: number) => `#${n}`,
  brandAbsent: 'not in these results',
  brandUnset: 'set your domains in the options',
  competitors: 'Competitors',
  noCompetitors: 'none in these results',
  serves: 'Results serving each stage',
  unknown: 'unknown',
  scored: (n: number, of: number) => `${n} of ${of} results scored`,
} as const;

/** The results page in a few lines: stage of the query, brand, competitors, stages served. */
export function SummaryView({ summary, hasBrand }: { summary: PageSummary; hasBrand: boolean }) {
  return (
    <dl class="zl-summary">
      <dt>{TEXT.stage}</dt>
      <dd>
        {summary.stage ? (
          <span class={`zl-chip zl-stage-${summary.stage}`} title={STAGE_HINTS[summary.stage]} data-stage={summary.stage}>
            {STAGE_LABELS[summary.stage]}
          </span>
        ) : (
          <span class="zl-muted">{TEXT.unclassified}</span>
        )}
        {summary.confidence !== null && summary.stage && <span class="zl-muted"> {TEXT.confidence(Math.round(summary.confidence * 100))}</span>}
      </dd>
      <dt>{TEXT.brand}</dt>
      <dd data-field="brand-position">
        {summary.brandPosition !== null ? (
          <strong class="zl-brand">{TEXT.brandAt(summary.brandPosition)}</strong>
        ) : (
          <span class="zl-muted">{hasBrand ? TEXT.brandAbsent : TEXT.brandUnset}</span>
        )}
      </dd>
      <dt>{TEXT.competitors}</dt>
      <dd data-field="competitors">
        {summary.competitors.length ? (
          summary.competitors.map((c) => (
            <span class="zl-chip zl-competitor" key={c.position}>
              #{c.position} {c.domain}
            </span>
          ))
        ) : (
          <span class="zl-muted">{TEXT.noCompetitors}</span>
        )}
      </dd>
      <dt>{TEXT.serves}</dt>
      <dd data-field="stage-counts">
        {STAGES.map((stage) => (
          <span class={`zl-count zl-stage-${stage}`} key={stage} data-stage={stage}>
            {STAGE_LABELS[stage]} <strong>{summary.stageCounts[stage]}</strong>
          </span>
        ))}
        <span class="zl-count zl-muted" data-stage="unknown">
          {TEXT.unknown} <strong>{summary.stageCounts.unknown}</strong>
        </span>
        <div class="zl-muted">{TEXT.scored(summary.scored, summary.organicCount)}</div>
      </dd>
    </dl>
  );
}
