import { STAGES, type QuestionResult, type Scores } from '../schemas/index.ts';

/**
 * AI-answer readiness per stage, 0..100: the question-weighted mean quotability of the page that
 * best answers each question of the stage. Null for a stage where no question has such a page.
 */
export function aiReadinessByStage(results: readonly QuestionResult[]): NonNullable<Scores['aiReadiness']> {
  const out = {} as NonNullable<Scores['aiReadiness']>;
  for (const stage of STAGES) {
    let total = 0;
    let sum = 0;
    for (const r of results) {
      if (r.question.stage !== stage || !r.best) continue;
      total += r.question.weight;
      sum += r.question.weight * r.best.quotability;
    }
    out[stage] = total > 0 ? Math.round((1000 * sum) / total) / 10 : null;
  }
  return out;
}
