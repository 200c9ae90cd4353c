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
 * The re-ranking key of the `semanticCandidates` best passages (by visibility) is
 *   (1 − semanticBlend) × visibility ÷ best visibility + semanticBlend × similarity,
 * placed above every passage the model did not judge; `semanticBlend` and the confidence weights
 * with the similarity are fitted by `npm run fit` on the dev split of the product-QA sets.
 * Each judged passage's margin (its key minus the best other judged key) is evidence for the confidence.
 * A passage's visibility, answer and factors are its own: the model changes which passage is
 * chosen, and how sure the product is that it answers, never a passage's score.
 */
import type { Passage, ProspectQuestion } from '../schemas/index.ts';
import type { ScoredAnswer } from './answer.ts';
import { WEIGHTS } from './weights.ts';

/**
 * The similarity (cosine, −1..1) of a question and a passage as a sentence model reads them, or
 * `undefined` when not known (the passage is then ranked by words only). `lang` is the language the
 * question is scored in: a model answers only for the languages it was trained on.
 */
export type PassageSimilarity = (question: ProspectQuestion, passage: Passage, lang: string | null) => number | undefined;

/**
 * Sets `semantic` and `rankKey` on the scored passages of one question when the similarity of each
 * of its best `semanticCandidates` passages is known; otherwise leaves them as they are.
 */
export function rerankBySimilarity(question: ProspectQuestion, lang: string | null, scored: ScoredAnswer[], similarity: PassageSimilarity): void {
  const withText = scored.filter((s) => s.ref?.passage);
  if (!withText.length) return;
  const order = [...withText].sort((a, b) => b.answer.visibility - a.answer.visibility || a.page.order - b.page.order);
  const top = order.slice(0, Math.max(1, Math.round(WEIGHTS.semanticCandidates)));
  const sims = top.map((s) => similarity(question, s.ref!.passage, lang));
  if (sims.some((x) => x === undefined || !Number.isFinite(x))) return;
  const best = top[0].answer.visibility;
  const lambda = WEIGHTS.semanticBlend;
  const judged = new Set(top);
  top.forEach((s, i) => {
    s.semantic = Math.round(sims[i]! * 1000) / 1000;
    s.rankKey = 1 + (1 - lambda) * (best > 0 ? s.answer.visibility / best : 0) + lambda * Math.max(0, s.semantic);
  });
  for (const s of scored) if (!judged.has(s)) s.rankKey = best > 0 ? Math.min(1, s.answer.visibility / best) : 0;
  // How clearly each judged passage wins (or loses) against the best other one: evidence for the confidence.
  top.forEach((s) => {
    const others = top.filter((o) => o !== s).map((o) => o.rankKey!);
    s.semanticMargin = Math.round((others.length ? s.rankKey! - Math.max(...others) : 1) * 1000) / 1000;
  });
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
