/**
 * The semantic re-ranking (shared/score/semantic.ts) with a stub similarity in place of the sentence
 * model (the real model is measured in `npm run eval` and `npm run bench:semantic`, not loaded here):
 * a marketer sees the passage that answers by meaning chosen over one that only repeats the words,
 * and without a model the report is what it was.
 */
import { describe, expect, it } from 'vitest';
import { scoreSite } from '../../../shared/score/index.ts';
import { recordingSimilarity, type PassageSimilarity } from '../../../shared/score/semantic.ts';
import { ipadCase } from './pages.ts';

const { question, config, pages } = ipadCase();

describe('semantic re-ranking of the best passages', () => {
  // The stub plays the model: the spec row means the answer, the review does not.
  const stub: PassageSimilarity = (_q, p) => (/platform/i.test(p.text) ? 0.9 : 0.1);

  it('chooses the passage the model reads as the answer, keeping each passage its own score', () => {
    const words = scoreSite({ config, questions: [question], pages }).questions[0];
    const meaning = scoreSite({ config, questions: [question], pages, similarity: stub }).questions[0];
    expect(words.best?.excerpt).toMatch(/ipad case/);
    expect(meaning.best?.excerpt).toMatch(/Platform: Apple iOS/);
    expect(meaning.best?.url).toBe('https://acme.example/star-puzzle/');
  });

  it('asks the model only about the few best passages, and a first pass that records them changes nothing', () => {
    const { similarity, asked } = recordingSimilarity();
    const recorded = scoreSite({ config, questions: [question], pages, similarity }).questions[0];
    const plain = scoreSite({ config, questions: [question], pages }).questions[0];
    expect(recorded).toEqual(plain);
    const passages = [...asked.values()].flat().map((p) => p.text);
    expect(passages.some((t) => /Platform/.test(t))).toBe(true);
    expect(passages.length).toBeLessThanOrEqual(16);
  });

  it('asks nothing about questions in a language the model does not read', () => {
    const { similarity, asked } = recordingSimilarity(['fr']);
    scoreSite({ config, questions: [question], pages, similarity });
    expect(asked.size).toBe(0);
  });
});
