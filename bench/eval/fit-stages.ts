/**
 * Fits the query classifier's global weights (shared/classify/query-weights.ts) on the DEV halves only: ORCAS-I-gold
 * dev (real Bing queries, Broder labels) and the team-written set's dev half (stages and Broder labels). The held-out
 * halves are never read here. Deterministic: coordinate search over fixed grids from the current values, a value
 * kept only when it raises the dev objective — the mean of ORCAS-I dev Broder macro-F1, team dev Broder macro-F1 and
 * team dev stage macro-F1 — by at least MIN_GAIN, so weights the data cannot tell apart stay as they are. Writes
 * the block between `// fit:begin` and `// fit:end`.
 *
 *   npx tsx bench/eval/fit-stages.ts          fit and write
 *   npx tsx bench/eval/fit-stages.ts --dry    fit and print only
 *
 * Then `npm run eval -- --only stages` measures the held-out halves with the new weights.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { createQueryClassifier } from '../../shared/classify/query-stage.ts';
import { evaluatePredictions } from '../../shared/classify/query-eval.ts';
import { QUERY_WEIGHTS, type QueryWeights } from '../../shared/classify/query-weights.ts';
import { BRODER, loadOrcas } from './stages.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = path.join(ROOT, 'shared/classify/query-weights.ts');
const TEAM_FILE = path.join(ROOT, 'tests/fixtures/queries/labelled.csv');
const STAGES = ['interest', 'comparison', 'purchase', 'navigational'] as const;

const GRIDS: Record<keyof QueryWeights, number[]> = {
  interestPrior: [0.15, 0.2, 0.25, 0.3, 0.35],
  interestPriorWithEvidence: [0.05, 0.1, 0.15, 0.2],
  interestPerTopicWord: [0.06, 0.09, 0.12, 0.15, 0.18],
  commonNounPrior: [0.3, 0.5, 0.7],
  nameAsTopicFactor: [0.2, 0.3, 0.4, 0.5, 0.6, 0.8],
  navDampingWithFunnel: [0.3, 0.4, 0.5, 0.6, 0.7],
  gazetteerWeight: [0.8, 0.9, 1, 1.1, 1.2],
  organisationWeight: [0.6, 0.8, 1, 1.2],
  fuzzyFactor: [0.6, 0.7, 0.8, 0.9],
  joinedFactor: [0.6, 0.7, 0.8, 0.9, 1],
};
/**
 * A change must raise the objective by half a point: one ORCAS-I dev navigational query more or less right moves
 * its macro-F1 by about a point, so smaller gains are single queries the held-out half would not confirm.
 */
const MIN_GAIN = 0.005;
const MAX_PASSES = 3;

interface Row {
  query: string;
  broder: string;
  stage?: string;
}

function load(): { orcas: Row[]; team: Row[] } {
  const orcas = loadOrcas().filter((row) => row.split === 'dev');
  const team = (parse(readFileSync(TEAM_FILE, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Array<Row & { split: string }>).filter(
    (row) => row.split === 'dev',
  );
  return { orcas, team };
}

function objective(weights: QueryWeights, data: { orcas: Row[]; team: Row[] }): { value: number; parts: number[] } {
  const classify = createQueryClassifier({ weights });
  const orcas = data.orcas.map((row) => ({ gold: row.broder, predicted: classify(row.query).broder }));
  const team = data.team.map((row) => ({ row, result: classify(row.query) }));
  const parts = [
    evaluatePredictions(orcas, BRODER).macroF1,
    evaluatePredictions(team.map(({ row, result }) => ({ gold: row.broder, predicted: result.broder })), BRODER).macroF1,
    evaluatePredictions(team.map(({ row, result }) => ({ gold: row.stage ?? '', predicted: result.stage })), STAGES).macroF1,
  ];
  return { value: parts.reduce((sum, part) => sum + part, 0) / parts.length, parts };
}

function main(): void {
  const dry = process.argv.includes('--dry');
  const data = load();
  let weights: QueryWeights = { ...QUERY_WEIGHTS };
  let best = objective(weights, data);
  const show = (value: { value: number; parts: number[] }): string =>
    `${value.value.toFixed(4)} (ORCAS-I dev Broder ${value.parts[0].toFixed(3)}, team dev Broder ${value.parts[1].toFixed(3)}, team dev stage ${value.parts[2].toFixed(3)})`;
  console.log(`start: ${show(best)}`);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const key of Object.keys(GRIDS) as Array<keyof QueryWeights>) {
      let bestValue = weights[key];
      for (const value of GRIDS[key]) {
        if (value === weights[key]) continue;
        const tried = objective({ ...weights, [key]: value }, data);
        if (tried.value >= best.value + MIN_GAIN) {
          best = tried;
          bestValue = value;
        }
      }
      if (bestValue !== weights[key]) {
        console.log(`pass ${pass + 1}: ${key} ${weights[key]} -> ${bestValue}: ${show(best)}`);
        weights = { ...weights, [key]: bestValue };
        changed = true;
      }
    }
    if (!changed) break;
  }
  console.log(`end: ${show(best)}\n${JSON.stringify(weights)}`);
  if (dry) return;
  const source = readFileSync(FILE, 'utf8');
  const block = `// fit:begin\nexport const QUERY_WEIGHTS: QueryWeights = {\n${(Object.keys(weights) as Array<keyof QueryWeights>)
    .map((key) => `  ${key}: ${weights[key]},`)
    .join('\n')}\n};\n// fit:end`;
  // The markers at the start of a line: the file's doc comment names them too.
  writeFileSync(FILE, source.replace(/^\/\/ fit:begin$[\s\S]*?^\/\/ fit:end$/m, () => block));
  console.log(`wrote ${path.relative(ROOT, FILE)}`);
}

main();
