import type { HistoryTrend, Stage, TrendPoint } from '../../shared/schemas/index.ts';

/**
 * The "over time" section of report.html: ZMOT and stage scores over the recorded runs as an inline
 * SVG line chart (no script, no network: the report's CSP is unchanged), the events that explain the
 * jumps, and the same figures as a table.
 */

const TEXT = {
  heading: 'Over time',
  intro: (n: number, file: string) => `${n} recorded run(s) of this site in the project history (${file}).`,
  one: 'This is the first recorded run of this site: the chart fills in as runs are recorded.',
  events: 'What changed between runs',
  sinceLast: 'Since the last run',
  noEvents: 'No pages, questions or config changed between the recorded runs.',
};

type Series = 'zmot' | Stage;
const SERIES: Array<{ id: Series; label: string; color: string; width: number }> = [
  { id: 'zmot', label: 'ZMOT', color: '#202124', width: 3 },
  { id: 'interest', label: 'Interest', color: '#4285f4', width: 2 },
  { id: 'comparison', label: 'Comparison', color: '#a142f4', width: 2 },
  { id: 'purchase', label: 'Purchase', color: '#f4b400', width: 2 },
];

const valueOf = (p: TrendPoint, s: Series) => (s === 'zmot' ? p.zmot : p.stages[s]);
const fmt = (n: number | null) => (n == null ? '–' : String(Math.round(n)));
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function chart(h: HistoryTrend, esc: (s: unknown) => string): string {
  const W = 720;
  const H = 240;
  const left = 36;
  const right = 16;
  const top = 12;
  const bottom = 40;
  const n = h.runs.length;
  const x = (i: number) => (n === 1 ? left + (W - left - right) / 2 : left + (i * (W - left - right)) / (n - 1));
  const y = (v: number) => top + ((100 - v) * (H - top - bottom)) / 100;
  const grid = [0, 25, 50, 75, 100]
    .map((v) => `<line x1="${left}" x2="${W - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" class="ax" text-anchor="end">${v}</text>`)
    .join('');
  const withEvents = new Set(h.events.map((e) => e.runId));
  const markers = h.runs
    .map((p, i) => {
      const label = `<text x="${x(i).toFixed(1)}" y="${H - bottom + 16}" class="ax" text-anchor="middle">#${p.runId}</text>`;
      if (!withEvents.has(p.runId)) return label;
      const msgs = h.events.filter((e) => e.runId === p.runId).map((e) => e.message);
      return `${label}<line x1="${x(i).toFixed(1)}" x2="${x(i).toFixed(1)}" y1="${top}" y2="${H - bottom}" class="event" data-run="${p.runId}"><title>${esc(`run #${p.runId}: ${msgs.join('; ')}`)}</title></line><text x="${x(i).toFixed(1)}" y="${H - bottom + 30}" class="ax ev" text-anchor="middle">▲</text>`;
    })
    .join('');
  const lines = SERIES.map((s) => {
    const pts = h.runs.map((p, i) => ({ p, i, v: valueOf(p, s.id) })).filter((q) => q.v != null) as Array<{ p: TrendPoint; i: number; v: number }>;
    const path = pts.length > 1 ? `<polyline fill="none" stroke="${s.color}" stroke-width="${s.width}" points="${pts.map((q) => `${x(q.i).toFixed(1)},${y(q.v).toFixed(1)}`).join(' ')}"/>` : '';
    const dots = pts
      .map((q) => `<circle cx="${x(q.i).toFixed(1)}" cy="${y(q.v).toFixed(1)}" r="${s.width + 1.5}" fill="${s.color}" data-series="${s.id}" data-run="${q.p.runId}" data-v="${q.v.toFixed(2)}"><title>${esc(`${s.label} ${fmt(q.v)} · run #${q.p.runId} · ${when(q.p.recordedAt)} UTC`)}</title></circle>`)
      .join('');
    return `<g class="series" data-series="${s.id}">${path}${dots}</g>`;
  }).join('');
  const legend = SERIES.map((s) => `<span class="key"><span class="sw" style="background:${s.color}"></span>${esc(s.label)}</span>`).join('');
  return `<svg class="trend" viewBox="0 0 ${W} ${H}" role="img" aria-label="ZMOT and stage scores over the recorded runs">${grid}${markers}${lines}</svg><div class="trend-legend small">${legend}</div>`;
}

function runsTable(h: HistoryTrend, esc: (s: unknown) => string): string {
  const rows = [...h.runs]
    .reverse()
    .map(
      (p) =>
        `<tr data-run="${p.runId}"><td>#${p.runId}</td><td>${esc(when(p.recordedAt))}</td><td class="num">${fmt(p.zmot)}</td><td class="num">${fmt(p.stages.interest)}</td><td class="num">${fmt(p.stages.comparison)}</td><td class="num">${fmt(p.stages.purchase)}</td><td class="num">${p.pages}</td><td class="num">${p.questions}</td><td class="small">${esc(
          h.events
            .filter((e) => e.runId === p.runId)
            .map((e) => e.message)
            .join('; '),
        )}</td></tr>`,
    )
    .join('');
  return `<div class="scroll"><table id="t-trend" class="data"><thead><tr><th>Run</th><th>Recorded (UTC)</th><th>ZMOT</th><th>Interest</th><th>Comparison</th><th>Purchase</th><th>Pages</th><th>Questions</th><th>What changed</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export const TREND_STYLE = `
.trend{width:100%;max-width:760px;background:#fff;border:1px solid var(--line);border-radius:8px;margin-top:8px}.trend .grid{stroke:#eee}.trend .ax{font-size:11px;fill:var(--dim)}
.trend .event{stroke:var(--poor);stroke-dasharray:4 3;stroke-width:1.5}.trend .ev{fill:var(--poor)}.trend-legend .key{margin-right:14px}.trend-legend .sw{display:inline-block;width:14px;height:4px;margin-right:4px;vertical-align:middle}
.since li{margin:2px 0}`;

export function trendSection(h: HistoryTrend | undefined, esc: (s: unknown) => string): string {
  if (!h || !h.runs.length) return '';
  const since = h.sinceLast ? `<h3>${esc(TEXT.sinceLast)}</h3><ul class="since">${h.sinceLast.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '';
  const events = h.events.length
    ? `<h3>${esc(TEXT.events)}</h3><ul class="events">${h.events.map((e) => `<li data-run="${e.runId}" data-kind="${esc(e.kind)}"><b>#${e.runId}</b> ${esc(e.message)}</li>`).join('')}</ul>`
    : h.runs.length > 1
      ? `<p class="dim small">${esc(TEXT.noEvents)}</p>`
      : '';
  return `<section id="trend"><h2>${esc(TEXT.heading)}</h2><p class="dim small">${esc(TEXT.intro(h.runs.length, h.file))}${h.runs.length === 1 ? ` ${esc(TEXT.one)}` : ''}</p>${chart(h, esc)}${since}${events}${runsTable(h, esc)}</section>`;
}
