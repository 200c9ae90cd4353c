import { describe, expect, it } from 'vitest';
import { ProspectQuestionSchema, QuestionResultSchema, ScoresSchema, GapSchema, type ProspectQuestionInput } from '../../../shared/schemas/index.ts';
import { aggregateScores } from '../../../shared/score/stages.ts';
import { ANSWERED_THRESHOLD, scoreSite } from '../../../shared/score/index.ts';
import { page, testConfig } from './pages.ts';

const q = (input: ProspectQuestionInput) => ProspectQuestionSchema.parse(input);

const pages = [
  page('<h1>What is a leak detector?</h1><p>A leak detector is a small battery device that sounds an alarm when water touches its contacts on the floor.</p>', {
    url: 'https://acme.example/guides/what-is-a-leak-detector/',
    title: 'What is a leak detector?',
  }),
  page('<h1>Acme pricing</h1><p>The Acme Sensor costs $49.00 and the Acme Hub costs $89.00. Free shipping on orders over $99.</p>', {
    url: 'https://acme.example/pricing/',
    title: 'Acme pricing: sensor and hub prices',
  }),
  page('<h1>How to find a hidden leak</h1><ol><li>Turn off every tap in the house.</li><li>Read the water meter.</li><li>Wait two hours without using water.</li><li>Read the meter again.</li></ol>', {
    url: 'https://acme.example/guides/hidden-leak/',
    title: 'How to find a hidden leak',
    head: '<meta name="robots" content="noindex">',
  }),
  page('<h1>Détecteur de fuite</h1><p>Un détecteur de fuite est un petit appareil qui sonne quand il touche l\'eau.</p>', {
    url: 'https://acme.example/fr/detecteur/',
    lang: 'fr',
    title: "Qu'est-ce qu'un détecteur de fuite ?",
  }),
];

const questions = [
  q({ id: 'q-what', text: 'what is a leak detector', stage: 'interest', weight: 2, persona: 'homeowner', lang: 'en' }),
  q({ id: 'q-hidden', text: 'how to find a hidden leak', stage: 'interest', weight: 1, persona: 'homeowner', lang: 'en' }),
  q({ id: 'q-vs', text: 'acme sensor vs rivalco', stage: 'comparison', weight: 1, lang: 'en' }),
  q({ id: 'q-price', text: 'how much does the acme sensor cost', stage: 'purchase', weight: 1, persona: 'landlord', lang: 'en' }),
  q({ id: 'q-fr', text: "qu'est-ce qu'un détecteur de fuite", stage: 'interest', weight: 1, lang: 'fr' }),
  q({ id: 'q-de', text: 'was ist ein Lecksucher', stage: 'interest', weight: 1, lang: 'de' }),
];

const config = testConfig({ brand: { name: 'Acme' }, products: ['Acme Sensor', 'Acme Hub'], competitors: [{ name: 'Rivalco' }], languages: ['en', 'fr'] });

describe('scoreSite', () => {
  const result = scoreSite({ config, questions, pages });
  const byId = new Map(result.questions.map((r) => [r.question.id, r]));

  it('returns data that matches the report schemas', () => {
    expect(() => ScoresSchema.parse(result.scores)).not.toThrow();
    for (const r of result.questions) expect(() => QuestionResultSchema.parse(r)).not.toThrow();
    for (const g of result.gaps) expect(() => GapSchema.parse(g)).not.toThrow();
  });

  it('answers a question with the page that answers it, visibility = answer × findability', () => {
    const what = byId.get('q-what')!;
    expect(what.best?.url).toBe('https://acme.example/guides/what-is-a-leak-detector/');
    expect(what.answered).toBe(true);
    expect(what.visibility).toBeGreaterThanOrEqual(ANSWERED_THRESHOLD);
    expect(what.visibility).toBeCloseTo(what.best!.answer * what.best!.findability, 2);
    expect(byId.get('q-price')!.best?.url).toBe('https://acme.example/pricing/');
  });

  it('scores a question in its own language, on pages in that language', () => {
    expect(byId.get('q-fr')!.best?.url).toBe('https://acme.example/fr/detecteur/');
    expect(byId.get('q-fr')!.answered).toBe(true);
  });

  it('lists a question answered only by a noindex page as a gap, naming the page and the reason', () => {
    const gap = result.gaps.find((g) => g.questionId === 'q-hidden');
    expect(gap?.nearestUrl).toBe('https://acme.example/guides/hidden-leak/');
    expect(gap?.missing).toContain('page is noindex');
    expect(byId.get('q-hidden')!.answered).toBe(false);
  });

  it('says what no page mentions, and when no page is in the question language', () => {
    const vs = result.gaps.find((g) => g.questionId === 'q-vs');
    expect(vs?.missing.join(' ')).toMatch(/rivalco/);
    const de = result.gaps.find((g) => g.questionId === 'q-de');
    expect(de?.nearestUrl).toBeNull();
    expect(de?.missing).toEqual(['no page in de']);
  });

  it('groups gaps by stage: interest, then comparison, then purchase', () => {
    const order = { interest: 0, comparison: 1, purchase: 2 };
    const stages = result.gaps.map((g) => order[g.stage]);
    expect([...stages].sort((a, b) => a - b)).toEqual(stages);
  });

  it('computes stage scores as the weighted mean of visibilities, and ZMOT from the stages', () => {
    const interest = ['q-what', 'q-hidden', 'q-fr', 'q-de'].map((id) => byId.get(id)!);
    const expected = (100 * interest.reduce((s, r) => s + r.question.weight * r.visibility, 0)) / interest.reduce((s, r) => s + r.question.weight, 0);
    expect(result.scores.stages.interest).toBeCloseTo(expected, 0);
    const s = result.scores.stages;
    expect(result.scores.zmot).toBeCloseTo((s.interest! + s.comparison! + s.purchase!) / 3, 0);
    expect(Object.keys(result.scores.personas)).toEqual(['homeowner', 'landlord']);
  });

  it('is deterministic: the same input gives the same output', () => {
    expect(scoreSite({ config, questions, pages })).toEqual(result);
  });

  it('uses the config questions when none are given', () => {
    const withConfig = testConfig({ brand: { name: 'Acme' }, questions: [{ id: 'c1', text: 'what is a leak detector', stage: 'interest' }] });
    const r = scoreSite({ config: withConfig, pages });
    expect(r.questions.map((x) => x.question.id)).toEqual(['c1']);
  });

  it('scores an empty crawl as zero with every question a gap', () => {
    const r = scoreSite({ config, questions, pages: [] });
    expect(r.scores.zmot).toBe(0);
    expect(r.gaps).toHaveLength(questions.length);
  });
});

describe('aggregateScores', () => {
  const result = (stage: 'interest' | 'comparison' | 'purchase', visibility: number, weight = 1, persona?: string) => ({
    question: q({ id: `${stage}-${visibility}-${weight}`, text: 'x', stage, weight, persona }),
    visibility,
    best: null,
    others: [],
    answered: visibility >= ANSWERED_THRESHOLD,
  });

  it('leaves a stage without questions out of the ZMOT score (null, not 0)', () => {
    const s = aggregateScores([result('interest', 0.8), result('purchase', 0.4)], { personas: [] });
    expect(s.stages).toEqual({ interest: 80, comparison: null, purchase: 40 });
    expect(s.zmot).toBe(60);
  });

  it('weights questions within a stage and stages by the config', () => {
    const s = aggregateScores([result('interest', 1, 3), result('interest', 0, 1), result('purchase', 0)], { personas: [], stageWeights: { interest: 3, comparison: 1, purchase: 1 } });
    expect(s.stages.interest).toBe(75);
    expect(s.zmot).toBeCloseTo((3 * 75 + 0) / 4, 1);
  });

  it('reports a configured persona with no question as 0', () => {
    const s = aggregateScores([result('interest', 0.5, 1, 'plumber')], { personas: ['landlord'] });
    expect(s.personas).toEqual({ landlord: 0, plumber: 50 });
  });
});
