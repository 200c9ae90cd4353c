import { useEffect, useRef, useState } from 'preact/hooks';
import type { ResultState } from '../../shared/schemas/extension.ts';
import type { Party } from '../utils/domains.ts';
import { BadgeDetails } from './BadgeDetails.tsx';
import { ratingOfShare, to100 } from './format.ts';

// Badge words: short, because the badge sits between a result's title and its snippet.
const TEXT = {
  brand: 'Your brand',
  competitor: 'Competitor',
  answer: 'Answer',
  findability: 'Findability',
  pending: 'scoring…',
  unscored: 'not scored',
  openDetails: 'ZMOT Lens: show why',
  closeDetails: 'ZMOT Lens: hide details',
  noAnswer: 'The report has no question close to this query',
} as const;

function Metric({ label, share, title }: { label: string; share: number | null; title?: string }) {
  const rating = share === null ? 'none' : ratingOfShare(share);
  return (
    <span class={`zl-metric zl-rating-${rating}`} data-metric={label.toLowerCase()} title={title}>
      <span class="zl-metric-label">{label}</span>
      <span class="zl-metric-value">{share === null ? '–' : to100(share)}</span>
    </span>
  );
}

export interface ResultBadgeProps {
  state: ResultState | undefined;
  party: Party;
  /** Called after the details open or close, so the overlay can keep them inside the page. */
  onToggle?: () => void;
}

/** The ZMOT badge of one organic result: answer score and findability; a click shows why. */
export function ResultBadge({ state, party, onToggle }: ResultBadgeProps) {
  const [open, setOpen] = useState(false);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else onToggle?.();
  }, [open]);
  return (
    <div class={`zl-badge zl-party-${party}`}>
      <button type="button" class="zl-pill" aria-expanded={open} title={open ? TEXT.closeDetails : TEXT.openDetails} onClick={() => setOpen(!open)}>
        <span class="zl-logo" aria-hidden="true">Z</span>
        {party !== 'other' && <span class={`zl-tag zl-tag-${party}`}>{party === 'brand' ? TEXT.brand : TEXT.competitor}</span>}
        {state?.status === 'scored' ? (
          <>
            <Metric label={TEXT.answer} share={state.score.answer} title={state.score.answer === null ? TEXT.noAnswer : undefined} />
            <Metric label={TEXT.findability} share={state.score.findability} />
          </>
        ) : (
          <span class="zl-muted zl-status">{state?.status === 'unscored' ? TEXT.unscored : TEXT.pending}</span>
        )}
      </button>
      {open && <BadgeDetails state={state} />}
    </div>
  );
}
