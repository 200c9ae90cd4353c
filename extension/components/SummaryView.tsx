import type { PageSummary } from '../../shared/schemas/extension.ts';
import { w } from '../i18n/words.ts';
import { AiOverviewSummary } from './AiOverviewSummary.tsx';
import { CompareSummary } from './CompareSummary.tsx';
import { STAGES } from './format.ts';

/** At or above this confidence the query's stage is stated; below it, it reads "probably …?". */
export const STAGE_SURE = 0.5;
/** Below this confidence the stage is left out ("unclear"): a guess would mislead more than help. */
export const STAGE_SHOWN = 0.2;

/** The results page in a few lines: stage of the query, brand, competitors, stages served. */
export function SummaryView({ summary, hasBrand }: { summary: PageSummary; hasBrand: boolean }) {
  const t = w();
  const confidence = summary.confidence ?? 0;
  const stage = summary.stage && confidence >= STAGE_SHOWN ? summary.stage : null;
  const unscored = summary.organicCount - summary.scored;
  return (
    <>
    {summary.aiOverview && <AiOverviewSummary ai={summary.aiOverview} hasBrand={hasBrand} />}
    {summary.compare && <CompareSummary compare={summary.compare} />}
    <dl class="zl-summary">
      <dt>{t.queryStage}</dt>
      <dd data-field="stage">
        {stage ? (
          <>
            <span class={`zl-chip zl-stage-${stage}`} title={t.stageHint[stage]} data-stage={stage} data-sure={confidence >= STAGE_SURE ? 'yes' : 'no'}>
              {confidence >= STAGE_SURE ? t.stage[stage] : t.probably(t.stage[stage])}
            </span>
            <span class="zl-muted"> {t.sure(Math.round(confidence * 100))}</span>
          </>
        ) : (
          <span class="zl-muted">{t.unclear}</span>
        )}
      </dd>
      <dt>{t.brand}</dt>
      <dd data-field="brand-position">
        {summary.brandPosition !== null ? (
          <strong class="zl-brand">#{summary.brandPosition}</strong>
        ) : (
          <span class="zl-muted">{hasBrand ? t.brandAbsent : t.brandUnset}</span>
        )}
      </dd>
      <dt>{t.competitors}</dt>
      <dd data-field="competitors">
        {summary.competitors.length ? (
          summary.competitors.map((c) => (
            <span class="zl-chip zl-competitor" key={c.domain} data-domain={c.domain}>
              #{c.position} {c.domain}
            </span>
          ))
        ) : (
          <span class="zl-muted">{t.noCompetitors}</span>
        )}
      </dd>
      <dt>{t.serves}</dt>
      <dd data-field="stage-counts">
        {STAGES.map((s) => (
          <span class={`zl-count zl-stage-${s}`} key={s} data-stage={s}>
            {t.stage[s]} <strong>{summary.stageCounts[s]}</strong>
          </span>
        ))}
        {unscored > 0 && (
          <span class="zl-count zl-muted" data-stage="unscored">
            {t.notScored} <strong>{unscored}</strong>
          </span>
        )}
        <div class="zl-muted">{t.scored(summary.scored, summary.organicCount)}</div>
      </dd>
    </dl>
    </>
  );
}
