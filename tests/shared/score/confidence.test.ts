/**
 * "Answered" means the best passage is likely right (a confidence fitted on people's labels,
 * shared/score/confidence.ts) as well as visible: what a marketer reads as "this question is covered".
 */
import { describe, expect, it } from 'vitest';
import { ANSWERED_CONFIDENCE, ANSWERED_THRESHOLD, scoreSite } from '../../../shared/score/index.ts';
import { confidenceOf } from '../../../shared/score/confidence.ts';
import { QuestionResultSchema, type ProspectQuestion } from '../../../shared/schemas/index.ts';
import { page, testConfig } from './pages.ts';

const q = (id: string, text: string): ProspectQuestion => ({ id, text, stage: 'interest', weight: 1, source: 'config', lang: 'en' });

describe('answered: likely right and visible', () => {
  const config = testConfig({ brand: { name: 'Acme', domains: ['acme.example'] } });
  const pages = [
    page('<h1>How long does a water heater last?</h1><h2>Lifespan of a water heater</h2><p>A tank water heater lasts eight to twelve years; a tankless water heater lasts up to twenty years with a yearly flush.</p>', {
      url: 'https://acme.example/guides/water-heater-lifespan/',
      title: 'How long does a water heater last?',
    }),
    page('<h1>Our team</h1><h2>Who we are</h2><p>Acme was founded by two plumbers who got tired of mopping floors. We last met every customer in person.</p>', {
      url: 'https://acme.example/about/',
      title: 'About Acme',
    }),
  ];
  const scored = scoreSite({
    config,
    questions: [q('heater', 'how long does a water heater last'), q('softener', 'how long does a water softener resin bed last before replacement')],
    pages,
  });
  const [heater, softener] = scored.questions;

  it('marks a question answered when its best passage holds its words, with the confidence in the report', () => {
    expect(heater.answered).toBe(true);
    expect(heater.confidence).toBeGreaterThanOrEqual(ANSWERED_CONFIDENCE);
    expect(heater.visibility).toBeGreaterThanOrEqual(ANSWERED_THRESHOLD);
    expect(() => QuestionResultSchema.parse(heater)).not.toThrow();
  });

  it('does not mark answered a question whose best passage shares only some of its words, and lists it as a gap', () => {
    expect(softener.answered).toBe(false);
    expect(softener.confidence ?? 0).toBeLessThan(ANSWERED_CONFIDENCE);
    expect(scored.gaps.map((g) => g.questionId)).toEqual(['softener']);
  });

  it('is more confident the more of the question the passage holds', () => {
    const e = { relevance: 0.9, lexical: 1, probability: 0.8, score: 2, association: 0.5 };
    expect(confidenceOf(e)).toBeGreaterThan(confidenceOf({ ...e, relevance: 0.5 }));
    // With a sentence model the re-ranker chooses, and how clearly it backs the passage counts.
    const m = { ...e, semantic: 0.5 };
    expect(confidenceOf(m)).toBeGreaterThan(confidenceOf({ ...m, probability: 0.3 }));
  });
});
