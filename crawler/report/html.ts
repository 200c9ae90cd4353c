import { createHash } from 'node:crypto';
import path from 'node:path';
import { ratingOf } from '../../shared/audits/config.ts';
import { PEOPLE_SITE_AUDITS } from '../../shared/human-signals/config.ts';
import type { Answer, AuditResult, CrawlReport, Gap, PageResult, QuestionResult, SiteIssue, Stage } from '../../shared/schemas/index.ts';
import { STAGE_LABELS, STAGES } from '../../shared/schemas/question.ts';
import { TREND_STYLE, trendSection } from './trend-html.ts';
import { writeFileAtomic, type ReportWriter } from './write-file.ts';

const UIStrings = {
  heading: 'ZMOT visibility report',
  aiCited: 'Cited in the AI answer',
  zmot: 'ZMOT score',
  stageNames: STAGE_LABELS,
  stageHelp: {
    interest: 'Prospects assessing their problem: guides, how-tos, definitions.',
    comparison: 'Prospects comparing solutions: "X vs Y", "best …", reviews.',
    purchase: 'Prospects ready to buy or implement: prices, shipping, returns, setup.',
  } as Record<Stage, string>,
  noScores: 'No questions were scored in this crawl: add questions to the config to get ZMOT scores.',
  gaps: 'What to write next: the gaps',
  noGaps: 'No gaps: every question has a good, findable answer.',
  questions: 'Questions',
  pages: 'Pages',
  issues: 'Site-wide issues',
  noIssues: 'No site-wide issues found.',
  lighthouse: 'Lighthouse (sampled pages)',
  people: 'People behind the content',
  peopleHelp:
    'Who wrote it, when, which company, a way to reach a person, what customers say: found on the pages (markup, links, text), never guessed. A comparison or purchase answer on a page with no way to reach a person loses visibility.',
  filter: 'Filter…',
};


/** Escapes text for HTML content and attribute values: every byte of page content goes through here. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A link to a crawled URL: only http(s) targets become links; anything else is shown as text. */
function urlLink(url: string | null | undefined, label?: string): string {
  if (!url) return '<span class="dim">–</span>';
  const text = esc(label ?? shortUrl(url));
  if (!/^https?:\/\//i.test(url)) return `<span>${text}</span>`;
  return `<a href="${esc(url)}" rel="noopener noreferrer nofollow" target="_blank" title="${esc(url)}">${text}</a>`;
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}` || '/';
  } catch {
    return url;
  }
}

const pct = (n: number | null | undefined) => (n == null ? '–' : String(Math.round(n * 100)));
const round = (n: number | null | undefined) => (n == null ? '–' : String(Math.round(n)));

function ratingClass(score0to100: number | null | undefined): string {
  return score0to100 == null ? 'na' : ratingOf(score0to100);
}

function scoreCard(label: string, value: number | null, help: string, big = false): string {
  return `<div class="card ${big ? 'big' : ''} ${ratingClass(value)}"><div class="label">${esc(label)}</div><div class="value">${round(value)}</div><div class="help">${esc(help)}</div></div>`;
}

/** Hand-made SVG bar chart of the stage scores: no library, no network. */
function stageChart(report: CrawlReport): string {
  const s = report.scores;
  if (!s) return '';
  const w = 420;
  const rowH = 34;
  const bars = STAGES.map((stage, i) => {
    const v = s.stages[stage];
    const width = v == null ? 0 : Math.max(2, (v / 100) * (w - 150));
    const y = 10 + i * rowH;
    return `<text x="0" y="${y + 17}" class="t">${esc(UIStrings.stageNames[stage])}</text>
<rect x="110" y="${y}" width="${w - 150}" height="22" class="track"/>
<rect x="110" y="${y}" width="${width.toFixed(1)}" height="22" class="bar ${ratingClass(v)}"/>
<text x="${(110 + width + 6).toFixed(1)}" y="${y + 16}" class="v">${round(v)}</text>`;
  }).join('\n');
  return `<svg class="chart" viewBox="0 0 ${w} ${10 + STAGES.length * rowH}" role="img" aria-label="Stage scores">${bars}</svg>`;
}

function factors(a: Answer | null): string {
  if (!a) return '<span class="dim">–</span>';
  const f = a.factors;
  return `<span class="factors" title="relevance × shape × directness × tone">rel ${pct(f.relevance)} · shape ${pct(f.shape)} · direct ${pct(f.directness)} · tone ${pct(f.tone)}</span>`;
}

function gapsSection(gaps: Gap[], questions: number): string {
  if (!questions) return `<p class="dim">${esc(UIStrings.noScores)}</p>`;
  if (!gaps.length) return `<p class="ok">${esc(UIStrings.noGaps)}</p>`;
  return STAGES.map((stage) => {
    const list = gaps.filter((g) => g.stage === stage);
    if (!list.length) return '';
    const items = list
      .map(
        (g) => `<li><div class="q">${esc(g.question)}</div><div class="dim">nearest page: ${urlLink(g.nearestUrl)} · visibility ${pct(g.visibility)}</div><ul class="missing">${g.missing
          .map((m) => `<li>${esc(m)}</li>`)
          .join('')}</ul></li>`,
      )
      .join('');
    return `<div class="gapstage"><h3>${esc(UIStrings.stageNames[stage])} <span class="count">${list.length}</span></h3><ol class="gaps">${items}</ol></div>`;
  }).join('');
}

/** "Cited in the AI answer": you (the brand's cited pages), competitors (named), nobody. */
function aiCitationCell(q: QuestionResult): string {
  const c = q.aiCitation;
  if (!c) return '<td data-ai="" data-v=""><span class="dim">–</span></td>';
  const detail = c.cited === 'you' ? c.brand.map((u) => urlLink(u)).join('<br>') : c.cited === 'competitors' ? esc(c.competitors.join(', ')) : `${esc(c.sources)} other source(s)`;
  return `<td data-ai="${esc(c.cited)}" data-v="${esc(c.cited)}"><b>${esc(c.cited)}</b><div class="dim small">${detail}</div></td>`;
}

function questionsTable(questions: QuestionResult[]): string {
  if (!questions.length) return `<p class="dim">${esc(UIStrings.noScores)}</p>`;
  // The column shows when the questions came with the AI Overviews the extension collected.
  const withAi = questions.some((q) => q.aiCitation);
  const rows = questions
    .map((q) => {
      const b = q.best;
      const v = q.visibility * 100;
      return `<tr data-stage="${esc(q.question.stage)}">
<td>${esc(q.question.text)}<div class="dim small">${esc(q.question.source)}${q.question.persona ? ` · ${esc(q.question.persona)}` : ''}${q.question.weight !== 1 ? ` · weight ${esc(q.question.weight)}` : ''}</div></td>
<td>${esc(q.question.stage)}</td>
<td data-v="${v.toFixed(2)}" class="num ${ratingClass(v)}">${round(v)}</td>
<td>${b ? urlLink(b.url) : '<span class="dim">no answer</span>'}</td>
<td class="passage">${b ? `${b.heading ? `<b>${esc(b.heading)}</b> ` : ''}${esc(b.excerpt)}` : ''}${b?.notes.length ? `<ul class="notes">${b.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}</td>
<td data-v="${b ? b.answer.toFixed(3) : -1}" class="num">${pct(b?.answer)}</td>
${withAi ? aiCitationCell(q) : ''}<td data-v="${b ? b.findability.toFixed(3) : -1}" class="num">${pct(b?.findability)}</td>
<td>${factors(b)}</td></tr>`;
    })
    .join('\n');
  return table('questions', ['Question', 'Stage', 'Visibility', 'Best page', 'Passage that answers', 'Answer', ...(withAi ? [UIStrings.aiCited] : []), 'Findability', 'Factors'], rows, true);
}

function auditItems(a: AuditResult): string {
  if (!a.items.length) return '';
  const shown = a.items.slice(0, 20);
  const keys = [...new Set(shown.flatMap((i) => Object.keys(i)))].slice(0, 5);
  const body = shown.map((i) => `<tr>${keys.map((k) => `<td>${esc(i[k])}</td>`).join('')}</tr>`).join('');
  const more = a.items.length > shown.length ? `<div class="dim small">and ${a.items.length - shown.length} more</div>` : '';
  return `<table class="items"><tr>${keys.map((k) => `<th>${esc(k)}</th>`).join('')}</tr>${body}</table>${more}`;
}

function failingAudits(p: PageResult): string {
  const failing = p.audits.filter((a) => (a.score !== null && a.score < 1) || a.scoreDisplayMode === 'error');
  if (!failing.length) return '<span class="ok">none</span>';
  return failing
    .map(
      (a) => `<details><summary>${esc(a.id)}${a.items.length ? ` <span class="count">${a.items.length}</span>` : ''}</summary><div class="small">${esc(a.title)}</div>${a.explanation ? `<div class="small dim">${esc(a.explanation)}</div>` : ''}${a.errorMessage ? `<div class="small bad">${esc(a.errorMessage)}</div>` : ''}${auditItems(a)}</details>`,
    )
    .join('');
}

function profileBars(p: PageResult): string {
  const sp = p.stageProfile;
  if (!sp) return '<span class="dim">–</span>';
  return `<div class="profile" title="interest ${pct(sp.interest)}% · comparison ${pct(sp.comparison)}% · purchase ${pct(sp.purchase)}%${sp.signals.length ? `\n${esc(sp.signals.join('\n'))}` : ''}">${STAGES.map(
    (s) => `<span class="seg ${s}" style="width:${(sp[s] * 100).toFixed(1)}%"></span>`,
  ).join('')}</div><div class="small dim">${STAGES.map((s) => `${s[0].toUpperCase()} ${pct(sp[s])}`).join(' · ')}</div>`;
}

function dominantStage(p: PageResult): string {
  const sp = p.stageProfile;
  if (!sp) return '';
  return STAGES.reduce((best, s) => (sp[s] > sp[best] ? s : best), 'interest' as Stage);
}

/** Rows of the pages table in the page at once: a 100,000-page report keeps a small DOM; sorting and filtering run over every row. */
export const PAGE_ROWS = 100;

/** One row of a paginated table: its HTML, its text (what a filter searches), a sort key per column, and its filter attributes. */
interface DataRow {
  h: string;
  t: string;
  k: Array<number | string>;
  a: Record<string, string>;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** The text content of our own escaped HTML (tags dropped, our five entities decoded), as the DOM's textContent reads it. */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]);
}

/** A table row from its cells: each cell's sort key is its numeric value when it has one, else its text. */
function dataRow(cells: Array<{ html: string; cls?: string; v?: number | string }>, attrs: Record<string, string>): DataRow {
  const tds = cells.map((c) => `<td${c.cls ? ` class="${c.cls}"` : ''}${c.v !== undefined ? ` data-v="${esc(c.v)}"` : ''}>${c.html}</td>`);
  const h = `<tr${Object.entries(attrs).map(([k, v]) => ` data-${k}="${esc(v)}"`).join('')}>${tds.join('')}</tr>`;
  const k = cells.map((c) => (c.v !== undefined ? Number(c.v) : textOf(c.html).trim().toLowerCase()));
  return { h, t: textOf(tds.join('')).toLowerCase(), k, a: attrs };
}

function pagesTable(pages: PageResult[], data: TableData): string {
  const rows = pages.map((p) => {
    const f = p.findability.score * 100;
    const lh = p.lighthouse;
    return dataRow(
      [
        { html: `${urlLink(p.url)}${p.redirectChain.length ? `<div class="small dim">after ${p.redirectChain.length} redirect(s)</div>` : ''}<div class="small">${esc(p.title ?? '(no title)')}</div>` },
        { html: `${p.status || esc(p.fetchError ?? 'error')}`, cls: 'num', v: p.status },
        { html: p.indexable ? '<span class="ok">yes</span>' : '<span class="bad">no</span>' },
        { html: round(f), cls: `num ${ratingClass(f)}`, v: f.toFixed(2) },
        { html: profileBars(p) },
        { html: `${p.depth ?? '–'}`, cls: 'num', v: p.depth ?? -1 },
        { html: `${p.wordCount}`, cls: 'num', v: p.wordCount },
        { html: lh ? `${pct(lh.performance)}${lh.inheritedFrom ? '<span class="dim small" title="inherited from a sampled page of the same template">*</span>' : ''}` : '–', cls: 'num', v: lh?.performance ?? -1 },
        { html: failingAudits(p), cls: 'audits' },
      ],
      { stage: dominantStage(p), indexable: p.indexable ? 'yes' : 'no' },
    );
  });
  return pagedTable('pages', ['Page', 'Status', 'Indexable', 'Findability', 'Stage profile', 'Depth', 'Words', 'Perf.', 'Failing audits'], rows, data);
}

/** Every row of the paged tables, by table id: the report's one script carries them. */
type TableData = Record<string, DataRow[]>;

/**
 * A table of any length: its first PAGE_ROWS rows are in the page (shown before any script runs), every
 * row is data (in `data`, which the report's script carries), and the script pages, sorts and filters over all of them.
 */
function pagedTable(id: string, headers: string[], rows: DataRow[], data: TableData): string {
  data[id] = rows;
  const first = rows.slice(0, PAGE_ROWS).map((r) => r.h).join('\n');
  const pager = `<div class="pager small" data-pager="${id}"><button type="button" data-step="-1">‹ previous</button> <span data-range="${id}">${rows.length ? `1–${Math.min(PAGE_ROWS, rows.length)}` : '0'} of ${rows.length}</span> <button type="button" data-step="1">next ›</button></div>`;
  return `${table(id, headers, first, true, { rows: id, pageSize: PAGE_ROWS })}${rows.length > PAGE_ROWS ? pager : ''}`;
}

function issuesTable(issues: SiteIssue[]): string {
  if (!issues.length) return `<p class="ok">${esc(UIStrings.noIssues)}</p>`;
  const rows = issues
    .map(
      (i) => `<tr data-severity="${esc(i.severity)}"><td class="${i.severity === 'error' ? 'bad' : i.severity === 'warning' ? 'warn' : 'dim'}">${esc(i.severity)}</td><td>${esc(i.type)}</td><td>${esc(i.message)}</td><td>${urlLink(i.url)}</td><td>${
        i.items.length ? `<details><summary>${i.items.length} item(s)</summary>${auditItems({ items: i.items } as AuditResult)}</details>` : ''
      }</td></tr>`,
    )
    .join('\n');
  return table('issues', ['Severity', 'Type', 'Issue', 'URL', 'Details'], rows, true);
}

/** The site-wide people audits (shared/human-signals): one block each, with its items. */
function peopleSection(report: CrawlReport): string {
  const audits = report.siteAudits.filter((a) => PEOPLE_SITE_AUDITS.includes(a.id) && a.scoreDisplayMode !== 'notApplicable');
  if (!audits.length) return '';
  const hs = report.scores?.humanSignals;
  const byStage = hs ? `<p class="small">Human signals of the answering pages: ${STAGES.map((st) => `${esc(UIStrings.stageNames[st])} <b>${round(hs[st])}</b>`).join(' · ')}</p>` : '';
  const blocks = audits
    .map((a) => {
      const cls = a.score === null ? 'dim' : a.score >= 1 ? 'ok' : a.score >= 0.5 ? 'warn' : 'bad';
      const score = a.score === null ? '' : ` <span class="${cls}">${Math.round(a.score * 100)}</span>`;
      return `<div class="person-audit" data-audit="${esc(a.id)}"><h3>${esc(a.title)}${score}${a.displayValue ? ` <span class="small dim">${esc(a.displayValue)}</span>` : ''}</h3>${a.explanation ? `<p class="small dim">${esc(a.explanation)}</p>` : ''}${auditItems(a)}</div>`;
    })
    .join('');
  return `<section id="people"><h2>${esc(UIStrings.people)}</h2><p class="small dim">${esc(UIStrings.peopleHelp)}</p>${byStage}${blocks}</section>`;
}

function lighthouseTable(pages: PageResult[]): string {
  const sampled = pages.filter((p) => p.lighthouse && !p.lighthouse.inheritedFrom);
  if (!sampled.length) return '';
  const rows = sampled
    .map((p) => {
      const l = p.lighthouse!;
      return `<tr><td>${urlLink(p.url)}<div class="small dim">${esc(l.template ?? '')}</div></td><td class="num">${pct(l.performance)}</td><td class="num">${pct(l.seo)}</td><td class="num">${l.lcpMs == null ? '–' : `${(l.lcpMs / 1000).toFixed(2)} s`}</td><td class="num">${l.cls == null ? '–' : l.cls.toFixed(3)}</td><td class="num">${l.tbtMs == null ? '–' : `${Math.round(l.tbtMs)} ms`}</td><td class="bad small">${esc(l.errorMessage ?? '')}</td></tr>`;
    })
    .join('');
  return `<section id="lighthouse"><h2>${esc(UIStrings.lighthouse)}</h2>${table('lighthouse', ['Page', 'Performance', 'SEO', 'LCP', 'CLS', 'TBT', 'Error'], rows, false)}</section>`;
}

function table(id: string, headers: string[], rows: string, filterable: boolean, paged?: { rows: string; pageSize: number }): string {
  const filters = filterable
    ? `<div class="filters"><input type="search" placeholder="${esc(UIStrings.filter)}" data-filter="${id}" aria-label="Filter ${esc(id)}">${
        id === 'issues'
          ? `<select data-attr-filter="${id}" data-attr="severity" aria-label="Severity"><option value="">all severities</option><option>error</option><option>warning</option><option>notice</option></select>`
          : `<select data-attr-filter="${id}" data-attr="stage" aria-label="Stage"><option value="">all stages</option>${STAGES.map((s) => `<option>${s}</option>`).join('')}</select>`
      }<span class="dim small" data-count="${id}"></span></div>`
    : '';
  const data = paged ? ` data-rows="${paged.rows}" data-page-size="${paged.pageSize}"` : '';
  return `${filters}<div class="scroll"><table id="t-${id}" class="data sortable"${data}><thead><tr>${headers.map((h, i) => `<th data-col="${i}" tabindex="0">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

// Sorting and filtering: our own code, embedded once and allowed by its hash in the page's CSP.
const SCRIPT = `(function(){
function val(td){var v=td.getAttribute('data-v');if(v!==null)return parseFloat(v);return td.textContent.trim().toLowerCase();}
function cmp(a,c,asc){if(a<c)return asc?-1:1;if(a>c)return asc?1:-1;return 0;}
var paged={};
document.querySelectorAll('table[data-rows]').forEach(function(t){
 var id=t.id.slice(2);var all=ROWS[t.getAttribute('data-rows')]||[];
 var size=+t.getAttribute('data-page-size');var p={all:all,view:all.slice(),page:0,sort:null};
 var range=document.querySelector('[data-range="'+id+'"]');
 p.draw=function(){var n=p.view.length;var last=Math.max(0,Math.ceil(n/size)-1);if(p.page>last)p.page=last;if(p.page<0)p.page=0;var from=p.page*size;
  t.tBodies[0].innerHTML=p.view.slice(from,from+size).map(function(r){return r.h;}).join('');
  if(range)range.textContent=(n?(from+1)+'–'+Math.min(n,from+size):'0')+' of '+n;};
 p.order=function(){if(!p.sort)return;var i=p.sort[0],asc=p.sort[1];p.view.sort(function(x,y){return cmp(x.k[i],y.k[i],asc);});};
 document.querySelectorAll('[data-pager="'+id+'"] button').forEach(function(b){b.addEventListener('click',function(){p.page+=+b.getAttribute('data-step');p.draw();});});
 paged[id]=p;});
document.querySelectorAll('table.sortable').forEach(function(t){
 t.querySelectorAll('th').forEach(function(th){
  function sort(){var i=+th.getAttribute('data-col');var asc=th.getAttribute('aria-sort')!=='ascending';
   t.querySelectorAll('th').forEach(function(o){o.removeAttribute('aria-sort');});th.setAttribute('aria-sort',asc?'ascending':'descending');
   var p=paged[t.id.slice(2)];if(p){p.sort=[i,asc];p.order();p.page=0;p.draw();return;}
   var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);
   rows.sort(function(x,y){return cmp(val(x.cells[i]),val(y.cells[i]),asc);});
   rows.forEach(function(r){b.appendChild(r);});}
  th.addEventListener('click',sort);th.addEventListener('keydown',function(e){if(e.key==='Enter')sort();});});});
function apply(id){var t=document.getElementById('t-'+id);if(!t)return;var q=(document.querySelector('[data-filter="'+id+'"]')||{}).value||'';q=q.toLowerCase();
 var sel=document.querySelector('[data-attr-filter="'+id+'"]');var want=sel?sel.value:'';var attr=sel?sel.getAttribute('data-attr'):'';var n=0;
 var p=paged[id];
 if(p){p.view=(q||want)?p.all.filter(function(r){return(!q||r.t.indexOf(q)>=0)&&(!want||r.a[attr]===want);}):p.all.slice();p.order();p.page=0;p.draw();n=p.view.length;}
 else Array.prototype.forEach.call(t.tBodies[0].rows,function(r){var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!want||r.getAttribute('data-'+attr)===want);r.hidden=!ok;if(ok)n++;});
 var c=document.querySelector('[data-count="'+id+'"]');if(c)c.textContent=n+' shown';}
document.querySelectorAll('[data-filter]').forEach(function(i){i.addEventListener('input',function(){apply(i.getAttribute('data-filter'));});var id=i.getAttribute('data-filter');if(paged[id]){var c=document.querySelector('[data-count="'+id+'"]');if(c)c.textContent=paged[id].all.length+' shown';}else apply(id);});
document.querySelectorAll('[data-attr-filter]').forEach(function(s){s.addEventListener('change',function(){apply(s.getAttribute('data-attr-filter'));});});
})();`;

export const STYLE = `
:root{--good:#0b8043;--avg:#e37400;--poor:#c5221f;--na:#80868b;--ink:#202124;--dim:#5f6368;--line:#e0e0e0;--bg:#fafafa;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink)}
body{margin:0;background:var(--bg)}header.top{background:#fff;border-bottom:1px solid var(--line);padding:20px 32px}
main{padding:8px 32px 48px;max-width:1400px}h1{margin:0 0 4px;font-size:24px}h2{margin-top:36px;border-bottom:2px solid var(--line);padding-bottom:6px}
.dim{color:var(--dim)}.small{font-size:12px}.ok{color:var(--good)}.bad{color:var(--poor)}.warn{color:var(--avg)}
.cards{display:flex;gap:16px;flex-wrap:wrap;align-items:stretch;margin-top:16px}.card{background:#fff;border:1px solid var(--line);border-top:6px solid var(--na);border-radius:8px;padding:12px 16px;width:200px}
.card.big{width:240px}.card .label{font-weight:600}.card .value{font-size:40px;font-weight:700}.card.big .value{font-size:56px}.card .help{font-size:12px;color:var(--dim)}
.card.good{border-top-color:var(--good)}.card.average{border-top-color:var(--avg)}.card.poor{border-top-color:var(--poor)}
.card.good .value,td.good{color:var(--good)}.card.average .value,td.average{color:var(--avg)}.card.poor .value,td.poor{color:var(--poor)}
.chart{max-width:480px;margin-top:16px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px}.chart .t{font-size:13px}.chart .v{font-size:13px;font-weight:700}
.chart .track{fill:#eee}.chart .bar.good{fill:var(--good)}.chart .bar.average{fill:var(--avg)}.chart .bar.poor{fill:var(--poor)}.chart .bar.na{fill:var(--na)}
.gapstage h3{margin-bottom:4px}.gaps>li{margin:8px 0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px}.gaps .q{font-weight:600}
.missing{margin:4px 0 0;color:var(--poor);font-size:13px}.count{background:#eee;border-radius:10px;padding:0 7px;font-size:12px;font-weight:600}
.filters{display:flex;gap:8px;align-items:center;margin:8px 0}.filters input{padding:6px 8px;min-width:260px}
.scroll{overflow-x:auto}table.data{border-collapse:collapse;background:#fff;width:100%;font-size:13px}table.data th,table.data td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
table.data th{cursor:pointer;position:sticky;top:0;background:#f1f3f4;white-space:nowrap}table.data th[aria-sort=ascending]::after{content:" ▲"}table.data th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}td.passage{max-width:480px}.notes{margin:4px 0 0;padding-left:16px;color:var(--dim);font-size:12px}
.profile{display:flex;width:120px;height:10px;background:#eee;border-radius:3px;overflow:hidden}.seg.interest{background:#4285f4}.seg.comparison{background:#a142f4}.seg.purchase{background:#f4b400}
td.audits details{margin:2px 0}td.audits summary{cursor:pointer;color:var(--poor)}table.items{font-size:11px;border-collapse:collapse;margin:4px 0}table.items td,table.items th{border:1px solid var(--line);padding:2px 4px;max-width:360px;word-break:break-all}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;border-radius:2px}
.pager{margin:6px 0}.pager button{padding:2px 8px}
@media print{.filters{display:none}}`;

export function renderHtmlReport(report: CrawlReport): string {
  const s = report.scores;
  const data: TableData = {};
  const pagesSection = pagesTable(report.pages, data);
  // The rows as a JSON literal (`<` escaped, so no text in it can close the script), then our code: hashed together for the CSP.
  const script = `var ROWS=${JSON.stringify(data).replace(/</g, '\\u003c')};\n${SCRIPT}`;
  const hash = createHash('sha256').update(script).digest('base64');
  // Strict CSP: only our inline style and the one script above; nothing from the network, no plugins.
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `${UIStrings.heading} — ${report.site.name ?? report.site.origin}`;
  const cards = s
    ? [scoreCard(UIStrings.zmot, s.zmot, 'The three stages combined.', true), ...STAGES.map((st) => scoreCard(UIStrings.stageNames[st], s.stages[st], UIStrings.stageHelp[st]))].join('')
    : `<p class="dim">${esc(UIStrings.noScores)}</p>`;
  const personas = s && Object.keys(s.personas).length
    ? `<p class="small">Persona coverage: ${Object.entries(s.personas).map(([p, v]) => `<b>${esc(p)}</b> ${round(v)}`).join(' · ')}</p>`
    : '';
  const usableBy = s?.personaUsability && Object.keys(s.personaUsability).length
    ? `<p class="small" title="Built-in personas: how far a screen-reader user, a prospect on a slow phone, a second-language reader can use the pages that answer their questions.">Can they use the answering pages: ${Object.entries(s.personaUsability).map(([p, v]) => `<b>${esc(p)}</b> ${round(v)}`).join(' · ')}</p>`
    : '';
  const ai = s?.aiReadiness;
  const aiReadiness = ai
    ? `<p class="small" title="How far answer engines (AI Overviews, ChatGPT search, Perplexity …) may read and quote the page that best answers each question: robots.txt for their crawlers, nosnippet and data-nosnippet, answers that stand alone. It lowers visibility by at most a quarter.">AI-answer readiness: ${STAGES.map((st) => `${esc(UIStrings.stageNames[st])} <b>${round(ai[st])}</b>`).join(' · ')}</p>`
    : '';
  const c = report.crawl;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title><style>${STYLE}${TREND_STYLE}</style></head>
<body>
<header class="top"><h1>${esc(UIStrings.heading)}: ${esc(report.site.name ?? '')}</h1>
<div class="dim">${urlLink(report.site.origin, report.site.origin)} · ${esc(c.pagesFetched)} pages crawled${c.interrupted ? ' (interrupted)' : ''} · ${esc(report.questions.length)} questions · generated ${esc(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC by ZMOT Lens ${esc(report.tool.version)}</div></header>
<main>
<section id="scores"><div class="cards">${cards}</div>${stageChart(report)}${aiReadiness}${personas}${usableBy}</section>
${trendSection(report.history, esc)}
<section id="gaps"><h2>${esc(UIStrings.gaps)} <span class="count">${report.gaps.length}</span></h2>${gapsSection(report.gaps, report.questions.length)}</section>
<section id="questions"><h2>${esc(UIStrings.questions)} <span class="count">${report.questions.length}</span></h2>${questionsTable(report.questions)}</section>
<section id="pages"><h2>${esc(UIStrings.pages)} <span class="count">${report.pages.length}</span></h2>
<div class="legend small dim">stage profile:<span class="seg interest"></span>interest<span class="seg comparison"></span>comparison<span class="seg purchase"></span>purchase</div>${pagesSection}</section>
${peopleSection(report)}
<section id="issues"><h2>${esc(UIStrings.issues)} <span class="count">${report.issues.length}</span></h2>${issuesTable(report.issues)}</section>
${lighthouseTable(report.pages)}
</main>
<script>${script}</script>
</body></html>
`;
}

export const htmlWriter: ReportWriter = {
  id: 'html',
  async write(report, outDir) {
    const file = path.join(outDir, 'report.html');
    await writeFileAtomic(file, renderHtmlReport(report));
    return [file];
  },
};
