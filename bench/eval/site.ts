/**
 * Eval section `site`: a real SaaS site (../shared/fixtures/sites/zerabooks, 85 pages) served on
 * 127.0.0.1 and crawled end to end by the real `zmot crawl`, with the 24 prospect questions whose
 * answering pages were read by hand. Is the report's best page one a person picked? Do the three
 * questions the site does not answer come out as gaps, and does each gap name the page that came
 * closest (the question's best page)?
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CrawlReportSchema, type CrawlReport, type ProspectQuestion } from '../../shared/schemas/index.ts';
import { Bm25Index } from '../../shared/score/bm25.ts';
import { ANSWERED_CONFIDENCE, ANSWERED_THRESHOLD } from '../../shared/score/site.ts';
import { analyzerFor } from '../../shared/score/text.ts';
import { storedPages } from './site-pages.ts';
import { serveZerabooks, ZERABOOKS_DIR } from './zerabooks-server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ZMOT = path.join(ROOT, 'crawler/bin/zmot.js');

export interface SiteQuestion {
  id: string;
  stage: 'interest' | 'comparison' | 'purchase';
  text: string;
  answeredBy: string[];
  why: string;
}

export function zerabooksQuestions(): Promise<SiteQuestion[]> {
  return readFile(path.join(ZERABOOKS_DIR, 'questions.json'), 'utf8').then((t) => (JSON.parse(t) as { questions: SiteQuestion[] }).questions);
}

/**
 * The config a marketer would write for this site: the brand and its products, the competitors its
 * own comparisons page names, the 24 questions and no templates.
 */
export function zerabooksConfig(questions: SiteQuestion[]) {
  return {
    brand: { name: 'Zera Books', domains: ['127.0.0.1', 'zerabooks.com', 'zerabooks.github.io'] },
    category: 'accounting automation: bank statement, invoice and financial statement conversion',
    products: ['Zera OCR', 'Zera AI'],
    competitors: ['DocuClipper', 'Dext', 'Hubdoc', 'MoneyThumb', 'ProperSoft', 'Nanonets', 'Klippa', 'Docsumo'].map((name) => ({ name })),
    languages: ['en'],
    templates: false,
    questions: questions.map((q): ProspectQuestion => ({ id: q.id, text: q.text, stage: q.stage, weight: 1, source: 'config', lang: 'en' })),
  };
}

/** Serves the copy, runs `zmot crawl` on it and returns the report (and the folder holding the crawl store). */
export async function crawlZerabooks(outDir?: string): Promise<{ report: CrawlReport; out: string; questions: SiteQuestion[] }> {
  const questions = await zerabooksQuestions();
  const work = await mkdtemp(path.join(os.tmpdir(), 'zmot-zerabooks-'));
  const out = outDir ?? path.join(work, 'report');
  const configFile = path.join(work, 'zmot.config.json');
  await writeFile(configFile, JSON.stringify(zerabooksConfig(questions), null, 2));
  const server = await serveZerabooks();
  try {
    await promisify(execFile)(process.execPath, [ZMOT, 'crawl', `${server.origin}/`, '--config', configFile, '--out', out, '--json'], {
      cwd: ROOT,
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    // Exit 1 is a CI gate failing, not a crawl failure; anything else is.
    if (err.code !== 1) throw new Error(`zmot crawl failed (${err.code}): ${(err.stderr ?? '').trim().split('\n')[0]}`);
  } finally {
    await server.close();
  }
  const report = CrawlReportSchema.parse(JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')));
  if (!outDir) await rm(work, { recursive: true, force: true });
  return { report, out, questions };
}

export interface QuestionOutcome {
  q: SiteQuestion;
  bestPath: string | null;
  answered: boolean;
  visibility: number;
  /** The confidence that the best passage truly answers (absent from reports written before it existed). */
  confidence: number | null;
  gapNearest: string | null;
  /** Best page among the hand-picked ones (answered questions), or reported as a gap (the 3 unanswered). */
  right: boolean;
}

const pathOf = (url: string | null | undefined) => (url ? new URL(url).pathname : null);

export function outcomes(report: CrawlReport, questions: SiteQuestion[]): QuestionOutcome[] {
  return questions.map((q) => {
    const r = report.questions.find((x) => x.question.id === q.id);
    const gap = report.gaps.find((g) => g.questionId === q.id);
    const bestPath = pathOf(r?.best?.url);
    const answered = r?.answered ?? false;
    const right = q.answeredBy.length ? bestPath != null && q.answeredBy.includes(bestPath) : !answered && !!gap;
    return { q, bestPath, answered, visibility: r?.visibility ?? 0, confidence: r?.confidence ?? null, gapNearest: gap ? pathOf(gap.nearestUrl) : null, right };
  });
}

export async function run(): Promise<string> {
  const { report, questions, out: out_, work } = await crawlZerabooksKept();
  const rows = outcomes(report, questions);
  const right = rows.filter((r) => r.right).length;
  const answerable = rows.filter((r) => r.q.answeredBy.length);
  const unanswerable = rows.filter((r) => !r.q.answeredBy.length);
  const rightAnswered = answerable.filter((r) => r.right && r.answered).length;
  const gapRows = rows.filter((r) => !r.answered);
  const nearestIsBest = gapRows.filter((r) => r.gapNearest === r.bestPath).length;
  const baseline = bm25BestPages(out_, questions);
  const baseRight = rows.filter((r) => (r.q.answeredBy.length ? r.q.answeredBy.includes(baseline.get(r.q.id) ?? '') : false)).length;
  const out: string[] = [];
  out.push('## A real site crawled end to end (zerabooks)');
  out.push('');
  out.push(
    'Data: `../shared/fixtures/sites/zerabooks/` — the built HTML of Zera Books\u2019 resource site (ZeraBooks/zerabooks.github.io at a85ac47, 85 pages, ' +
      'no license: a test fixture only) and its 24 prospect questions, 8 per stage, with the pages that answer them read by hand; ' +
      '3 (z8, z16, z24) are answered by no page. Served on 127.0.0.1 by bench/eval/zerabooks-server.ts (own origin rewritten, ' +
      '`/x` → `/x/`, a generated /sitemap.xml since the copy has none and 37 pages are unreachable from `/`) and crawled by the real ' +
      '`zmot crawl` with the config a marketer would write (brand, products, the competitors its comparisons page names, the 24 questions). ' +
      'No weight is fitted on this site (weights are fitted on the product-QA dev split), but the failure kinds fixed for issue 11 ' +
      '(stage synonyms, brand name implied, subject from title and H1, windows, listing pages, gap\u2019s nearest page; then word forms: "x-free" compounds ' +
      'read as about x, indefinite pronouns as stop words, photo/image synonyms) were developed while looking at it: ' +
      'these figures are not held back. **Baseline:** the page of the passage plain BM25 ranks first over the same crawl (passage text and heading, no synonyms, no factors).',
  );
  out.push('');
  out.push(
    `**Best page right: ${right}/24** (target ≥ 21): ${right - unanswerable.filter((r) => r.right).length}/${answerable.length} answered questions\u2019 best page is one a person picked ` +
      `(${rightAnswered} of them also marked answered), ${unanswerable.filter((r) => r.right).length}/${unanswerable.length} unanswered questions reported as gaps. ` +
      `Gaps whose nearest page is the question\u2019s best page: ${nearestIsBest}/${gapRows.length}. Pages crawled: ${report.pages.length}. ` +
      `Plain BM25 baseline: best page right for ${baseRight}/${answerable.length} answered questions (it cannot report gaps).`,
  );
  const marked = rows.filter((r) => r.answered);
  const confident = rows.filter((r) => (r.confidence ?? 0) >= ANSWERED_CONFIDENCE);
  out.push('');
  out.push(
    `**Answered** (confidence ≥ ${ANSWERED_CONFIDENCE}, the bar where the scorer\u2019s own order chose, and visibility ≥ ${ANSWERED_THRESHOLD}, see the answers section): ${marked.length} marked, ` +
      `${marked.filter((r) => r.q.answeredBy.length && r.right).length} of them on a page a person picked; ` +
      `${unanswerable.filter((r) => !r.answered).length}/${unanswerable.length} questions the site does not answer stay gaps. ` +
      `The confidence alone would mark ${confident.length}, ${confident.filter((r) => r.q.answeredBy.length && r.right).length} of them right ` +
      `(and ${confident.filter((r) => !r.q.answeredBy.length).length} of the 3 the site does not answer): on a site it is the visibility bar that keeps weak pages from counting.`,
  );
  out.push('');
  out.push('| question | stage | best page (report) | right | visibility | confidence | answered | gap\u2019s nearest page | pages a person picked |');
  out.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const picked = r.q.answeredBy.length ? r.q.answeredBy.slice(0, 4).map((p) => `\`${p}\``).join(' ') + (r.q.answeredBy.length > 4 ? ` +${r.q.answeredBy.length - 4}` : '') : '— (gap)';
    out.push(
      `| ${r.q.id} ${r.q.text.replace(/\|/g, '/')} | ${r.q.stage} | ${r.bestPath ? `\`${r.bestPath}\`` : '—'} | ${r.right ? '✓' : '✗'} | ${Math.round(r.visibility * 100)} | ${r.confidence == null ? '—' : r.confidence.toFixed(2)} | ${r.answered ? 'yes' : 'no'} | ${r.gapNearest ? `\`${r.gapNearest}\`` : r.answered ? '' : '—'} | ${picked} |`,
    );
  }
  await rm(work, { recursive: true, force: true });
  return out.join('\n');
}

/** Crawls into a temporary folder that the caller removes (the baseline reads the crawl store). */
async function crawlZerabooksKept(): Promise<{ report: CrawlReport; questions: SiteQuestion[]; out: string; work: string }> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'zmot-zerabooks-eval-'));
  const r = await crawlZerabooks(path.join(work, 'report'));
  return { ...r, work };
}

/** Plain BM25 over every passage of the crawl (text with its heading, stemmed, no synonyms): the page of the top passage per question. */
function bm25BestPages(outDir: string, questions: SiteQuestion[]): Map<string, string> {
  const pages = storedPages(outDir).filter((p) => p.artifacts.status === 200 && p.artifacts.isHtml);
  const analyzer = analyzerFor('en');
  const index = new Bm25Index<string>();
  for (const { artifacts } of pages) for (const p of artifacts.passages) index.add(new URL(artifacts.url).pathname, analyzer.terms(`${p.heading ?? ''} ${p.text}`));
  const out = new Map<string, string>();
  for (const q of questions) {
    const groups = [...new Set(analyzer.terms(q.text))].map((t) => ({ label: t, terms: [t] }));
    const top = index.search(groups, 1)[0];
    if (top) out.set(q.id, top.doc.ref);
  }
  return out;
}
