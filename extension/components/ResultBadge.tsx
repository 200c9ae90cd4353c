import { Component } from 'preact';
import type { QueryCompare, ResultState } from '../../shared/schemas/extension.ts';
import { w } from '../i18n/words.ts';
import type { Party } from '../utils/domains.ts';
import { BadgeDetails } from './BadgeDetails.tsx';
import { ratingOfShare, sameQuestion, to100 } from './format.ts';

function Metric({ label, metric, share, title }: { label: string; metric: string; share: number | null; title?: string }) {
  const rating = share === null ? 'none' : ratingOfShare(share);
  return (
    <span class={`zl-metric zl-rating-${rating}`} data-metric={metric} title={title}>
      <span class="zl-metric-label">{label}</span>
      <span class="zl-metric-value">{share === null ? '–' : to100(share)}</span>
    </span>
  );
}

export interface ResultBadgeProps {
  state: ResultState | undefined;
  party: Party;
  /** The searched query: when the answer was scored for another question, the pill names it. */
  query?: string | null;
  /** Results without a score get a full pill (instead of a quiet marker) when the user asks for it. */
  showUnscored?: boolean;
  /** Called after the details open or close, so the overlay can keep them inside the page. */
  onToggle?: () => void;
  /** The page's AI Overview cites this result's page. */
  aiCited?: boolean;
  /** From an imported compare report: this competitor's score on the query, and the brand's. */
  versus?: QueryCompare['results'][string];
}

/**
 * The ZMOT badge of one organic result: answer score and findability; a click shows why.
 * A class, not hooks: preact/hooks would cost the content script ≈ 1 KB gzipped for one flag.
 */
export class ResultBadge extends Component<ResultBadgeProps, { open: boolean }> {
  state = { open: false };

  componentDidUpdate(_: ResultBadgeProps, previous: { open: boolean }) {
    if (previous.open !== this.state.open) this.props.onToggle?.();
  }

  render({ state, party, query = null, showUnscored = false, aiCited = false, versus }: ResultBadgeProps) {
    const open = this.state.open;
    const setOpen = (next: boolean) => this.setState({ open: next });
    const t = w();
    const quiet = state?.status === 'unscored' && !showUnscored;
    const score = state?.status === 'scored' ? state.score : null;
    const closest = score && score.answerFor !== null && query !== null && !sameQuestion(score.answerFor, query) ? score.answerFor : null;
    return (
      <div class={`zl-badge zl-party-${party}`}>
        <button
          type="button"
          class={quiet ? 'zl-pill zl-quiet' : 'zl-pill'}
          aria-expanded={open}
          title={open ? t.hideWhy : t.showWhy}
          onClick={() => setOpen(!open)}
        >
          <span class="zl-logo" aria-hidden="true">Z</span>
          {aiCited && (
            <span class="zl-ai-mark" data-field="ai-cited" title={t.aiCited}>
              AI
            </span>
          )}
          {versus && (
            <span class="zl-vs" data-field="compare">
              {versus.site} <b>{versus.score}</b> · {t.compareYou} <b>{versus.brand ?? '–'}</b>
            </span>
          )}
          {quiet ? (
            <span class="zl-sr">{t.unscored}</span>
          ) : (
            <>
              {party !== 'other' && <span class={`zl-tag zl-tag-${party}`}>{party === 'brand' ? t.brand : t.competitor}</span>}
              {score ? (
                <>
                  <Metric label={t.answer} metric="answer" share={score.answer} title={score.answer === null ? t.noAnswer : undefined} />
                  <Metric label={t.findability} metric="findability" share={score.findability} />
                  {closest !== null && (
                    <span class="zl-closest" data-field="closest" title={closest}>
                      {t.closest} <q>{closest}</q>
                    </span>
                  )}
                </>
              ) : (
                <span class="zl-muted zl-status">{state?.status === 'unscored' ? t.unscored : t.pending}</span>
              )}
            </>
          )}
        </button>
        {open && <BadgeDetails state={state} />}
      </div>
    );
  }
}
