import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { CompareReportSchema, type CompareQuestion, type CompareReport, type Stage } from '../../shared/schemas/index.ts';
import { toCsv } from '../report/csv.ts';
import { esc, STYLE } from '../report/html.ts';
import { mdText } from '../report/markdown.ts';
import { writeFileAtomic } from '../report/write-file.ts';

const TEXT = {
  heading: 'Who answers your prospects best',
  stages: 'Share of answers per stage',
  stagesHelp: 'Each stage\'s question weight, split by the site that answers each question best (visibility ≥ 50). "Nobody" is what no crawled site answers yet.',
  losses: 'Questions a competitor answers better',
  noLosses: 'No competitor answers any question better than you.',
  opportunities: 'Questions nobody answers: open opportunities',
  noOpportunities: 'Every question is answered by at least one site.',
  questions: 'Every question',
  nobody: 'Nobody',
};
const STAGE_NAMES: Record<Stage, string> = { interest: 'Interest', comparison: 'Comparison', purchase: 'Purchase' };
const COLORS = ['#1a73e8', '#d93025', '#188038', '#f29900', '#9334e6', '#12b5cb'];
const NOBODY_COLOR = '#dadce0';
const r = (n: number | null | undefined) => (n == null ? '–' : String(Math.round(n)));

function link(url: string | null): string {
  if (!url) return '<span class="dim">–</span>';
  let shown = url;
  try {
    const u = new URL(url);
    shown = `${u.host}${u.pathname}${u.search}`;
  } catch {
    return `<span>${esc(url)}</span>`;
  }
  return /^https?:\/\//i.test(url) ? `<a href="${esc(url)}" rel="noopener noreferrer nofollow" target="_blank">${esc(shown)}</a>` : `<span>${esc(shown)}</span>`;
}

function shareBar(report: CompareReport, stage: CompareReport['stages'][number]): string {
  const W = 560;
  let x = 0;
  const parts = report.sites.map((s, i) => ({ name: s.name, v: stage.share[s.name] ?? 0, color: COLORS[i % COLORS.length] })).concat([{ name: TEXT.nobody, v: stage.nobody, color: NOBODY_COLOR }]);
  const rects = parts
    .filter((p) => p.v > 0)
    .map((p) => {
      const w = (p.v / 100) * W;
      const out = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="26" fill="${p.color}" data-site="${esc(p.name)}" data-v="${p.v}"><title>${esc(`${p.name}: ${r(p.v)}%`)}</title></rect>${w > 34 ? `<text x="${(x + 6).toFixed(1)}" y="18" class="sv">${r(p.v)}%</text>` : ''}`;
      x += w;
      return out;
    })
    .join('');
  return `<svg class="share" viewBox="0 0 ${W} 26" role="img" aria-label="${esc(`${STAGE_NAMES[stage.stage]}: share of answers`)}" data-stage="${stage.stage}">${rects}</svg>`;
}

function questionRow(report: CompareReport, q: CompareQuestion): string {
  const cells = report.sites.map((s) => {
    const a = q.answers.find((x) => x.site === s.name)!;
    return `<td class="num ${q.winner === s.name ? 'win' : ''}" data-site="${esc(s.name)}" data-v="${a.visibility}">${r(a.visibility)}</td>`;
  });
  const best = q.winner ? q.answers.find((a) => a.site === q.winner)! : null;
  return `<tr data-stage="${esc(q.question.stage)}" data-outcome="${q.outcome}" data-qid="${esc(q.question.id)}"><td>${esc(q.question.text)}</td><td>${esc(q.question.stage)}</td>${cells.join('')}<td>${q.winner ? esc(q.winner) : `<span class="dim">${esc(TEXT.nobody)}</span>`}</td><td class="num">${q.winner ? r(q.margin) : '–'}</td><td>${best ? link(best.url) : ''}</td></tr>`;
}

function lossItem(report: CompareReport, q: CompareQuestion): string {
  const win = q.answers.find((a) => a.site === q.winner)!;
  const own = q.answers.find((a) => a.site === report.brand)!;
  return `<li data-qid="${esc(q.question.id)}"><div class="q">${esc(q.question.text)} <span class="dim small">${esc(q.question.stage)} · weight ${esc(q.question.weight)}</span></div>
<div><b>${esc(q.winner)}</b> ${r(win.visibility)} vs you ${r(own.visibility)} (by ${r(q.margin)} points) · winning page ${link(win.url)}</div>
<div class="passage small">${win.heading ? `<b>${esc(win.heading)}</b> ` : ''}${esc(win.excerpt)}</div>
<div class="small dim">your nearest page: ${link(own.url)}</div></li>`;
}

export function renderCompareHtml(report: CompareReport): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const byId = new Map(report.questions.map((q) => [q.question.id, q]));
  const siteHead = report.sites.map((s, i) => `<th><span class="sw" style="background:${COLORS[i % COLORS.length]}"></span>${esc(s.name)}</th>`).join('');
  const scoreRows = report.sites
    .map((s, i) => `<tr data-site="${esc(s.name)}"><td><span class="sw" style="background:${COLORS[i % COLORS.length]}"></span><b>${esc(s.name)}</b> <span class="dim small">${esc(s.role)}</span></td><td>${link(s.origin)}</td><td class="num">${s.pagesFetched}</td><td class="num">${r(s.scores?.zmot)}</td>${(['interest', 'comparison', 'purchase'] as const).map((st) => `<td class="num">${r(s.scores?.stages[st])}</td>`).join('')}</tr>`)
    .join('');
  const stages = report.stages
    .map((st) => `<div class="stage" data-stage="${st.stage}"><h3>${esc(STAGE_NAMES[st.stage])} <span class="count">${st.questions}</span>${st.leader ? ` <span class="small">led by <b>${esc(st.leader)}</b></span>` : ''}</h3>${shareBar(report, st)}<div class="small">${report.sites.map((s) => `${esc(s.name)} <b data-share="${esc(s.name)}">${r(st.share[s.name])}%</b>`).join(' · ')} · ${esc(TEXT.nobody)} <b data-share="">${r(st.nobody)}%</b></div></div>`)
    .join('');
  const losses = report.losses.length ? `<ol class="gaps losses">${report.losses.map((id) => lossItem(report, byId.get(id)!)).join('')}</ol>` : `<p class="ok">${esc(TEXT.noLosses)}</p>`;
  const opps = report.opportunities.length
    ? `<ol class="gaps opportunities">${report.opportunities.map((id) => {
        const q = byId.get(id)!;
        return `<li data-qid="${esc(id)}"><div class="q">${esc(q.question.text)} <span class="dim small">${esc(q.question.stage)} · weight ${esc(q.question.weight)}</span></div><div class="small dim">closest: ${q.answers.map((a) => `${esc(a.site)} ${r(a.visibility)}`).join(' · ')}</div></li>`;
      }).join('')}</ol>`
    : `<p class="ok">${esc(TEXT.noOpportunities)}</p>`;
  const rows = report.questions.map((q) => questionRow(report, q)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(`${TEXT.heading} — ${report.brand}`)}</title><style>${STYLE}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}.share{width:100%;max-width:600px;display:block;margin:4px 0}.share .sv{font-size:12px;fill:#fff;font-weight:700}
td.win{background:#e6f4ea}.passage{color:var(--dim);max-width:900px}</style></head>
<body>
<header class="top"><h1>${esc(TEXT.heading)}: ${esc(report.brand)}</h1>
<div class="dim">${report.sites.length} sites · ${report.questions.length} questions, the same for every site · generated ${esc(report.generatedAt.slice(0, 16).replace('T', ' '))} UTC by ZMOT Lens ${esc(report.tool.version)}</div></header>
<main>
<section id="sites"><h2>Sites</h2><div class="scroll"><table id="t-sites" class="data"><thead><tr><th>Site</th><th>Origin</th><th>Pages</th><th>ZMOT</th><th>Interest</th><th>Comparison</th><th>Purchase</th></tr></thead><tbody>${scoreRows}</tbody></table></div></section>
<section id="stages"><h2>${esc(TEXT.stages)}</h2><p class="dim small">${esc(TEXT.stagesHelp)}</p>${stages}</section>
<section id="losses"><h2>${esc(TEXT.losses)} <span class="count">${report.losses.length}</span></h2>${losses}</section>
<section id="opportunities"><h2>${esc(TEXT.opportunities)} <span class="count">${report.opportunities.length}</span></h2>${opps}</section>
<section id="questions"><h2>${esc(TEXT.questions)} <span class="count">${report.questions.length}</span></h2><div class="scroll"><table id="t-compare" class="data"><thead><tr><th>Question</th><th>Stage</th>${siteHead}<th>Best</th><th>By</th><th>Winning page</th></tr></thead><tbody>${rows}</tbody></table></div></section>
</main>
</body></html>
`;
}

export function renderCompareCsv(report: CompareReport): string {
  const names = report.sites.map((s) => s.name);
  return toCsv(
    ['question_id', 'question', 'stage', 'weight', ...names.map((n) => `visibility_${n}`), 'winner', 'margin', 'outcome', 'winning_url', 'brand_url'],
    report.questions.map((q) => {
      const win = q.winner ? q.answers.find((a) => a.site === q.winner) : null;
      const own = q.answers.find((a) => a.site === report.brand);
      return [q.question.id, q.question.text, q.question.stage, q.question.weight, ...names.map((n) => q.answers.find((a) => a.site === n)?.visibility ?? null), q.winner, q.winner ? q.margin : null, q.outcome, win?.url ?? null, own?.url ?? null];
    }),
  );
}

export function renderCompareMarkdown(report: CompareReport, max = 15): string {
  const byId = new Map(report.questions.map((q) => [q.question.id, q]));
  const names = report.sites.map((s) => s.name);
  const out = [`## ZMOT Lens comparison: ${mdText(report.brand)}`, ''];
  out.push(`| Site | ZMOT | Interest | Comparison | Purchase |`, '|---|---:|---:|---:|---:|');
  for (const s of report.sites) out.push(`| ${mdText(s.name)}${s.role === 'brand' ? ' (you)' : ''} | ${r(s.scores?.zmot)} | ${r(s.scores?.stages.interest)} | ${r(s.scores?.stages.comparison)} | ${r(s.scores?.stages.purchase)} |`);
  out.push('', '### Share of answers per stage', '', `| Stage | ${names.map((n) => mdText(n)).join(' | ')} | Nobody |`, `|---|${names.map(() => '---:').join('|')}|---:|`);
  for (const st of report.stages) out.push(`| ${st.stage} | ${names.map((n) => `${r(st.share[n])}%`).join(' | ')} | ${r(st.nobody)}% |`);
  if (report.losses.length) {
    out.push('', '### Questions a competitor answers better', '', '| Stage | Question | Winner | By | Winning page |', '|---|---|---|---:|---|');
    for (const id of report.losses.slice(0, max)) {
      const q = byId.get(id)!;
      const win = q.answers.find((a) => a.site === q.winner)!;
      out.push(`| ${q.question.stage} | ${mdText(q.question.text)} | ${mdText(q.winner)} | ${r(q.margin)} | ${win.url ? `\`${mdUrl(win.url)}\`` : '–'} |`);
    }
    if (report.losses.length > max) out.push('', `_…and ${report.losses.length - max} more in compare.html._`);
  }
  if (report.opportunities.length) {
    out.push('', '### Questions nobody answers', '');
    for (const id of report.opportunities.slice(0, max)) out.push(`- ${byId.get(id)!.question.stage}: ${mdText(byId.get(id)!.question.text)}`);
  }
  return `${out.join('\n')}\n`;
}

function mdUrl(url: string): string {
  let shown = url;
  try {
    const u = new URL(url);
    shown = `${u.host}${u.pathname}${u.search}`;
  } catch {
    /* as is */
  }
  return shown.replace(/[`|\\]/g, '_').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').slice(0, 120);
}

/** Writes compare.json (validated), compare.html, compare.csv and compare.md into outDir. */
export async function writeCompareReports(report: CompareReport, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const valid = CompareReportSchema.parse(report);
  const files: Array<[string, string]> = [
    ['compare.json', `${JSON.stringify(valid, null, 2)}\n`],
    ['compare.html', renderCompareHtml(valid)],
    ['compare.csv', renderCompareCsv(valid)],
    ['compare.md', renderCompareMarkdown(valid)],
  ];
  const written: string[] = [];
  for (const [name, data] of files) {
    const file = path.join(outDir, name);
    await writeFileAtomic(file, data);
    written.push(file);
  }
  return written;
}

/** A stable short id of a site name, for folder names. */
export function siteSlug(name: string): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return slug || createHash('sha256').update(name).digest('hex').slice(0, 8);
}
