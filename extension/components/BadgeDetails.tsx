import type { ResultScore, ResultState } from '../../shared/schemas/extension.ts';
import { StageBars } from './StageBars.tsx';
import { shortDate } from './format.ts';
import { w } from '../i18n/words.ts';

// Words of the details panel (i18n/words.ts); page-derived text is always rendered as text by Preact.
const lost = (share: number) => (share * 100 < 1 ? '−<1 pt' : `−${Math.round(share * 100)} pts`);

function ScoreDetails({ score }: { score: ResultScore }) {
  const TEXT = w();
  return (
    <div class="zl-details-body">
      <p class="zl-muted">{score.source === 'report' ? TEXT.fromReport(shortDate(score.scoredAt)) : TEXT.live(shortDate(score.scoredAt))}</p>
      {score.answerFor !== null && (
        <p>
          {TEXT.answerFor} <q class="zl-question">{score.answerFor}</q>
        </p>
      )}
      {!score.indexable && <p class="zl-warn">{TEXT.notIndexable}</p>}
      <h4>{TEXT.stageProfile}</h4>
      {score.stageProfile ? <StageBars profile={score.stageProfile} /> : <p class="zl-muted">{TEXT.noProfile}</p>}
      <h4>{TEXT.failing}</h4>
      {score.failing.length ? (
        <ul class="zl-failing">
          {score.failing.map((f) => (
            <li key={f.id}>
              <span>{TEXT.message(f.title)}</span> <span class="zl-muted">{lost(f.lost)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="zl-muted">{TEXT.noFailing}</p>
      )}
      <h4>{TEXT.passage}</h4>
      {score.passage ? (
        <blockquote class="zl-passage">
          {score.passage.heading !== null && <strong class="zl-passage-heading">{score.passage.heading}</strong>}
          <span>{score.passage.excerpt}</span>
        </blockquote>
      ) : (
        <p class="zl-muted">{TEXT.noPassage}</p>
      )}
      {score.notes.length > 0 && (
        <>
          <h4>{TEXT.notes}</h4>
          <ul class="zl-notes">
            {score.notes.map((n, i) => (
              <li key={i}>{TEXT.message(n)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** What a click on a badge opens: source, stage profile, failing audits, the answering passage. */
export function BadgeDetails({ state }: { state: ResultState | undefined }) {
  const TEXT = w();
  return (
    <div class="zl-details" role="region">
      {state?.status === 'scored' ? (
        <ScoreDetails score={state.score} />
      ) : state?.status === 'unscored' ? (
        <p class="zl-details-body">{TEXT.message(state.message)}</p>
      ) : (
        <p class="zl-details-body zl-muted">{TEXT.scoringPage}</p>
      )}
    </div>
  );
}
