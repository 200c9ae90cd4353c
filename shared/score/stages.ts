/**
 * From question visibilities to the report's scores: per stage, per persona, and the ZMOT score.
 */
import { STAGES, type Config, type QuestionResult, type Scores, type Stage } from '../schemas/index.ts';

/** Equal by default: each stage of the journey matters; a config's stageWeights overrides them. */
export const DEFAULT_STAGE_WEIGHTS: Record<Stage, number> = { interest: 1, comparison: 1, purchase: 1 };

/** Weighted mean of visibilities × 100, one decimal; null when there is nothing to average. */
export function weightedScore(results: QuestionResult[]): number | null {
  let total = 0;
  let sum = 0;
  for (const r of results) {
    total += r.question.weight;
    sum += r.question.weight * r.visibility;
  }
  return total > 0 ? round1((100 * sum) / total) : null;
}

export function stageWeights(config: Pick<Config, 'stageWeights'>): Record<Stage, number> {
  return { ...DEFAULT_STAGE_WEIGHTS, ...(config.stageWeights ?? {}) };
}

/** Personas reported: the config's list first, then any other persona named on a question. */
export function personasOf(config: Pick<Config, 'personas'>, results: QuestionResult[]): string[] {
  const out = [...config.personas];
  for (const r of results) if (r.question.persona && !out.includes(r.question.persona)) out.push(r.question.persona);
  return out;
}

export function aggregateScores(results: QuestionResult[], config: Pick<Config, 'stageWeights' | 'personas'>): Scores {
  const stages = {} as Scores['stages'];
  for (const s of STAGES) stages[s] = weightedScore(results.filter((r) => r.question.stage === s));
  const weights = stageWeights(config);
  let total = 0;
  let sum = 0;
  for (const s of STAGES) {
    const v = stages[s];
    if (v === null) continue;
    total += weights[s];
    sum += weights[s] * v;
  }
  const personas: Record<string, number> = {};
  for (const p of personasOf(config, results)) personas[p] = weightedScore(results.filter((r) => r.question.persona === p)) ?? 0;
  return { zmot: total > 0 ? round1(sum / total) : 0, stages, personas };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
