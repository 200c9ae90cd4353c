import { useState } from 'preact/hooks';
import type { PageSummary } from '../../shared/schemas/extension.ts';
import { SummaryView } from './SummaryView.tsx';

// Panel words; the query and questions are page text, rendered as text.
const TEXT = {
  title: 'ZMOT Lens',
  collapse: 'Hide the summary',
  expand: 'Show the summary',
  paa: (n: number) => `People also ask (${n})`,
  collect: (n: number) => (n ? `Collect the query and ${n} question${n > 1 ? 's' : ''}` : 'Collect the query'),
  collecting: 'Collecting…',
  collected: (added: number, total: number) => `Added ${added} (${total} collected)`,
} as const;

export type CollectState = { status: 'idle' } | { status: 'busy' } | { status: 'done'; added: number; total: number } | { status: 'failed'; message: string };

export interface SummaryPanelProps {
  summary: PageSummary;
  hasBrand: boolean;
  collect: CollectState;
  onCollect: () => void;
}

/** The compact panel on a results page: summary, "People also ask" and the collect button, notices. */
export function SummaryPanel({ summary, hasBrand, collect, onCollect }: SummaryPanelProps) {
  const [collapsed, setCollapsed] = useState(false);
  return (
    <section class={`zl-panel${collapsed ? ' zl-collapsed' : ''}`} aria-label={TEXT.title}>
      <header class="zl-panel-header">
        <span class="zl-logo" aria-hidden="true">Z</span>
        <strong>{TEXT.title}</strong>
        {summary.query !== null && <span class="zl-query">{summary.query}</span>}
        <button type="button" class="zl-link" aria-expanded={!collapsed} title={collapsed ? TEXT.expand : TEXT.collapse} onClick={() => setCollapsed(!collapsed)}>
          {collapsed ? '▸' : '▾'}
        </button>
      </header>
      {!collapsed && (
        <div class="zl-panel-body">
          <SummaryView summary={summary} hasBrand={hasBrand} />
          {summary.peopleAlsoAsk.length > 0 && (
            <details class="zl-paa">
              <summary>{TEXT.paa(summary.peopleAlsoAsk.length)}</summary>
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
                {collect.status === 'busy' ? TEXT.collecting : TEXT.collect(summary.peopleAlsoAsk.length)}
              </button>
              {collect.status === 'done' && <span class="zl-ok">{TEXT.collected(collect.added, collect.total)}</span>}
              {collect.status === 'failed' && <span class="zl-warn">{collect.message}</span>}
            </div>
          )}
          {summary.notices.length > 0 && (
            <ul class="zl-notices">
              {summary.notices.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
