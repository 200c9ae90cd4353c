/**
 * The packaged sentence model behind `--semantic` (crawler/semantic/model.ts): it loads from the npm
 * package on disk (no network), and on a question whose answer shares no word with it, it reads the
 * answering passage as closer than a review that repeats the question's words, so the report picks
 * it. One model load for the file (a few seconds at most).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSentenceModel, SENTENCE_MODEL_LANGS, similarityFor, type SentenceModel } from '../../crawler/semantic/model.ts';
import { scoreSite } from '../../shared/score/index.ts';
import { recordingSimilarity } from '../../shared/score/semantic.ts';
import { ipadCase } from '../shared/score/pages.ts';

describe('the packaged sentence model', () => {
  let model: SentenceModel;
  beforeAll(async () => {
    model = await loadSentenceModel();
  }, 60_000);

  it('gives unit vectors, the same for the same text whatever it is batched with', async () => {
    const [a, b] = await model.embed(['does this game work on the ipad', 'Platform: Apple iOS tablets and phones']);
    const [again] = await model.embed(['does this game work on the ipad']);
    expect(a.length).toBe(384);
    expect(Math.hypot(...a)).toBeCloseTo(1, 4);
    expect(Array.from(again)).toEqual(Array.from(a));
    expect(Array.from(b)).not.toEqual(Array.from(a));
  });

  it('chooses the passage that answers by meaning over a review that repeats the words', async () => {
    const { question, config, pages } = ipadCase();
    const first = recordingSimilarity(SENTENCE_MODEL_LANGS);
    const words = scoreSite({ config, questions: [question], pages, similarity: first.similarity }).questions[0];
    const similarity = await similarityFor(model.embed, first.asked);
    const meaning = scoreSite({ config, questions: [question], pages, similarity }).questions[0];
    expect(words.best?.excerpt).toMatch(/ipad case/);
    expect(meaning.best?.excerpt).toMatch(/Platform: Apple iOS/);
  });
});
