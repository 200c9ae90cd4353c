import type { PageSummary } from '../../shared/schemas/extension.ts';
import { w } from '../i18n/words.ts';
import { SummaryView } from './SummaryView.tsx';

export type CollectState = { status: 'idle' } | { status: 'busy' } | { status: 'done'; added: number; total: number } | { status: 'failed'; message: string };

export interface SummaryPanelProps {
  summary: PageSummary;
  hasBrand: boolean;
  collect: CollectState;
  onCollect: () => void;
  /** Beside the results column, or a bar above them (narrow layouts). */
  dock?: 'side' | 'bar';
  collapsed?: boolean;
  onCollapse?: (collapsed: boolean) => void;
  /** The legend: open on first run, and whenever the "?" is clicked. */
  legendOpen?: boolean;
  onLegend?: (open: boolean) => void;
}

/** What the two numbers and the colours of a badge mean. */
export function Legend({ onClose }: { onClose?: () => void }) {
  const t = w();
  return (
    <div class="zl-legend" data-field="legend" role="note">
      <strong>{t.legendTitle}</strong>
      <p>{t.legendAnswer}</p>
      <p>{t.legendFindability}</p>
      <p>
        {t.legendScale} <span class="zl-metric zl-rating-good">{t.legendGood}</span> <span class="zl-metric zl-rating-average">{t.legendAverage}</span>{' '}
        <span class="zl-metric zl-rating-poor">{t.legendPoor}</span>
      </p>
      <p>
        <span class="zl-pill zl-quiet" aria-hidden="true">
          <span class="zl-logo">Z</span>
        </span>{' '}
        {t.legendMarker}
      </p>
      {onClose && (
        <button type="button" class="zl-button" data-action="legend-close" onClick={onClose}>
          {t.legendClose}
        </button>
      )}
    </div>
  );
}

/** The compact panel on a results page: summary, "People also ask" and the collect button, notices. */
export function SummaryPanel({ summary, hasBrand, collect, onCollect, dock = 'side', collapsed = false, onCollapse, legendOpen = false, onLegend }: SummaryPanelProps) {
  const t = w();
  return (
    <section class={`zl-panel zl-dock-${dock}${collapsed ? ' zl-collapsed' : ''}`} aria-label="ZMOT Lens">
      <header class="zl-panel-header">
        <span class="zl-logo" aria-hidden="true">Z</span>
        <strong>ZMOT Lens</strong>
        {summary.query !== null && <span class="zl-query">{summary.query}</span>}
        <button type="button" class="zl-link" data-action="legend" aria-expanded={legendOpen} title={t.help} onClick={() => onLegend?.(!legendOpen)}>
          ?
        </button>
        <button type="button" class="zl-link" data-action="collapse" aria-expanded={!collapsed} title={collapsed ? t.expand : t.collapse} onClick={() => onCollapse?.(!collapsed)}>
          {collapsed ? '▸' : '▾'}
        </button>
      </header>
      {legendOpen && <Legend onClose={() => onLegend?.(false)} />}
      {!collapsed && (
        <div class="zl-panel-body">
          <SummaryView summary={summary} hasBrand={hasBrand} />
          {summary.peopleAlsoAsk.length > 0 && (
            <details class="zl-paa">
              <summary>{t.paa(summary.peopleAlsoAsk.length)}</summary>
              <ul>
                {summary.peopleAlsoAsk.map((q, i) => (
                  <li key={i}>{q}</li>
                ))}
              </ul>
            </details>
          )}
          {summary.query !== null && (
            <div class="zl-collect">
              <button type="button" class="zl-button" data-action="collect" disabled={collect.status === 'busy'} onClick={onCollect}>
                {collect.status === 'busy' ? t.collecting : t.collect(summary.peopleAlsoAsk.length)}
              </button>
              {collect.status === 'done' && <span class="zl-ok">{t.collected(collect.added, collect.total)}</span>}
              {collect.status === 'failed' && <span class="zl-warn">{collect.message}</span>}
            </div>
          )}
          {summary.notices.length > 0 && (
            <ul class="zl-notices">
              {summary.notices.map((n, i) => (
                <li key={i}>{t.message(n)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
