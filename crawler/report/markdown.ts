import path from 'node:path';
import { PEOPLE_SITE_AUDITS } from '../../shared/human-signals/config.ts';
import { writeFileAtomic, type ReportInput, type ReportWriter } from './write-file.ts';

/**
 * Escapes page text for Markdown that GitHub and GitLab render: no raw HTML, no links or images
 * smuggled in, no table breaking, one line.
 */
export function mdText(s: string | null | undefined, max = 120): string {
  if (!s) return '';
  const one = s.replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim();
  const cut = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return cut.replace(/[\\`*_{}[\]()<>#+!|~&@:]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Control characters (terminal escapes that act when the summary is printed in a CI log) and
 * bidirectional overrides (which make text read differently from what it is): one space each.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Shows a URL as code, which Markdown never turns into a link or an image. A | still splits a
 * table cell inside a code span on GitHub unless escaped.
 */
function mdUrl(url: string | null | undefined): string {
  if (!url) return '–';
  let shown = url;
  try {
    const u = new URL(url);
    shown = `${u.pathname}${u.search}`;
  } catch {
    /* keep as is */
  }
  // A backslash could pair with the escape below and let the | split the cell after all.
  const code = shown.replace(/`/g, "'").replace(/\\/g, '%5C').replace(CONTROLS, ' ').slice(0, 100);
  return `\`${code.replace(/\|/g, '\\|')}\``;
}

const round = (n: number | null | undefined) => (n == null ? '–' : String(Math.round(n)));

export function renderMarkdownSummary(report: ReportInput, options: { maxGaps?: number } = {}): string {
  const s = report.scores;
  const out: string[] = [];
  out.push(`## ZMOT Lens: ${mdText(report.site.name ?? report.site.origin)}`);
  out.push('');
  if (s) {
    out.push('| ZMOT | Interest | Comparison | Purchase |', '|---:|---:|---:|---:|');
    out.push(`| **${round(s.zmot)}** | ${round(s.stages.interest)} | ${round(s.stages.comparison)} | ${round(s.stages.purchase)} |`);
    if (s.aiReadiness) out.push(`| AI-answer readiness | ${round(s.aiReadiness.interest)} | ${round(s.aiReadiness.comparison)} | ${round(s.aiReadiness.purchase)} |`);
    if (s.humanSignals) out.push(`| Human signals | ${round(s.humanSignals.interest)} | ${round(s.humanSignals.comparison)} | ${round(s.humanSignals.purchase)} |`);
  } else {
    out.push('_No questions were scored._');
  }
  out.push('');
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  let notIndexable = 0;
  for (const p of report.pages) if (!p.indexable) notIndexable++;
  if (report.history?.sinceLast) {
    out.push('### Since last run', '', ...report.history.sinceLast.lines.map((l) => `- ${mdText(l, 300)}`), '');
  }
  out.push(`${report.crawl.pagesFetched} pages crawled · ${notIndexable} not indexable · ${errors} site-wide errors · ${report.gaps.length} gaps`);
  if (report.gaps.length) {
    out.push('', '### Gaps', '', '| Stage | Question | Nearest page | Missing |', '|---|---|---|---|');
    for (const g of report.gaps.slice(0, options.maxGaps ?? 15)) {
      out.push(`| ${g.stage} | ${mdText(g.question)} | ${mdUrl(g.nearestUrl)} | ${mdText(g.missing.join('; '), 160)} |`);
    }
    if (report.gaps.length > (options.maxGaps ?? 15)) out.push('', `_…and ${report.gaps.length - (options.maxGaps ?? 15)} more in report.html._`);
  }
  // The scored people audits (the informative summary, human-signals-site, has no score).
  const people = report.siteAudits.filter((a) => PEOPLE_SITE_AUDITS.includes(a.id) && a.score !== null);
  if (people.length) {
    out.push('', '### People behind the content', '', '| Check | Score | Found |', '|---|---:|---|');
    for (const a of people) out.push(`| ${mdText(a.title)} | ${Math.round(a.score! * 100)} | ${mdText(a.displayValue ?? a.explanation ?? '', 160)} |`);
  }
  const withAi = report.questions.filter((q) => q.aiCitation);
  if (withAi.length) {
    out.push('', '### Cited in the AI answer', '', '| Stage | Question | Visibility | Cited in the AI answer |', '|---|---|---:|---|');
    for (const q of withAi.slice(0, 30)) {
      const c = q.aiCitation!;
      const who = c.cited === 'you' ? `**you** (${c.brand.map((u) => mdUrl(u)).join(', ')})` : c.cited === 'competitors' ? `competitors (${mdText(c.competitors.join(', '), 120)})` : 'nobody';
      out.push(`| ${q.question.stage} | ${mdText(q.question.text)} | ${round(q.visibility * 100)} | ${who} |`);
    }
    if (withAi.length > 30) out.push('', `_…and ${withAi.length - 30} more in report.html._`);
  }
  const top = report.issues.filter((i) => i.severity !== 'notice').slice(0, 10);
  if (top.length) {
    out.push('', '### Site-wide issues', '', '| Severity | Type | Issue | URL |', '|---|---|---|---|');
    for (const i of top) out.push(`| ${i.severity} | ${mdText(i.type)} | ${mdText(i.message, 160)} | ${mdUrl(i.url)} |`);
  }
  return `${out.join('\n')}\n`;
}

export const markdownWriter: ReportWriter = {
  id: 'markdown',
  async write(report, outDir) {
    const file = path.join(outDir, 'summary.md');
    await writeFileAtomic(file, renderMarkdownSummary(report));
    return [file];
  },
};
