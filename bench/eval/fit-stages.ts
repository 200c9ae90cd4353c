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
 *   npx tsx bench/eval/fit-stages.ts --cv     the fit's 10-fold cross-validated ORCAS-I dev figure, from the fitted
 *                                             weights and from the grids' middle values (`npm run eval` prints the latter)
 *
 * Then `npm run eval -- --only stages` measures the held-out halves with the new weights.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createQueryClassifier } from '../../shared/classify/query-stage.ts';
import { evaluatePredictions } from '../../shared/classify/query-eval.ts';
import { QUERY_WEIGHTS, type QueryWeights } from '../../shared/classify/query-weights.ts';
import { BRODER, STAGES, loadOrcas, loadTeam } from './stages-data.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = path.join(ROOT, 'shared/classify/query-weights.ts');

export const GRIDS: Record<keyof QueryWeights, number[]> = {
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
/** Folds of the cross-fit: ORCAS-I dev rows by a hash of the query text (the team dev half stays in every training part). */
export const CV_FOLDS = 10;

interface Row {
  query: string;
  broder: string;
  stage?: string;
}

/** The dev halves, and the classifier's answers on them for each set of weights tried (cached: the folds share them). */
class DevData {
  readonly orcas: Row[];
  readonly team: Row[];
  private readonly cache = new Map<string, { orcas: string[]; teamBroder: string[]; teamStage: string[] }>();

  constructor() {
    this.orcas = loadOrcas().filter((row) => row.split === 'dev');
    this.team = loadTeam().filter((row) => row.split === 'dev');
  }

  predictions(weights: QueryWeights): { orcas: string[]; teamBroder: string[]; teamStage: string[] } {
    const key = JSON.stringify(weights);
    let cached = this.cache.get(key);
    if (!cached) {
      const classify = createQueryClassifier({ weights });
      const team = this.team.map((row) => classify(row.query));
      cached = {
        orcas: this.orcas.map((row) => classify(row.query).broder),
        teamBroder: team.map((result) => result.broder),
        teamStage: team.map((result) => result.stage),
      };
      this.cache.set(key, cached);
    }
    return cached;
  }
}

interface Objective {
  value: number;
  parts: number[];
}

/**
 * The mean of ORCAS-I dev Broder macro-F1 (on the rows `orcasRows` names), team dev Broder macro-F1 and team dev
 * stage macro-F1.
 */
function objective(weights: QueryWeights, data: DevData, orcasRows: readonly number[]): Objective {
  const predicted = data.predictions(weights);
  const parts = [
    evaluatePredictions(orcasRows.map((i) => ({ gold: data.orcas[i].broder, predicted: predicted.orcas[i] })), BRODER).macroF1,
    evaluatePredictions(data.team.map((row, i) => ({ gold: row.broder, predicted: predicted.teamBroder[i] })), BRODER).macroF1,
    evaluatePredictions(data.team.map((row, i) => ({ gold: row.stage ?? '', predicted: predicted.teamStage[i] })), STAGES).macroF1,
  ];
  return { value: parts.reduce((sum, part) => sum + part, 0) / parts.length, parts };
}

const show = (value: Objective): string =>
  `${value.value.toFixed(4)} (ORCAS-I dev Broder ${value.parts[0].toFixed(3)}, team dev Broder ${value.parts[1].toFixed(3)}, team dev stage ${value.parts[2].toFixed(3)})`;

/** Coordinate search over GRIDS from `start`, on the ORCAS-I dev rows `orcasRows` and the whole team dev half. */
function fitWeights(start: QueryWeights, data: DevData, orcasRows: readonly number[], log: (line: string) => void = () => {}): { weights: QueryWeights; best: Objective } {
  let weights: QueryWeights = { ...start };
  let best = objective(weights, data, orcasRows);
  log(`start: ${show(best)}`);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const key of Object.keys(GRIDS) as Array<keyof QueryWeights>) {
      let bestValue = weights[key];
      for (const value of GRIDS[key]) {
        if (value === weights[key]) continue;
        const tried = objective({ ...weights, [key]: value }, data, orcasRows);
        if (tried.value >= best.value + MIN_GAIN) {
          best = tried;
          bestValue = value;
        }
      }
      if (bestValue !== weights[key]) {
        log(`pass ${pass + 1}: ${key} ${weights[key]} -> ${bestValue}: ${show(best)}`);
        weights = { ...weights, [key]: bestValue };
        changed = true;
      }
    }
    if (!changed) break;
  }
  log(`end: ${show(best)}`);
  return { weights, best };
}

/**
 * The fold of a query: FNV-1a of its text, finished with murmur3's fmix32 so every bit depends on every character.
 * FNV-1a's low bit alone is the parity of the characters' low bits, which is what split dev from test: every dev
 * row's plain hash is even, and taken modulo the fold count it would fill only half the folds.
 */
export function foldOf(query: string, folds = CV_FOLDS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < query.length; i++) hash = Math.imul(hash ^ query.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % folds;
}

/** The middle value of each grid: a start that owes nothing to the dev rows. */
export const NEUTRAL_START: QueryWeights = Object.fromEntries(
  (Object.keys(GRIDS) as Array<keyof QueryWeights>).map((key) => [key, GRIDS[key][Math.floor(GRIDS[key].length / 2)]]),
) as unknown as QueryWeights;

export interface CrossFit {
  /** Each ORCAS-I dev row's gold label and the label given by weights fitted without its fold. */
  pairs: Array<{ gold: string; predicted: string }>;
  /** The weights each fold chose. */
  foldWeights: QueryWeights[];
}

/**
 * The fit's cross-validated estimate on ORCAS-I dev: for each of CV_FOLDS folds, the weights are fitted (from `start`)
 * on the other folds and the team dev half, then the fold's rows are classified with them. The lexicons and rules
 * are fixed; only the weights are learnt here.
 */
export function crossFitWeights(start: QueryWeights = NEUTRAL_START, folds = CV_FOLDS): CrossFit {
  const data = new DevData();
  const foldOfRow = data.orcas.map((row) => foldOf(row.query, folds));
  const predicted: string[] = new Array<string>(data.orcas.length);
  const foldWeights: QueryWeights[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const training = foldOfRow.flatMap((f, i) => (f === fold ? [] : [i]));
    const { weights } = fitWeights(start, data, training);
    foldWeights.push(weights);
    const answers = data.predictions(weights).orcas;
    foldOfRow.forEach((f, i) => {
      if (f === fold) predicted[i] = answers[i];
    });
  }
  return { pairs: data.orcas.map((row, i) => ({ gold: row.broder, predicted: predicted[i] })), foldWeights };
}

function main(): void {
  const dry = process.argv.includes('--dry');
  const data = new DevData();
  const all = data.orcas.map((_, i) => i);
  if (process.argv.includes('--cv')) {
    for (const [name, start] of [
      ['the fitted weights', QUERY_WEIGHTS],
      ['the grid middles', NEUTRAL_START],
    ] as const) {
      const { pairs, foldWeights } = crossFitWeights(start);
      console.log(`cross-fit from ${name}: ORCAS-I dev Broder macro-F1 ${evaluatePredictions(pairs, BRODER).macroF1.toFixed(3)}`);
      for (const weights of foldWeights) console.log(`  ${JSON.stringify(weights)}`);
    }
    return;
  }
  const { weights } = fitWeights(QUERY_WEIGHTS, data, all, (line) => console.log(line));
  console.log(JSON.stringify(weights));
  if (dry) return;
  const source = readFileSync(FILE, 'utf8');
  const block = `// fit:begin\nexport const QUERY_WEIGHTS: QueryWeights = {\n${(Object.keys(weights) as Array<keyof QueryWeights>)
    .map((key) => `  ${key}: ${weights[key]},`)
    .join('\n')}\n};\n// fit:end`;
  // The markers at the start of a line: the file's doc comment names them too.
  writeFileSync(FILE, source.replace(/^\/\/ fit:begin$[\s\S]*?^\/\/ fit:end$/m, () => block));
  console.log(`wrote ${path.relative(ROOT, FILE)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
