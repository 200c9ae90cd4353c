import { createHash } from 'node:crypto';
import path from 'node:path';
import { RATING_THRESHOLDS, ratingOf } from '../../shared/audits/config.ts';
import { PEOPLE_SITE_AUDITS } from '../../shared/human-signals/config.ts';
import type { Answer, AuditResult, CrawlReport, Gap, PageResult, QuestionResult, SiteIssue, Stage } from '../../shared/schemas/index.ts';
import { STAGE_LABELS, STAGES } from '../../shared/schemas/question.ts';
import { TREND_STYLE, trendSection } from './trend-html.ts';
import { writeChunksAtomic, type ReportInput, type ReportPages, type ReportWriter } from './write-file.ts';

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
function stageChart(report: ReportInput): string {
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

/** Rows of the pages table in the page at once: a 100,000-page report keeps a small DOM; sorting and filtering run over every row. */
export const PAGE_ROWS = 100;

/** Items of a failing audit shown in its details, as in the site-wide tables. */
const DETAIL_ITEMS = 20;

/**
 * JSON for a `<script type="application/json">` data block: every `<` escaped, so no text in it (a `</script>`
 * or `<!--` in a page title) can end the block or change how the HTML parser reads it. The block is data, never run.
 */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** A string table: each distinct string once in the report, referred to by its index. */
class Strings {
  readonly list: string[] = [];
  private index = new Map<string, number>();
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
}

const failing = (p: PageResult) => p.audits.filter((a) => (a.score !== null && a.score < 1) || a.scoreDisplayMode === 'error');
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * One row of the pages table, compact: what the table shows, sorts and filters on. The script renders the rows on
 * screen from these (escaped), and the details of a row (failing audits' findings, stage signals) from the
 * detail block when they are opened.
 * [url, title, status, fetchError, indexable, findability 0–100, [interest, comparison, purchase] | null, depth,
 *  words, Lighthouse performance, performance inherited, redirects, [audit id (string table), items, …]]
 */
function pageRow(p: PageResult, ids: Strings): unknown[] {
  const sp = p.stageProfile;
  const lh = p.lighthouse;
  return [
    p.url,
    p.title,
    p.status,
    p.fetchError,
    p.indexable ? 1 : 0,
    Math.round(p.findability.score * 10000) / 100,
    sp ? [r3(sp.interest), r3(sp.comparison), r3(sp.purchase)] : null,
    p.depth,
    p.wordCount,
    lh?.performance ?? null,
    lh?.inheritedFrom ? 1 : 0,
    p.redirectChain.length,
    failing(p).flatMap((a) => [ids.of(a.id), a.items.length]),
  ];
}

/**
 * The details of one row, read only when opened: the stage signals, and for each failing audit its title,
 * explanation, error and first items ([title, explanation, error, keys, rows, more]; texts in the string table).
 */
function pageDetail(p: PageResult, strings: Strings): unknown[] {
  return [
    (p.stageProfile?.signals ?? []).map((s) => strings.of(s)),
    failing(p).map((a) => [strings.of(a.title), a.explanation ? strings.of(a.explanation) : -1, a.errorMessage ? strings.of(a.errorMessage) : -1, ...itemsDetail(a.items, strings)]),
  ];
}

/** A paged table: its head, pager and filters; its rows come from the report's data block. */
function pagedTable(id: string, headers: string[], count: number): string {
  const pager = `<div class="pager small" data-pager="${id}"><button type="button" data-step="-1">‹ previous</button> <span data-range="${id}">${count ? `1–${Math.min(PAGE_ROWS, count)}` : '0'} of ${count}</span> <button type="button" data-step="1">next ›</button></div>`;
  return `${table(id, headers, '', true, { rows: id, pageSize: PAGE_ROWS })}${count > PAGE_ROWS ? pager : ''}`;
}

/** Items of a finding as shown: the first few, their first five keys (string table ids), and how many more. */
function itemsDetail(items: Array<Record<string, unknown>>, strings: Strings): unknown[] {
  const shown = items.slice(0, DETAIL_ITEMS);
  const keys = [...new Set(shown.flatMap((i) => Object.keys(i)))].slice(0, 5);
  return [keys.map((k) => strings.of(k)), shown.map((i) => keys.map((k) => String(i[k] ?? ''))), items.length - shown.length];
}

/**
 * The data blocks and our script: before the script, the first PAGE_ROWS rows of the pages and issues tables and
 * their counts (a few KB: the script renders them at once, without waiting for the rest of the file); after it,
 * every row (read the first time a table is sorted, filtered or paged, once the page is parsed), then their details
 * (read the first time one is opened). One site-wide issue row: [severity, type, message, url, items].
 */
function* dataBlocks(pages: ReportPages, issues: SiteIssue[], sampled: PageResult[]): Generator<string> {
  // The first rows, numbered in the same string table as the full block (a prefix of it: ids come in row order).
  const firstIds = new Strings();
  const firstRows: string[] = [];
  for (const p of pages) {
    if (firstRows.length === PAGE_ROWS) break;
    firstRows.push(jsonForScript(pageRow(p, firstIds)));
  }
  const firstIssues = issues.slice(0, PAGE_ROWS).map((i) => jsonForScript([i.severity, i.type, i.message, i.url, i.items.length]));
  yield `<script type="application/json" id="zmot-first">{"n":{"pages":${pages.length},"issues":${issues.length}},"pages":[${firstRows.join(',')}],"ids":${jsonForScript(firstIds.list)},"issues":[${firstIssues.join(',')}]}</script>\n`;
  // Our script here: it renders the first rows before the blocks below are parsed.
  yield `<script>${SCRIPT}</script>\n`;
  const ids = new Strings();
  yield '<script type="application/json" id="zmot-rows">{"pages":[';
  let n = 0;
  for (const p of pages) {
    if (p.lighthouse && !p.lighthouse.inheritedFrom) sampled.push(p);
    yield `${n++ ? ',' : ''}${jsonForScript(pageRow(p, ids))}`;
  }
  yield `],"ids":${jsonForScript(ids.list)},"issues":[`;
  n = 0;
  for (const i of issues) yield `${n++ ? ',' : ''}${jsonForScript([i.severity, i.type, i.message, i.url, i.items.length])}`;
  yield ']}</script>\n';
  const strings = new Strings();
  yield '<script type="application/json" id="zmot-detail">{"pages":[';
  n = 0;
  for (const p of pages) yield `${n++ ? ',' : ''}${jsonForScript(pageDetail(p, strings))}`;
  yield '],"issues":[';
  n = 0;
  for (const i of issues) yield `${n++ ? ',' : ''}${jsonForScript(itemsDetail(i.items, strings))}`;
  yield `],"s":${jsonForScript(strings.list)}}</script>\n`;
}

function issuesTable(issues: SiteIssue[]): string {
  if (!issues.length) return `<p class="ok">${esc(UIStrings.noIssues)}</p>`;
  return pagedTable('issues', ['Severity', 'Type', 'Issue', 'URL', 'Details'], issues.length);
}

/** The site-wide people audits (shared/human-signals): one block each, with its items. */
function peopleSection(report: ReportInput): string {
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
export const SCRIPT = `(function(){
function val(td){var v=td.getAttribute('data-v');if(v!==null)return parseFloat(v);return td.textContent.trim().toLowerCase();}
function cmp(a,c,asc){if(a<c)return asc?-1:1;if(a>c)return asc?1:-1;return 0;}
function esc(s){return String(s==null?'':s).replace(/&/g,'&amp;').replace(/</g,'&lt;').replace(/>/g,'&gt;').replace(/"/g,'&quot;').replace(/'/g,'&#39;');}
function rating(v){return v>=${RATING_THRESHOLDS.good}?'good':v>=${RATING_THRESHOLDS.average}?'average':'poor';}
function pct(n){return n==null?'–':String(Math.round(n*100));}
function short(u){try{var x=new URL(u);return (x.pathname+x.search)||'/';}catch(e){return u;}}
function link(u){if(!u)return '<span class="dim">–</span>';var t=esc(short(u));if(!/^https?:\\/\\//i.test(u))return '<span>'+t+'</span>';return '<a href="'+esc(u)+'" rel="noopener noreferrer nofollow" target="_blank" title="'+esc(u)+'">'+t+'</a>';}
var STAGES=['interest','comparison','purchase'];
function block(id){var e=document.getElementById(id);return e?JSON.parse(e.textContent):null;}
var FIRST=null,DATA=null,DETAIL=null;
/* The first rows and the counts, in the small block before this script: what is drawn at once. */
function first(){return FIRST||(FIRST=block('zmot-first')||{n:{pages:0,issues:0},pages:[],ids:[],issues:[]});}
/* Every row, in the block after this script: read the first time it is needed once the page is parsed (a sort, a
   filter, another page); until then the first rows stand for it (their audit ids are a prefix of its table). */
function data(){if(DATA)return DATA;if(document.readyState==='loading')return first();return DATA=block('zmot-rows')||{pages:[],ids:[],issues:[]};}
/* The detail block comes last: read once the page is parsed. */
function detail(){if(DETAIL)return DETAIL;if(document.readyState==='loading')return null;return DETAIL=block('zmot-detail')||{pages:[],issues:[],s:[]};}
function itemsHtml(it,S){if(!it[1].length)return '';return '<table class="items"><tr>'+it[0].map(function(k){return '<th>'+esc(S[k])+'</th>';}).join('')+'</tr>'+it[1].map(function(c){return '<tr>'+c.map(function(v){return '<td>'+esc(v)+'</td>';}).join('')+'</tr>';}).join('')+'</table>'+(it[2]>0?'<div class="dim small">and '+it[2]+' more</div>':'');}
/* A page: [url, title, status, fetchError, indexable, findability, profile, depth, words, perf, inherited, redirects, failing]. */
function dominant(r){var sp=r[6];if(!sp)return '';var b=0;for(var s=1;s<3;s++)if(sp[s]>sp[b])b=s;return STAGES[b];}
function profileText(r){var sp=r[6];if(!sp)return '–';return STAGES.map(function(s,i){return s[0].toUpperCase()+' '+pct(sp[i]);}).join(' · ');}
function failingIds(r){var ids=data().ids,f=r[12],out=[];for(var j=0;j<f.length;j+=2)out.push(ids[f[j]]);return out;}
function td(html,cls,v){return '<td'+(cls?' class="'+cls+'"':'')+(v!==undefined?' data-v="'+esc(v)+'"':'')+'>'+html+'</td>';}
function rowHtml(r,i){
 var f=r[5]*100,sp=r[6],ids=data().ids,fl=r[12],aud='';
 for(var j=0;j<fl.length;j+=2)aud+='<details data-d="pages:'+i+':'+(j/2)+'"><summary>'+esc(ids[fl[j]])+(fl[j+1]?' <span class="count">'+fl[j+1]+'</span>':'')+'</summary></details>';
 var prof=sp?'<div class="profile" data-i="'+i+'" title="'+STAGES.map(function(s,k){return s+' '+pct(sp[k])+'%';}).join(' · ')+'">'+STAGES.map(function(s,k){return '<span class="seg '+s+'" style="width:'+(sp[k]*100).toFixed(1)+'%"></span>';}).join('')+'</div><div class="small dim">'+profileText(r)+'</div>':'<span class="dim">–</span>';
 return '<tr data-stage="'+dominant(r)+'" data-indexable="'+(r[4]?'yes':'no')+'">'
  +td(link(r[0])+(r[11]?'<div class="small dim">after '+r[11]+' redirect(s)</div>':'')+'<div class="small">'+esc(r[1]==null?'(no title)':r[1])+'</div>')
  +td(r[2]?String(r[2]):esc(r[3]==null?'error':r[3]),'num',r[2])
  +td(r[4]?'<span class="ok">yes</span>':'<span class="bad">no</span>')
  +td(String(Math.round(f)),'num '+rating(f),f.toFixed(2))
  +td(prof)
  +td(r[7]==null?'–':String(r[7]),'num',r[7]==null?-1:r[7])
  +td(String(r[8]),'num',r[8])
  +td(r[9]!=null||r[10]?pct(r[9])+(r[10]?'<span class="dim small" title="inherited from a sampled page of the same template">*</span>':''):'–','num',r[9]==null?-1:r[9])
  +td(aud||'<span class="ok">none</span>','audits')+'</tr>';}
function keyOf(r,c){switch(c){
 case 0:return (short(r[0])+(r[11]?'after '+r[11]+' redirect(s)':'')+(r[1]==null?'(no title)':r[1])).trim().toLowerCase();
 case 1:return r[2];case 2:return r[4]?'yes':'no';case 3:return r[5]*100;case 4:return profileText(r).toLowerCase();
 case 5:return r[7]==null?-1:r[7];case 6:return r[8];case 7:return r[9]==null?-1:r[9];default:return failingIds(r).join(' ').toLowerCase();}}
function textOf(r){return (short(r[0])+' '+(r[1]==null?'(no title)':r[1])+' '+(r[2]||r[3]||'error')+' '+failingIds(r).join(' ')).toLowerCase();}
/* An issue: [severity, type, message, url, items]. */
function issueHtml(r,i){return '<tr data-severity="'+esc(r[0])+'"><td class="'+(r[0]==='error'?'bad':r[0]==='warning'?'warn':'dim')+'">'+esc(r[0])+'</td><td>'+esc(r[1])+'</td><td>'+esc(r[2])+'</td><td>'+link(r[3])+'</td><td>'+(r[4]?'<details data-d="issues:'+i+'"><summary>'+r[4]+' item(s)</summary></details>':'')+'</td></tr>';}
function issueKey(r,c){return c===3?(r[3]?short(r[3]):'–').toLowerCase():c===4?(r[4]?r[4]+' item(s)':''):String(r[c]).toLowerCase();}
function issueText(r){return (r[0]+' '+r[1]+' '+r[2]+' '+(r[3]?short(r[3]):'')).toLowerCase();}
var KINDS={
 pages:{count:function(){return first().n.pages;},rows:function(){return data().pages;},html:rowHtml,key:keyOf,text:textOf,attr:function(r,a){return a==='stage'?dominant(r):a==='indexable'?(r[4]?'yes':'no'):'';}},
 issues:{count:function(){return first().n.issues;},rows:function(){return data().issues;},html:issueHtml,key:issueKey,text:issueText,attr:function(r,a){return a==='severity'?r[0]:'';}}};
/* A finding's details (a failing audit's, a site-wide issue's items), from the detail block, the first time it is opened. */
document.addEventListener('toggle',function(e){var d=e.target;if(!d.open||!d.getAttribute||!d.getAttribute('data-d')||d.getAttribute('data-filled'))return;
 var D=detail();if(!D)return;d.setAttribute('data-filled','1');var at=d.getAttribute('data-d').split(':');var S=D.s;var h='';
 if(at[0]==='issues'){var it=D.issues[+at[1]];if(!it)return;h=itemsHtml(it,S);}
 else{var row=D.pages[+at[1]];var a=row&&row[1][+at[2]];if(!a)return;
  h='<div class="small">'+esc(S[a[0]])+'</div>'+(a[1]>=0?'<div class="small dim">'+esc(S[a[1]])+'</div>':'')+(a[2]>=0?'<div class="small bad">'+esc(S[a[2]])+'</div>':'')+itemsHtml(a.slice(3),S);}
 d.insertAdjacentHTML('beforeend',h);},true);
/* The stage signals of a page, in its profile's tooltip, the first time it is pointed at. */
document.addEventListener('mouseover',function(e){var el=e.target&&e.target.closest?e.target.closest('.profile[data-i]'):null;if(!el||el.getAttribute('data-filled'))return;
 var D=detail();if(!D)return;el.setAttribute('data-filled','1');var row=D.pages[+el.getAttribute('data-i')];if(row&&row[0].length)el.setAttribute('title',el.getAttribute('title')+'\\n'+row[0].map(function(k){return D.s[k];}).join('\\n'));});
var paged={};
document.querySelectorAll('table[data-rows]').forEach(function(t){
 var id=t.id.slice(2);var K=KINDS[t.getAttribute('data-rows')];if(!K)return;var count=K.count();var all=new Array(count);for(var i=0;i<count;i++)all[i]=i;
 var size=+t.getAttribute('data-page-size');var p={all:all,view:all.slice(),page:0,sort:null,keys:{},texts:null};
 var range=document.querySelector('[data-range="'+id+'"]');
 p.draw=function(){var n=p.view.length;var last=Math.max(0,Math.ceil(n/size)-1);if(p.page>last)p.page=last;if(p.page<0)p.page=0;var from=p.page*size;
  var rows=K.rows();t.tBodies[0].innerHTML=p.view.slice(from,from+size).map(function(i){return K.html(rows[i],i);}).join('');
  if(range)range.textContent=(n?(from+1)+'–'+Math.min(n,from+size):'0')+' of '+n;};
 p.key=function(c){return p.keys[c]||(p.keys[c]=K.rows().map(function(r){return K.key(r,c);}));};
 p.text=function(i){if(!p.texts)p.texts=K.rows().map(K.text);return p.texts[i];};
 p.attr=function(i,a){return K.attr(K.rows()[i],a);};
 p.order=function(){if(!p.sort)return;var k=p.key(p.sort[0]),asc=p.sort[1];p.view.sort(function(x,y){return cmp(k[x],k[y],asc);});};
 paged[id]=p;p.draw();});
/* The rest once the whole page is parsed: the sections after this script (the Lighthouse sample) get theirs too. */
function ready(){
Object.keys(paged).forEach(function(id){var p=paged[id];document.querySelectorAll('[data-pager="'+id+'"] button').forEach(function(b){b.addEventListener('click',function(){p.page+=+b.getAttribute('data-step');p.draw();});});});
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
 if(p){p.view=(q||want)?p.all.filter(function(i){return(!q||p.text(i).indexOf(q)>=0)&&(!want||p.attr(i,attr)===want);}):p.all.slice();p.order();p.page=0;p.draw();n=p.view.length;}
 else Array.prototype.forEach.call(t.tBodies[0].rows,function(r){var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!want||r.getAttribute('data-'+attr)===want);r.hidden=!ok;if(ok)n++;});
 var c=document.querySelector('[data-count="'+id+'"]');if(c)c.textContent=n+' shown';}
document.querySelectorAll('[data-filter]').forEach(function(i){i.addEventListener('input',function(){apply(i.getAttribute('data-filter'));});var id=i.getAttribute('data-filter');if(paged[id]){var c=document.querySelector('[data-count="'+id+'"]');if(c)c.textContent=paged[id].all.length+' shown';}else apply(id);});
document.querySelectorAll('[data-attr-filter]').forEach(function(s){s.addEventListener('change',function(){apply(s.getAttribute('data-attr-filter'));});});
/* Every row read just after the page is shown, not on the first click: the first sort, filter or paging does not wait for it. */
if(Object.keys(paged).length)setTimeout(data,0);}
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',ready);else ready();
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

export function renderHtmlReport(report: ReportInput): string {
  return [...htmlReportChunks(report)].join('');
}

/**
 * report.html in pieces, the pages streamed: the sections, the first rows' data block, our one script (which renders
 * them at once), the every-row data block (read on the first sort, filter or paging), the details data block (read
 * when a detail is first opened), then the Lighthouse sample.
 */
export function* htmlReportChunks(report: ReportInput): Generator<string> {
  const s = report.scores;
  const pagesSection = pagedTable('pages', ['Page', 'Status', 'Indexable', 'Findability', 'Stage profile', 'Depth', 'Words', 'Perf.', 'Failing audits'], report.pages.length);
  // Our code only: the data blocks are not scripts the page runs, and their `<` are escaped.
  const hash = createHash('sha256').update(SCRIPT).digest('base64');
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
  yield `<!doctype html>
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
`;
  const sampled: PageResult[] = [];
  yield* dataBlocks(report.pages, report.issues, sampled);
  yield `${lighthouseTable(sampled)}
</main>
</body></html>
`;
}

export const htmlWriter: ReportWriter = {
  id: 'html',
  async write(report, outDir) {
    const file = path.join(outDir, 'report.html');
    writeChunksAtomic(file, htmlReportChunks(report));
    return [file];
  },
};
