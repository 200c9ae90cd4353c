import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { PEOPLE_SITE_AUDITS } from '../../shared/human-signals/config.ts';
import type { PageResult } from '../../shared/schemas/index.ts';
import { writeChunksAtomic, type ReportInput, type ReportWriter } from './write-file.ts';

type Cell = string | number | boolean | null | undefined;

/**
 * Neutralises spreadsheet formulas: a text cell starting with = + - @ (or tab / CR) is prefixed with
 * an apostrophe, so page content can never run as a formula when the CSV is opened.
 */
export function csvCell(v: Cell): string | number {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function toCsv(header: string[], rows: Iterable<Cell[]>): string {
  return [...csvChunks(header, rows)].join('');
}

/** A CSV in pieces of up to 500 rows, as the rows come: a 100,000-page pages.csv is never one string. */
export function* csvChunks(header: string[], rows: Iterable<Cell[]>): Generator<string> {
  const text = (batch: Cell[][]) => stringify(batch.map((r) => r.map(csvCell)), { eof: true, record_delimiter: 'windows' });
  // A BOM lets Excel open UTF-8 (accents in French titles) correctly.
  yield `\ufeff${text([header])}`;
  let batch: Cell[][] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= 500) {
      yield text(batch);
      batch = [];
    }
  }
  if (batch.length) yield text(batch);
}

const r3 = (n: number | null | undefined) => (n == null ? null : Math.round(n * 1000) / 1000);

const PAGE_HEADER = ['url', 'status', 'indexable', 'findability', 'title', 'meta_description', 'h1', 'lang', 'canonical', 'words', 'depth', 'in_sitemap', 'interest', 'comparison', 'purchase', 'failing_audits', 'redirects', 'fetch_error', 'lh_performance', 'lh_seo', 'lcp_ms', 'cls', 'tbt_ms', 'lh_inherited_from'];

function pageRow(p: PageResult): Cell[] {
  return [
    p.url, p.status, p.indexable, r3(p.findability.score), p.title, p.metaDescription, p.h1, p.lang, p.canonical, p.wordCount, p.depth, p.inSitemap,
    r3(p.stageProfile?.interest), r3(p.stageProfile?.comparison), r3(p.stageProfile?.purchase),
    p.audits.filter((a) => a.score !== null && a.score < 1).map((a) => `${a.id}${a.items.length ? ` (${a.items.length})` : ''}`).join('; '),
    p.redirectChain.map((h) => `${h.status} ${h.url}`).join(' → '), p.fetchError,
    r3(p.lighthouse?.performance), r3(p.lighthouse?.seo), p.lighthouse?.lcpMs ?? null, r3(p.lighthouse?.cls), p.lighthouse?.tbtMs ?? null, p.lighthouse?.inheritedFrom ?? null,
  ];
}

function* mapped<T, U>(items: Iterable<T>, f: (t: T) => U): Generator<U> {
  for (const t of items) yield f(t);
}

export function pagesCsv(report: ReportInput): string {
  return toCsv(PAGE_HEADER, mapped(report.pages, pageRow));
}

export function questionsCsv(report: ReportInput): string {
  return toCsv(
    ['id', 'question', 'stage', 'persona', 'weight', 'source', 'visibility', 'answered', 'best_url', 'heading', 'passage', 'answer', 'findability', 'relevance', 'shape', 'directness', 'tone', 'notes', 'human_signals', 'ai_cited', 'ai_cited_pages', 'persona_usability', 'persona_findings'],
    report.questions.map((q) => [
      q.question.id, q.question.text, q.question.stage, q.question.persona ?? null, q.question.weight, q.question.source, r3(q.visibility), q.answered,
      q.best?.url ?? null, q.best?.heading ?? null, q.best?.excerpt ?? null, r3(q.best?.answer), r3(q.best?.findability),
      r3(q.best?.factors.relevance), r3(q.best?.factors.shape), r3(q.best?.factors.directness), r3(q.best?.factors.tone), q.best?.notes.join('; ') ?? null, r3(q.best?.people),
      // Cited in the AI answer (you / competitors / nobody), empty when no AI Overview was collected; then who.
      q.aiCitation?.cited ?? null, q.aiCitation ? (q.aiCitation.cited === 'you' ? q.aiCitation.brand : q.aiCitation.competitors).join('; ') : null,
      r3(q.best?.persona?.usability), q.best?.persona?.findings.join('; ') ?? null,
    ]),
  );
}

const ISSUE_HEADER = ['severity', 'type', 'message', 'url', 'items'];

function* issueRows(report: ReportInput): Generator<Cell[]> {
  for (const i of report.issues) yield [i.severity, i.type, i.message, i.url, i.items.map((it) => Object.values(it).join(' ')).join('; ')];
  for (const p of report.pages) {
    for (const a of p.audits) {
      if (a.score === null || a.score >= 1) continue;
      yield ['warning', `audit:${a.id}`, a.title, p.url, a.items.map((it) => Object.values(it).join(' ')).join('; ')];
    }
  }
  // Site-wide people checks that fall short (organisation, customers' words, talk to a person), one row each
  // (the informative summary has no score).
  for (const a of report.siteAudits) {
    if (a.score === null || a.score >= 1 || !PEOPLE_SITE_AUDITS.includes(a.id)) continue;
    yield ['notice', `site-audit:${a.id}`, `${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`, null, a.items.map((it) => Object.values(it).join(' ')).join('; ')];
  }
  for (const g of report.gaps) yield ['notice', `gap:${g.stage}`, `${g.question}: ${g.missing.join('; ')}`, g.nearestUrl, null];
}

export function issuesCsv(report: ReportInput): string {
  return toCsv(ISSUE_HEADER, issueRows(report));
}

export const csvWriter: ReportWriter = {
  id: 'csv',
  async write(report, outDir) {
    // The page-long files stream, a few hundred rows at a time.
    const files: Array<[string, () => Iterable<string>]> = [
      ['pages.csv', () => csvChunks(PAGE_HEADER, mapped(report.pages, pageRow))],
      ['questions.csv', () => [questionsCsv(report)]],
      ['issues.csv', () => csvChunks(ISSUE_HEADER, issueRows(report))],
    ];
    const out: string[] = [];
    for (const [name, chunks] of files) {
      const file = path.join(outDir, name);
      writeChunksAtomic(file, chunks());
      out.push(file);
    }
    return out;
  },
};
