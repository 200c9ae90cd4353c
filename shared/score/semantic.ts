/**
 * Meaning beyond shared words: a sentence model's similarity of a question and a passage, used to
 * re-rank the few best passages the word-based scorer found for the question (never every passage
 * of every page). The model itself is not here (this folder stays pure): the caller supplies the
 * similarities (crawler/semantic/ loads a packaged model and computes them; tests pass a stub).
 *
 * How a caller learns which passages to embed: score once with a similarity that records what it
 * is asked and answers `undefined` (nothing changes then), embed those pairs, score again with the
 * answers. The passages asked for depend only on the word-based scores, so both passes agree.
 *
 * The `semanticCandidates` best passages (by visibility) are ranked again by the fitted re-ranker
 * (rerank.ts), whose evidence then includes the similarity, and placed above every passage it did not
 * judge; its weights and the confidence weights with the similarity are fitted by `npm run fit` on the
 * dev split of the product-QA sets.
 * A passage's visibility, answer and factors are its own: the model changes which passage is
 * chosen, and how sure the product is that it answers, never a passage's score.
 */
import type { Passage, ProspectQuestion } from '../schemas/index.ts';
import type { QuestionContext, ScoredAnswer } from './answer.ts';
import { rerankInputs, rerankPassages } from './rerank.ts';

/**
 * The similarity (cosine, −1..1) of a question and a passage as a sentence model reads them, or
 * `undefined` when not known (the passage is then ranked by words only). `lang` is the language the
 * question is scored in: a model answers only for the languages it was trained on.
 */
export type PassageSimilarity = ((question: ProspectQuestion, passage: Passage, lang: string | null) => number | undefined) & {
  /**
   * Optionally, what the model has seen answer questions like this one (crawler/semantic/transfer.ts):
   * [answer, margin, near], in the order of `TRANSFER_FEATURES` (rerank.ts); `undefined` when not known.
   */
  transfer?: (question: ProspectQuestion, passage: Passage, lang: string | null) => readonly number[] | undefined;
};

/**
 * Re-ranks the question's best `semanticCandidates` passages with the fitted re-ranker (rerank.ts):
 * with the sentence model's similarity of each when all are known (and sets `semantic` on them),
 * otherwise by words only. Returns whether the model judged them.
 */
export function rerankBySimilarity(ctx: QuestionContext, scored: ScoredAnswer[], similarity?: PassageSimilarity): boolean {
  const { top } = rerankInputs(ctx, scored, false);
  if (!top.length) return false;
  const sims = similarity ? top.map((s) => similarity(ctx.question, s.ref!.passage, ctx.analyzer.lang)) : [];
  const known = similarity !== undefined && sims.every((x) => x !== undefined && Number.isFinite(x));
  if (known) top.forEach((s, i) => (s.semantic = Math.round(sims[i]! * 1000) / 1000));
  if (known && similarity.transfer) {
    const transfer = top.map((s) => similarity.transfer!(ctx.question, s.ref!.passage, ctx.analyzer.lang));
    if (transfer.every((t) => t !== undefined)) top.forEach((s, i) => (s.semanticTransfer = transfer[i]));
  }
  rerankPassages(ctx, scored, known);
  return known;
}

/**
 * A similarity that answers nothing and records each passage it was asked about, per question: the
 * first pass. With `langs`, only questions scored in one of those languages (the model's) are recorded.
 */
export function recordingSimilarity(langs?: readonly string[]): { similarity: PassageSimilarity; asked: Map<ProspectQuestion, Passage[]> } {
  const asked = new Map<ProspectQuestion, Passage[]>();
  return {
    asked,
    similarity: (q, p, lang) => {
      if (langs && !langs.includes(lang ?? '')) return undefined;
      const list = asked.get(q) ?? [];
      if (!list.includes(p)) list.push(p);
      asked.set(q, list);
      return undefined;
    },
  };
}
