/**
 * Accuracy of the query stage classifier on the labelled queries in tests/fixtures/queries.
 *
 *   npx tsx bench/classifier-eval.ts              tables for docs/classifier.md
 *   npx tsx bench/classifier-eval.ts --errors dev misclassified dev queries (never tune on test)
 *   npx tsx bench/classifier-eval.ts --json       the figures as JSON
 *   npx tsx bench/classifier-eval.ts --orcas-errors  misclassified ORCAS-I-gold dev rows (real queries; test is held out)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { classifyQuery, createQueryClassifier, type QueryClassifier } from '../shared/classify/query-stage.ts';
import { evaluatePredictions, formatEvaluation, type EvaluationReport } from '../shared/classify/query-eval.ts';
import type { QueryClassification } from '../shared/schemas/classify.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LABELLED_CSV = path.join(repoRoot, 'tests/fixtures/queries/labelled.csv');
const STAGES = ['interest', 'comparison', 'purchase', 'navigational'] as const;
const BRODER = ['informational', 'navigational', 'transactional'] as const;
const MAIN_LANGUAGES = ['en', 'fr', 'de', 'es'];

interface LabelledQuery {
  query: string;
  lang: string;
  stage: string;
  broder: string;
  split: 'dev' | 'test';
  source: string;
}

interface Scored {
  row: LabelledQuery;
  result: QueryClassification;
}

function loadLabelled(): LabelledQuery[] {
  return parse(readFileSync(LABELLED_CSV, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as LabelledQuery[];
}

function run(rows: readonly LabelledQuery[], classify: QueryClassifier = classifyQuery): Scored[] {
  return rows.map((row) => ({ row, result: classify(row.query) }));
}

const stageReport = (items: readonly Scored[]): EvaluationReport =>
  evaluatePredictions(items.map(({ row, result }) => ({ gold: row.stage, predicted: result.stage })), STAGES);
const broderReport = (items: readonly Scored[]): EvaluationReport =>
  evaluatePredictions(items.map(({ row, result }) => ({ gold: row.broder, predicted: result.broder })), BRODER);
/** The evaluation brief's reading: a comparison query counts as informational or transactional, whichever is gold. */
const broderLenientAccuracy = (items: readonly Scored[]): number =>
  items.filter(({ row, result }) => result.broder === row.broder || (result.stage === 'comparison' && row.broder !== 'navigational'))
    .length / Math.max(1, items.length);

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
const tableRow = (cells: ReadonlyArray<string | number>): string => `| ${cells.join(' | ')} |`;
const tableHead = (titles: readonly string[], leftColumns = 1): string[] => [
  tableRow(titles),
  `|${titles.map((_, i) => (i < leftColumns ? '---' : '---:')).join('|')}|`,
];

function languageTable(scored: readonly Scored[]): string {
  const rank = (lang: string): number => MAIN_LANGUAGES.indexOf(lang) + 1 || 99;
  const languages = [...new Set(scored.map(({ row }) => row.lang))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const lines = tableHead([
    'lang',
    'n',
    'stage acc. dev',
    'stage acc. test',
    'stage acc. all',
    'Broder acc. all',
    'Broder macro-F1 all',
    'lang right when determined',
    'lang undetermined',
  ]);
  for (const lang of languages) {
    const rows = scored.filter(({ row }) => row.lang === lang);
    const dev = rows.filter(({ row }) => row.split === 'dev');
    const test = rows.filter(({ row }) => row.split === 'test');
    const determined = rows.filter(({ result }) => result.lang !== 'und');
    const langRight = determined.filter(({ row, result }) => result.lang === row.lang).length / Math.max(1, determined.length);
    lines.push(
      tableRow([
        lang,
        rows.length,
        dev.length ? pct(stageReport(dev).accuracy) : '–',
        test.length ? pct(stageReport(test).accuracy) : '–',
        pct(stageReport(rows).accuracy),
        pct(broderReport(rows).accuracy),
        pct(broderReport(rows).macroF1),
        pct(langRight),
        pct(1 - determined.length / rows.length),
      ]),
    );
  }
  return lines.join('\n');
}

function summaryTable(scored: readonly Scored[], withoutSites: readonly Scored[]): string {
  const splits: Array<[string, (s: Scored) => boolean]> = [
    ['dev', (s) => s.row.split === 'dev'],
    ['test (held out)', (s) => s.row.split === 'test'],
    ['all', () => true],
  ];
  const lines = tableHead([
    'split',
    'n',
    'stage accuracy',
    'stage macro-F1',
    'Broder accuracy',
    'Broder macro-F1',
    'Broder, comparison either way',
    'stage acc. without site list',
  ]);
  for (const [name, keep] of splits) {
    const items = scored.filter(keep);
    const stage = stageReport(items);
    const broder = broderReport(items);
    const ablated = stageReport(withoutSites.filter(keep));
    lines.push(
      tableRow([
        name,
        items.length,
        pct(stage.accuracy),
        pct(stage.macroF1),
        pct(broder.accuracy),
        pct(broder.macroF1),
        pct(broderLenientAccuracy(items)),
        pct(ablated.accuracy),
      ]),
    );
  }
  return lines.join('\n');
}

function sourceTable(scored: readonly Scored[], withoutSites: readonly Scored[]): string {
  const lines = tableHead(
    ['source', 'split', 'n', 'stage accuracy', 'stage macro-F1', 'Broder accuracy', 'Broder macro-F1', 'Broder acc. without site list'],
    2,
  );
  for (const source of [...new Set(scored.map(({ row }) => row.source))]) {
    for (const split of ['dev', 'test']) {
      const keep = ({ row }: Scored): boolean => row.source === source && row.split === split;
      const items = scored.filter(keep);
      if (!items.length) continue;
      const stage = stageReport(items);
      const broder = broderReport(items);
      const ablated = broderReport(withoutSites.filter(keep));
      lines.push(
        tableRow([
          source,
          split,
          items.length,
          pct(stage.accuracy),
          pct(stage.macroF1),
          pct(broder.accuracy),
          pct(broder.macroF1),
          pct(ablated.accuracy),
        ]),
      );
    }
  }
  return lines.join('\n');
}

function throughput(rows: readonly LabelledQuery[]): number {
  const rounds = 20;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) for (const row of rows) classifyQuery(row.query);
  return Math.round((rounds * rows.length) / ((performance.now() - started) / 1000));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rows = loadLabelled();
  const scored = run(rows);
  const withoutSites = run(rows, createQueryClassifier({ siteNames: false }));
  const test = scored.filter(({ row }) => row.split === 'test');
  const dev = scored.filter(({ row }) => row.split === 'dev');

  if (args.includes('--json')) {
    const figures = {
      n: { all: scored.length, dev: dev.length, test: test.length },
      stage: { dev: stageReport(dev), test: stageReport(test), all: stageReport(scored) },
      broder: { dev: broderReport(dev), test: broderReport(test), all: broderReport(scored) },
    };
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }

  if (args.includes('--orcas-errors')) {
    // Real queries (ORCAS-I-gold): the dev half only. The test half is held out and never listed.
    const { loadOrcas, errorKind, devErrorKinds } = await import('./eval/stages.ts');
    const rows = loadOrcas();
    for (const row of rows) {
      if (row.split !== 'dev') continue;
      const result = classifyQuery(row.query);
      if (result.broder === row.broder) continue;
      const why = result.signals.map((s) => `${s.stage[0]}:${s.signal}=${s.weight}`).join(' ');
      console.log(`${row.broder}\t→ ${result.broder} (${result.stage})\t${row.query}\t[${why}]\t${errorKind(row.query, row.broder, result)}`);
    }
    console.log('\nby kind (dev):');
    for (const { kind, count } of devErrorKinds(rows)) console.log(`${String(count).padStart(4)}  ${kind}`);
    return;
  }

  const errorsIndex = args.indexOf('--errors');
  if (errorsIndex >= 0) {
    const which = args[errorsIndex + 1] ?? 'dev';
    for (const { row, result } of scored) {
      if (which !== 'all' && row.split !== which) continue;
      if (result.stage === row.stage && result.broder === row.broder) continue;
      const why = result.signals.map((s) => `${s.stage[0]}:${s.signal}=${s.weight}`).join(' ');
      const verdict = `${row.stage}/${row.broder}\t→ ${result.stage}/${result.broder} (${result.lang})`;
      console.log(`${row.split}\t${row.lang}\t${verdict}\t${row.query}\t[${why}]`);
    }
    return;
  }

  console.log(`# Query stage classifier — ${rows.length} labelled queries (${dev.length} dev, ${test.length} held-out test)\n`);
  console.log(summaryTable(scored, withoutSites));
  console.log('\n## Per batch\n');
  console.log(sourceTable(scored, withoutSites));
  console.log('\n## Per language\n');
  console.log(languageTable(scored));
  console.log('\n## Four stages\n');
  console.log(formatEvaluation('held-out test', stageReport(test)));
  console.log();
  console.log(formatEvaluation('dev', stageReport(dev)));
  console.log('\n## Broder (informational / navigational / transactional)\n');
  console.log(formatEvaluation('held-out test', broderReport(test)));
  console.log();
  console.log(formatEvaluation('dev', broderReport(dev)));
  console.log(`\nthroughput: ~${throughput(rows).toLocaleString('en')} queries/s on this machine (single thread)`);
}

void main();
