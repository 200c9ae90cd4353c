/**
 * Experiment (issue 11, query stages): would a small model fitted on the ORCAS-I-gold DEV half separate Broder's
 * classes better than the hand-set rules of shared/classify/query-stage.ts? A multinomial logistic regression (plain
 * batch gradient descent from zero, deterministic, L2 penalty) over three groups of features:
 *
 *   rules   the classifier's own output: its four stage shares and its Broder intent;
 *   names   what its signals read: name-list hits by list (hand list of big sites, gazetteer and organisation names,
 *           addresses), account and organisation words, misspelt and joined name readings, stage-word weights;
 *   shape   word shape: number of tokens, words no English dictionary knows (Hunspell, dictionary-en), short unknown
 *           words (acronyms), all words common, digits and letter-digit mixes, a leading question word, a long single
 *           token, an address-like character.
 *
 * Measured by 10-fold cross-validation on the DEV rows only (folds by row order; the rows are in the file's order,
 * which the hash split leaves unrelated to the labels), for each of a small grid of penalties and class weights
 * (class weight = (n / 3·n_class)^balance: 0 plain, 1 balanced). The held-out half is never read here. A model would
 * be worth shipping only if its cross-validated dev figure beat the rules' dev figure, which is itself optimistic
 * (the rules were developed on those rows).
 *
 *   npx tsx bench/eval/stages-model-cli.ts   the grid, per feature group
 *
 * `npm run eval -- --only stages` reports the best setting of the full model beside the rules.
 */
import { classifyQuery } from '../../shared/classify/query-stage.ts';
import { evaluatePredictions, type EvaluationReport } from '../../shared/classify/query-eval.ts';
import { tokenize } from '../../shared/classify/query-text.ts';
import { COMMON_WORDS } from '../../shared/classify/gazetteer-data.ts';

export const CLASSES = ['informational', 'navigational', 'transactional'] as const;
const FOLDS = 10;
const ITERATIONS = 400;
const LEARNING_RATE = 0.5;
export const PENALTIES = [0.001, 0.01, 0.1] as const;
export const BALANCES = [0, 0.5, 1] as const;
const QUESTION_WORDS = new Set('how what why when who where which can is does do are should will'.split(' '));
const NAME_LISTS = new Set(['gazetteer', 'organisations']);

export type FeatureGroup = 'rules' | 'names' | 'shape';
export const ALL_GROUPS: readonly FeatureGroup[] = ['rules', 'names', 'shape'];

let common: Set<string> | null = null;

/** The features of one query, by group, in a fixed order. `knownWord`: the English dictionary knows the word. */
export function queryFeatures(query: string, knownWord: (word: string) => boolean, groups: readonly FeatureGroup[] = ALL_GROUPS): number[] {
  common ??= new Set(COMMON_WORDS.split(' '));
  const result = classifyQuery(query);
  const tokens = tokenize(query).tokens.map((token) => token.folded);
  const weightOf = (keep: (signal: (typeof result.signals)[number]) => boolean): number =>
    result.signals.filter(keep).reduce((sum, signal) => sum + signal.weight, 0);
  const words = tokens.filter((token) => /^\p{L}{3,}$/u.test(token));
  const unknown = words.filter((word) => !knownWord(word)).length;
  const features: number[] = [];
  if (groups.includes('rules')) {
    features.push(
      result.scores.interest,
      result.scores.comparison,
      result.scores.purchase,
      result.scores.navigational,
      result.broder === 'navigational' ? 1 : 0,
      result.broder === 'transactional' ? 1 : 0,
      result.confidence,
    );
  }
  if (groups.includes('names')) {
    const nav = (signal: (typeof result.signals)[number]): boolean => signal.stage === 'navigational';
    features.push(
      weightOf((signal) => nav(signal) && signal.source === 'site'),
      weightOf((signal) => nav(signal) && NAME_LISTS.has(signal.source)),
      weightOf((signal) => nav(signal) && signal.source === 'neutral'),
      weightOf((signal) => nav(signal) && !NAME_LISTS.has(signal.source) && signal.source !== 'site' && signal.source !== 'neutral'),
      result.signals.some((signal) => signal.signal.includes('≈')) ? 1 : 0,
      result.signals.some((signal) => signal.signal.includes(' + ')) ? 1 : 0,
      weightOf((signal) => signal.stage === 'purchase'),
      weightOf((signal) => signal.stage === 'comparison'),
      weightOf((signal) => signal.stage === 'interest' && signal.source !== 'fallback'),
    );
  }
  if (groups.includes('shape')) {
    features.push(
      tokens.length === 1 ? 1 : 0,
      tokens.length === 2 ? 1 : 0,
      tokens.length >= 4 ? 1 : 0,
      Math.min(tokens.length, 8) / 8,
      unknown > 0 ? 1 : 0,
      unknown / Math.max(1, tokens.length),
      tokens.some((token) => token.length <= 4 && /^\p{L}+$/u.test(token) && !knownWord(token)) ? 1 : 0,
      words.length > 0 && words.every((word) => common!.has(word)) ? 1 : 0,
      tokens.some((token) => /\d/.test(token)) ? 1 : 0,
      tokens.some((token) => /\d/.test(token) && /\p{L}/u.test(token)) ? 1 : 0,
      QUESTION_WORDS.has(tokens[0] ?? '') ? 1 : 0,
      tokens.length === 1 && tokens[0].length >= 8 ? 1 : 0,
      /[./]|www/.test(query) ? 1 : 0,
    );
  }
  return features;
}

interface Model {
  /** One weight row per class over the features and a bias (last). */
  weights: Float64Array[];
}

/** A feature row with the bias input (1) appended. */
function withBias(x: readonly number[]): Float64Array {
  const row = new Float64Array(x.length + 1);
  row.set(x);
  row[x.length] = 1;
  return row;
}

function scores(model: Model, x: Float64Array, out: Float64Array): void {
  for (let k = 0; k < model.weights.length; k++) {
    const w = model.weights[k];
    let sum = 0;
    for (let j = 0; j < x.length; j++) sum += w[j] * x[j];
    out[k] = sum;
  }
}

/** Multinomial logistic regression, batch gradient descent from zero: the same data gives the same model. */
export function fitModel(xs: readonly Float64Array[], ys: readonly number[], penalty: number, classWeights: readonly number[]): Model {
  const width = xs[0].length;
  const weights = CLASSES.map(() => new Float64Array(width));
  const gradient = CLASSES.map(() => new Float64Array(width));
  const z = new Float64Array(CLASSES.length);
  const total = ys.reduce((sum, y) => sum + classWeights[y], 0);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    for (const row of gradient) row.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      scores({ weights }, x, z);
      let top = -Infinity;
      for (let k = 0; k < z.length; k++) top = Math.max(top, z[k]);
      let sum = 0;
      for (let k = 0; k < z.length; k++) sum += (z[k] = Math.exp(z[k] - top));
      for (let k = 0; k < z.length; k++) {
        const g = (z[k] / sum - (k === ys[i] ? 1 : 0)) * classWeights[ys[i]];
        const row = gradient[k];
        for (let j = 0; j < width; j++) row[j] += g * x[j];
      }
    }
    for (let k = 0; k < CLASSES.length; k++) {
      for (let j = 0; j < width; j++) weights[k][j] -= LEARNING_RATE * (gradient[k][j] / total + (j < width - 1 ? penalty * weights[k][j] : 0));
    }
  }
  return { weights };
}

function predict(model: Model, x: Float64Array): number {
  const z = new Float64Array(CLASSES.length);
  scores(model, x, z);
  let bestClass = 0;
  for (let k = 1; k < z.length; k++) if (z[k] > z[bestClass]) bestClass = k;
  return bestClass;
}

export interface CrossValidated {
  penalty: number;
  balance: number;
  report: EvaluationReport;
}

/** 10-fold cross-validation of the model on the given (dev) rows, for every penalty and class-weight balance. */
export function crossValidate(
  rows: ReadonlyArray<{ query: string; broder: string }>,
  knownWord: (word: string) => boolean,
  groups: readonly FeatureGroup[] = ALL_GROUPS,
): CrossValidated[] {
  const xs = rows.map((row) => withBias(queryFeatures(row.query, knownWord, groups)));
  const ys = rows.map((row) => CLASSES.indexOf(row.broder as (typeof CLASSES)[number]));
  const counts = CLASSES.map((_, k) => ys.filter((y) => y === k).length);
  const results: CrossValidated[] = [];
  for (const penalty of PENALTIES) {
    for (const balance of BALANCES) {
      const classWeights = counts.map((n) => (n ? (rows.length / (CLASSES.length * n)) ** balance : 0));
      const predicted = new Array<number>(rows.length).fill(0);
      for (let fold = 0; fold < FOLDS; fold++) {
        const train = rows.map((_, i) => i).filter((i) => i % FOLDS !== fold);
        const model = fitModel(train.map((i) => xs[i]), train.map((i) => ys[i]), penalty, classWeights);
        rows.forEach((_, i) => {
          if (i % FOLDS === fold) predicted[i] = predict(model, xs[i]);
        });
      }
      const report = evaluatePredictions(rows.map((row, i) => ({ gold: row.broder, predicted: CLASSES[predicted[i]] })), CLASSES);
      results.push({ penalty, balance, report });
    }
  }
  return results;
}

export function best(results: readonly CrossValidated[]): CrossValidated {
  return results.reduce((a, b) => (b.report.macroF1 > a.report.macroF1 ? b : a));
}
